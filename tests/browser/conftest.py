"""Real headless Chromium (Debian's package, no browser download) against the built docs site.

The site in ``mkdocs.yml`` is built once per session, in-process, into a temporary folder and
served on a loopback port.  Chromium is Debian's ``/usr/bin/chromium`` (``CHROMIUM=...``
overrides it), driven by Playwright for Python.

On a developer's machine a missing Chromium or Playwright skips these tests with the reason;
in CI (``CI=true``) it fails them, so a CI run can never pass without the browser tests.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = ROOT / "mkdocs.yml"
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, FLAGS, VIEWPORT  # noqa: E402 - shared with scripts/screenshots.py


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    """Skip on a user's machine; fail in CI, where the browser tests must run."""
    if in_ci():
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Site:
    url: str  # ends with "/"
    root: Path  # the built site folder


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not MKDOCS_YML.is_file():
        pytest.skip(f"no docs site to test: {MKDOCS_YML} does not exist yet")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = tmp_path_factory.mktemp("site")
    build(load_config(str(MKDOCS_YML), site_dir=str(root)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(url=f"http://127.0.0.1:{server.server_address[1]}/", root=root)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(site: Site) -> str:
    return site.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable('playwright is not installed (pip install -e ".[test]")')
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class Problems:
    """Console errors and uncaught exceptions seen by one page."""

    errors: list[str] = field(default_factory=list)

    def console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            self.errors.append(f"console error: {message.text} ({location.get('url', '?')})")

    def page_error(self, error: Any) -> None:
        self.errors.append(f"page error: {error}")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab (light scheme, 1280x900) whose console errors and page errors land in ``page.errors``."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    tab = context.new_page()
    problems = Problems()
    tab.on("console", problems.console)
    tab.on("pageerror", problems.page_error)
    tab.errors = problems.errors
    try:
        yield tab
    finally:
        context.close()
