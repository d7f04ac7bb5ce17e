"""A real `mkdocs serve`: edit a card on disk and watch the badge and index follow."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import EMPTY_CARD, GOOD_CARD, make_site

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse

TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


def percent(text: str) -> int:
    return analyse(text, "x.md", load_checklist("model")).score.percent


@pytest.fixture
def served_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    config = make_site(
        tmp_path,
        {"index.md": "# Home\n", "models/a_model_card.md": EMPTY_CARD, "models/b_model_card.md": GOOD_CARD},
        theme={"name": "mkdocs"},
    )
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        if wait_for(lambda: fetch(base) is not None or proc.poll() is not None, "the server to start") and proc.poll():
            pytest.fail(f"mkdocs serve exited: {proc.stdout.read().decode() if proc.stdout else ''}")
        yield base, tmp_path / "docs"
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode is not None


def card_state(base: str) -> tuple[list[str], int] | None:
    html = fetch(base + "models/a_model_card/")
    if html is None:
        return None
    soup = BeautifulSoup(html, "html.parser")
    scores = [b["data-modelcard-score"] for b in soup.select(".modelcard-badge")]
    return scores, len(soup.select("details.modelcard-checklist"))


def index_scores(base: str) -> dict[str, str]:
    soup = BeautifulSoup(fetch(base + "model-cards/") or "", "html.parser")
    return {row["data-path"]: row["data-score"] for row in soup.select("tr.modelcard-row")}


def test_editing_a_card_updates_badge_and_index_without_doubling(served_site: tuple[str, Path]) -> None:
    base, docs = served_site
    before = percent(EMPTY_CARD)
    assert card_state(base) == ([str(before)], 1)
    assert index_scores(base)["models/a_model_card.md"] == str(before)

    edited = GOOD_CARD.replace("BeetleNet", "EditedNet")
    after = percent(edited)
    assert after != before
    (docs / "models/a_model_card.md").write_text(edited, encoding="utf-8")

    wait_for(lambda: card_state(base) == ([str(after)], 1), "the rebuilt card page")
    wait_for(lambda: index_scores(base).get("models/a_model_card.md") == str(after), "the rebuilt index")
    assert len(index_scores(base)) == 2

    # A second edit: still exactly one badge and one checklist on the page.
    (docs / "models/a_model_card.md").write_text(EMPTY_CARD, encoding="utf-8")
    wait_for(lambda: card_state(base) == ([str(before)], 1), "the second rebuild")
    page_html = fetch(base + "models/a_model_card/") or ""
    assert len(re.findall(r'class="modelcard-badge ', page_html)) == 1
