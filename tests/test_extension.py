"""The Python-Markdown extension: same badge, checklist and score as the plugin, from the page's source file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from sitebuild import (
    CARDS,
    EMPTY_CARD,
    GOOD_CARD,
    ORDINARY_PAGE,
    SITE,
    build_site,
    make_site,
    page,
    write_tree,
)

from mkdocs_modelcard.card import split_front_matter
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.cli import main
from mkdocs_modelcard.engine import analyse
from mkdocs_modelcard.extension import ModelCardExtension
from mkdocs_modelcard.sources import docs_index

EXTENSIONS = ["admonition", "pymdownx.details", "attr_list", {"toc": {"permalink": True}}]


def body(text: str) -> str:
    """What Zensical hands an extension: the page without its front matter."""
    return split_front_matter(text)[1]


def convert(text: str, **options: object) -> str:
    return markdown.markdown(text, extensions=["toc", "attr_list", ModelCardExtension(**options)])


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(tmp_path / "docs", SITE)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def test_card_gets_badge_and_checklist_scored_from_its_file_with_front_matter(docs: Path) -> None:
    soup = BeautifulSoup(convert(body(GOOD_CARD)), "html.parser")
    badge = soup.select_one(".modelcard-badge")
    assert badge is not None and len(soup.select("details.modelcard-checklist")) == 1
    full = analyse(GOOD_CARD, "models/beetlenet_model_card.md", load_checklist("model")).score.percent
    without_front_matter = analyse(body(GOOD_CARD), "models/beetlenet_model_card.md", load_checklist("model"))
    assert without_front_matter.score.percent != full  # so the front matter is what makes the difference
    assert badge["data-modelcard-score"] == str(full)
    # The front matter's license is what fills the item: the page text never names one.
    assert "modelcard-filled" in soup.select_one('li[data-item-id="license"]')["class"]
    # Right after the H1, as the plugin places it.
    assert soup.select_one("h1").find_next_sibling().select_one(".modelcard-badge") is not None


def test_scores_equal_the_cli_check(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "docs", "--format", "json"]) in (0, 1)
    scores = {
        Path(c["path"]).relative_to("docs").as_posix(): c["score"] for c in json.loads(capsys.readouterr().out)["cards"]
    }
    assert sorted(scores) == CARDS
    for src in CARDS:
        html = convert(body(SITE[src]))
        badge = BeautifulSoup(html, "html.parser").select_one(".modelcard-badge")
        assert badge["data-modelcard-score"] == str(scores[src]), src


@pytest.mark.parametrize("src", ["index.md", "about.md", "guide/checklist.md", "guide/template.md"])
def test_pages_that_are_not_cards_are_unchanged_byte_for_byte(docs: Path, src: str) -> None:
    text = body(SITE[src])
    plain = markdown.markdown(text, extensions=["toc", "attr_list"])
    assert convert(text) == plain


def test_text_in_no_file_is_judged_by_its_content(docs: Path) -> None:
    """A page some other extension made up: no file, so no front matter and no file name."""
    made_up = body(GOOD_CARD).replace("BeetleNet", "MothNet")
    assert "modelcard-badge" in convert(made_up)
    assert convert(ORDINARY_PAGE + "\nMore.\n") == markdown.markdown(
        ORDINARY_PAGE + "\nMore.\n", extensions=["toc", "attr_list"]
    )


def test_front_matter_false_in_the_file_wins(docs: Path) -> None:
    (docs / "models/beetlenet_model_card.md").write_text("---\nmodelcard: false\n---\n" + body(GOOD_CARD))
    text = body(GOOD_CARD)
    assert convert(text) == markdown.markdown(text, extensions=["toc", "attr_list"])


def test_checklist_links_go_to_the_ids_toc_gave(docs: Path) -> None:
    html = markdown.markdown(
        body(GOOD_CARD).replace("### Direct Use", "### Direct Use {#direct}"),
        extensions=["toc", "attr_list", ModelCardExtension()],
        extension_configs={"toc": {"permalink": True}},
    )
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select("details.modelcard-checklist a[href^='#']")
    assert links
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None, link["href"]
    assert soup.select_one('li[data-item-id="direct_use"] a')["href"] == "#direct"


def test_same_html_as_the_plugin_in_real_mkdocs_builds(tmp_path: Path) -> None:
    """The plugin in one build, the extension alone in another: identical badge and checklist."""
    plugin_site = build_site(make_site(tmp_path / "plugin", SITE, markdown_extensions=EXTENSIONS))
    extension = [*EXTENSIONS, {"mkdocs_modelcard.extension": {"docs_dir": str(tmp_path / "ext" / "docs")}}]
    ext_site = build_site(make_site(tmp_path / "ext", SITE, plugins=[], markdown_extensions=extension))
    for src in CARDS:
        rel = src[:-3] + "/index.html"
        a, b = page(plugin_site, rel), page(ext_site, rel)
        assert str(a.select_one("details.modelcard-checklist")) == str(b.select_one("details.modelcard-checklist"))
        assert str(a.select_one(".modelcard-badge-line")) == str(b.select_one(".modelcard-badge-line"))
    for src in ["about.md", "guide/checklist.md", "guide/template.md"]:
        assert not page(ext_site, src[:-3] + "/index.html").select(".modelcard-badge, .modelcard-checklist")


def test_one_markdown_instance_for_many_pages(docs: Path) -> None:
    md = markdown.Markdown(extensions=["toc", ModelCardExtension()])
    assert "modelcard-badge" in md.convert(body(GOOD_CARD))
    md.reset()
    assert "modelcard" not in md.convert(ORDINARY_PAGE)
    md.reset()
    assert "modelcard-badge" in md.convert(body(EMPTY_CARD))


def test_identical_bodies_resolve_to_the_first_path(docs: Path) -> None:
    """Two files, one body: the first by path is taken, whatever order the folder lists them in."""
    text = body(EMPTY_CARD)
    (docs / "models/a_copy.md").write_text("---\nmodelcard: false\n---\n" + text, encoding="utf-8")
    # models/a_copy.md sorts before models/draft.md, and says it is not a card.
    assert convert(text) == markdown.markdown(text, extensions=["toc", "attr_list"])


def test_an_edited_file_is_read_again(docs: Path) -> None:
    before = BeautifulSoup(convert(body(EMPTY_CARD)), "html.parser").select_one(".modelcard-badge")
    assert before["data-modelcard-score"] == "0"
    target = docs / "models/draft.md"
    edited = "---\nlicense: mit\n---\n" + body(EMPTY_CARD)
    target.write_text(edited, encoding="utf-8")
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    after = BeautifulSoup(convert(body(EMPTY_CARD)), "html.parser").select_one(".modelcard-badge")
    expected = analyse(edited, "models/draft.md", load_checklist("model")).score.percent
    assert expected > 0 and after["data-modelcard-score"] == str(expected)


def test_the_folder_is_walked_once_for_a_whole_site(docs: Path) -> None:
    index = docs_index(docs)
    walks = index.walks
    for src in SITE:
        convert(body(SITE[src]))
    assert index.walks - walks <= 1


def test_options(docs: Path) -> None:
    text = body(GOOD_CARD)
    soup = BeautifulSoup(convert(text, badge=False, inline_css=False, checklist_open=True), "html.parser")
    assert not soup.select(".modelcard-badge") and not soup.select("style")
    assert soup.select_one("details.modelcard-checklist").has_attr("open")
    bottom = convert(text, checklist_placement="bottom")
    assert bottom.rstrip().endswith("</details>")
    assert convert(text, exclude=["models/*"]) == markdown.markdown(text, extensions=["toc", "attr_list"])
    soup = BeautifulSoup(convert(text, bands={"good": 95, "fair": 10}), "html.parser")
    assert soup.select_one(".modelcard-badge")["data-modelcard-band"] == "fair"


@pytest.mark.parametrize(
    ("option", "value"),
    [("fail_under", "high"), ("checklist_placement", "middle"), ("include", 3), ("bands", [1]), ("exclude", ["!"])],
)
def test_bad_options_are_refused_with_a_message(option: str, value: object) -> None:
    with pytest.raises(ValueError, match=option):
        ModelCardExtension(**{option: value})


def test_true_and_false_are_read_as_python_markdown_reads_them() -> None:
    assert ModelCardExtension(badge="false").settings.badge is False
    with pytest.raises(ValueError):
        ModelCardExtension(badge="sometimes")


def test_unknown_checklist_is_an_error_not_a_crash(docs: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = body(GOOD_CARD)
    assert convert(text, checklist="nope.yml") == markdown.markdown(text, extensions=["toc", "attr_list"])
    convert(body(EMPTY_CARD), checklist="nope.yml")
    assert len([r for r in caplog.records if "nope.yml" in r.getMessage() and r.levelname == "ERROR"]) == 1


def test_fail_under_warns(docs: Path, caplog: pytest.LogCaptureFixture) -> None:
    convert(body(EMPTY_CARD), fail_under=50)
    [line] = [r.getMessage() for r in caplog.records if "below fail_under 50%" in r.getMessage()]
    assert line.startswith("models/draft.md: ")
    missing = line.split("missing required items: ", 1)[1].split("; ")
    assert {"Speeds, Sizes, Times", "License (General Information)", "Metrics (Evaluation)"} <= set(missing)


def test_hostile_card_values_are_escaped(docs: Path) -> None:
    hostile = '---\ntitle: "<script>x</script>"\nlicense: "<b>mit</b>"\n---\n' + body(EMPTY_CARD).replace(
        "## Uses", "## <img src=x onerror=alert(1)> Uses"
    )
    (docs / "models/draft.md").write_text(hostile, encoding="utf-8")
    html = convert(body(hostile))
    checklist = str(BeautifulSoup(html, "html.parser").select_one("details.modelcard-checklist"))
    assert "<script>" not in checklist and "<img" not in checklist


def test_missing_docs_dir_and_unreadable_files_do_not_break_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = body(GOOD_CARD)
    assert "modelcard-badge" in convert(text, docs_dir="no-such-folder")  # judged by its content
    write_tree(tmp_path / "docs", {"bad.md": b"\xff\xfe# Model Card\x00", "about.md": ORDINARY_PAGE})
    assert convert(ORDINARY_PAGE) == markdown.markdown(ORDINARY_PAGE, extensions=["toc", "attr_list"])


def test_template_dir_replaces_a_built_in_template(docs: Path) -> None:
    own = docs.parent / "overrides"
    own.mkdir()
    (own / "badge.html").write_text('<span class="our-badge">{{ percent }}%</span>', encoding="utf-8")
    soup = BeautifulSoup(convert(body(GOOD_CARD), template_dir="overrides"), "html.parser")
    assert (
        soup.select_one(".modelcard-badge-line .our-badge").get_text()
        == f"{analyse(GOOD_CARD, 'models/beetlenet_model_card.md', load_checklist('model')).score.percent}%"
    )
    assert soup.select_one("details.modelcard-checklist") is not None  # the others stay built-in
