"""Regenerate the screenshots used by the README and the docs from the current code.

Builds the docs site (mkdocs.yml) into a temporary folder, serves it on a loopback port and
photographs, in Debian's Chromium driven by Playwright (no browser download), light scheme,
1280x900 viewport:

- docs/assets/screenshots/card-page.png: an example card page with its checklist expanded
- docs/assets/screenshots/index-page.png: the generated model card index

    python scripts/screenshots.py [--card examples/beetle-classifier_model_card/] [--full-page]

Needs `apt-get install chromium` and `pip install -e ".[test]"` (Playwright); CHROMIUM=/path overrides
the browser.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, FLAGS, VIEWPORT  # noqa: E402 - after the path is set

OUT = ROOT / "docs" / "assets" / "screenshots"
CARD_PAGE = "examples/beetle-classifier_model_card/"
INDEX_PAGE = "model-cards/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def shoot(base: str, card: str, full_page: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    card_png, index_png = OUT / "card-page.png", OUT / "index-page.png"
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, color_scheme="light")
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))

            response = page.goto(base + card)
            if response is None or not response.ok:
                raise SystemExit(f"{card}: HTTP {response and response.status}")
            if page.locator("details.modelcard-checklist").count() != 1:
                raise SystemExit(f"{card} has no modelcard checklist: is it a model card?")
            page.click("details.modelcard-checklist > summary")
            page.wait_for_function("document.querySelector('details.modelcard-checklist').hasAttribute('open')")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(card_png), full_page=full_page)

            response = page.goto(base + INDEX_PAGE)
            if response is None or not response.ok:
                raise SystemExit(f"{INDEX_PAGE}: HTTP {response and response.status}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(index_png), full_page=full_page)
        finally:
            browser.close()
    for error in errors:
        print(f"warning: browser console error: {error}", file=sys.stderr)
    return [card_png, index_png]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--card", default=CARD_PAGE, help=f"site path of the card page (default {CARD_PAGE})")
    parser.add_argument("--full-page", action="store_true", help="whole pages instead of the 1280x900 viewport")
    args = parser.parse_args(argv)

    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM=/path)", file=sys.stderr)
        return 1
    try:
        import playwright  # noqa: F401
    except ImportError:
        print('Playwright is not installed: pip install -e ".[test]"', file=sys.stderr)
        return 1

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=tmp))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=tmp))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            written = shoot(f"http://127.0.0.1:{server.server_address[1]}/", args.card, args.full_page)
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
