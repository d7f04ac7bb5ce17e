"""Whether a page is reachable from an explicit ``nav``, and the line that would make it so.

With an explicit ``nav``, MkDocs builds every page but links only the listed
ones, so a generated index left out of it is built and then found by nobody.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
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
