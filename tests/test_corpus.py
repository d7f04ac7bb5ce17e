"""Real model cards written by others, against careful readers' labels (../shared, when present)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "model-cards"
TEMPLATE = SHARED / "seed" / "imageomics" / "HF_ModelCard_Template_Imageomics.md"

needs_corpus = pytest.mark.skipif(not (CORPUS / "labels.tsv").is_file(), reason="../shared corpus is not present")


def load_labels() -> tuple[dict[str, dict[str, bool]], dict[tuple[str, str], str]]:
    labels: dict[str, dict[str, bool]] = defaultdict(dict)
    evidence: dict[tuple[str, str], str] = {}
    with (CORPUS / "labels.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            labels[row["card"]][row["item"]] = row["filled"] == "1"
            evidence[(row["card"], row["item"])] = row["evidence"]
    return labels, evidence


@needs_corpus
def test_real_cards_agree_with_careful_readers() -> None:
    checklist = load_checklist("model")
    required = [item.id for item in checklist.required]
    labels, evidence = load_labels()
    tp = fp = fn = tn = 0
    badge_errors = []
    lines = []
    for card, wanted in sorted(labels.items()):
        report = analyse((CORPUS / card).read_text(encoding="utf-8"), card, checklist)
        got = {r.item.id: r for r in report.score.items}
        assert set(wanted) == set(got), card
        for item, filled in wanted.items():
            predicted = got[item].filled
            tp += predicted and filled
            fp += predicted and not filled
            fn += filled and not predicted
            tn += not filled and not predicted
            if predicted != filled:
                found = got[item].evidence
                where = f"{found.source} {found.text!r} line {found.line}" if found else "-"
                lines.append(
                    f"{card}\t{item}\tpredicted={int(predicted)}\tlabel={int(filled)}\t{where}"
                    f"\t{evidence[(card, item)]}"
                )
        labelled = 100 * sum(wanted[i] for i in required) / len(required)
        badge_errors.append(abs(report.score.score - labelled))
    accuracy = (tp + tn) / (tp + tn + fp + fn)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    mean_badge_error = sum(badge_errors) / len(badge_errors)
    print("\n".join(lines))
    print(
        f"\n{len(labels)} cards: accuracy {accuracy:.3f}, F1 {f1:.3f} "
        f"(precision {precision:.3f}, recall {recall:.3f}), "
        f"mean badge error {mean_badge_error:.1f} points; {fp} false filled, {fn} false missing"
    )
    assert accuracy >= 0.85
    assert f1 >= 0.80
    assert mean_badge_error <= 10


@pytest.mark.skipif(not TEMPLATE.is_file(), reason="../shared seed is not present")
def test_untouched_imageomics_template_scores_under_ten_percent() -> None:
    report = analyse(TEMPLATE.read_text(encoding="utf-8"), TEMPLATE.name, load_checklist("model"))
    assert report.score.score < 10
