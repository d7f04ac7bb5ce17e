"""What a reader sees: badge, collapsed checklist, sortable and filterable index, no console errors."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

CARD = "examples/beetle-classifier_model_card/"


def test_card_page_badge_and_checklist(page: Any, site_url: str) -> None:
    page.goto(site_url + CARD)
    badge = page.locator(".modelcard-badge").first
    assert badge.is_visible()
    score = badge.get_attribute("data-modelcard-score")
    # the badge sits right under the H1
    h1_box = page.locator("article h1, .md-content h1, h1").first.bounding_box()
    badge_box = badge.bounding_box()
    assert h1_box and badge_box and 0 <= badge_box["y"] - (h1_box["y"] + h1_box["height"]) < 60

    details = page.locator("details.modelcard-checklist")
    assert details.count() == 1
    assert details.get_attribute("open") is None
    summary = details.locator("summary")
    assert f"({score}%)" in summary.inner_text()
    assert not details.locator("li.modelcard-item").first.is_visible()

    summary.click()
    page.wait_for_function("document.querySelector('details.modelcard-checklist').open")
    assert details.locator("li.modelcard-item").first.is_visible()
    checked = details.locator("input[type=checkbox]:checked").count()
    assert checked == details.locator("li.modelcard-filled").count()
    assert details.locator("input[type=checkbox]").count() == 49
    assert page.errors == []


def rows(page: Any) -> list[tuple[str, int]]:
    return [
        (row.get_attribute("data-path"), int(row.get_attribute("data-score")))
        for row in page.locator("table.modelcard-index tbody tr").all()
        if row.is_visible()
    ]


def test_index_sorts_filters_and_keeps_the_view_in_the_url(page: Any, site_url: str) -> None:
    page.goto(site_url + "model-cards/")
    initial = rows(page)
    assert len(initial) >= 3

    page.locator("th button.modelcard-sort[data-sort=score]").click()
    by_score = rows(page)
    assert [s for _, s in by_score] == sorted((s for _, s in initial), reverse=True)
    assert parse_qs(urlparse(page.url).query) == {"sort": ["score"], "dir": ["desc"]}
    page.locator("th button.modelcard-sort[data-sort=score]").click()
    assert [s for _, s in rows(page)] == sorted(s for _, s in initial)

    page.fill(".modelcard-controls input[name=q]", "ElytraNet")
    visible = rows(page)
    assert len(visible) == 1 and "beetle" in visible[0][0]
    assert "q=ElytraNet" in page.url
    assert re.search(r"1 of \d+ cards", page.locator(".modelcard-count").inner_text())

    # the filtered view survives a reload from its URL
    page.goto(page.url)
    assert len(rows(page)) == 1
    assert page.locator(".modelcard-controls input[name=q]").input_value() == "ElytraNet"

    page.fill(".modelcard-controls input[name=q]", "")
    page.fill(".modelcard-controls input[name=min]", "40")
    assert all(score >= 40 for _, score in rows(page))
    assert page.errors == []


def test_index_rows_link_to_cards_with_the_same_score(page: Any, site_url: str) -> None:
    page.goto(site_url + "model-cards/")
    links = [
        (a.get_attribute("href"), int(a.locator("xpath=ancestor::tr").get_attribute("data-score")))
        for a in page.locator("table.modelcard-index td.modelcard-col-title a").all()
    ]
    base = page.url
    for href, score in links:
        page.goto(base)
        page.goto(page.evaluate("h => new URL(h, location.href).href", href))
        assert int(page.locator(".modelcard-badge").first.get_attribute("data-modelcard-score")) == score
    assert page.errors == []
