"""``mkdocs-modelcard check``: the plugin's engine as a command for CI.

It detects and scores cards exactly as the plugin does (the same CardSite),
so a red CI job and a badge on the site always tell the same story.

Exit codes: 0 all good, 1 a card below ``--fail-under`` or a file that could
not be read, 2 a usage error (bad option, missing path, broken checklist),
3 the report could not be written.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import html
import io
import json
import os
import posixpath
import re
import sys
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

from mkdocs.utils import is_markdown_file
from pathspec.gitignore import GitIgnoreSpec

from .checklist import Checklist, ChecklistError, load_checklist
from .detect import DetectOptions
from .engine import CardReport, analyse, catalogue, catalogue_json, item_line
from .nav import missing_from_nav, nav_line, site_nav
from .output import OutputError, index_files, write_files
from .render import Renderer
from .safetext import one_line
from .scaffold import scaffold
from .scoring import ItemResult
from .site import CardSite, summary_line, templates_line
from .text import glob_error

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3

EPILOG = """\
exit codes:
  0  every card was read and none scored below --fail-under
  1  a card scored below --fail-under, missed a required (gate) item of its
     checklist, or a file could not be read
  2  usage error: bad option, a PATH that does not exist, a broken checklist
  3  the report could not be written (a closed pipe or stdout, a full disk)

