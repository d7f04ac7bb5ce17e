"""Dump every verdict and its evidence, to prove a speed-up changed no answer.

Writes one JSON line per page and checklist: every item's verdict and evidence
(source, text, line, section), the score, title, summary, license and
diagnostics, for the shared corpus, the test fixtures, the synthetic benchmark
site (``benchmark.py``) and any folders given (e.g. the real-size cards of
``realcards.py``). Record it before a change and after: the two files must be
byte-identical.

    python bench/realcards.py /tmp/rs --cards 1000
    python bench/oracle.py /tmp/rs > before.jsonl     # on the unchanged code
    python bench/oracle.py /tmp/rs > after.jsonl      # then: cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import make_site

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import CardReport, analyse
from mkdocs_modelcard.site import CardSite

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "model-cards"


def report(found: CardReport | None) -> dict[str, Any] | None:
    if found is None:
        return None
    data = found.as_dict()
    data["summary"] = found.summary
    data["license"] = found.license
    data["diagnostics"] = [[d.line, d.message] for d in found.diagnostics]
    data["sections"] = [
        (r.evidence.section.title, r.evidence.section.line) if r.evidence and r.evidence.section else None
        for r in found.score.items
    ]
    return data


def pages(corpus: Path, folders: list[Path], synthetic: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(corpus.glob("*.md")):
        yield f"corpus/{path.name}", path.read_text(encoding="utf-8")
    fixtures = ROOT / "tests" / "fixtures"
    for path in sorted(p for p in fixtures.rglob("*") if p.is_file()):
        try:
            yield f"fixtures/{path.relative_to(fixtures).as_posix()}", path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            yield f"{folder.name}/{path.relative_to(folder).as_posix()}", path.read_text(encoding="utf-8")
    docs = make_site(synthetic, 200)
    for path in sorted(docs.rglob("*.md")):
        yield f"synthetic/{path.relative_to(docs).as_posix()}", path.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, help="more folders of cards")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus of model cards")
    args = parser.parse_args(argv)
    checklists = [load_checklist(name) for name in ("model", "dataset")]
    site = CardSite(checklists[0])
    out = sys.stdout
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in pages(args.corpus, args.folders, Path(tmp)):
            considered = site.consider(path, text)
            line = {"path": path, "consider": report(considered), "template": site.templates.get(path)}
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            for checklist in checklists:
                line = {"path": path, "checklist": checklist.name, "report": report(analyse(text, path, checklist))}
                out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
