"""The ``check`` command's output formats, written a card at a time.

A check over 25,000 cards used to hold every report until the end (2 GB and
more). Now each card is turned into the few strings its format needs as soon
as it is scored, possibly in a worker process, and the report is dropped. The
bytes are the same as when whole documents were encoded at once: JSON lists are
filled into a frame cut from ``json.dumps`` of the document itself, and parts
that come before what they summarise (the Markdown summary line, SARIF rules)
are assembled at the end, with the per-card parts waiting in a temporary file.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
import urllib.parse
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any, NamedTuple, TextIO

from .engine import CardReport, item_line, report_encoder
from .safetext import one_line
from .site import summary_of

_HOLE = "\x00"
"""A list item json.dumps encodes as ``"\\u0000"``, which no other string of a frame contains."""
_SPOOL_IN_MEMORY = 4 << 20
"""Bytes a deferred part may take before it moves to a temporary file."""


class Scored(NamedTuple):
    """What the output needs of one card: small, and cheap to pass between processes."""

    path: str
    score: float
    percent: int
    kind: str
    """The checklist's title in lower case, for the summary line."""
    incomplete: bool
    warnings: tuple[str, ...]
    """The card's diagnostics as ``path:line: warning: ...`` lines (text format only)."""
    output: str
    """Written as the card arrives (or, for SARIF and Markdown, kept until the end)."""
    later: str = ""
    """GitHub: the card's below-threshold annotation, written after the read errors."""
    rules: tuple[tuple[str, str], ...] = ()
    """SARIF: (rule id, encoded rule) for each missing item."""


class JsonFrame:
    """A JSON document cut at its lists, so items can be written between the pieces one at a time.

    The frame is ``json.dumps`` of the document with one placeholder item per
    list, so indentation and separators are exactly json.dumps' own.
    """

    def __init__(self, document: dict[str, Any], indent: int | None) -> None:
        self.indent = indent
        pieces = json.dumps(document, indent=indent, ensure_ascii=False).split(json.dumps(_HOLE))
        self.bodies: list[str] = []
        self.heads: list[str] = [""]
        """Before each list's ``]``: dropped when the list is empty."""
        self.tails: list[str] = []
        """After each list's ``[``: dropped when the list is empty."""
        for n, piece in enumerate(pieces):
            if n:  # a list ends here
                close = piece.index("]")
                self.heads.append(piece[:close])
                piece = piece[close:]
            if n < len(pieces) - 1:  # a list starts here
                start = piece.rindex("[") + 1
                self.tails.append(piece[start:])
                piece = piece[:start]
            self.bodies.append(piece)
        self.separators = ["," + tail if tail else ", " for tail in self.tails]
        self.encoder = report_encoder(indent)

    def encode(self, hole: int, item: Any) -> str:
        """An item as json.dumps writes it inside list number ``hole``."""
        text = self.encoder.encode(item)
        return text.replace("\n", self.tails[hole]) if self.indent is not None else text


class Items:
    """The items of one list of a frame, as json.dumps joins them, written to any stream."""

    def __init__(self, frame: JsonFrame, hole: int, stream: IO[str]) -> None:
        self.frame, self.hole, self.stream, self.count = frame, hole, stream, 0

    def add(self, encoded: str) -> None:
        self.stream.write(self.frame.separators[self.hole] if self.count else self.frame.tails[self.hole])
        self.stream.write(encoded)
        self.count += 1

    def close(self) -> None:
        """End the list and write the frame up to the next one."""
        if self.count:
            self.stream.write(self.frame.heads[self.hole + 1])
        self.stream.write(self.frame.bodies[self.hole + 1])


def _spool() -> IO[str]:
    return tempfile.SpooledTemporaryFile(  # closed by the writer's finish
        _SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", errors="surrogatepass", newline=""
    )


def _copy(spool: IO[str], out: TextIO) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out)
    spool.close()


