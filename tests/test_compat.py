"""Builds together with the plugins an Imageomics-style site uses, and template overrides."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from sitebuild import EMPTY_CARD, GOOD_CARD, ORDINARY_PAGE, build_site, captured_mkdocs_logs, make_site, page

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


MACRO_CARD = GOOD_CARD.replace(
    "BeetleNet sorts photographs",
    "BeetleNet ({{ 7*7 }} layers deep in jest) sorts photographs",
)


TWO_CARDS = {"models/beetle_model_card/index.html": GOOD_CARD, "models/draft_model_card/index.html": EMPTY_CARD}


def percent(text: str) -> int:
    return analyse(text, "x.md", load_checklist("model")).score.percent


def assert_cards(site: Path, cards: dict[str, str]) -> None:
    for html, text in cards.items():
        soup = page(site, html)
        badges = soup.select(".modelcard-badge")
        assert len(badges) == 1, html
        assert badges[0]["data-modelcard-score"] == str(percent(text)), html
        assert len(soup.select("details.modelcard-checklist")) == 1, html
    index = page(site, "model-cards/index.html")
    assert len(index.select("tr.modelcard-row")) == len(cards)


@pytest.mark.skipif(not installed("material"), reason="mkdocs-material not installed")
def test_material_with_search_tags_and_blog(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        "about.md": ORDINARY_PAGE,
        "models/beetle_model_card.md": GOOD_CARD,
        "models/draft_model_card.md": EMPTY_CARD,
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/hello.md": "---\ndate: 2026-01-02\n---\n\n# Hello\n\nWe published a model card.\n",
    }
    config = make_site(
        tmp_path,
        files,
        theme={"name": "material", "palette": [{"scheme": "default"}, {"scheme": "slate"}]},
        plugins=["search", "tags", {"blog": {"blog_dir": "blog"}}, "modelcard"],
        markdown_extensions=["admonition", "pymdownx.details", "pymdownx.tasklist", "attr_list", "md_in_html"],
    )
    with captured_mkdocs_logs() as records:
        site = build_site(config, strict=True)
    assert not [r.getMessage() for r in records if r.levelname in ("WARNING", "ERROR")]
    assert_cards(
        site, {"models/beetle_model_card/index.html": GOOD_CARD, "models/draft_model_card/index.html": EMPTY_CARD}
    )
    # the card's HF-style tags are picked up by Material's tags plugin, and the blog still builds
    assert "biology" in (site / "tags/index.html").read_text(encoding="utf-8")
    assert (site / "blog/2026/01/02/hello/index.html").is_file()
    assert not page(site, "blog/2026/01/02/hello/index.html").select(".modelcard-badge")
    # the checklist is added after the search plugin has indexed the page: cards are found by their own text
    search_index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    card_docs = [d for d in search_index["docs"] if d["location"].startswith("models/beetle_model_card/")]
    assert any("ResNet-50" in d["text"] for d in card_docs)
    assert not any("required items filled" in d["text"] or "modelcard" in d["text"] for d in card_docs)


@pytest.mark.skipif(not installed("mkdocs_macros"), reason="mkdocs-macros-plugin not installed")
@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_macros_cards_with_jinja_syntax(tmp_path: Path, theme: str) -> None:
    hostile_title = GOOD_CARD.replace("license: mit", 'license: mit\ntitle: "Beetle {{ 6*7 }} card"')
    files = {"index.md": "# Home\n", "m_model_card.md": MACRO_CARD, "t_model_card.md": hostile_title}
    config = make_site(tmp_path, files, theme={"name": theme}, plugins=["search", "macros", "modelcard"])
    site = build_site(config, strict=True)
    assert_cards(site, {"m_model_card/index.html": MACRO_CARD, "t_model_card/index.html": hostile_title})
    # macros renders the page body as the site asked ...
    assert "49 layers deep" in page(site, "m_model_card/index.html").get_text()
    # ... but the plugin never evaluates card text: the index shows the title literally
    titles = [a.get_text() for a in page(site, "model-cards/index.html").select("tr.modelcard-row td a")]
    assert "Beetle {{ 6*7 }} card" in titles


@pytest.mark.skipif(not installed("mkdocs_awesome_nav"), reason="mkdocs-awesome-nav not installed")
def test_awesome_nav_lists_the_generated_index(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        ".nav.yml": "nav:\n  - index.md\n  - Models: models\n  - Catalogue: model-cards\n",
        "models/beetle_model_card.md": GOOD_CARD,
        "models/draft_model_card.md": EMPTY_CARD,
    }
    config = make_site(tmp_path, files, theme={"name": "mkdocs"}, plugins=["awesome-nav", "modelcard"])
    with captured_mkdocs_logs() as records:
        site = build_site(config, strict=True)
    assert not [r.getMessage() for r in records if r.levelname in ("WARNING", "ERROR")]
    assert_cards(
        site, {"models/beetle_model_card/index.html": GOOD_CARD, "models/draft_model_card/index.html": EMPTY_CARD}
    )
    home = page(site, "index.html")
    assert any("model-cards/" in (a.get("href") or "") for a in home.select("a"))


def test_templates_can_be_overridden_from_custom_dir(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "modelcard"
    overrides.mkdir(parents=True)
    (overrides / "badge.html").write_text(
        '<span class="modelcard-badge my-badge" data-modelcard-score="{{ percent }}">{{ percent }} / 100</span>\n',
        encoding="utf-8",
    )
    config = make_site(
        tmp_path,
        {"m_model_card.md": GOOD_CARD},
        theme={"name": "mkdocs", "custom_dir": "overrides"},
    )
    site = build_site(config)
    badge = page(site, "m_model_card/index.html").select_one(".modelcard-badge")
    assert "my-badge" in badge["class"]
    assert badge.get_text() == f"{percent(GOOD_CARD)} / 100"
    # templates not overridden still come from the package
    assert page(site, "m_model_card/index.html").select_one("details.modelcard-checklist") is not None


@pytest.mark.skipif(not installed("mkdocs_minify_plugin"), reason="mkdocs-minify-plugin not installed")
def test_minifier_that_removes_comments_listed_before_us(tmp_path: Path) -> None:
    # The checklist marker is an HTML comment; modelcard's post_page step runs first, whatever the plugin order.
    minify = {"minify": {"minify_html": True, "htmlmin_opts": {"remove_comments": True}}}
    files = {"index.md": "# Home\n", "models/beetle_model_card.md": GOOD_CARD}
    config = make_site(tmp_path, files, theme={"name": "mkdocs"}, plugins=["search", minify, "modelcard"])
    with captured_mkdocs_logs() as records:
        site = build_site(config, strict=True)
    assert not [r.getMessage() for r in records if r.levelname in ("WARNING", "ERROR")]
    html = (site / "models/beetle_model_card/index.html").read_text(encoding="utf-8")
    assert "<!--" not in html  # the minifier did run, after the checklist was placed
    assert len(page(site, "models/beetle_model_card/index.html").select("#modelcard-checklist")) == 1
    assert_cards(site, {"models/beetle_model_card/index.html": GOOD_CARD})
