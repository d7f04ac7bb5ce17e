"""Print how far the scorer agrees with careful readers, per card family.

python bench/accuracy.py                      # the shared corpus (../shared), both label files
python bench/accuracy.py --errors             # and every disagreement, for review
python bench/accuracy.py --folder DIR --labels labels.tsv   # any folder laid out like the corpus
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus import CORPUS, LABEL_FILES, evaluate, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    parser.add_argument("--style", action="append", help="only cards of this style (repeatable)")
    parser.add_argument("--folder", type=Path, default=CORPUS, help="cards, SOURCES.tsv and label files")
    parser.add_argument("--labels", action="append", help="label file names in the folder (repeatable)")
    args = parser.parse_args()
    files = tuple(args.labels) if args.labels else LABEL_FILES
    tallies, errors = evaluate(args.folder, files, set(args.style) if args.style else None)
    if args.errors:
        print("\n".join(errors), end="\n\n")
    print(table(tallies))


if __name__ == "__main__":
    main()
