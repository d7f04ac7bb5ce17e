"""Regenerate the screenshots used by the README and the docs from the current code.

Builds the bundled docs site, serves it on a loopback port and photographs a
card page (checklist expanded) and the index with Debian's Chromium, driven by
Playwright (no browser download):

    python scripts/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import os
import tempfile
import threading
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "assets" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CARD_PAGE = "examples/beetle-classifier_model_card/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=tmp)
        build(config)
        handler = functools.partial(QuietHandler, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
                page.goto(base + CARD_PAGE)
                page.click("details.modelcard-checklist > summary")
                page.locator("h1").first.scroll_into_view_if_needed()
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / "card-page.png"))
                page.goto(base + "model-cards/")
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / "index-page.png"), full_page=True)
                browser.close()
        finally:
            server.shutdown()
    print(f"wrote {OUT / 'card-page.png'} and {OUT / 'index-page.png'}")


if __name__ == "__main__":
    main()
