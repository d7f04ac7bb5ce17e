"""Rendering helpers: anchors, injection, badge markup."""

from __future__ import annotations

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.render import (
    Renderer,
    checklist_marker,
    heading_ids,
    inject,
    place_checklist,
    section_anchors,
)
from mkdocs_modelcard.site import badge_clashes, badge_slugs


def test_section_anchors_follow_document_order_and_duplicates() -> None:
    card = read_card("# T\n## Results\n### Summary\n## Other\n### Summary\n")
    html = (
        '<h1 id="t">T<a class="headerlink" href="#t">link text</a></h1><h2 id="results">Results</h2>'
        '<h3 id="summary">Summary</h3><h2 id="other">Other</h2><h3 id="summary_1">Summary</h3>'
    )
    assert heading_ids(html)[0] == ("t", "t")
    anchors = section_anchors(card.sections, html)
    assert [anchors[s.line] for s in card.sections] == ["t", "results", "summary", "other", "summary_1"]


def test_inject_after_first_h1_or_at_top() -> None:
    assert inject("<h1>T</h1><p>x</p>", "B", "C", "top") == "<h1>T</h1>\nBC\n<p>x</p>"
    assert inject("<h1>T</h1><p>x</p>", "B", "C", "bottom") == "<h1>T</h1>\nB\n<p>x</p>\nC"
    assert inject("<p>x</p>", "B", "", "top") == "\nB\n<p>x</p>"


def test_badge_svg_is_valid_and_coloured_by_band() -> None:
    renderer = Renderer(bands={"good": 80, "fair": 50, "poor": 0})
    svg = renderer.badge_svg(85)
    assert svg.startswith("<svg") and "#2e7d32" in svg and "model card: 85%" in svg
    assert "#c62828" in renderer.badge_svg(10)
    assert 'aria-hidden="true"' in renderer.badge_svg(10, inline=True)


def test_badge_slugs_are_stable_and_unique() -> None:
    slugs = badge_slugs(["a/b.md", "a-b.md", "Models/X Y.md"])
    assert slugs["Models/X Y.md"] == "models-x-y"
    assert slugs["a-b.md"].startswith("a-b~") and slugs["a/b.md"].startswith("a-b~")
    assert slugs["a-b.md"] != slugs["a/b.md"]
    assert all(badge_slugs([*slugs, "A/B.md"])[p] == s for p, s in slugs.items())  # a third changes neither
    # Adding a card in another folder never hands an existing badge URL to it.
    before = badge_slugs(["a-b_model_card.md"])
    after = badge_slugs(["a-b_model_card.md", "A/B_model_card.md"])
    assert before == {"a-b_model_card.md": "a-b_model_card"}
    assert "a-b_model_card" not in after.values()
    (warning,) = badge_clashes(after)
    assert "A/B_model_card.md, a-b_model_card.md would share the badge name a-b_model_card.svg" in warning


def test_place_checklist_replaces_only_the_marker_and_reports_a_missing_one() -> None:
    marker = checklist_marker("abc123")
    assert place_checklist(f"<h1>T</h1>{marker}<p>x</p>", marker, "<details/>") == "<h1>T</h1><details/><p>x</p>"
    assert place_checklist("<h1>T</h1><p>x</p>", marker, "<details/>") is None
    assert checklist_marker("a") != checklist_marker("b")
