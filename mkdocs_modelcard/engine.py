"""One call from card text to everything the plugin and the CLI show about it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .card import Card, Diagnostic, read_card
from .checklist import Checklist, Item
from .outline import Outline, lexicon
from .safetext import clean
from .scoring import ItemResult, Score, score_card
from .text import normalize

SUMMARY_LENGTH = 160


@dataclass
class CardReport:
    path: str
    card: Card
    score: Score
    title: str
    summary: str
    license: str
    diagnostics: list[Diagnostic]
    """Problems with the card's own text and settings, to be reported as warnings."""

    @property
    def kind(self) -> str:
        return self.score.checklist.name

    @property
    def incomplete(self) -> bool:
        return bool(self.score.incomplete)

    def as_dict(self, path: str | None = None) -> dict[str, Any]:
        """The JSON shape shared by ``check --format json`` and the site catalogue."""
        return {
            "path": self.path if path is None else path,
            "title": self.title,
            "checklist": self.score.checklist.name,
            "kind": self.score.checklist.title,
            "score": self.score.percent,
            "score_exact": round(self.score.score, 2),
            "required": self.score.required_count,
            "filled": self.score.filled_required_count,
            "missing": [r.item.id for r in self.score.missing_required],
            "incomplete": [r.item.id for r in self.score.incomplete],
            "items": [_item_dict(r) for r in self.score.items],
            "warnings": [{"line": d.line, "message": d.message} for d in self.card.diagnostics],
        }


def _item_dict(result: ItemResult) -> dict[str, Any]:
    """One item of :meth:`CardReport.as_dict`; a plain function, asked 49 times per card of every report."""
    item = result.item
    found = {
        "id": item.id,
        "label": item.label,
        "group": item.group,
        "optional": item.optional,
        "filled": result.filled,
        "evidence": result.evidence.as_dict() if result.evidence else None,
    }
    if result.not_applicable is not None:
        found["not_applicable"] = result.not_applicable
    return found


def report_encoder(indent: int | None = None) -> json.JSONEncoder:
    """``json.dumps(value, indent=indent, ensure_ascii=False)``, made once for many reports.

    Without a new encoder per call and without the check for cycles, which the
    fresh dicts and lists of :meth:`CardReport.as_dict` cannot have: a fifth of
    the time it takes.
    """
    return json.JSONEncoder(ensure_ascii=False, indent=indent, check_circular=False)


_encode = report_encoder().encode


def catalogue(cards: Sequence[tuple[str, CardReport]], errors: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """The JSON document shared by ``check --format json`` and the site's ``cards.json``."""
    return {
        "cards": [report.as_dict(path=path) for path, report in cards],
        "errors": [{"path": path, "message": message} for path, message in errors],
    }


def catalogue_json(cards: Sequence[tuple[str, CardReport]], errors: Sequence[tuple[str, str]] = ()) -> str:
    """``json.dumps(catalogue(cards, errors), ensure_ascii=False)``, encoded a card at a time.

    Same bytes, but a site of thousands of cards never holds the whole
    document as Python objects at once (about 20 KB of them per card).
    """
    parts = [_encode(report.as_dict(path=path)) for path, report in cards]
    rest = json.dumps(catalogue((), errors)["errors"], ensure_ascii=False)
    return '{"cards": [' + ", ".join(parts) + '], "errors": ' + rest + "}"


def analyse(text: str, path: str, checklist: Checklist, card: Card | None = None) -> CardReport:
    """Read (unless already read) and judge one card: outline, evidence per item, verdicts, score."""
    card = card if card is not None else read_card(text, path)
    outline = Outline(card, checklist)
    not_applicable, problems = card_not_applicable(card, checklist)
    score = score_card(card, checklist, not_applicable, outline)
    return CardReport(
        path=path,
        card=card,
        score=score,
        # Control characters mean nothing in a title and break terminals, logs and XML.
        title=clean(outline.title(path)),
        summary=clean(outline.summary(SUMMARY_LENGTH)),
        license=clean(outline.license()),
        diagnostics=[*card.diagnostics, *problems],
    )


def item_line(report: CardReport, item: Item) -> int:
    """Where a reader should look for an item: its (empty) heading if the card has one, else line 1."""
    topics = lexicon(report.score.checklist)
    matches = [s for s in report.card.sections if item in topics.items_for_section(s.key, s.parts)[0]]
    exact = [s for s in matches if s.key == normalize(item.label)]
    return (exact or matches)[0].line if matches else 1


def card_settings(card: Card) -> dict[str, Any]:
    """The card's own ``modelcard:`` front matter mapping (empty for ``true``/absent)."""
    value = card.meta.get("modelcard")
    return value if isinstance(value, dict) else {}


def card_not_applicable(card: Card, checklist: Checklist) -> tuple[dict[str, str], list[Diagnostic]]:
    """Items the card declares not applicable, with reasons; unknown ids are reported, not fatal."""
    raw = card_settings(card).get("not_applicable")
    if raw is None:
        return {}, []
    line = _meta_line(card, "not_applicable")
    if isinstance(raw, list):
        raw = {str(k): "" for k in raw}
    if not isinstance(raw, dict):
        return {}, [Diagnostic("modelcard.not_applicable must map item ids to reasons; ignored", line)]
    known = {item.id for item in checklist.items}
    result: dict[str, str] = {}
    problems = []
    for key, reason in raw.items():
        if str(key) not in known:
            problems.append(
                Diagnostic(
                    f"modelcard.not_applicable names {key!r}, which is not an item of the {checklist.name} checklist",
                    line,
                )
            )
            continue
        result[str(key)] = "" if reason is None else str(reason)
    return result, problems


def _meta_line(card: Card, key: str) -> int | None:
    """Best-effort line of a front matter key, for warnings (front matter starts on line 2)."""
    return card.meta_lines.get(key)
