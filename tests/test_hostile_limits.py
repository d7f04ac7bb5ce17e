"""Hostile input that used to hang or crash a build: each case took seconds to minutes, or raised.

The time bounds are generous (each case runs in milliseconds now, and took
from 1 s to several minutes before), so they only fail on a return of
super-linear behaviour.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import GOOD_CARD, build_site, captured_mkdocs_logs, make_site, page

from mkdocs_modelcard import safeyaml
from mkdocs_modelcard.card import _heading, _table_row, read_card, split_front_matter
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse
from mkdocs_modelcard.render import heading_ids, section_anchors
from mkdocs_modelcard.text import alias_matcher, normalize

MODEL = load_checklist("model")
DATASET = load_checklist("dataset")
TITLE = "# Model card for X\n\n"


# The content patterns' fast paths are set up on first use: that one-time cost is no case's.
analyse(GOOD_CARD, "model_card.md", MODEL)
analyse(GOOD_CARD, "model_card.md", DATASET)


def quickly(run: Callable[[], Any], limit: float = 1.5) -> Any:
    # CPU time, not wall time: a loaded CI machine must not make a linear case look slow.
    start = time.process_time()
    result = run()
    elapsed = time.process_time() - start
    assert elapsed < limit, f"took {elapsed:.2f}s"
    return result


def alias_bomb(key: str, leaf: str = "x") -> str:
    lines = [f"a0: &a0 [{', '.join([leaf] * 9)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    return "---\n" + "\n".join(lines) + f"\n{key}: *a7\n---\n" + TITLE + "Text.\n"


SLOW_CARDS = {
    # card.py's table-row regex: 32 s, 259 s and 1.3 s before.
    "padded table row": TITLE + "a" + " " * 130 + "|" + " " * 130 + "|x\n",
    "long padded table row": TITLE + "a" + " " * 199 + "|" + " " * 199 + "|x\n",
    "wide cells": TITLE + "|" + "|".join(["a" + " " * 119] * 3) + "|\n",
    # Built-in content patterns: 46 s and 69 s before.
    "digits then gpu hours": TITLE + "1" * 35_000 + " x gpu hours\n",
    "numbers then gpu hours": TITLE + "1," * 17_500 + " x gpu hours\n",
    "digits then 5 % accuracy": TITLE + "1" * 35_000 + " 5 % accuracy\n",
    "many placeholder lines": TITLE + "[More Information Needed]\n" * 20_000,
    "digits then param": TITLE + "1" * 16_000 + " x param\n",  # 12 s before
    "table row of metric names": TITLE + "| " + "acc " * 36_000 + "\n",  # 1.8 s before
    "blank lines then a table": TITLE + "[More Information Needed]\n" * 20_000 + "| a |\n",
    # Helpers: 44 s, 14 s and 9 s before.
    "stray emphasis": TITLE + "*a " * 9_000 + "\n",
    "stray angle brackets": TITLE + "<" * 80_000 + "\n",
    "padded heading": TITLE + "## a" + " " * 20_000 + "b\n",
    "stray brackets": TITLE + "[" * 50_000 + "\n",
    "stray attribute lists": TITLE + "## a" + " " * 20_000 + "{#a" * 2_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(SLOW_CARDS))
def test_cards_that_used_to_hang_are_scored_in_linear_time(name: str) -> None:
    report = quickly(lambda: analyse(SLOW_CARDS[name], "x.md", MODEL))
    assert 0 <= report.score.percent <= 100


def test_dataset_card_with_an_inline_image_and_a_placeholder_sentence() -> None:
    text = "# Dataset card for X\n\n![img](data:image/png;base64," + "A" * 40_000 + ")\n\nMore information needed.\n"
    report = quickly(lambda: analyse(text, "x.md", DATASET))  # 57 s before
    assert "base64" not in report.summary  # the image link is reduced to its text, as before


def test_padded_heading_and_row_still_parse() -> None:
    card = read_card("## a" + " " * 20_000 + "b ##\n\n| Developed by  |   Jane   |\n")
    assert card.sections[0].title == "a" + " " * 20_000 + "b"
    assert [(f.label, f.value) for f in card.fields] == [("Developed by", "Jane")]


OLD_HEADING = re.compile(r"^(#{1,6})(?!#)(.*?)(?:[ \t]+#+)?[ \t]*$")
OLD_TABLE_ROW = re.compile(r"^\s*\|?\s*(?P<label>[^|\-:\s][^|]*?)\s*\|\s*(?P<value>[^|]*?)\s*\|?\s*$")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="# \t|-:ab", max_size=14))
def test_line_parsers_agree_with_the_regexes_they_replace(line: str) -> None:
    heading = OLD_HEADING.match(line)
    assert _heading(line) == ((len(heading.group(1)), heading.group(2)) if heading else None)
    row = OLD_TABLE_ROW.match(line)
    assert _table_row(line) == ((row.group("label").strip(), row.group("value").strip()) if row else None)


def test_heading_ids_of_unclosed_headings_and_anchors_of_unmatched_sections() -> None:
    quickly(lambda: heading_ids("<h2 id=a>x\n" * 3_000))  # 44 s before
    card = read_card("".join(f"## S{i} &amp; x\n\n" for i in range(20_000)))
    html = "".join(f'<h2 id="s{i}">S{i} &amp; x</h2>' for i in range(20_000))
    quickly(lambda: section_anchors(card.sections, html))  # 32 s before
    # Order is kept: a heading matches only after the previous section's.
    page_html = "".join(f'<h2 id="{i}">{t}</h2>' for i, t in enumerate(["A", "B", "A", "C"]))
    assert section_anchors(read_card("## B\n## A\n## C\n## B\n").sections, page_html) == {1: "1", 2: "2", 3: "3"}


@pytest.mark.parametrize("key", ["license", "tags", "title"])
def test_alias_bomb_is_refused_with_its_line(key: str) -> None:
    report = quickly(lambda: analyse(alias_bomb(key, "''"), "x.md", MODEL))  # 86 s and 3.3 GB before
    assert report.card.meta == {}
    (diagnostic,) = report.diagnostics
    assert "too large" in diagnostic.message and "aliases" in diagnostic.message
    assert diagnostic.line == 7  # a5, the first value that stands for too many


@pytest.mark.parametrize(
    ("front", "needle"),
    [
        ("tags: " + "[" * 400 + "]" * 400, "nested more than"),
        ("tags: &a [*a]", "contains it"),
        ("tags: &a {x: *a}", "contains it"),
    ],
    ids=["deep", "recursive list", "recursive mapping"],
)
def test_deep_and_self_referencing_front_matter(front: str, needle: str) -> None:
    report = analyse("---\n" + front + "\n---\n" + TITLE, "x.md", MODEL)
    assert needle in report.diagnostics[0].message
    assert report.diagnostics[0].line == 2


def test_unclosed_deep_nesting_is_a_yaml_error() -> None:
    meta, _, _, diagnostics = split_front_matter("---\ntags: " + "[" * 400 + "\n---\n")
    assert meta == {} and diagnostics and diagnostics[0].line is not None


HUGE = "0x" + "f" * 4_400


@pytest.mark.parametrize(
    "front",
    [
        f"license: {HUGE}",
        f"title: {HUGE}",
        f"license: {'1' * 5_000}",
        f"? {HUGE}\n: 1",
        f"modelcard:\n  not_applicable:\n    citation: {HUGE}",
        f"modelcard:\n  not_applicable:\n    ? {HUGE}\n    : x",
        f"license: [{HUGE}]",
    ],
    ids=["license", "title", "decimal", "key", "reason", "item id", "in a list"],
)
def test_integers_too_long_to_print_are_kept_as_text(front: str) -> None:
    text = "---\n" + front + "\n---\n" + TITLE
    meta, _, _, diagnostics = split_front_matter(text)
    assert not diagnostics and meta
    report = analyse(text, "x.md", MODEL)  # ValueError before
    assert report.title and report.score.percent >= 0
    if front.startswith("license: 0x"):
        assert report.license == HUGE


def test_small_integers_and_ordinary_yaml_are_unchanged() -> None:
    assert safeyaml.load("a: 0x1f\nb: [1, 2.5, null, true]\nc: &x {d: 1}\ne: *x\n") == {
        "a": 31,
        "b": [1, 2.5, None, True],
        "c": {"d": 1},
        "e": {"d": 1},
    }
    with pytest.raises(safeyaml.YAMLLimitError, match="duplicate key 'a'"):
        safeyaml.load("a: 1\nb: 2\na: 3\n", unique_keys=True)
    assert safeyaml.load("a: 1\na: 3\n") == {"a": 3}  # front matter keeps PyYAML's (and MkDocs') reading


def test_hostile_cards_in_a_site_build_leave_the_others_intact(tmp_path: Path) -> None:
    files = {
        "bomb_model_card.md": alias_bomb("license"),
        "row_model_card.md": SLOW_CARDS["long padded table row"],
        "huge_model_card.md": f"---\nlicense: {HUGE}\n---\n" + TITLE,
        "good_model_card.md": GOOD_CARD,
    }
    with captured_mkdocs_logs() as records:
        site = quickly(lambda: build_site(make_site(tmp_path, files)), limit=20)
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any("bomb_model_card.md:7: front matter is too large" in w for w in warnings), warnings
    rows = page(site, "model-cards/index.html").select("tr.modelcard-row")
    assert sorted(r["data-path"] for r in rows) == sorted(files)
    index_size = (site / "model-cards/index.html").stat().st_size
    assert index_size < 200_000  # 1 GB before


def old_alias_matcher(aliases: list[str]) -> re.Pattern[str]:
    parts = [".*".join(re.escape(normalize(piece)) for piece in alias.split("*")) for alias in aliases]
    return re.compile("^(?:" + "|".join(parts) + ")$")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet="ab *", max_size=6), min_size=1, max_size=3), st.text(alphabet="ab ", max_size=10))
def test_alias_matcher_agrees_with_plain_wildcards(aliases: list[str], heading: str) -> None:
    key = normalize(heading)
    matcher = alias_matcher(aliases)
    assert matcher is not None
    assert bool(matcher.match(key)) == bool(old_alias_matcher(aliases).match(key))


def test_aliases_with_several_wildcards_match_long_headings_in_linear_time() -> None:
    matcher = alias_matcher(["*model*card*authors*"])
    assert matcher is not None
    key = normalize("model card " * 10_000)
    assert quickly(lambda: matcher.match(key)) is None  # cubic with backtracking ".*" pieces: minutes
