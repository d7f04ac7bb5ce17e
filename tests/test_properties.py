"""Property tests: the reader and scorer never raise and are blind to formatting noise."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import EMPTY_CARD, GOOD_CARD

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse

CHECKLIST = load_checklist("model")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    *"abc XYZ#*_-:[]()<>!`~|{}\n\t\r.0123456789",
    "<!--",
    "-->",
    "```",
    "---\n",
    "\ufeff",
    "# ",
    "\n## ",
    "- **Developed by:** ",
    "[More Information Needed]",
    "é",
    "\u2028",
]
markdownish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join) | st.text(max_size=300)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def result(text: str) -> tuple[float, list[tuple[str, bool]]]:
    report = analyse(text, "card.md", CHECKLIST)
    return report.score.score, [(r.item.id, r.filled) for r in report.score.items]


@SETTINGS
@given(markdownish)
def test_any_text_reads_and_scores(text: str) -> None:
    report = analyse(text, "card.md", CHECKLIST)
    assert 0 <= report.score.score <= 100
    assert 0 <= report.score.percent <= 100
    assert len(report.score.items) == len(CHECKLIST.items)


@SETTINGS
@given(st.dictionaries(st.text(max_size=12), yaml_values, max_size=6), markdownish)
def test_any_front_matter_reads_and_scores(meta: dict[str, object], body: str) -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    report = analyse(text, "card.md", CHECKLIST)
    assert 0 <= report.score.score <= 100


@SETTINGS
@given(st.text(max_size=200), markdownish)
def test_arbitrary_front_matter_text_never_raises(front: str, body: str) -> None:
    card = read_card("---\n" + front + "\n---\n" + body, "card.md")
    assert isinstance(card.meta, dict)


base_cards = st.sampled_from(
    [GOOD_CARD, EMPTY_CARD, GOOD_CARD.replace("## Uses", "## Uses\n\n[More Information Needed]")]
)


@SETTINGS
@given(base_cards, st.booleans(), st.booleans(), st.booleans())
def test_formatting_noise_does_not_change_the_result(card: str, crlf: bool, bom: bool, trailing: bool) -> None:
    variant = card
    if trailing:
        variant = "\n".join(line + "  \t" for line in variant.split("\n"))
    if crlf:
        variant = variant.replace("\n", "\r\n")
    if bom:
        variant = "\ufeff" + variant
    assert result(variant) == result(card)


@SETTINGS
@given(base_cards, st.lists(st.integers(min_value=0, max_value=10_000), max_size=5), st.text(max_size=40))
def test_html_comments_are_invisible(card: str, positions: list[int], comment: str) -> None:
    """Inserting HTML comments at line starts, or deleting the card's own comments, changes nothing."""
    comment = comment.replace("--", "-").replace(">", "")
    lines = card.split("\n")
    body_start = card.split("\n").index("---", 1) + 1 if card.startswith("---\n") else 0
    fences = {i for i, line in enumerate(lines) if line.startswith("```")}
    inside = set()
    open_at = None
    for i in sorted(fences):
        if open_at is None:
            open_at = i
        else:
            inside.update(range(open_at, i + 1))
            open_at = None
    for position in positions:
        index = body_start + position % max(1, len(lines) - body_start)
        if index in inside or (index > 0 and lines[index - 1].strip() and not lines[index - 1].startswith("#")):
            continue
        lines.insert(index, f"<!-- {comment} -->")
    assert result("\n".join(lines)) == result(card)
    assert result(re.sub(r"<!--.*?-->", "", card, flags=re.DOTALL)) == result(card)