A FILE argument is always scored as a card. A DIRECTORY is searched for the
Markdown pages MkDocs would build (hidden files and folders and templates/
left out, as MkDocs does) and only pages the plugin would treat as cards are
scored. --include, --exclude and --checklists take gitignore-style patterns,
like MkDocs' exclude_docs: *.md matches at any depth, a leading / anchors.
"""


@dataclass
class Result:
    cards: list[tuple[str, CardReport]] = field(default_factory=list)
    """(path as the user would write it, report)"""
    errors: list[tuple[str, str]] = field(default_factory=list)
    templates: dict[str, str] = field(default_factory=dict)
    """Pages of the searched folders taken as blank templates (path as the user would write it, reason)."""


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _describe(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (invalid byte at offset {exc.start})"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


# MkDocs' own default exclusions (``mkdocs.structure.files``): hidden files and folders, and templates/.
_MKDOCS_EXCLUDE = GitIgnoreSpec.from_lines([".*", "/templates/"])


def pages(folder: Path) -> list[tuple[Path, str]]:
    """The documentation pages MkDocs would build from ``folder``, with their ``/``-separated relative paths.

    The same rules as MkDocs' ``get_files``, so ``check docs`` scores the
    pages the plugin sees: every Markdown extension MkDocs knows, none of the
    files it excludes by default, only regular files (a folder named
    ``x.md`` or a FIFO is no page), and symbolic links followed once each.
    """
    found: list[tuple[Path, str]] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        info = Path(root).stat()
        if (info.st_dev, info.st_ino) in seen:  # a link back up the tree
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        rel_root = Path(root).relative_to(folder).as_posix()
        prefix = "" if rel_root == "." else rel_root + "/"
        dirs[:] = sorted(d for d in dirs if not _MKDOCS_EXCLUDE.match_file(f"{prefix}{d}/"))
        for name in files:
            rel = prefix + name
            path = Path(root, name)
            if is_markdown_file(name) and not _MKDOCS_EXCLUDE.match_file(rel) and path.is_file():
                found.append((path, rel))
    return sorted(found, key=lambda page: page[1])


def collect(
    paths: Sequence[str],
    checklist: Checklist,
    options: DetectOptions,
    checklists: dict[str, str] | None = None,
    resolve: Callable[[str], Checklist] = load_checklist,
    root: Path | None = None,
) -> Result:
    """Score the given files, and the cards found in the given directories, in a stable order."""
    result = Result()
    for given in paths:
        target = Path(given)
        if target.is_dir():
            site = CardSite(checklist, options, dict(checklists or {}), resolve, root=root)
            found: dict[str, str] = {}
            for file, rel in pages(target):
                shown = os.path.join(given, *rel.split("/"))  # noqa: PTH118 - keeps the spelling the user typed
                try:
                    text = _read(file)
                except (OSError, UnicodeDecodeError) as exc:
                    result.errors.append((shown, _describe(exc)))
                    continue
                if site.consider(rel, text) is not None:
                    found[rel] = shown
            result.cards.extend((found[rel], site.reports[rel]) for rel in sorted(found))
            for rel, reason in sorted(site.templates.items()):
                result.templates[os.path.join(given, *rel.split("/"))] = reason  # noqa: PTH118
        elif not target.is_file():  # a FIFO or a device: reading it could block forever
            result.errors.append((given, "not a regular file"))
        else:
            try:
                text = _read(target)
            except (OSError, UnicodeDecodeError) as exc:
                result.errors.append((given, _describe(exc)))
                continue
            # Detection only picks the checklist here: a file named on the command line is always scored.
            single = CardSite(checklist, options, dict(checklists or {}), resolve, root=root)
            report = single.consider(target.as_posix(), text)
            if report is None:
                report = analyse(text, target.as_posix(), checklist)
            result.cards.append((given, report))
    return result


def format_json(result: Result, fail_under: float | None, out: TextIO) -> None:
    # Indented for a person at a terminal; compact (and several times faster to encode) for pipes and files.
    if out.isatty():
        out.write(json.dumps(catalogue(result.cards, result.errors), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(catalogue_json(result.cards, result.errors) + "\n")


def format_text(result: Result, fail_under: float | None, out: TextIO) -> None:
    # Every line through one_line(): titles and paths come from the card's author (see safetext).
    if not result.cards:
        out.write("no model cards found\n")
    for path, report in result.cards:
        score = report.score
        flag = "  BELOW" if fail_under is not None and score.percent < fail_under else ""
        line = (
            f"{path}  {score.percent}%  ({score.filled_required_count}/{score.required_count} required)"
            f"  {report.title}{flag}"
        )
        out.write(one_line(line) + "\n")
        for missing in score.missing_required:
            out.write(one_line(f"    - {missing.item.label} ({missing.item.group})") + "\n")
    for path, message in result.errors:
        out.write(one_line(f"{path}  error: {message}") + "\n")
    if result.cards:
        line = summary_line(report for _, report in result.cards)
        if fail_under is not None:
            below = sum(1 for _, r in result.cards if r.score.percent < fail_under)
            line += f", {below} below {fail_under:g}%"
        out.write(line + "\n")


def _missing(result: Result) -> list[tuple[str, CardReport, ItemResult]]:
    return [(path, report, r) for path, report in result.cards for r in report.score.missing_required]


def _uri(path: str) -> str:
    """A relative URI reference for SARIF: ``/``-separated and percent-encoded (``a b#1.md`` is ``a%20b%231.md``)."""
    return urllib.parse.quote(Path(path).as_posix(), safe="/")


def format_sarif(result: Result, fail_under: float | None, out: TextIO) -> None:
    """SARIF 2.1.0: one result per missing required item, at the line of its heading (or line 1)."""
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for path, report, missing in _missing(result):
        item = missing.item
        rule_id = f"{report.score.checklist.name}/{item.id}"
        rules.setdefault(
            rule_id,
            {
                "id": rule_id,
                "name": item.id,
                "shortDescription": {"text": f"{report.score.checklist.title}: {item.label} ({item.group})"},
                "fullDescription": {"text": item.guidance or item.label},
                "defaultConfiguration": {"level": "error" if item.required else "warning"},
            },
        )
        results.append(
            {
                "ruleId": rule_id,
                "level": "error" if item.required else "warning",
                "message": {"text": f"{item.label} ({item.group}) is missing. {item.guidance}".strip()},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(path)},
                            "region": {"startLine": item_line(report, item)},
                        }
                    }
                ],
            }
        )
    for path, message in result.errors:
        results.append(
            {
                "ruleId": "read-error",
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
            }
        )
    if result.errors:
        rules["read-error"] = {"id": "read-error", "shortDescription": {"text": "The file could not be read"}}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mkdocs-modelcard",
                        "version": _version(),
                        "informationUri": "https://pypi.org/project/mkdocs-modelcard/",
                        "rules": [rules[k] for k in sorted(rules)],
                    }
                },
                "results": results,
            }
        ],
    }
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _escape_workflow(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow command escaping (``%``, CR, LF; also ``:`` and ``,`` in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(result: Result, fail_under: float | None, out: TextIO) -> None:
    """GitHub Actions workflow commands: one annotation per missing required item."""
    for path, report, missing in _missing(result):
        item = missing.item
        level = "error" if item.required else "warning"
        file = _escape_workflow(Path(path).as_posix(), property_value=True)
        title = _escape_workflow(f"{report.score.checklist.title}: {item.label} missing", property_value=True)
        message = _escape_workflow(f"{item.label} ({item.group}) is missing. {item.guidance}".strip())
        out.write(f"::{level} file={file},line={item_line(report, item)},title={title}::{message}\n")
    for path, message in result.errors:
        out.write(f"::error file={_escape_workflow(path, property_value=True)}::{_escape_workflow(message)}\n")
    for path, report in result.cards:
        if fail_under is not None and report.score.percent < fail_under:
            text = f"{report.title} scores {report.score.percent}%, below {fail_under:g}%"
            out.write(f"::error file={_escape_workflow(path, property_value=True)},line=1::{_escape_workflow(text)}\n")


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", escaped).replace("\n", " ")


def _code(text: str) -> str:
    """Text as code in a table cell: backslash escapes do not work inside backticks, entities in ``<code>`` do."""
    return "<code>" + html.escape(one_line(text)).replace("|", "&#124;") + "</code>"


def format_markdown(result: Result, fail_under: float | None, out: TextIO) -> None:
    """A summary table for a CI step summary ($GITHUB_STEP_SUMMARY)."""
    out.write("## Model card check\n\n")
    if not result.cards:
        out.write("No model cards found.\n")
    else:
        out.write(summary_line(r for _, r in result.cards).capitalize() + ".\n\n")
        out.write("| Card | Kind | Score | Missing required items |\n|---|---|---:|---|\n")
        for path, report in result.cards:
            score = report.score
            status = ""
            if score.incomplete:
                status = " (incomplete)"
            elif fail_under is not None and score.percent < fail_under:
                status = f" (below {fail_under:g}%)"
            missing = ", ".join(r.item.label for r in score.missing_required) or "none"
            out.write(
                f"| {_md(report.title)}<br>{_code(path)} | {_md(score.checklist.title)} "
                f"| {score.percent}%{status} | {_md(missing)} |\n"
            )
    for path, message in result.errors:
        out.write(f"\n**Could not read** {_code(path)}: {_md(message)}\n")


FORMATS: dict[str, Callable[[Result, float | None, TextIO], None]] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "markdown": format_markdown,
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
    check.add_argument(
        "--checklists",
        action="append",
        default=[],
        metavar="GLOB=NAME",
        help="checklist for pages matching GLOB (like the plugin's `checklists` option); repeatable",
    )
    check.add_argument("--include", action="append", default=[], metavar="GLOB", help="always treat as a card")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="never treat as a card")
    check.add_argument("--no-auto-detect", action="store_true", help="only --include globs and front matter count")
    new = commands.add_parser(
        "new",
        help="write a new card with a slot for every checklist item",
        description="Write a new card from a checklist: headings or fields for every item, guidance as HTML "
        "comments, placeholders to replace. An existing file is never overwritten.",
    )
    new.add_argument("path", metavar="PATH", help="the file to create (e.g. docs/models/beetlenet_model_card.md)")
    new.add_argument("--checklist", default="model", metavar="NAME|PATH", help="built-in checklist or YAML file")
    new.add_argument("--name", help="the model's or dataset's name, used in the title")
    add_index_parser(commands)
    return parser


def add_index_parser(commands: Any) -> None:
    index = commands.add_parser(
        "index",
        help="write the index page, badges and cards.json into the docs, for hosts without plugins",
        description="Write the plugin's generated index files into a folder of the docs, before a build by a "
        "host that runs no MkDocs plugins (Zensical): DIR/index.md, DIR/badges/<slug>.svg, DIR/cards.json, "
        "and the stylesheet and script the index uses. Files whose content is unchanged are not rewritten.",
    )
    index.add_argument("docs_dir", metavar="DOCS_DIR", help="the site's docs folder")
    index.add_argument("--output", required=True, metavar="DIR", help="folder inside DOCS_DIR to write into")
    index.add_argument("--title", default="Model cards", help="title of the index page (default: Model cards)")
    index.add_argument(
        "--no-directory-urls",
        dest="directory_urls",
        action="store_false",
        help="link to page.html rather than page/ (for use_directory_urls: false)",
    )
    index.add_argument("--checklist", default="model", metavar="NAME|PATH", help="built-in checklist or YAML file")
    index.add_argument(
        "--checklists", action="append", default=[], metavar="GLOB=NAME", help="checklist for pages matching GLOB"
    )
    index.add_argument("--include", action="append", default=[], metavar="GLOB", help="always treat as a card")
    index.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="never treat as a card")
    index.add_argument("--no-auto-detect", action="store_true", help="only --include globs and front matter count")


