"""``mkdocs-modelcard check``: the plugin's engine as a command for CI.

It detects and scores cards exactly as the plugin does (the same CardSite),
so a red CI job and a badge on the site always tell the same story. Reports
are written a card at a time, as the cards are scored (in several processes
with ``--jobs``), so memory does not grow with the number of cards.

Exit codes: 0 all good, 1 a card below ``--fail-under`` or a file that could
not be read, 2 a usage error (bad option, missing path, broken checklist),
3 the report could not be written.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import itertools
import multiprocessing
import os
import posixpath
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any, NamedTuple, TextIO, Union

from mkdocs.utils import is_markdown_file
from pathspec.gitignore import GitIgnoreSpec

from .checklist import Checklist, ChecklistError, load_checklist
from .detect import DetectOptions
from .nav import missing_from_nav, nav_line, site_nav
from .output import OutputError, index_files, write_files
from .parallel import frozen_heap, usable_cpus
from .render import Renderer
from .reports import FORMATS, Scored, tool_version
from .safetext import one_line
from .scaffold import scaffold
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

PARALLEL_MIN_FILES = 64
"""Fewer files than this are scored in this process: starting workers would cost more than they save."""
CHUNK = 8
"""Files per task sent to a worker: enough to amortise the round trip, few enough to balance big cards."""
WINDOW = 8
"""Tasks in flight per worker; bounds what waits in memory when the output is slower than the workers."""


class Task(NamedTuple):
    file: str
    """Where to read it."""
    path: str
    """The path detection sees: relative to the folder it was found in, or the file as given."""
    shown: str
    """The path as the user would write it."""
    named: bool
    """Given on the command line: scored whatever detection says."""
    order: tuple[int, int]
    """Where a read error is listed: by argument, then in the folder's path order."""


class Failed(NamedTuple):
    shown: str
    message: str
    order: tuple[int, int]


class Template(NamedTuple):
    """A page of a searched folder that would pass for a card but is a blank template."""

    shown: str
    reason: str


Outcome = Union[Scored, Failed, Template, None]


@dataclass(frozen=True)
class Settings:
    """Everything a process needs to score cards as the command asked; plain data, so workers can rebuild it."""

    checklist: str
    base_dir: str
    """Where checklist paths are resolved from, and the folder a card may name checklists inside."""
    checklists: dict[str, str]
    options: DetectOptions
    format: str
    fail_under: float | None
    tty: bool


class Scorer:
    """Detects, scores and formats cards one at a time, keeping nothing of them."""

    def __init__(self, settings: Settings) -> None:
        resolve = functools.partial(load_checklist, base_dir=Path(settings.base_dir))
        self.checklist = resolve(settings.checklist)
        root = Path(settings.base_dir)
        self.site = CardSite(self.checklist, settings.options, dict(settings.checklists), resolve, root=root)
        self.format = FORMATS[settings.format](settings.fail_under, settings.tty)

    def score(self, task: Task) -> Outcome:
        if task.named and not Path(task.file).is_file():  # a FIFO or a device: reading it could block forever
            return Failed(task.shown, "not a regular file", task.order)
        try:
            text = _read(Path(task.file))
        except (OSError, UnicodeDecodeError) as exc:
            return Failed(task.shown, _describe(exc), task.order)
        # Detection only picks the checklist of a file named on the command line: it is always scored.
        report = self.site.assess(task.path, text, always=task.named)
        if report is None:
            reason = self.site.templates.pop(task.path, None)
            return None if reason is None else Template(task.shown, reason)
        return self.format.card(task.shown, report)


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


def tasks(paths: Sequence[str]) -> list[Task]:
    """The files to score, in output order: arguments as given, each folder's cards by relative path."""
    found: list[Task] = []
    for n, given in enumerate(paths):
        target = Path(given)
        if not target.is_dir():
            found.append(Task(given, target.as_posix(), given, True, (n, 0)))
            continue
        listed = []
        for position, (file, rel) in enumerate(pages(target)):
            shown = os.path.join(given, *rel.split("/"))  # noqa: PTH118 - keeps the spelling the user typed
            listed.append(Task(str(file), rel, shown, False, (n, position)))
        found += sorted(listed, key=lambda task: task.path)
    return found


_worker: Scorer | None = None
"""The scorer of a worker process; set in the parent while its pool starts, so forked workers inherit it."""


def _start_worker(settings: Settings) -> None:
    global _worker  # one scorer per worker process
    if _worker is None:  # started by spawn (macOS, Windows): load the checklists again
        _worker = Scorer(settings)