def tool_version() -> str:
    try:
        return version("mkdocs-modelcard")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _escape_workflow(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow command escaping (``%``, CR, LF; also ``:`` and ``,`` in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _uri(path: str) -> str:
    """A relative URI reference for SARIF: ``/``-separated and percent-encoded (``a b#1.md`` is ``a%20b%231.md``)."""
    return urllib.parse.quote(Path(path).as_posix(), safe="/")


def _code(text: str) -> str:
    """Text as code in a table cell: backslash escapes do not work inside backticks, entities in ``<code>`` do."""
    return "<code>" + html.escape(one_line(text)).replace("|", "&#124;") + "</code>"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", escaped).replace("\n", " ")


def _below(percent: int, fail_under: float | None) -> bool:
    return fail_under is not None and percent < fail_under


class Format:
    """One output format: ``card`` runs where the card is scored, the rest where the output is written."""

    def __init__(self, fail_under: float | None, tty: bool) -> None:
        self.fail_under = fail_under
        self.tty = tty
        self.count = 0
        self.total = 0.0
        self.kinds: set[str] = set()
        self.below = 0

    def card(self, path: str, report: CardReport) -> Scored:
        score = report.score
        return Scored(
            path,
            score.score,
            score.percent,
            score.checklist.title.lower(),
            bool(score.incomplete),
            self.warnings(path, report),
            *self.parts(path, report),
        )

    def warnings(self, path: str, report: CardReport) -> tuple[str, ...]:
        return ()

    def parts(self, path: str, report: CardReport) -> tuple[str, ...] | tuple[str, str, tuple[tuple[str, str], ...]]:
        raise NotImplementedError

    def start(self, out: TextIO) -> None:
        self.out = out

    def add(self, scored: Scored) -> None:
        """Take one card, in input order, for the output and the summary."""
        self.count += 1
        self.total += scored.score
        self.kinds.add(scored.kind)
        self.below += _below(scored.percent, self.fail_under)
        self.write(scored)

    def write(self, scored: Scored) -> None:
        self.out.write(scored.output)

    def summary(self) -> str:
        return summary_of(self.count, self.total, self.kinds)

    def finish(self, errors: Sequence[tuple[str, str]]) -> None:
        raise NotImplementedError


class TextFormat(Format):
    def warnings(self, path: str, report: CardReport) -> tuple[str, ...]:
        return tuple(d.located(path, "warning") for d in report.diagnostics)

    def parts(self, path: str, report: CardReport) -> tuple[str]:
        score = report.score
        flag = "  BELOW" if _below(score.percent, self.fail_under) else ""
        # Every line through one_line(): titles and paths come from the card's author (see safetext).
        line = (
            f"{path}  {score.percent}%  ({score.filled_required_count}/{score.required_count} required)"
            f"  {report.title}{flag}"
        )
        lines = [one_line(line) + "\n"]
        lines += [
            one_line(f"    - {missing.item.label} ({missing.item.group})") + "\n" for missing in score.missing_required
        ]
        return ("".join(lines),)

    def finish(self, errors: Sequence[tuple[str, str]]) -> None:
        if not self.count:
            self.out.write("no model cards found\n")
        for path, message in errors:
            self.out.write(one_line(f"{path}  error: {message}") + "\n")
        if self.count:
            line = self.summary()
            if self.fail_under is not None:
                line += f", {self.below} below {self.fail_under:g}%"
            self.out.write(line + "\n")


class JsonFormat(Format):
    """The catalogue document: indented for a person at a terminal, compact for pipes and files."""

    def __init__(self, fail_under: float | None, tty: bool) -> None:
        super().__init__(fail_under, tty)
        self.frame = JsonFrame({"cards": [_HOLE], "errors": [_HOLE]}, 2 if tty else None)

    def parts(self, path: str, report: CardReport) -> tuple[str]:
        return (self.frame.encode(0, report.as_dict(path=path)),)

    def start(self, out: TextIO) -> None:
        super().start(out)
        out.write(self.frame.bodies[0])
        self.cards = Items(self.frame, 0, out)

    def write(self, scored: Scored) -> None:
        self.cards.add(scored.output)

    def finish(self, errors: Sequence[tuple[str, str]]) -> None:
        self.cards.close()
        listed = Items(self.frame, 1, self.out)
        for path, message in errors:
            listed.add(self.frame.encode(1, {"path": path, "message": message}))
        listed.close()
        self.out.write("\n")


class SarifFormat(Format):
    """SARIF 2.1.0: one result per missing required item, at the line of its heading (or line 1)."""

    def __init__(self, fail_under: float | None, tty: bool) -> None:
        super().__init__(fail_under, tty)
        self.frame = self._frame()
        self.encoded_rules: set[str] = set()

    def _frame(self) -> JsonFrame:
        driver = {
            "name": "mkdocs-modelcard",
            "version": tool_version(),
            "informationUri": "https://pypi.org/project/mkdocs-modelcard/",
            "rules": [_HOLE],
        }
        document = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": [_HOLE]}],
        }
        return JsonFrame(document, 2)

    def parts(self, path: str, report: CardReport) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        rules = []
        results = []
        for missing in report.score.missing_required:
            item = missing.item
            rule_id = f"{report.score.checklist.name}/{item.id}"
            level = "error" if item.required else "warning"
            if rule_id not in self.encoded_rules:
                # Only the first card with a rule needs to carry it: the writer keeps the first it sees,
                # and this process scores its cards in input order.
                self.encoded_rules.add(rule_id)
                rule = {
                    "id": rule_id,
                    "name": item.id,
                    "shortDescription": {"text": f"{report.score.checklist.title}: {item.label} ({item.group})"},
                    "fullDescription": {"text": item.guidance or item.label},
                    "defaultConfiguration": {"level": level},
                }
                rules.append((rule_id, self.frame.encode(0, rule)))
            location = {
                "artifactLocation": {"uri": _uri(path)},
                "region": {"startLine": item_line(report, item)},
            }
            result = {
                "ruleId": rule_id,
                "level": level,
                "message": {"text": f"{item.label} ({item.group}) is missing. {item.guidance}".strip()},
                "locations": [{"physicalLocation": location}],
            }
            results.append(self.frame.encode(1, result))
        return self.frame.separators[1].join(results), "", tuple(rules)

    def start(self, out: TextIO) -> None:
        super().start(out)
        self.rules: dict[str, str] = {}
        self.spool = _spool()
        self.results = Items(self.frame, 1, self.spool)

    def write(self, scored: Scored) -> None:
        for rule_id, rule in scored.rules:
            self.rules.setdefault(rule_id, rule)
        if scored.output:
            self.results.add(scored.output)

    def finish(self, errors: Sequence[tuple[str, str]]) -> None:
        for path, message in errors:
            result = {
                "ruleId": "read-error",
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
            }
            self.results.add(self.frame.encode(1, result))
        if errors:
            read_error = {"id": "read-error", "shortDescription": {"text": "The file could not be read"}}
            self.rules["read-error"] = self.frame.encode(0, read_error)
        self.out.write(self.frame.bodies[0])
        rules = Items(self.frame, 0, self.out)
        for rule_id in sorted(self.rules):
            rules.add(self.rules[rule_id])
        rules.close()  # writes the frame up to the results
        if self.results.count:
            _copy(self.spool, self.out)
            self.out.write(self.frame.heads[2])
        else:
            self.spool.close()
        self.out.write(self.frame.bodies[2] + "\n")


class GithubFormat(Format):
    """GitHub Actions workflow commands: one annotation per missing required item."""

    def parts(self, path: str, report: CardReport) -> tuple[str, str]:
        lines = []
        file = _escape_workflow(Path(path).as_posix(), property_value=True)
        for missing in report.score.missing_required:
            item = missing.item
            level = "error" if item.required else "warning"
            title = _escape_workflow(f"{report.score.checklist.title}: {item.label} missing", property_value=True)
            message = _escape_workflow(f"{item.label} ({item.group}) is missing. {item.guidance}".strip())
            lines.append(f"::{level} file={file},line={item_line(report, item)},title={title}::{message}\n")
        later = ""
        if _below(report.score.percent, self.fail_under):
            text = f"{report.title} scores {report.score.percent}%, below {self.fail_under:g}%"
            later = f"::error file={_escape_workflow(path, property_value=True)},line=1::{_escape_workflow(text)}\n"
        return "".join(lines), later

    def start(self, out: TextIO) -> None:
        super().start(out)
        self.later = _spool()

    def write(self, scored: Scored) -> None:
        self.out.write(scored.output)
        self.later.write(scored.later)

    def finish(self, errors: Sequence[tuple[str, str]]) -> None:
        for path, message in errors:
            self.out.write(f"::error file={_escape_workflow(path, property_value=True)}::{_escape_workflow(message)}\n")
        _copy(self.later, self.out)


class MarkdownFormat(Format):
    """A summary table for a CI step summary ($GITHUB_STEP_SUMMARY)."""

    def parts(self, path: str, report: CardReport) -> tuple[str]:
        score = report.score
        status = ""
        if score.incomplete:
            status = " (incomplete)"
        elif _below(score.percent, self.fail_under):
            status = f" (below {self.fail_under:g}%)"
        missing = ", ".join(r.item.label for r in score.missing_required) or "none"
        return (
            f"| {_md(report.title)}<br>{_code(path)} | {_md(score.checklist.title)} "
            f"| {score.percent}%{status} | {_md(missing)} |\n",
        )

    def start(self, out: TextIO) -> None:
        super().start(out)
        self.rows = _spool()

    def write(self, scored: Scored) -> None:
        self.rows.write(scored.output)

    def finish(self, errors: Sequence[tuple[str, str]]) -> None:
        self.out.write("## Model card check\n\n")
        if not self.count:
            self.out.write("No model cards found.\n")
            self.rows.close()
        else:
            self.out.write(self.summary().capitalize() + ".\n\n")
            self.out.write("| Card | Kind | Score | Missing required items |\n|---|---|---:|---|\n")
            _copy(self.rows, self.out)
        for path, message in errors:
            self.out.write(f"\n**Could not read** {_code(path)}: {_md(message)}\n")


FORMATS: dict[str, Callable[[float | None, bool], Format]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "sarif": SarifFormat,
    "github": GithubFormat,
    "markdown": MarkdownFormat,
}
