"""What a reader sees in a real browser: badge under the H1, collapsed checklist, index of every card.

Written against the plugin's HTML contract: on a card page ``<p class="modelcard-badge-line">``
right after the H1 holds ``<span class="modelcard-badge ..." data-modelcard-score="N">``, then
``<details class="modelcard-checklist" id="modelcard-checklist">`` (collapsed) lists
``<li class="modelcard-item modelcard-filled|modelcard-missing">`` items with one disabled checkbox
each; the index page ``model-cards/`` has ``<table class="modelcard-index">`` with one
``<tr class="modelcard-row" data-score="N">`` per card.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

# The session fixture `site` (tests/browser/conftest.py) has .url (ending in '/') and .root (the built folder).
Site = Any

INDEX = "model-cards/"
BADGE = ".modelcard-badge-line .modelcard-badge"
CHECKLIST = "details.modelcard-checklist"
PERCENT = re.compile(r"\((\d{1,3})%\)")


def card_pages(site: Site) -> list[str]:
    """Site-relative URLs of every built page that carries a badge line, i.e. every card page."""
    found = []
    for html in sorted(site.root.rglob("*.html")):
        if "modelcard-badge-line" not in html.read_text(encoding="utf-8", errors="replace"):
            continue
        relative = html.relative_to(site.root).as_posix()
        found.append(relative[: -len("index.html")] if html.name == "index.html" else relative)
    return found


def example_cards(site: Site) -> list[str]:
    cards = [path for path in card_pages(site) if path.startswith("examples/")]
    if not cards:
        pytest.fail("the docs site has no example card under docs/examples/ (no page with a badge)", pytrace=False)
    return cards


def site_path(site: Site, url: str) -> str:
    assert url.startswith(site.url), url
    return url[len(site.url) :].split("#", 1)[0].split("?", 1)[0]


def index_rows(page: Any) -> list[dict[str, Any]]:
    """Every card row of the index table, with its absolute link and score."""
    return page.eval_on_selector_all(
        "table.modelcard-index tr.modelcard-row",
        """rows => rows.map(row => {
            const link = row.querySelector('a[href]');
            return {
                href: link ? link.href : null,
                score: row.dataset.score,
                visible: row.offsetParent !== null,
            };
        })""",
    )


def open_card(page: Any, site: Site, path: str) -> None:
    response = page.goto(site.url + path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"


def test_the_site_has_example_cards(site: Site) -> None:
    assert len(example_cards(site)) >= 2


def test_badge_sits_under_the_h1_and_matches_the_checklist_summary(page: Any, site: Site) -> None:
    for path in example_cards(site):
        open_card(page, site, path)
        assert page.locator(BADGE).count() == 1, f"{path}: expected exactly one badge"
        badge = page.locator(BADGE)
        assert badge.is_visible(), path
        assert badge.get_attribute("role") == "img", path
        assert badge.get_attribute("aria-label"), f"{path}: badge without aria-label"
        assert badge.locator("svg").count() == 1, f"{path}: badge without inline svg"

        # In the DOM: the badge line is the H1's next element.
        assert page.evaluate(
            """() => {
                const line = document.querySelector('p.modelcard-badge-line');
                const h1 = line && line.previousElementSibling;
                return !!h1 && h1.tagName === 'H1';
            }"""
        ), f"{path}: the badge line does not follow the H1"
        # On screen: right under the H1, within its column.
        h1_box = page.locator("p.modelcard-badge-line").locator("xpath=preceding-sibling::h1[1]").bounding_box()
        badge_box = badge.bounding_box()
        assert h1_box and badge_box, path
        gap = badge_box["y"] - (h1_box["y"] + h1_box["height"])
        assert 0 <= gap < 60, f"{path}: badge is {gap:.0f}px below the H1"
        assert h1_box["x"] - 1 <= badge_box["x"] < h1_box["x"] + h1_box["width"], f"{path}: badge outside H1 column"

        score = badge.get_attribute("data-modelcard-score")
        assert score is not None and score.isdigit() and 0 <= int(score) <= 100, f"{path}: score {score!r}"
        summary = page.locator(f"{CHECKLIST} > summary").inner_text()
        match = PERCENT.search(summary)
        assert match, f"{path}: no percentage in checklist summary {summary!r}"
        assert match.group(1) == score, f"{path}: badge says {score}%, checklist summary says {summary!r}"
        assert page.errors == [], path


def test_checklist_is_collapsed_until_its_summary_is_clicked(page: Any, site: Site) -> None:
    for path in example_cards(site):
        open_card(page, site, path)
        details = page.locator(CHECKLIST)
        assert details.count() == 1, f"{path}: expected one checklist"
        # placement "top" (the default): the checklist follows the badge line
        assert page.evaluate(
            """() => {
                const line = document.querySelector('p.modelcard-badge-line');
                const next = line && line.nextElementSibling;
                return !!next && next.matches('details.modelcard-checklist');
            }"""
        ), f"{path}: the checklist does not follow the badge line"
        assert details.get_attribute("open") is None, f"{path}: checklist is open on load"
        items = details.locator("li.modelcard-item")
        assert items.count() > 0, f"{path}: checklist has no items"
        assert not items.first.is_visible(), f"{path}: items visible while collapsed"

        details.locator("summary").click()
        page.wait_for_function("document.querySelector('details.modelcard-checklist').hasAttribute('open')")
        assert details.get_attribute("open") is not None, path
        hidden = [i for i in range(items.count()) if not items.nth(i).is_visible()]
        assert hidden == [], f"{path}: items {hidden} still hidden after expanding"
        assert page.errors == [], path


def test_checked_boxes_are_exactly_the_filled_items(page: Any, site: Site) -> None:
    for path in example_cards(site):
        open_card(page, site, path)
        items = page.eval_on_selector_all(
            f"{CHECKLIST} li.modelcard-item",
            """items => items.map(li => {
                const boxes = li.querySelectorAll('input[type=checkbox]');
                return {
                    id: li.dataset.itemId,
                    filled: li.classList.contains('modelcard-filled'),
                    missing: li.classList.contains('modelcard-missing'),
                    boxes: boxes.length,
                    checked: boxes.length === 1 && boxes[0].checked,
                    disabled: boxes.length === 1 && boxes[0].disabled,
                };
            })""",
        )
        assert items, path
        for item in items:
            assert item["id"], f"{path}: item without data-item-id"
            assert item["boxes"] == 1, f"{path}: item {item['id']} has {item['boxes']} checkboxes"
            assert item["disabled"], f"{path}: item {item['id']} checkbox is not disabled"
            assert item["filled"] != item["missing"], f"{path}: item {item['id']} is not exactly filled or missing"
            assert item["checked"] == item["filled"], f"{path}: item {item['id']} checked={item['checked']}"
        checked = page.locator(f"{CHECKLIST} input[type=checkbox]:checked").count()
        assert checked == page.locator(f"{CHECKLIST} li.modelcard-filled").count(), path


def test_no_console_or_page_errors(page: Any, site: Site) -> None:
    for path in [*example_cards(site), INDEX]:
        open_card(page, site, path)
        page.wait_for_load_state("networkidle")
        if path != INDEX:
            page.locator(f"{CHECKLIST} > summary").click()
        assert page.errors == [], f"{path}: {page.errors}"


def test_index_lists_every_card_once(page: Any, site: Site) -> None:
    open_card(page, site, INDEX)
    assert page.locator("table.modelcard-index").count() == 1
    rows = index_rows(page)
    linked = [site_path(site, row["href"]) for row in rows if row["href"]]
    assert len(linked) == len(rows), "an index row has no link"
    assert len(set(linked)) == len(linked), f"a card is listed twice: {linked}"
    cards = card_pages(site)
    assert sorted(linked) == sorted(cards)
    missing = sorted(set(example_cards(site)) - set(linked))
    assert missing == [], f"example cards not on the index: {missing}"
    assert all(row["visible"] for row in rows)
    assert all(str(row["score"]).isdigit() for row in rows)
    assert page.errors == []


def test_index_rows_link_to_cards_with_the_same_score(page: Any, site: Site) -> None:
    open_card(page, site, INDEX)
    rows = index_rows(page)
    assert rows
    for number, row in enumerate(rows):
        if number:
            open_card(page, site, INDEX)
        link = page.locator("table.modelcard-index tr.modelcard-row").nth(number).locator("a[href]").first
        link.click()
        target = row["href"].split("#")[0]
        page.wait_for_url(lambda url, target=target: url.split("#")[0] == target)
        page.wait_for_load_state()
        badge = page.locator(BADGE)
        assert badge.count() == 1, f"{page.url}: expected one badge"
        assert badge.get_attribute("data-modelcard-score") == row["score"], page.url
    assert page.errors == []


def rows_shown(page: Any) -> list[tuple[str, int]]:
    return [
        (row.get_attribute("data-path"), int(row.get_attribute("data-score")))
        for row in page.locator("table.modelcard-index tbody tr").all()
        if row.is_visible()
    ]


def test_index_sorts_filters_and_keeps_the_view_in_the_url(page: Any, site: Site) -> None:
    open_card(page, site, INDEX)
    initial = rows_shown(page)
    assert len(initial) >= 3

    page.locator("th button.modelcard-sort[data-sort=score]").click()
    by_score = rows_shown(page)
    assert [s for _, s in by_score] == sorted((s for _, s in initial), reverse=True)
    assert parse_qs(urlparse(page.url).query) == {"sort": ["score"], "dir": ["desc"]}
    page.locator("th button.modelcard-sort[data-sort=score]").click()
    assert [s for _, s in rows_shown(page)] == sorted(s for _, s in initial)

    page.fill(".modelcard-controls input[name=q]", "ElytraNet")
    visible = rows_shown(page)
    assert len(visible) == 1 and "beetle" in visible[0][0]
    assert "q=ElytraNet" in page.url
    assert re.search(r"1 of \d+ cards", page.locator(".modelcard-count").inner_text())

    # the filtered view survives a reload from its URL
    page.goto(page.url)
    assert len(rows_shown(page)) == 1
    assert page.locator(".modelcard-controls input[name=q]").input_value() == "ElytraNet"

    page.fill(".modelcard-controls input[name=q]", "")
    page.fill(".modelcard-controls input[name=min]", "40")
    assert all(score >= 40 for _, score in rows_shown(page))
    assert page.errors == []
