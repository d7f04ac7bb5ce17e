"""The ``check`` command's output as it was before it streamed (issue 11), kept as the oracle.

``mkdocs-modelcard check`` now writes each card's output as soon as the card is
scored, possibly in several processes; tests/test_cli_stream.py requires it to
stay byte-identical to what this code, which held every report until the end,
wrote. Copied from mkdocs_modelcard/cli.py as it was just before streaming was
merged (with its hostile-input fixes); finding and reading the files is the
command's own.
"""

from __future__ import annotations

import html
import json
import os
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

from mkdocs_modelcard.checklist import Checklist, load_checklist
from mkdocs_modelcard.cli import _describe, _read, pages  # how files are found and read is not what it checks
from mkdocs_modelcard.detect import DetectOptions
from mkdocs_modelcard.engine import CardReport, analyse, catalogue, catalogue_json, item_line
from mkdocs_modelcard.safetext import one_line
from mkdocs_modelcard.scoring import ItemResult
from mkdocs_modelcard.site import CardSite, summary_line


@dataclass
class Result:
    cards: list[tuple[str, CardReport]] = field(default_factory=list)
    """(path as the user would write it, report)"""
    errors: list[tuple[str, str]] = field(default_factory=list)
    templates: dict[str, str] = field(default_factory=dict)
    """Pages of the searched folders taken as blank templates (path as the user would write it, reason)."""


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
                shown = os.path.join(given, *rel.split("/"))
                try:
                    text = _read(file)
                except (OSError, UnicodeDecodeError) as exc:
                    result.errors.append((shown, _describe(exc)))
                    continue
                if site.consider(rel, text) is not None:
                    found[rel] = shown
            result.cards.extend((found[rel], site.reports[rel]) for rel in sorted(found))
            for rel, reason in sorted(site.templates.items()):
                result.templates[os.path.join(given, *rel.split("/"))] = reason
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
