"""The documentation must keep up with the code.

Every option declared in ``ModelCardConfig`` (including the keys of nested
sub-configs such as ``bands.good``) must have a row in the reference table of
``docs/configuration.md`` showing its exact default, and a section of its own.
Every item of each built-in checklist must appear in its section of ``docs/checklist.md``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import config_options as c

from mkdocs_modelcard.checklist import builtin_names, load_checklist
from mkdocs_modelcard.config import ModelCardConfig

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CONFIGURATION = DOCS / "configuration.md"


def options(schema: Any = ModelCardConfig._schema, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted name, default) of every option; a SubConfig yields its own keys instead of a default."""
    for name, option in schema:
        if isinstance(option, c.SubConfig) and isinstance(getattr(option, "config_class", None), type):
            yield from options(option.config_class._schema, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", option.default


def sub_configs() -> list[str]:
    return [name for name, option in ModelCardConfig._schema if isinstance(option, c.SubConfig)]


def yaml_forms(value: Any) -> list[str]:
    """How a default may be written in the docs, as YAML inside backticks."""
    if value is None:
        return ["`null`"]
    if isinstance(value, bool):
        return ["`true`" if value else "`false`"]
    if isinstance(value, (int, float)):
        return [f"`{value:g}`"]
    if isinstance(value, str):
        return [f"`{value}`", f'`"{value}"`', f"`'{value}'`"]
    if isinstance(value, (list, tuple)) and not value:
        return ["`[]`"]
    if isinstance(value, (list, tuple)):
        return ["`[" + ", ".join(str(v) for v in value) + "]`"]
    if isinstance(value, dict) and not value:
        return ["`{}`"]
    raise AssertionError(f"no documented form for default {value!r}; extend yaml_forms()")


def reference_rows() -> dict[str, str]:
    """Reference table rows of configuration.md, by the option named in the first cell."""
    rows = {}
    for line in CONFIGURATION.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        first = line.strip("|").split("|", 1)[0]
        match = re.search(r"`([a-z_][a-z0-9_.]*)`", first)
        if match:
            rows.setdefault(match.group(1), line)
    return rows


def section_defaults() -> dict[str, str]:
    """Per-option sections: ``### `name` `` followed (within a few lines) by ``Default: ...``."""
    text = CONFIGURATION.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"^###\s+`([a-z_][a-z0-9_.]*)`[^\n]*\n((?:.*\n){0,4})", text, re.MULTILINE):
        default = re.search(r"^Default:\s*(.+)$", match.group(2), re.MULTILINE)
        found[match.group(1)] = default.group(1) if default else ""
    return found


OPTIONS = list(options())


def test_schema_is_walked() -> None:
    names = [name for name, _ in OPTIONS]
    assert "enabled" in names
    assert "bands.good" in names and "bands.fair" in names
    assert "bands" not in names  # replaced by its keys


@pytest.mark.parametrize(("name", "default"), OPTIONS, ids=[name for name, _ in OPTIONS])
def test_option_is_in_reference_table_with_its_default(name: str, default: Any) -> None:
    rows = reference_rows()
    assert name in rows, f"docs/configuration.md: no reference table row for option `{name}`"
    forms = yaml_forms(default)
    assert any(form in rows[name] for form in forms), (
        f"docs/configuration.md: the row of `{name}` does not show its default {' or '.join(forms)}:\n{rows[name]}"
    )


@pytest.mark.parametrize(("name", "default"), OPTIONS, ids=[name for name, _ in OPTIONS])
def test_option_has_a_section_with_its_default(name: str, default: Any) -> None:
    sections = section_defaults()
    assert name in sections, f"docs/configuration.md: no '### `{name}`' section"
    forms = yaml_forms(default)
    assert any(form in sections[name] for form in forms), (
        f"docs/configuration.md: section `{name}` does not start with 'Default: {forms[0]}'"
    )


@pytest.mark.parametrize("name", sub_configs())
def test_sub_config_is_documented(name: str) -> None:
    assert name in reference_rows(), f"docs/configuration.md: no reference table row for `{name}`"
    assert name in section_defaults(), f"docs/configuration.md: no '### `{name}`' section"


def test_no_documented_option_is_unknown() -> None:
    """A row or section for an option that no longer exists would mislead users."""
    known = {name for name, _ in OPTIONS} | set(sub_configs())
    documented = set(reference_rows()) | set(section_defaults())
    # The reference table is the only table whose first cell names options; other
    # tables (e.g. badge URLs) name files, which contain '/' or '.md' and are skipped here.
    documented = {name for name in documented if "/" not in name and not name.endswith(".md")}
    assert documented <= known, f"documented but not in config.py: {sorted(documented - known)}"


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_checklist_item_is_documented(name: str) -> None:
    text = (DOCS / "checklist.md").read_text(encoding="utf-8")
    checklist = load_checklist(name)
    section = re.search(
        rf"^## {re.escape(checklist.title)} checklist\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    assert section, f"docs/checklist.md has no '## {checklist.title} checklist' section"
    body = section.group(1)
    missing = [item.id for item in checklist.items if f"`{item.id}`" not in body]
    assert not missing, f"docs/checklist.md, {checklist.title} checklist, does not list: {missing}"
    assert f"**{len(checklist.items)} items in {len(checklist.groups)} groups**" in body
    assert f"**{len(checklist.required)} are required**" in body


def test_checklist_tables_are_generated_from_the_checklists() -> None:
    """docs/checklist.md shows what the YAML files say: ``python scripts/checklist_tables.py`` rewrites it."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "checklist_tables.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
