"""Write the item tables of docs/checklist.md from the built-in checklists, so the reference never drifts.

    python scripts/checklist_tables.py          # rewrite the tables in docs/checklist.md
    python scripts/checklist_tables.py --check  # exit 1 if they are out of date (tests/test_docs.py does this)

Only the parts between the ``<!-- tables:NAME -->`` and ``<!-- /tables:NAME -->`` markers are written; the prose
around them is the page's own.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs_modelcard.checklist import Checklist, Item, load_checklist  # noqa: E402
from mkdocs_modelcard.text import normalize  # noqa: E402

PAGE = ROOT / "docs" / "checklist.md"
SHOWN = 3
"""Names shown per list before "(+N more)"."""


def _names(values: tuple[str, ...], quote: str = '"') -> str:
    shown = ", ".join(f"{quote}{normalize(v) if quote == chr(34) else v}{quote}" for v in values[:SHOWN])
    return shown + (f" (+{len(values) - SHOWN} more)" if len(values) > SHOWN else "")


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else f"{count} {many}"


def looked_for(item: Item) -> str:
    """Where the scorer looks for the item, in the order it looks."""
    detect = item.detect
    places = []
    if detect.front_matter:
        places.append("front matter " + ", ".join(f"`{key}`" for key in detect.front_matter))
    if detect.title:
        places.append("the H1 title")
    if detect.title_patterns:
        places.append(_plural(len(detect.title_patterns), "a pattern in the H1 title", "patterns in the H1 title"))
    if detect.intro:
        places.append("the text under the H1")
    if detect.fields:
        places.append("fields " + _names(detect.fields))
    if detect.headings:
        mode = {"own": ", own text only", "prose": ", prose only"}.get(detect.content, "")
        places.append("headings " + _names(detect.headings) + mode)
    if detect.cues:
        near = f" and the sections of {', '.join(f'`{n}`' for n in detect.near)}" if detect.near else ""
        places.append(f"sections about its group{near}, by {_plural(len(detect.cues), 'a cue', 'cues')}")
    if detect.other_sections:
        places.append("sections about nothing else on the checklist")
    if detect.patterns:
        places.append(_plural(len(detect.patterns), "a text pattern", "text patterns"))
    notes = []
    if not detect.code:
        notes.append("not in code blocks")
    if detect.links:
        notes.append("a link counts")
    if item.min_words > 1:
        notes.append(f"at least {item.min_words} words")
    return "; ".join(places + notes)


def tables(checklist: Checklist) -> str:
    lines: list[str] = []
    for group in checklist.groups:
        lines += [f"### {group}", "", "| Item | Counts | Looked for in | Guidance when missing |", "|:--|:--|:--|:--|"]
        for item in (i for i in checklist.items if i.group == group):
            label = ("↳ " if item.parent else "") + item.label
            counts = "optional" if item.optional else "yes"
            if item.required:
                counts += ", required (a gate)"
            guidance = item.guidance.replace("|", "\\|")
            lines.append(
                f"| {label}<br>`{item.id}` | {counts} | {looked_for(item).replace('|', chr(92) + '|')} | {guidance} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(page: str) -> str:
    for name in ("model", "dataset"):
        block = re.compile(rf"(<!-- tables:{name} -->\n).*?(<!-- /tables:{name} -->)", re.DOTALL)
        if not block.search(page):
            raise SystemExit(f"{PAGE}: no <!-- tables:{name} --> ... <!-- /tables:{name} --> block")
        body = tables(load_checklist(name))
        page = block.sub(lambda m, body=body: m.group(1) + "\n" + body + "\n" + m.group(2), page)
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report whether the page is up to date")
    args = parser.parse_args()
    page = PAGE.read_text(encoding="utf-8")
    wanted = render(page)
    if args.check:
        if wanted != page:
            print(f"{PAGE} is out of date: run python scripts/checklist_tables.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
