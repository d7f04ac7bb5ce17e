"""Real model cards written by others, against careful readers' labels (../shared, when present);
our own template-following cards (tests/fixtures/template_cards) against our own labels."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from corpus import CORPUS, evaluate, table

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse

SHARED = CORPUS.parents[1]
TEMPLATE = SHARED / "seed" / "imageomics" / "HF_ModelCard_Template_Imageomics.md"
# Item accuracy, F1 of the filled class and mean badge error (points) over both label files. The issue's
# targets are 0.93, 0.91 and 4.0; these guard what the scorer reaches today (0.925, 0.896, 3.8) while it
# gets there, so that no change loses ground.
ACCURACY, F1, BADGE_ERROR = 0.93, 0.91, 4.0

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "template_cards"

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "labels-2026-12.tsv").is_file(), reason="../shared corpus is not present"
)


@needs_corpus
def test_real_cards_agree_with_careful_readers() -> None:
    """All 63 labelled cards: the targets of the issue "A badge people can trust on cards nobody tuned for"."""
    tallies, errors = evaluate()
    print("\n".join(errors))
    print(table(tallies))
    overall = tallies["all"]
    assert len(overall.badge_errors) == 63
    assert overall.accuracy >= ACCURACY
    assert overall.f1 >= F1
    assert overall.badge_error <= BADGE_ERROR


@needs_corpus
def test_every_family_of_cards_is_served() -> None:
    """No family may fall far behind the others: a badge is only trusted if it is right on every kind of card."""
    tallies, _ = evaluate()
    for style, tally in tallies.items():
        assert tally.accuracy >= 0.85, style
        assert tally.badge_error <= 10, style


@pytest.mark.skipif(not TEMPLATE.is_file(), reason="../shared seed is not present")
def test_untouched_imageomics_template_scores_under_ten_percent() -> None:
    report = analyse(TEMPLATE.read_text(encoding="utf-8"), TEMPLATE.name, load_checklist("model"))
    assert report.score.score < 10


def read_fixture(name: str) -> str:
    # Bytes, not text mode: crlf.md must reach the reader with its CRLF line endings.
    return (FIXTURES / name).read_bytes().decode("utf-8")


def fixture_labels() -> dict[str, dict[str, bool]]:
    labels: dict[str, dict[str, bool]] = defaultdict(dict)
    with (FIXTURES / "labels.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            labels[row["card"]][row["item"]] = row["filled"] == "1"
    return labels


def test_template_fixtures_are_labelled_for_every_item() -> None:
    ids = {item.id for item in load_checklist("model").items}
    labels = fixture_labels()
    cards = {path.name for path in FIXTURES.glob("*.md")}
    assert len(cards) >= 8
    assert set(labels) == cards
    assert all(set(items) == ids for items in labels.values())


def test_template_following_cards_item_accuracy() -> None:
    checklist = load_checklist("model")
    labels = fixture_labels()
    errors = []
    total = 0
    for card, wanted in sorted(labels.items()):
        report = analyse(read_fixture(card), card, checklist)
        for result in report.score.items:
            total += 1
            if result.filled != wanted[result.item.id]:
                found = result.evidence
                where = f"{found.source} {found.text!r} line {found.line}" if found else "-"
                errors.append(
                    f"{card}\t{result.item.id}\tpredicted={int(result.filled)}"
                    f"\tlabel={int(wanted[result.item.id])}\t{where}"
                )
    accuracy = 1 - len(errors) / total
    print("\n".join(errors))
    print(f"\n{len(labels)} template-following cards: item accuracy {accuracy:.3f}")
    assert accuracy >= 0.98  # cards that follow the Imageomics template, with authors' usual edits


def test_complete_fixture_scores_100_and_untouched_fixture_under_ten_percent() -> None:
    checklist = load_checklist("model")
    complete = analyse(read_fixture("complete.md"), "complete.md", checklist).score
    assert complete.percent == 100 and not complete.missing_required
    untouched = analyse(read_fixture("untouched.md"), "untouched.md", checklist).score
    assert untouched.score < 10
    # Only the template's own front matter defaults (language: en, a tags list) survive.
    assert {r.item.id for r in untouched.items if r.filled} == {"languages", "tags"}


def test_crlf_fixture_scores_like_its_lf_twin() -> None:
    raw = read_fixture("crlf.md")
    assert "\r\n" in raw
    checklist = load_checklist("model")
    crlf = analyse(raw, "crlf.md", checklist)
    lf = analyse(raw.replace("\r\n", "\n"), "crlf.md", checklist)
    assert [(r.item.id, r.filled) for r in crlf.score.items] == [(r.item.id, r.filled) for r in lf.score.items]
    assert [r.evidence.line for r in crlf.score.items if r.evidence] == [
        r.evidence.line for r in lf.score.items if r.evidence
    ]
