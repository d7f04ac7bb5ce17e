"""Broken and hostile input: every case has its expected outcome, and other cards survive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitebuild import EMPTY_CARD, GOOD_CARD, build_site, captured_mkdocs_logs, make_site, page

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse

CHECKLIST = load_checklist("model")
BODY = GOOD_CARD.split("---\n", 2)[2]


def report(text: str):  # type: ignore[no-untyped-def]
    return analyse(text, "card.md", CHECKLIST)


def test_broken_yaml_reports_its_line_and_scores_the_body() -> None:
    text = "---\nlicense: mit\nlanguage: en\ntags: [a, b\nmetrics: [x]\n---\n" + BODY
    r = report(text)
    assert len(r.diagnostics) == 1
    diagnostic = r.diagnostics[0]
    assert "not valid YAML" in diagnostic.message
    assert diagnostic.line in (4, 5, 6)  # where PyYAML notices the unclosed list
    assert r.card.meta == {}
    assert r.score.percent > 50  # the body still counts
    assert r.card.sections[0].line == BODY.split("\n").index("# Model Card for BeetleNet") + 7


@pytest.mark.parametrize("front", ["- a\n- b\n", "just a string\n", "42\n"])
def test_front_matter_that_is_not_a_mapping(front: str) -> None:
    r = report("---\n" + front + "---\n" + BODY)
    assert [d.line for d in r.diagnostics] == [2]
    assert "not a mapping" in r.diagnostics[0].message
    assert r.card.meta == {}
    assert r.score.percent > 50


def test_values_of_odd_types() -> None:
    text = "---\ntags: 5\nlicense: [mit, apache-2.0]\nlanguage: {en: true}\ndatasets: [null, '']\nmetrics: false\n---\n"
    r = report(text + BODY)
    filled = {x.item.id: x.filled for x in r.score.items}
    assert filled["tags"] is True  # a value, if an odd one
    assert filled["license"] is True
    assert filled["datasets"] is False  # only empty values
    assert filled["metrics"] is False
    assert r.license == "mit, apache-2.0"


@pytest.mark.parametrize("text", ["", "\n\n", "---\nlicense: mit\n---\n", "\ufeff", "---\n---\n"])
def test_empty_and_front_matter_only(text: str) -> None:
    r = report(text)
    assert 0 <= r.score.percent <= 10
    assert r.title  # falls back to the file name


def test_huge_card_and_many_headings_and_deep_nesting() -> None:
    big = BODY + ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n\n") * 4500
    assert len(big) > 5_000_000
    assert report(big).score.percent == report(BODY).score.percent

    many = "# Model Card for Many\n\n" + "".join(f"## Section {i}\n\ntext {i}\n\n" for i in range(20_000))
    card = read_card(many, "many.md")
    assert len(card.sections) == 20_001
    report(many)

    deep = "# Model Card for Deep\n\n" + "".join("#" * (1 + i % 6) + f" Level {i}\n\n" for i in range(5000))
    deep += "> " * 2000 + "quote\n" + "".join("  " * i + "- item\n" for i in range(2000))
    assert report(deep).score.percent >= 0


HOSTILE_TITLE = "<script>alert(1)</script> | pipe ] bracket {{ 7*7 }} & amp"
HOSTILE = (
    "---\n"
    f"title: {json.dumps(HOSTILE_TITLE)}\n"
    'license: "<img src=x onerror=alert(2)> | x"\n'
    'model_description: "{{ 7*7 }} <b>bold</b> | ] [x](javascript:alert(3))"\n'
    "---\n\n"
    "# Model Card for <em>Hostile</em> {{ 6*7 }}\n\n"
    "Summary with <script>alert(4)</script> inside.\n\n"
    "## Direct Use <script>alert(5)</script>\n\n"
    "Use it | carefully ] please.\n\n"
    "- **Developed by <b>x</b>:** <script>alert(6)</script>\n"
)


def test_hostile_values_are_escaped_everywhere(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"hostile_model_card.md": HOSTILE, "good_model_card.md": GOOD_CARD})
    site = build_site(config)

    index = page(site, "model-cards/index.html").select_one(".modelcard-index-page")
    raw_index = str(index)
    for needle in ("<script>alert", "<img src=x", "<b>bold</b>", 'javascript:alert(3)"'):
        assert needle not in raw_index, needle
    row = index.select_one('tr[data-path="hostile_model_card.md"]')
    assert row.select_one(".modelcard-col-title a").get_text() == HOSTILE_TITLE
    assert row["data-title"] == HOSTILE_TITLE
    assert "{{ 7*7 }}" in row.select_one(".modelcard-col-summary").get_text()
    assert row.select_one(".modelcard-col-license").get_text() == "<img src=x onerror=alert(2)> | x"

    card = page(site, "hostile_model_card/index.html")
    ours = "".join(str(el) for el in card.select(".modelcard-badge-line, details.modelcard-checklist"))
    assert "<script>" not in ours and "<b>x</b>" not in ours
    assert "49" not in card.select_one("details.modelcard-checklist").get_text()

    svg = (site / "model-cards/badges/hostile_model_card.svg").read_text(encoding="utf-8")
    assert "<script" not in svg


def test_non_utf8_page_is_reported_and_other_cards_survive(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "good_model_card.md": GOOD_CARD,
        "latin1_model_card.md": "# Model Card for Caf\xe9\n\nCaf\xe9 model.\n".encode("latin-1"),
    }
    config = make_site(tmp_path, files)
    with captured_mkdocs_logs() as records:
        try:
            site = build_site(config)
        except Exception:
            site = None
    messages = [r.getMessage() for r in records if r.name.startswith("mkdocs.plugins")]
    assert any("latin1_model_card.md" in m and "cannot read" in m for m in messages), messages
    if site is not None:
        assert page(site, "good_model_card/index.html").select(".modelcard-badge")


def test_plugin_survives_odd_front_matter_in_a_site(tmp_path: Path) -> None:
    files = {
        "a_model_card.md": "---\n- just\n- a list\n---\n" + EMPTY_CARD.split("---\n", 2)[2],
        "b_model_card.md": "---\ntags: 5\nlicense: [mit, apache-2.0]\n---\n" + BODY,
        "c_model_card.md": "",
        "d_model_card.md": "---\nlicense: mit\n---\n",
        "e_model_card.md": GOOD_CARD,
    }
    with captured_mkdocs_logs() as records:
        site = build_site(make_site(tmp_path, files))
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any("a_model_card.md:2: front matter is a list" in w for w in warnings), warnings
    rows = page(site, "model-cards/index.html").select("tr.modelcard-row")
    assert sorted(r["data-path"] for r in rows) == sorted(files)
    license_cell = page(site, "model-cards/index.html").select_one(
        'tr[data-path="b_model_card.md"] .modelcard-col-license'
    )
    assert license_cell.get_text() == "mit, apache-2.0"
