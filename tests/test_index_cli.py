"""``mkdocs-modelcard index``: the plugin's generated files, written into the docs for hosts without plugins."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import EMPTY_CARD, GOOD_CARD, ORDINARY_PAGE, build_site, make_site, page, write_tree

from mkdocs_modelcard.cli import main
from mkdocs_modelcard.output import GENERATED_MARK, page_url, relative_url

SITE = {
    "index.md": "# Home\n\nWelcome.\n",
    "models/beetlenet_model_card.md": GOOD_CARD,
    "models/deep/draft.md": EMPTY_CARD,
    "about.md": ORDINARY_PAGE,
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(tmp_path / "docs", SITE)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def index_div(html: str) -> str:
    return str(BeautifulSoup(html, "html.parser").select_one(".modelcard-index-page"))


@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "file-urls"])
def test_same_files_as_the_plugin_generates(tmp_path: Path, directory_urls: bool) -> None:
    config = make_site(tmp_path, SITE, use_directory_urls=directory_urls)
    site = build_site(config)
    out = tmp_path / "docs" / "model-cards"
    flags = [] if directory_urls else ["--no-directory-urls"]
    code, stdout, _ = run("index", str(tmp_path / "docs"), "--output", str(out), *flags)
    assert code == 0, stdout
    assert (out / "cards.json").read_bytes() == (site / "model-cards/cards.json").read_bytes()
    badges = sorted(p.name for p in (out / "badges").iterdir())
    assert badges == sorted(p.name for p in (site / "model-cards/badges").iterdir())
    for name in badges:
        assert (out / "badges" / name).read_bytes() == (site / "model-cards/badges" / name).read_bytes()
    plugin_index = (site / "model-cards/index.html").read_text(encoding="utf-8")
    written = (out / "index.md").read_text(encoding="utf-8")
    assert index_div(written) == index_div(plugin_index)
    assert written.startswith("---\nmodelcard: false\n---\n") and "# Model cards\n" in written
    for name in ("modelcard.css", "modelcard.js"):
        assert (out / name).read_bytes() == (site / "assets/modelcard" / name).read_bytes()


def test_links_are_relative_to_the_output_folder(docs: Path) -> None:
    assert run("index", "docs", "--output", "docs/a/b")[0] == 0
    soup = BeautifulSoup((docs / "a/b/index.md").read_text(encoding="utf-8"), "html.parser")
    hrefs = sorted({a["href"] for a in soup.select("tr.modelcard-row a")})
    assert hrefs == ["../../models/beetlenet_model_card/", "../../models/deep/draft/"]


def test_unchanged_files_are_not_rewritten(docs: Path) -> None:
    code, out, _ = run("index", "docs", "--output", "docs/model-cards")
    assert code == 0 and "6 written, 0 unchanged" in out
    files = sorted(p for p in (docs / "model-cards").rglob("*") if p.is_file())
    old = 1_000_000_000_000_000_000
    for path in files:
        os.utime(path, ns=(old, old))
    code, out, _ = run("index", "docs", "--output", "docs/model-cards")
    assert code == 0 and "0 written, 6 unchanged, 0 removed" in out
    assert all(p.stat().st_mtime_ns == old for p in files)
    # One card edited: its badge, cards.json and the index change; nothing else is touched.
    (docs / "models/deep/draft.md").write_text(EMPTY_CARD.replace("license:", "license: mit"), encoding="utf-8")
    code, out, _ = run("index", "docs", "--output", "docs/model-cards")
    changed = sorted(p.relative_to(docs / "model-cards").as_posix() for p in files if p.stat().st_mtime_ns != old)
    assert changed == ["badges/models-deep-draft.svg", "cards.json", "index.md"], out
    assert not list((docs / "model-cards").rglob(".*"))  # no partial file left behind


def test_badges_of_removed_cards_are_removed(docs: Path) -> None:
    run("index", "docs", "--output", "docs/model-cards")
    (docs / "models/deep/draft.md").unlink()
    code, out, _ = run("index", "docs", "--output", "docs/model-cards")
    assert code == 0 and "1 removed" in out
    assert [p.name for p in (docs / "model-cards/badges").iterdir()] == ["models-beetlenet_model_card.svg"]


def test_an_authors_own_index_is_never_overwritten(docs: Path) -> None:
    own = docs / "model-cards" / "index.md"
    own.parent.mkdir()
    own.write_text("# Our models\n\nHand-written.\n", encoding="utf-8")
    code, _, err = run("index", "docs", "--output", "docs/model-cards")
    assert code == 1 and "not a generated index" in err
    assert own.read_text(encoding="utf-8") == "# Our models\n\nHand-written.\n"


def test_generated_index_is_not_taken_for_a_card(docs: Path) -> None:
    run("index", "docs", "--output", "docs/model-cards", "--title", "Model card index")
    _, out, _ = run("check", "docs")
    assert "model-cards" not in out and "2 model cards" in out
    assert GENERATED_MARK in (docs / "model-cards/index.md").read_text(encoding="utf-8")


def test_usage_errors(docs: Path) -> None:
    assert run("index", "docs", "--output", "elsewhere")[0] == 2
    assert run("index", "nowhere", "--output", "nowhere/x")[0] == 2
    assert run("index", "docs", "--output", "docs/x", "--checklist", "missing.yml")[0] == 2
    assert run("index", "docs", "--output", "docs/x", "--checklists", "broken")[0] == 2
    assert not (docs / "x").exists()


def test_unreadable_page_is_reported_and_the_index_still_written(docs: Path) -> None:
    (docs / "bad.md").write_bytes(b"# Model Card\xff\n")
    code, _, err = run("index", "docs", "--output", "docs/model-cards")
    assert code == 0 and "bad.md" in err
    assert (docs / "model-cards/index.md").is_file()


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src", ["index.md", "a/index.md", "a/README.md", "a/b.md", "a/b/c.md"])
def test_page_urls_follow_mkdocs(src: str, directory_urls: bool) -> None:
    from mkdocs.structure.files import File

    url = File(src, "/docs", "/site", use_directory_urls=directory_urls).url
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("url", "other"),
    [("a/b/", "c/"), ("a/b.html", "c/index.html"), ("a/", "a/"), ("x/", ""), ("", "a/b/"), ("a/b/", "a/b/c/")],
)
def test_relative_urls_follow_mkdocs(url: str, other: str) -> None:
    from mkdocs.utils import get_relative_url

    assert relative_url(url, other) == get_relative_url(url, other)


def test_index_is_linked_from_the_zensical_style_page(tmp_path: Path) -> None:
    """An MkDocs build without the plugin, of the files the command wrote: the index page works as a page."""
    write_tree(tmp_path / "docs", SITE)
    assert run("index", str(tmp_path / "docs"), "--output", str(tmp_path / "docs/model-cards"))[0] == 0
    site = build_site(make_site(tmp_path, {}, plugins=[]))
    soup = page(site, "model-cards/index.html")
    assert len(soup.select("tr.modelcard-row")) == 2
    for link in soup.select("tr.modelcard-row a"):
        assert (site / "model-cards" / link["href"] / "index.html").resolve().is_file()
    assert soup.select_one('script[src="modelcard.js"]') is not None


def test_index_missing_from_the_sites_explicit_nav_is_told(docs: Path) -> None:
    """Zensical has no plugin to say it, so the command reads the nav of the mkdocs.yml beside DOCS_DIR."""
    config = docs.parent / "mkdocs.yml"
    config.write_text(
        "site_name: X\nextra:\n  key: !ENV [KEY, none]\nnav:\n  - Home: index.md\n  - Models:\n"
        "      - BeetleNet: models/beetlenet_model_card.md\n",
        encoding="utf-8",
    )
    _, _, err = run("index", "docs", "--output", "docs/model-cards")
    assert err.strip().endswith("add this line under nav: - Model cards: model-cards/index.md"), err
    config.write_text(config.read_text(encoding="utf-8") + "  - Model cards: model-cards/index.md\n", encoding="utf-8")
    assert run("index", "docs", "--output", "docs/model-cards")[2] == ""
    config.write_text("site_name: X\ndocs_dir: elsewhere\nnav:\n  - Home: index.md\n", encoding="utf-8")
    assert run("index", "docs", "--output", "docs/model-cards")[2] == ""  # another site's nav
    config.write_text("site_name: X\n", encoding="utf-8")
    assert run("index", "docs", "--output", "docs/model-cards")[2] == ""  # automatic nav
