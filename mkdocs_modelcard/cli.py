"""``mkdocs-modelcard check``: the plugin's engine as a command for CI.

It detects and scores cards exactly as the plugin does (the same CardSite),
so a red CI job and a badge on the site always tell the same story.

Exit codes: 0 all good, 1 a card below ``--fail-under`` or a file that could
not be read, 2 a usage error (bad option, missing path, broken checklist).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

from .checklist import Checklist, ChecklistError, load_checklist
from .detect import DetectOptions
from .engine import CardReport, analyse
from .site import CardSite, summary_line

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

EPILOG = """\
exit codes:
  0  every card was read and none scored below --fail-under
  1  a card scored below --fail-under, or a file could not be read
  2  usage error: bad option, a PATH that does not exist, a broken checklist

A FILE argument is always scored as a card. A DIRECTORY is searched for *.md
files and only pages the plugin would treat as cards are scored.
"""


@dataclass
class Result:
    cards: list[tuple[str, CardReport]] = field(default_factory=list)
    """(path as the user would write it, report)"""
    errors: list[tuple[str, str]] = field(default_factory=list)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _describe(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (invalid byte at offset {exc.start})"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def collect(paths: Sequence[str], checklist: Checklist, options: DetectOptions) -> Result:
    """Score the given files, and the cards found in the given directories, in a stable order."""
    result = Result()
    for given in paths:
        target = Path(given)
        if target.is_dir():
            site = CardSite(checklist, options)
            found: dict[str, str] = {}
            for file in sorted(target.rglob("*.md")):
                rel = file.relative_to(target).as_posix()
                shown = os.path.join(given, *rel.split("/"))  # noqa: PTH118 - keeps the spelling the user typed
                try:
                    text = _read(file)
                except (OSError, UnicodeDecodeError) as exc:
                    result.errors.append((shown, _describe(exc)))
                    continue
                if site.consider(rel, text) is not None:
                    found[rel] = shown
            result.cards.extend((found[rel], site.reports[rel]) for rel in sorted(found))
        else:
            try:
                text = _read(target)
            except (OSError, UnicodeDecodeError) as exc:
                result.errors.append((given, _describe(exc)))
                continue
            result.cards.append((given, analyse(text, target.as_posix(), checklist)))
    return result


def catalogue(cards: Sequence[tuple[str, CardReport]], errors: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """The JSON document shared by ``--format json`` and the site's ``cards.json``."""
    return {
        "cards": [report.as_dict(path=path) for path, report in cards],
        "errors": [{"path": path, "message": message} for path, message in errors],
    }


def format_json(result: Result, fail_under: float | None, out: TextIO) -> None:
    out.write(json.dumps(catalogue(result.cards, result.errors), indent=2, ensure_ascii=False) + "\n")


def format_text(result: Result, fail_under: float | None, out: TextIO) -> None:
    if not result.cards:
        out.write("no model cards found\n")
    for path, report in result.cards:
        score = report.score
        flag = "  BELOW" if fail_under is not None and score.percent < fail_under else ""
        out.write(
            f"{path}  {score.percent}%  ({score.filled_required_count}/{score.required_count} required)"
            f"  {report.title}{flag}\n"
        )
        for missing in score.missing_required:
            out.write(f"    - {missing.item.label} ({missing.item.group})\n")
    for path, message in result.errors:
        out.write(f"{path}  error: {message}\n")
    if result.cards:
        line = summary_line(report for _, report in result.cards)
        if fail_under is not None:
            below = sum(1 for _, r in result.cards if r.score.percent < fail_under)
            line += f", {below} below {fail_under:g}%"
        out.write(line + "\n")


FORMATS: dict[str, Callable[[Result, float | None, TextIO], None]] = {
    "text": format_text,
    "json": format_json,
}


def _version() -> str:
    try:
        return version("mkdocs-modelcard")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-modelcard",
        description="Check model cards against a checklist, as the mkdocs-modelcard plugin scores them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="score cards and report what is missing",
        description="Score model cards and report what is missing.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="a card file, or a folder to search for cards")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    check.add_argument("--fail-under", type=float, metavar="N", help="exit 1 when a card's score is below N percent")
    check.add_argument("--checklist", default="model", metavar="NAME|PATH", help="built-in checklist or YAML file")
    check.add_argument("--include", action="append", default=[], metavar="GLOB", help="always treat as a card")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="never treat as a card")
    check.add_argument("--no-auto-detect", action="store_true", help="only --include globs and front matter count")
    return parser


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        checklist = load_checklist(args.checklist, Path.cwd())
    except ChecklistError as exc:
        err.write(f"mkdocs-modelcard: {exc}\n")
        return EXIT_USAGE
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        err.write(f"mkdocs-modelcard: no such file or folder: {', '.join(missing)}\n")
        return EXIT_USAGE
    options = DetectOptions(args.include, args.exclude, not args.no_auto_detect)
    result = collect(args.paths, checklist, options)
    if args.format == "text":
        for path, report in result.cards:
            for diagnostic in report.diagnostics:
                where = f":{diagnostic.line}" if diagnostic.line else ""
                err.write(f"{path}{where}: warning: {diagnostic.message}\n")
    FORMATS[args.format](result, args.fail_under, out)
    failed = args.fail_under is not None and any(r.score.percent < args.fail_under for _, r in result.cards)
    return EXIT_FAIL if failed or result.errors else EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command; console scripts pass the returned code to ``sys.exit``."""
    args = build_parser().parse_args(argv)
    return run_check(args, out or sys.stdout, err or sys.stderr)
