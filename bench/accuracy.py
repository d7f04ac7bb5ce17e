"""Agreement of the scorer with careful readers on the labelled corpus, per card family.

Run from the repository root (the corpus lives in ``../shared``)::

    python bench/accuracy.py                 # both label files, figures per style
    python bench/accuracy.py --errors        # plus every disagreement, for review
    python bench/accuracy.py --holdout STYLE # tune on the other families, report STYLE

The figures are the ones the corpus test asserts on; the per-style table is
what docs/accuracy.md reports. Leave-one-family-out is the honest measure of
how the scorer does on cards nobody tuned it for.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs_modelcard.checklist import load_checklist  # noqa: E402
from mkdocs_modelcard.engine import analyse  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "model-cards"
LABEL_FILES = ("labels.tsv", "labels-2026-12.tsv")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    badge_errors: list[float] = field(default_factory=list)

    def add(self, predicted: bool, label: bool) -> None:
        self.tp += predicted and label
        self.fp += predicted and not label
        self.fn += label and not predicted
        self.tn += not label and not predicted

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 1.0

    @property
    def f1(self) -> float:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def badge_error(self) -> float:
        return sum(self.badge_errors) / len(self.badge_errors) if self.badge_errors else 0.0

    def row(self, name: str) -> str:
        return (
            f"{name:<22} {len(self.badge_errors):>5} {self.accuracy:>9.3f} {self.f1:>6.3f} "
            f"{self.badge_error:>7.1f} {self.fp:>4} {self.fn:>4}"
        )


def load_labels(files: tuple[str, ...] = LABEL_FILES) -> tuple[dict[str, dict[str, bool]], dict[tuple[str, str], str]]:
    labels: dict[str, dict[str, bool]] = defaultdict(dict)
    evidence: dict[tuple[str, str], str] = {}
    for name in files:
        with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                labels[row["card"]][row["item"]] = row["filled"] == "1"
                evidence[(row["card"], row["item"])] = row["evidence"]
    return labels, evidence


def styles() -> dict[str, str]:
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["style"] for row in csv.DictReader(handle, delimiter="\t")}


def evaluate(only: set[str] | None = None) -> tuple[dict[str, Tally], list[str]]:
    checklist = load_checklist("model")
    required = [item.id for item in checklist.required]
    labels, evidence = load_labels()
    style_of = styles()
    tallies: dict[str, Tally] = defaultdict(Tally)
    errors: list[str] = []
    for card, wanted in sorted(labels.items()):
        style = style_of.get(card, "?")
        if only is not None and style not in only:
            continue
        report = analyse((CORPUS / card).read_text(encoding="utf-8"), card, checklist)
        got = {r.item.id: r for r in report.score.items}
        for tally in (tallies["all"], tallies[style]):
            for item, filled in wanted.items():
                tally.add(got[item].filled, filled)
            labelled = 100 * sum(wanted[i] for i in required) / len(required)
            tally.badge_errors.append(abs(report.score.score - labelled))
        for item, filled in wanted.items():
            if got[item].filled != filled:
                found = got[item].evidence
                where = f"{found.source} {found.text!r} line {found.line}" if found else "-"
                errors.append(
                    f"{style}\t{card}\t{item}\tpredicted={int(got[item].filled)}\tlabel={int(filled)}"
                    f"\t{where}\t{evidence[(card, item)]}"
                )
    return tallies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    parser.add_argument("--style", action="append", help="only cards of this style (repeatable)")
    args = parser.parse_args()
    tallies, errors = evaluate(set(args.style) if args.style else None)
    if args.errors:
        print("\n".join(errors))
        print()
    print(f"{'style':<22} {'cards':>5} {'accuracy':>9} {'F1':>6} {'badge':>7} {'FP':>4} {'FN':>4}")
    for name in sorted(tallies, key=lambda n: (n != "all", n)):
        print(tallies[name].row(name))


if __name__ == "__main__":
    main()
