"""include/exclude are gitignore-style, as MkDocs' exclude_docs; the CLI finds the pages MkDocs builds."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sitebuild import GOOD_CARD, ORDINARY_PAGE, build_site, captured_mkdocs_logs, make_site, page, write_tree

from mkdocs_modelcard.cli import main, pages
from mkdocs_modelcard.text import glob_error, glob_match


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("patterns", "matched"),
    [
        (["*.md"], {"a.md", "x/a.md", "x/y/b.md"}),  # at any depth, as in .gitignore
        (["/a.md"], {"a.md"}),  # a leading slash anchors
        (["x/*.md"], {"x/a.md"}),  # so does a slash inside
        (["x/"], {"x/a.md", "x/y/b.md"}),  # a folder and everything in it
        (["**/b.md"], {"x/y/b.md"}),
        (["*.md", "!x/y/**"], {"a.md", "x/a.md"}),  # ! takes paths back out
    ],
)
def test_gitignore_style_patterns(patterns: list[str], matched: set[str]) -> None:
    paths = ["a.md", "x/a.md", "x/y/b.md"]
    assert {p for p in paths if glob_match(p, patterns)} == matched


def test_a_pattern_that_cannot_be_used_is_reported() -> None:
    assert glob_error(["*.md"]) is None
    assert "!" in (glob_error(["ok/", "!"]) or "")


def test_plugin_include_star_md_matches_at_any_depth(tmp_path: Path) -> None:
    files = {"lab/deep/notes.md": ORDINARY_PAGE, "top.md": ORDINARY_PAGE, "lab/skip/x_model_card.md": GOOD_CARD}
    plugin = {"modelcard": {"include": ["notes.md"], "exclude": ["/lab/skip/"]}}
    site = build_site(make_site(tmp_path, files, plugins=[plugin]))
    rows = page(site, "model-cards/index.html").select("tr.modelcard-row")
    assert [r["data-path"] for r in rows] == ["lab/deep/notes.md"]


def test_plugin_refuses_a_broken_pattern(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"a.md": ORDINARY_PAGE}, plugins=[{"modelcard": {"exclude": ["!"]}}])
    with captured_mkdocs_logs() as records, pytest.raises(Abort):
        build_site(config)
    assert "modelcard: exclude: Invalid git pattern: '!'" in [r.getMessage() for r in records]


def test_cli_include_star_md_checks_every_nested_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path / "docs", {"a.md": ORDINARY_PAGE, "x/b.md": ORDINARY_PAGE, "x/y/c.md": ORDINARY_PAGE})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "docs", "--include", "*.md", "--format", "json")
    paths = [card["path"] for card in json.loads(out)["cards"]]
    assert paths == [os.path.join("docs", *p.split("/")) for p in ("a.md", "x/b.md", "x/y/c.md")]
    code, out, err = run("check", "docs", "--include", "!")
    assert code == 2 and "--include" in err


def test_cli_sees_the_pages_mkdocs_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    write_tree(
        docs,
        {
            "a_model_card.md": GOOD_CARD,
            "b_model_card.markdown": GOOD_CARD,
            "c_model_card.mdown": GOOD_CARD,
            ".hidden/d_model_card.md": GOOD_CARD,
            ".e_model_card.md": GOOD_CARD,
            "templates/f_model_card.md": GOOD_CARD,
            "sub/templates/g_model_card.md": GOOD_CARD,  # only the top-level templates/ is MkDocs'
        },
    )
    (docs / "folder_model_card.md").mkdir()
    os.mkfifo(docs / "pipe_model_card.md")
    (docs / "sub" / "loop").symlink_to(docs, target_is_directory=True)
    found = [rel for _, rel in pages(docs)]
    assert found == ["a_model_card.md", "b_model_card.markdown", "c_model_card.mdown", "sub/templates/g_model_card.md"]
    # The same pages a site build turns into cards.
    site = build_site(make_site(tmp_path / "site", {rel: GOOD_CARD for rel in [*found, ".hidden/d_model_card.md"]}))
    rows = page(site, "model-cards/index.html").select("tr.modelcard-row")
    assert sorted(r["data-path"] for r in rows) == found
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "docs")  # a FIFO, a folder named *.md and a link loop: no hang, no error
    assert code == 0, err
    assert out.count("model_card") == 4
    code, out, _ = run("check", "docs/pipe_model_card.md")
    assert code == 1 and "not a regular file" in out
