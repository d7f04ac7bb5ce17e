"""The index script, loaded by the index page alone, under Material's instant navigation.

Material swaps the content in without a page load and runs the scripts it finds
there, so the script runs on every visit; it must set the table up once per
visit, never twice (a doubled click handler would sort and unsort in one click).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sitebuild import EMPTY_CARD, GOOD_CARD, build_site, make_site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("instant")
    files = {
        "index.md": "# Home\n\nWelcome.\n",
        "models/beetlenet_model_card.md": GOOD_CARD,
        "models/draft.md": EMPTY_CARD,
        "models/third_model_card.md": EMPTY_CARD.replace("license:", "license: mit"),
    }
    theme = {"name": "material", "font": False, "features": ["navigation.instant"]}
    nav = [
        {"Home": "index.md"},
        {"Model cards": "model-cards/index.md"},
        {"BeetleNet": "models/beetlenet_model_card.md"},
    ]
    root = build_site(make_site(tmp, files, theme=theme, plugins=["modelcard"], nav=nav))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def scores(page: Any) -> list[int]:
    return [int(s) for s in page.eval_on_selector_all("tr.modelcard-row", "rows => rows.map(r => r.dataset.score)")]


def test_index_script_under_instant_navigation(page: Any, instant_site: str) -> None:
    page.goto(instant_site)
    assert page.locator("script[src*='modelcard.js']").count() == 0  # not loaded off the index
    for _ in range(2):  # there and back twice, without a page load
        page.locator("a.md-nav__link:visible", has_text="Model cards").first.click()
        page.wait_for_selector("th button.modelcard-sort[data-sort=score]")
        assert page.locator("th button.modelcard-sort").count() == page.locator("th[data-sort]").count()
        page.locator("th button.modelcard-sort[data-sort=score]").click()
        assert scores(page) == sorted(scores(page), reverse=True)
        assert "dir=desc" in page.url
        page.click(
            "a.md-nav__link[href='..']"
            if page.locator("a.md-nav__link[href='..']").count()
            else "a.md-header__button.md-logo"
        )
        page.wait_for_selector("h1:has-text('Home')")
    assert page.errors == []