class UsageError(Exception):
    """A problem with what the user asked for: reported in one line, exit status 2."""


def _checklist(spec: str) -> Checklist:
    try:
        return load_checklist(spec, Path.cwd())
    except ChecklistError as exc:
        raise UsageError(str(exc)) from exc


def run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    checklist = _checklist(args.checklist)
    target = Path(args.path)
    # Path("newname/") is "newname": without this the folder the user meant would become a file.
    if args.path.endswith(("/", os.sep)) or target.is_dir():
        raise UsageError(f"{args.path} is a folder; name the card to create, e.g. {target / 'name_model_card.md'}")
    if not target.parent.is_dir():
        raise UsageError(f"no such folder: {target.parent}")
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(scaffold(checklist, args.name))
    except FileExistsError:
        err.write(one_line(f"mkdocs-modelcard: {target} exists; it was not overwritten") + "\n")
        return EXIT_FAIL
    except OSError as exc:
        err.write(one_line(f"mkdocs-modelcard: cannot write {target}: {_describe(exc)}") + "\n")
        return EXIT_FAIL
    out.write(f"wrote {target} ({checklist.title.lower()}, {len(checklist.items)} checklist items)\n")
    return EXIT_OK


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while cards are scored (restored afterwards).

    Every card is kept until the report is written, so the collector's passes
    over them free nothing; on 5,000 cards they took a quarter of the run.
    Reference counting still frees what each page leaves behind.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    checklist = _checklist(args.checklist)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    mapping: dict[str, str] = {}
    for entry in args.checklists:
        glob, sep, name = entry.partition("=")
        if not sep or not glob or not name:
            raise UsageError(f"--checklists takes GLOB=NAME, not {entry!r}")
        mapping[glob] = name
    resolve = functools.partial(load_checklist, base_dir=Path.cwd())
    options = DetectOptions(args.include, args.exclude, not args.no_auto_detect)
    for name, globs in (("--include", args.include), ("--exclude", args.exclude), ("--checklists", mapping)):
        if (error := glob_error(globs)) is not None:
            raise UsageError(f"{name}: {error}")
    try:
        with _collector_paused():
            result = collect(args.paths, checklist, options, mapping, resolve, root=Path.cwd())
    except ChecklistError as exc:
        raise UsageError(str(exc)) from exc
    if result.templates:
        err.write(f"mkdocs-modelcard: {one_line(templates_line(result.templates))}\n")
    if args.format == "text":
        for path, report in result.cards:
            for diagnostic in report.diagnostics:
                err.write(diagnostic.located(path, "warning") + "\n")
    FORMATS[args.format](result, args.fail_under, out)
    failed = any(r.score.incomplete for _, r in result.cards) or (
        args.fail_under is not None and any(r.score.percent < args.fail_under for _, r in result.cards)
    )
    return EXIT_FAIL if failed or result.errors else EXIT_OK


