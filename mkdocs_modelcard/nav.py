"""Whether a page is reachable from an explicit ``nav``, and the line that would make it so.

With an explicit ``nav``, MkDocs builds every page but links only the listed
ones, so a generated index left out of it is built and then found by nobody.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml


def nav_pages(nav: Any) -> Iterator[str]:
    """Every page path an ``mkdocs.yml`` nav lists (titles and nesting skipped), normalised."""
    if isinstance(nav, str):
        yield posixpath.normpath(nav.strip()).lstrip("/")
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_pages(entry)


def missing_from_nav(nav: Any, path: str) -> bool:
    """True when ``nav`` is explicit and does not list ``path`` (relative to docs_dir)."""
    if not nav:
        return False
    return posixpath.normpath(path).lstrip("/") not in set(nav_pages(nav))


def nav_line(title: str, path: str) -> str:
    """The YAML line to add under ``nav:``, quoted where the title needs it."""
    return yaml.safe_dump([{title: path}], default_flow_style=False, allow_unicode=True, width=10_000).strip()


class _LenientLoader(yaml.SafeLoader):
    """Reads an mkdocs.yml without MkDocs: ``!ENV``, ``!relative`` and ``!!python/name`` values become None."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("!", _unknown_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def site_nav(docs_dir: Path) -> tuple[Path, Any] | None:
    """(config file, its ``nav``) of the site whose docs are ``docs_dir``, looked for beside the folder.

    For the ``index`` command, which runs without a host: None when there is no
    such file, it cannot be read, or its ``docs_dir`` is another folder.
    """
    for name in CONFIG_NAMES:
        config_file = docs_dir.parent / name
        try:
            data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506
        except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
            continue
        if not isinstance(data, dict):
            continue
        configured = data.get("docs_dir", "docs")
        if not isinstance(configured, str) or (docs_dir.parent / configured).resolve() != docs_dir.resolve():
            continue
        return config_file, data.get("nav")
    return None
