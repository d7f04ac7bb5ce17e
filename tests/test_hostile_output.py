"""What a card's author writes never escapes its place in logs, terminals or the built site."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sitebuild import GOOD_CARD, build_site, captured_mkdocs_logs, make_site, page, write_tree

from mkdocs_modelcard.cli import main
from mkdocs_modelcard.safetext import clean, one_line

BODY = GOOD_CARD.split("---\n", 2)[2]
BAD_CHECKLIST = json.dumps("x\n::error::y")
INJECTED = "Beetle\n::error file=README.md,line=1::x\r\n::add-mask::secret\x1b[31m\u202e"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_one_line_and_clean() -> None:
    assert one_line("a\nb\x1b[0m\u2028") == "a\\nb\\x1b[0m\\u2028"
    assert one_line("plain é ✓") == "plain é ✓"
    assert clean(" a\n\tb\x00c ") == "a b c"


def test_text_report_cannot_start_a_workflow_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    card = f"---\ntitle: {json.dumps(INJECTED)}\nmodelcard:\n  checklist: {BAD_CHECKLIST}\n---\n"
    write_tree(tmp_path / "docs", {"a_model_card.md": card + BODY})
    monkeypatch.chdir(tmp_path)
    _, out, err = run("check", "docs")
    for line in (out + err).splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "\x1b" not in line and "\r" not in line and "\u202e" not in line
    assert "Beetle" in out and "modelcard.checklist" in err
    # The title itself is cleaned for every output, the JSON report too.
    title = json.loads(run("check", "docs", "--format", "json")[1])["cards"][0]["title"]
    assert title == "Beetle ::error file=README.md,line=1::x ::add-mask::secret [31m"


def test_build_log_lines_stay_one_line(tmp_path: Path) -> None:
    card = f"---\nmodelcard:\n  checklist: {BAD_CHECKLIST}\n---\n" + BODY
    with captured_mkdocs_logs() as records:
        site = build_site(make_site(tmp_path, {"a_model_card.md": card}))
    messages = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert messages and all("\n" not in m for m in messages)
    assert any("modelcard.checklist" in m for m in messages)
    index = page(site, "model-cards/index.html")
    assert index.select("tr.modelcard-row")


def test_control_characters_do_not_reach_the_index(tmp_path: Path) -> None:
    card = f"---\ntitle: {json.dumps(INJECTED)}\n---\n" + BODY
    site = build_site(make_site(tmp_path, {"a_model_card.md": card}))
    raw = str(page(site, "model-cards/index.html").select_one(".modelcard-index-page"))  # the theme's nav is MkDocs'
    assert "\x1b" not in raw and "\u202e" not in raw
    assert "Beetle ::error" in page(site, "model-cards/index.html").select_one(".modelcard-col-title").get_text()


@pytest.mark.parametrize(
    ("index_path", "needle"),
    [
        ("/tmp/elsewhere/index.md", "relative to docs_dir"),
        ("../x.md", "leaves docs_dir"),
        ("cards/../../x.md", "leaves docs_dir"),
        ("model-cards/index.html", "Markdown page"),
        ("", "expected a page path"),
    ],
)
def test_index_path_is_validated(tmp_path: Path, index_path: str, needle: str) -> None:
    config = make_site(tmp_path, {"a_model_card.md": GOOD_CARD}, plugins=[{"modelcard": {"index_path": index_path}}])
    with captured_mkdocs_logs() as records, pytest.raises(Abort):
        build_site(config)
    errors = [r.getMessage() for r in records if r.levelname == "ERROR"]
    assert any(f"modelcard: index_path {index_path!r}" in e and needle in e for e in errors), errors


def test_index_path_is_normalised(tmp_path: Path) -> None:
    config = make_site(
        tmp_path, {"a_model_card.md": GOOD_CARD}, plugins=[{"modelcard": {"index_path": "./cards//list.md"}}]
    )
    site = build_site(config)
    assert page(site, "cards/list/index.html").select("tr.modelcard-row")
    assert (site / "cards/cards.json").is_file()


def test_the_sites_own_files_are_not_replaced(tmp_path: Path) -> None:
    files = {
        "a_model_card.md": GOOD_CARD,
        "model-cards/cards.json": '{"mine": true}\n',
        "model-cards/badges/a_model_card.svg": "<svg>mine</svg>\n",
    }
    with captured_mkdocs_logs() as records:
        site = build_site(make_site(tmp_path, files))
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    for path in ("model-cards/cards.json", "model-cards/badges/a_model_card.svg"):
        assert any(
            w.endswith(f"{path}: the site has a file of its own here; the generated one is not written")
            for w in warnings
        )
        assert (site / path).read_text(encoding="utf-8") == files[path]


def test_clashing_badge_names_are_reported(tmp_path: Path) -> None:
    files = {"a-b_model_card.md": GOOD_CARD, "A/B_model_card.md": GOOD_CARD}
    with captured_mkdocs_logs() as records:
        site = build_site(make_site(tmp_path, files))
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any("would share the badge name a-b_model_card.svg" in w for w in warnings), warnings
    badges = sorted(p.name for p in (site / "model-cards/badges").iterdir())
    assert len(badges) == 2 and all(b.startswith("a-b_model_card~") for b in badges)
