"""Integration tests: real MkDocs builds of fixture sites, asserting on the parsed HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from sitebuild import (
    CARDS,
    EMPTY_CARD,
    GOOD_CARD,
    NOT_CARDS,
    SITE,
    build_site,
    captured_mkdocs_logs,
    make_site,
    page,
)

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse


def html_path(src: str, directory_urls: bool) -> str:
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def expected_percent(text: str) -> int:
    return analyse(text, "x.md", load_checklist("model")).score.percent


THEMES = [
    pytest.param({"name": "material"}, id="material"),
    pytest.param({"name": "mkdocs"}, id="mkdocs"),
    pytest.param({"name": "readthedocs"}, id="readthedocs"),
]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "file-urls"])
def test_cards_get_badge_and_checklist_and_nothing_else_does(
    tmp_path: Path, theme: dict[str, str], directory_urls: bool
) -> None:
    config = make_site(
        tmp_path,
        SITE,
        theme=theme,
        use_directory_urls=directory_urls,
        markdown_extensions=[
            "admonition",
            "pymdownx.details",
            "pymdownx.tasklist",
            "attr_list",
            {"toc": {"permalink": True}},
        ],
    )
    site = build_site(config)

    for src in CARDS:
        soup = page(site, html_path(src, directory_urls))
        badges = soup.select(".modelcard-badge")
        checklists = soup.select("details.modelcard-checklist")
        assert len(badges) == 1, src
        assert len(checklists) == 1, src
        # badge right under the H1
        h1 = soup.find("h1")
        assert h1 is not None
        assert h1.find_next_sibling().select_one(".modelcard-badge") is badges[0]
        score = int(badges[0]["data-modelcard-score"])
        assert score == expected_percent(SITE[src])
        summary = checklists[0].find("summary").get_text()
        assert f"({score}%)" in summary
        assert not checklists[0].has_attr("open")
        boxes = checklists[0].select("input[type=checkbox]")
        assert len(boxes) == 49
        assert all(box.has_attr("disabled") for box in boxes)
        filled = checklists[0].select("li.modelcard-filled")
        assert len([b for b in boxes if b.has_attr("checked")]) == len(filled)

    for src in NOT_CARDS:
        soup = page(site, html_path(src, directory_urls))
        assert not soup.select(".modelcard-badge"), src
        assert not soup.select(".modelcard-checklist"), src

    index = page(site, html_path("model-cards/index.md", directory_urls))
    rows = index.select("table.modelcard-index tr.modelcard-row")
    assert len(rows) == len(CARDS)
    index_dir = (site / html_path("model-cards/index.md", directory_urls)).parent
    for row in rows:
        href = row.select_one("a")["href"]
        target = (index_dir / href).resolve()
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), href
        card_badge = page(site, str(target.relative_to(site))).select_one(".modelcard-badge")
        assert card_badge["data-modelcard-score"] == row["data-score"]
    css = site / "assets/modelcard/modelcard.css"
    assert css.is_file()
    assert (site / html_path("index.md", directory_urls)).read_text().count("assets/modelcard/modelcard.css") == 1


def test_checklist_links_filled_items_to_their_sections(tmp_path: Path) -> None:
    config = make_site(
        tmp_path, {"beetle_model_card.md": GOOD_CARD}, markdown_extensions=[{"toc": {"permalink": True}}]
    )
    soup = page(build_site(config), "beetle_model_card/index.html")
    link = soup.select_one('li[data-item-id="direct_use"] a')
    assert link is not None
    target = soup.find(id=link["href"][1:])
    assert target is not None and target.name == "h3" and "Direct Use" in target.get_text()
    missing = soup.select_one("li.modelcard-missing")
    assert missing is not None and missing.select_one(".modelcard-guidance").get_text().strip()


def test_index_in_explicit_nav_and_site_url_subpath(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        SITE,
        site_url="https://example.org/lab/docs/",
        nav=[
            {"Home": "index.md"},
            {"Model cards": "model-cards/index.md"},
            {"BeetleNet": "models/beetlenet_model_card.md"},
        ],
    )
    with captured_mkdocs_logs() as records:
        site = build_site(config, strict=True)
    assert not [r for r in records if r.levelname == "WARNING"]
    home = page(site, "index.html")
    nav_links = [a.get("href") for a in home.select("a")]
    assert any(href and href.rstrip("/").endswith("model-cards") for href in nav_links)
    index = page(site, "model-cards/index.html")
    hrefs = sorted(a["href"] for a in index.select("tr.modelcard-row a"))
    assert hrefs == ["../models/beetlenet_model_card/", "../models/draft/"]


def test_index_listed_in_auto_nav(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, SITE))
    home = page(site, "index.html")
    assert "Model cards" in home.get_text()


def test_custom_index_path_title_and_existing_page(tmp_path: Path) -> None:
    files = dict(SITE)
    files["catalogue.md"] = "# Our models\n\nHand-written intro.\n"
    config = make_site(tmp_path, files, plugins=[{"modelcard": {"index_path": "catalogue.md"}}])
    soup = page(build_site(config), "catalogue/index.html")
    assert "Hand-written intro." in soup.get_text()
    assert len(soup.select("tr.modelcard-row")) == 2

    config = make_site(
        tmp_path, SITE, plugins=[{"modelcard": {"index_path": "zoo/all.md", "index_title": "Model zoo"}}]
    )
    soup = page(build_site(config), "zoo/all/index.html")
    assert soup.find("h1").get_text().startswith("Model zoo")


def test_index_can_be_turned_off(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, SITE, plugins=[{"modelcard": {"index": False, "badges": False}}]))
    assert not (site / "model-cards").exists()
    assert not (site / "assets/modelcard/modelcard.js").exists()
    assert "modelcard.js" not in (site / "index.html").read_text(encoding="utf-8")


def test_standalone_badges_match_page_badges(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, SITE))
    for src, slug in [
        ("models/beetlenet_model_card.md", "models-beetlenet_model_card"),
        ("models/draft.md", "models-draft"),
    ]:
        svg = (site / "model-cards/badges" / f"{slug}.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and 'role="img"' in svg
        score = page(site, html_path(src, True)).select_one(".modelcard-badge")["data-modelcard-score"]
        assert f"model card: {score}%" in svg


def test_placement_bottom_open_and_no_badge(tmp_path: Path) -> None:
    options = {"checklist_placement": "bottom", "checklist_open": True, "badge": False, "show_guidance": False}
    site = build_site(make_site(tmp_path, {"m_model_card.md": GOOD_CARD}, plugins=[{"modelcard": options}]))
    soup = page(site, "m_model_card/index.html")
    assert not soup.select(".modelcard-badge")
    details = soup.select_one("details.modelcard-checklist")
    assert details.has_attr("open")
    assert not soup.select(".modelcard-guidance")
    # bottom: nothing but whitespace follows the checklist inside the content
    assert details.find_next_sibling() is None


def test_fail_under_warns_and_fails_strict(tmp_path: Path) -> None:
    config = make_site(tmp_path, SITE, plugins=[{"modelcard": {"fail_under": 50}}])
    with captured_mkdocs_logs() as records, pytest.raises(Abort):
        build_site(config, strict=True)
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert len(warnings) == 1
    assert "models/draft.md" in warnings[0] and "below fail_under 50%" in warnings[0]
    assert "Direct Use" in warnings[0]

    config = make_site(tmp_path, SITE)
    with captured_mkdocs_logs() as records:
        build_site(config, strict=True)
    infos = [r.getMessage() for r in records if r.name.startswith("mkdocs.plugins") and r.levelname == "INFO"]
    assert any(re.search(r"2 model cards, mean score \d+%", m) for m in infos)


def test_broken_front_matter_warns_with_line_and_keeps_other_cards(tmp_path: Path) -> None:
    broken = (
        "---\nlicense: mit\ntags: [a, b\nlanguage: en\n---\n\n"
        "# Model Card for Broken\n\n## Uses\n\n### Direct Use\n\nText here for use.\n"
    )
    files = {"a_model_card.md": GOOD_CARD, "b_model_card.md": broken}
    config = make_site(tmp_path, files)
    with captured_mkdocs_logs() as records:
        site = build_site(config)
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any(re.search(r"b_model_card\.md:\d+: front matter is not valid YAML", w) for w in warnings), warnings
    assert page(site, "a_model_card/index.html").select(".modelcard-badge")
    assert page(site, "b_model_card/index.html").select(".modelcard-badge")
    with pytest.raises(Abort):
        build_site(config, strict=True)


def test_front_matter_overrides_detection_and_globs(tmp_path: Path) -> None:
    files = {
        "x_model_card.md": "---\nmodelcard: false\n---\n" + GOOD_CARD.split("---\n", 2)[2],
        "notes/plain.md": "---\nmodelcard: true\n---\n# Plain notes\n\nSome text.\n",
        "lab/internal.md": GOOD_CARD,
        "drafts/y_model_card.md": GOOD_CARD,
    }
    config = make_site(tmp_path, files, plugins=[{"modelcard": {"include": ["lab/**"], "exclude": ["drafts/*"]}}])
    site = build_site(config)
    has_badge = {src: bool(page(site, html_path(src, True)).select(".modelcard-badge")) for src in files}
    assert has_badge == {
        "x_model_card.md": False,
        "notes/plain.md": True,
        "lab/internal.md": True,
        "drafts/y_model_card.md": False,
    }


def test_card_values_are_escaped(tmp_path: Path) -> None:
    hostile = (
        '---\ntitle: "<script>alert(1)</script> | x ] {{ 7*7 }}"\nlicense: "<b>mit</b>"\n'
        'model_description: "<img src=x onerror=alert(1)>"\n---\n' + EMPTY_CARD.split("---\n", 2)[2]
    )
    site = build_site(make_site(tmp_path, {"h_model_card.md": hostile}))
    # Only what the plugin writes is checked: themes render front matter titles themselves.
    raw = str(page(site, "model-cards/index.html").select_one(".modelcard-index-page"))
    assert "<script>alert(1)" not in raw
    assert "<img src=x" not in raw
    assert "<b>mit</b>" not in raw
    soup = page(site, "model-cards/index.html")
    row = soup.select_one("tr.modelcard-row")
    assert row.select_one("a").get_text() == "<script>alert(1)</script> | x ] {{ 7*7 }}"
    assert row.select_one(".modelcard-col-license").get_text() == "<b>mit</b>"


def test_plugin_instance_reused_across_builds_resets_state(tmp_path: Path) -> None:
    """MkDocs keeps a plugin with on_startup across loads of the config, as `mkdocs serve` does."""
    config_file = make_site(tmp_path, SITE)
    config = load_config(str(config_file))
    build(config)
    (tmp_path / "docs/models/draft.md").unlink()
    edited = EMPTY_CARD.replace("Draft", "Beetle")
    (tmp_path / "docs/models/beetlenet_model_card.md").write_text(edited, encoding="utf-8")
    config2 = load_config(str(config_file))
    assert config2.plugins["modelcard"] is config.plugins["modelcard"]
    build(config2)
    site = Path(config2.site_dir)
    soup = page(site, "models/beetlenet_model_card/index.html")
    assert len(soup.select(".modelcard-badge")) == 1
    assert len(soup.select("details.modelcard-checklist")) == 1
    assert soup.select_one(".modelcard-badge")["data-modelcard-score"] == str(expected_percent(edited))
    rows = page(site, "model-cards/index.html").select("tr.modelcard-row")
    assert len(rows) == 1
    assert config2.extra_css.count("assets/modelcard/modelcard.css") == 1


def test_docs_dir_is_never_written(tmp_path: Path) -> None:
    config = make_site(tmp_path, SITE)
    before = sorted(p.relative_to(tmp_path / "docs") for p in (tmp_path / "docs").rglob("*"))
    build_site(config)
    after = sorted(p.relative_to(tmp_path / "docs") for p in (tmp_path / "docs").rglob("*"))
    assert before == after


def test_bad_checklist_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("name: bad\nitems:\n  - id: x\n    label: X\n", encoding="utf-8")
    config = make_site(tmp_path, SITE, plugins=[{"modelcard": {"checklist": "bad.yml"}}])
    with captured_mkdocs_logs() as records, pytest.raises((PluginError, Abort)):
        build_site(config)
    errors = " ".join(r.getMessage() for r in records if r.levelname == "ERROR")
    assert "bad.yml" in errors and "item 'x'" in errors and "'group'" in errors


def test_disabled_plugin_changes_nothing(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, SITE, plugins=[{"modelcard": {"enabled": False}}]))
    assert not page(site, "models/beetlenet_model_card/index.html").select(".modelcard-badge")
    assert not (site / "model-cards").exists()


def test_heatmap_and_standalone_badges_match_the_cli_json(tmp_path: Path) -> None:
    import io
    import json

    from mkdocs_modelcard.cli import main
    from mkdocs_modelcard.site import badge_slugs

    site = build_site(make_site(tmp_path, SITE))
    out = io.StringIO()
    main(["check", str(tmp_path / "docs"), "--format", "json"], out, io.StringIO())
    cards = {Path(c["path"]).relative_to(tmp_path / "docs").as_posix(): c for c in json.loads(out.getvalue())["cards"]}
    assert sorted(cards) == sorted(CARDS)
    index = page(site, "model-cards/index.html")
    slugs = badge_slugs(cards)
    for path, card in cards.items():
        row = index.select_one(f'table.modelcard-heatmap tr[data-path="{path}"]')
        for cell in row.select("td.modelcard-heat"):
            items = [i for i in card["items"] if i["group"] == cell["data-group"] and not i["optional"]]
            share = int(100 * sum(i["filled"] for i in items) / len(items) + 0.5)
            assert int(cell["data-percent"]) == share
            assert cell.get_text() == str(share)
        svg = (site / "model-cards/badges" / f"{slugs[path]}.svg").read_text(encoding="utf-8")
        assert f"model card: {card['score']}%" in svg
        assert index.select_one(f'table.modelcard-index tr[data-path="{path}"]')["data-score"] == str(card["score"])


def test_an_authors_comment_that_looks_like_the_marker_is_left_alone(tmp_path: Path) -> None:
    lookalike = "<!-- modelcard-checklist -->"
    text = GOOD_CARD.replace("# Model Card for BeetleNet\n", f"{lookalike}\n\n# Model Card for BeetleNet\n")
    site = build_site(make_site(tmp_path, {"index.md": "# Home\n", "m_model_card.md": text}), strict=True)
    html = (site / "m_model_card/index.html").read_text(encoding="utf-8")
    assert html.count(lookalike) == 1
    assert html.count('id="modelcard-checklist"') == 1
    assert html.index("Model Card for BeetleNet") < html.index('id="modelcard-checklist"')
    assert "<!-- modelcard-checklist " not in html.replace(lookalike, "")
