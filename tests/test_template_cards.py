"""Cards that follow the Imageomics template, varied the way authors vary them: >= 0.97 item accuracy."""

from __future__ import annotations

import pytest
from template_cards import variants

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse

CHECKLIST = load_checklist("model")
ITEMS = [item.id for item in CHECKLIST.items]
CARDS = variants()


def disagreements(name: str) -> list[str]:
    from template_cards import labels

    text, blocks = CARDS[name]
    expected = labels(blocks, ITEMS)
    got = {r.item.id: r.filled for r in analyse(text, f"{name}.md", CHECKLIST).score.items}
    return [
        f"{name}: {item} predicted {got[item]}, labelled {expected[item]}"
        for item in ITEMS
        if got[item] != expected[item]
    ]


def test_template_following_cards_item_accuracy() -> None:
    errors = [line for name in CARDS for line in disagreements(name)]
    total = len(CARDS) * len(ITEMS)
    accuracy = 1 - len(errors) / total
    print(f"template cards: {len(CARDS)} cards, item accuracy {accuracy:.3f}")
    print("\n".join(errors))
    assert accuracy >= 0.98  # cards that follow the Imageomics template, with authors' usual edits


@pytest.mark.parametrize("name", ["complete", "bold-headings", "renamed-headings", "half-filled-crlf"])
def test_key_variants_are_exact(name: str) -> None:
    assert disagreements(name) == []


def test_untouched_template_scores_under_ten_percent() -> None:
    text, _ = CARDS["untouched"]
    assert analyse(text, "untouched.md", CHECKLIST).score.score < 10


def test_crlf_changes_nothing() -> None:
    text, _ = CARDS["half-filled"]
    crlf, _ = CARDS["half-filled-crlf"]
    a = analyse(text, "a.md", CHECKLIST).score
    b = analyse(crlf, "a.md", CHECKLIST).score
    assert [r.filled for r in a.items] == [r.filled for r in b.items]
