"""Count the CPU instructions spent per card, for judging small speed-ups on a noisy machine.

Wall-clock timings on a shared machine swing by 10% or more; valgrind's
callgrind counts instructions, which do not depend on what else is running.
This runs the framework-free core (detect, read and score every page, as the
plugin's on_files and the CLI do) over the benchmark's generated site twice,
with and without the pages, and prints the difference per card.

    python bench/instructions.py              # 200 cards and 200 ordinary pages; needs valgrind
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import make_site


def score_all(docs: Path, limit: int) -> None:
    from mkdocs_modelcard.checklist import load_checklist
    from mkdocs_modelcard.site import CardSite

    pages = [(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))]
    site = CardSite(load_checklist("model"))
    # One card scored in both runs, so one-time costs (the content patterns' fast paths, set up on first use)
    # cancel out and only the per-card work is counted.
    cards = [page for page in pages if page[0].endswith("_model_card.md")]
    site.assess(*cards[0])
    for path, text in pages[:limit]:
        site.consider(path, text)


def instructions(docs: Path, limit: int) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--run",
        str(docs),
        str(limit),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    match = re.search(r"Collected : (\d+)", output)
    if match is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{output}")
    return int(match.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--run", nargs=2, metavar=("DOCS", "LIMIT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        score_all(Path(args.run[0]), int(args.run[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        docs = make_site(Path(tmp), args.cards)
        pages = 2 * args.cards + 1
        per_card = (instructions(docs, pages) - instructions(docs, 0)) / args.cards
    print(f"{per_card / 1e6:.2f} million instructions per card (detect, read, score; ordinary pages included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