def run_index(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Score DOCS_DIR as ``check`` does, then write what the plugin would generate beside its index."""
    checklist = _checklist(args.checklist)
    docs, target = Path(args.docs_dir), Path(args.output)
    if not docs.is_dir():
        raise UsageError(f"no such folder: {docs}")
    try:
        folder = target.resolve().relative_to(docs.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"--output {target} is not inside {docs}: the index links to the cards from there") from None
    mapping: dict[str, str] = {}
    for entry in args.checklists:
        glob, sep, name = entry.partition("=")
        if not sep or not glob or not name:
            raise UsageError(f"--checklists takes GLOB=NAME, not {entry!r}")
        mapping[glob] = name
    resolve = functools.partial(load_checklist, base_dir=Path.cwd())
    options = DetectOptions(args.include, args.exclude, not args.no_auto_detect)
    for name, globs in (("--include", args.include), ("--exclude", args.exclude), ("--checklists", mapping)):
        if (error := glob_error(globs)) is not None:
            raise UsageError(f"{name}: {error}")
    try:
        site = CardSite(checklist, options, mapping, resolve, root=Path.cwd())
        with _collector_paused():
            result = collect([str(docs)], checklist, options, mapping, resolve, root=Path.cwd())
    except ChecklistError as exc:
        raise UsageError(str(exc)) from exc
    if result.templates:
        err.write(f"mkdocs-modelcard: {one_line(templates_line(result.templates))}\n")
    for _, report in result.cards:
        site.reports[report.path] = report
    for path, message in result.errors:
        err.write(f"{path}: warning: {message}; it is not in the index\n")
    files = index_files(
        site, Renderer(), "" if folder == "." else folder, title=args.title, directory_urls=args.directory_urls
    )
    try:
        written = write_files(target, files)
    except (OutputError, OSError) as exc:
        err.write(f"mkdocs-modelcard: {exc}\n")
        return EXIT_FAIL
    out.write(
        f"{summary_line(site.reports.values())}; {target}: {len(written.changed)} written, "
        f"{len(written.unchanged)} unchanged, {len(written.removed)} removed\n"
    )
    found = site_nav(docs)
    index_src = posixpath.join("" if folder == "." else folder, "index.md")
    if found is not None and missing_from_nav(found[1], index_src):
        err.write(
            f"mkdocs-modelcard: {index_src} is not in the explicit nav of {found[0]}, so nothing links to it; "
            f"add this line under nav: {nav_line(args.title, index_src)}\n"
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command; console scripts pass the returned code to ``sys.exit``."""
    args = build_parser().parse_args(argv)
    run = {"new": run_new, "index": run_index}.get(args.command, run_check)
    err = err or sys.stderr or io.StringIO()
    out = out or sys.stdout
    if out is None:  # started with standard output closed (``>&-``)
        err.write("mkdocs-modelcard: standard output is closed; no report can be written\n")
        return EXIT_OUTPUT
    try:
        code = run(args, out, err)
        out.flush()  # a full disk shows here, not at exit
    except UsageError as exc:
        err.write(one_line(f"mkdocs-modelcard: {exc}") + "\n")
        return EXIT_USAGE
    except BrokenPipeError:  # ``check | head -1``: the reader has all it wanted
        _silence(out)
        return EXIT_OUTPUT
    except OSError as exc:  # e.g. writing to /dev/full
        _silence(out)
        with contextlib.suppress(OSError):
            err.write(one_line(f"mkdocs-modelcard: cannot write the report: {_describe(exc)}") + "\n")
        return EXIT_OUTPUT
    return code


def _silence(out: TextIO) -> None:
    """Point a failed standard output at /dev/null, so Python's own flush at exit does not fail again."""
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