def _score_in_worker(chunk: list[Task]) -> list[Outcome]:
    assert _worker is not None  # set by the pool's initializer
    return [_worker.score(task) for task in chunk]


def outcomes(work: list[Task], settings: Settings, scorer: Scorer, jobs: int) -> Iterator[Outcome]:
    """Every task's outcome in input order, scored here or by ``jobs`` worker processes."""
    if jobs == 1 or len(work) < max(PARALLEL_MIN_FILES, 1):
        for task in work:
            yield scorer.score(task)
        return
    global _worker
    chunks = (work[start : start + CHUNK] for start in range(0, len(work), CHUNK))
    for stream in (sys.stdout, sys.stderr):
        # Forked workers inherit these buffers, and one that exits normally (rather than being terminated with
        # the pool) flushes them: nothing buffered here may be written twice.
        with contextlib.suppress(ValueError, OSError):
            stream.flush()
    _worker = scorer  # forked workers start with the checklists loaded and compiled
    try:
        pool = multiprocessing.get_context().Pool(jobs, initializer=_start_worker, initargs=(settings,))
    finally:
        _worker = None
    with pool:
        pending: deque[AsyncResult[list[Outcome]]] = deque(
            pool.apply_async(_score_in_worker, (chunk,)) for chunk in itertools.islice(chunks, jobs * WINDOW)
        )
        while pending:
            done = pending.popleft().get()
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.apply_async(_score_in_worker, (chunk,)))
            yield from done


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-modelcard",
        description="Check model cards against a checklist, as the mkdocs-modelcard plugin scores them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {tool_version()}")
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
    check.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="score in N processes (default: one per CPU; small runs use one); the output does not depend on N",
    )
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


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _checklist(args.checklist)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    mapping: dict[str, str] = {}
    for entry in args.checklists:
        glob, sep, name = entry.partition("=")
        if not sep or not glob or not name:
            raise UsageError(f"--checklists takes GLOB=NAME, not {entry!r}")
        mapping[glob] = name
    for name, globs in (("--include", args.include), ("--exclude", args.exclude), ("--checklists", mapping)):
        if (error := glob_error(globs)) is not None:
            raise UsageError(f"{name}: {error}")
    jobs = usable_cpus() if args.jobs is None else args.jobs  # one worker per CPU
    if jobs < 1:
        raise UsageError(f"--jobs takes a number of processes, 1 or more, not {jobs}")
    settings = Settings(
        args.checklist,
        str(Path.cwd()),
        mapping,
        DetectOptions(args.include, args.exclude, not args.no_auto_detect),
        args.format,
        args.fail_under,
        out.isatty(),
    )
    try:
        scorer = Scorer(settings)  # every checklist is loaded here, before any output
    except ChecklistError as exc:
        raise UsageError(str(exc)) from exc
    output = scorer.format
    output.start(out)
    errors: list[Failed] = []
    templates: dict[str, str] = {}
    failed = False
    # The cycle collector stays on: a scored card leaves cycles (sections point to their parents). What the
    # run holds throughout (the checklists) is left out of its passes.
    try:
        with frozen_heap():
            for outcome in outcomes(tasks(args.paths), settings, scorer, jobs):
                if outcome is None:
                    continue
                if isinstance(outcome, Failed):
                    errors.append(outcome)
                    continue
                if isinstance(outcome, Template):
                    templates[outcome.shown] = outcome.reason
                    continue
                for warning in outcome.warnings:
                    err.write(warning + "\n")
                output.add(outcome)
                failed = failed or outcome.incomplete
    except ChecklistError as exc:  # pragma: no cover - a checklist file changed while cards were scored
        raise UsageError(str(exc)) from exc
    output.finish([(e.shown, e.message) for e in sorted(errors, key=lambda e: e.order)])
    if templates:
        err.write(f"mkdocs-modelcard: {one_line(templates_line(templates))}\n")
    failed = failed or output.below > 0
    return EXIT_FAIL if failed or errors else EXIT_OK


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
        for file, rel in pages(docs):  # the index needs every report at once, so they are kept
            try:
                site.consider(rel, _read(file))
            except (OSError, UnicodeDecodeError) as exc:
                shown = os.path.join(str(docs), *rel.split("/"))  # noqa: PTH118 - the spelling the user typed
                err.write(one_line(f"{shown}: warning: {_describe(exc)}; it is not in the index") + "\n")
    except ChecklistError as exc:
        raise UsageError(str(exc)) from exc
    if site.templates:
        err.write(f"mkdocs-modelcard: {one_line(templates_line(site.templates))}\n")
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
