"""docs/hosts.md documents every option of the Python-Markdown extension with its default, and no other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_docs import yaml_forms

from mkdocs_modelcard.config import ModelCardConfig
from mkdocs_modelcard.extension import ModelCardExtension

HOSTS = Path(__file__).resolve().parents[1] / "docs" / "hosts.md"
OPTIONS = ModelCardExtension().getConfigs()


def documented() -> dict[str, str]:
    """The options table of the extension: option name -> its Default cell."""
    text = HOSTS.read_text(encoding="utf-8")
    section = text.split("### Options of the extension", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`([a-z_]+)`", cells[0]) if len(cells) >= 3 else None
        if match:
            rows[match.group(1)] = cells[1]
    return rows


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_every_option_is_documented_with_its_default(name: str) -> None:
    rows = documented()
    assert name in rows, f"docs/hosts.md: no row for the extension's option `{name}`"
    default = OPTIONS[name]
    forms = ['`""`'] if default == "" else yaml_forms(default)
    assert rows[name] in forms, f"docs/hosts.md: `{name}` shows {rows[name]}, not {' or '.join(forms)}"


def test_no_unknown_option_is_documented() -> None:
    assert set(documented()) <= set(OPTIONS)


def test_shared_options_keep_the_plugins_defaults() -> None:
    plugin = {name: option.default for name, option in ModelCardConfig._schema}
    shared = set(OPTIONS) & set(plugin) - {"fail_under", "bands"}
    assert shared >= {"checklist", "include", "exclude", "auto_detect", "badge", "checklist_placement"}
    for name in shared:
        assert OPTIONS[name] == plugin[name], name
