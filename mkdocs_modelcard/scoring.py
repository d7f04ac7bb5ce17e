"""Score a parsed card against a checklist.

This module is the single source of truth for "is this item filled": the
plugin's badge and checklist, the index page and the command-line report all
come from :func:`score_card`, so they can never disagree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .card import Card, Section
from .checklist import Checklist, Item
from .text import count_words

_TAG = re.compile(r"<[^>]*>")
_MD_NOISE = re.compile(r"[#*_`>|\-=:~]+")


@dataclass(frozen=True)
class Evidence:
    """Where an item was found, so a reader can jump to it."""

    source: str
    """One of ``front_matter``, ``title``, ``intro``, ``field``, ``heading``, ``pattern``."""
    text: str
    line: int | None = None
    section: Section | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "text": self.text, "line": self.line}


@dataclass(frozen=True)
class ItemResult:
    item: Item
    filled: bool
    evidence: Evidence | None = None


@dataclass(frozen=True)
class GroupResult:
    name: str
    items: tuple[ItemResult, ...]

    @property
    def required(self) -> list[ItemResult]:
        return [r for r in self.items if not r.item.optional]

    @property
    def filled(self) -> int:
        return sum(1 for r in self.required if r.filled)

    @property
    def total(self) -> int:
        return len(self.required)

    @property
    def percent(self) -> float | None:
        """Share of the group's required items filled; None for an all-optional group."""
        return 100.0 * self.filled / self.total if self.total else None


@dataclass(frozen=True)
class Score:
    checklist: Checklist
    items: tuple[ItemResult, ...]
    groups: tuple[GroupResult, ...]
    score: float
    """Weighted share of required items filled, 0..100."""

    @property
    def percent(self) -> int:
        """The score as shown on badges: rounded half up, never 100 unless complete."""
        value = int(self.score + 0.5)
        if value == 100 and self.missing_required:
            return 99
        return value

    @property
    def missing_required(self) -> list[ItemResult]:
        return [r for r in self.items if not r.item.optional and not r.filled]

    @property
    def required_count(self) -> int:
        return sum(1 for r in self.items if not r.item.optional)

    @property
    def filled_required_count(self) -> int:
        return self.required_count - len(self.missing_required)


def band(score: float, thresholds: dict[str, float]) -> str:
    """Name of the colour band for a score; thresholds map band name to its lower bound."""
    for name, lower in sorted(thresholds.items(), key=lambda kv: -kv[1]):
        if score >= lower:
            return name
    return min(thresholds.items(), key=lambda kv: kv[1])[0] if thresholds else "none"


class _Text:
    """Card text prepared once per card for every detector of every item."""

    def __init__(self, card: Card, checklist: Checklist) -> None:
        self.card = card
        self.checklist = checklist
        self.field_lines = {f.line: f.value for f in card.fields}
        self.section_lines = [s.line for s in card.sections]
        lines = card.lines
        self.starts: list[int] = []
        self.numbers: list[int] = []
        pieces = []
        offset = 0
        for line in lines:
            text = self.clean(line.text)
            self.starts.append(offset)
            self.numbers.append(line.number)
            pieces.append(text)
            offset += len(text) + 1
        self.body = "\n".join(pieces)

    def clean(self, text: str) -> str:
        """Remove placeholders and stock sentences: what is left is the author's own text."""
        if self.checklist.placeholder_re is not None:
            text = self.checklist.placeholder_re.sub(" ", text)
        if self.checklist.stock_re is not None:
            text = self.checklist.stock_re.sub(" ", text)
        return text

    def meaningful(self, text: str, min_words: int) -> bool:
        text = _TAG.sub(" ", self.clean(text))
        return count_words(_MD_NOISE.sub(" ", text)) >= min_words

    def section_at(self, line: int) -> Section | None:
        index = bisect.bisect_right(self.section_lines, line) - 1
        return self.card.sections[index] if index >= 0 else None

    def section_text(self, section: Section, mode: str) -> str:
        if mode == "prose":
            return "\n".join(line.text for line in section.lines if line.number not in self.field_lines)
        lines = section.lines if mode == "own" else section.all_lines()
        return "\n".join(self.field_lines.get(line.number, line.text) for line in lines)

    def line_of(self, offset: int) -> int:
        return self.numbers[bisect.bisect_right(self.starts, offset) - 1]


def title_section(card: Card, checklist: Checklist) -> Section | None:
    """The H1 that names the card, unless it is really a section heading like ``# Model Details``."""
    h1 = card.first_h1
    if h1 is None or (checklist.section_re is not None and checklist.section_re.match(h1.key)):
        return None
    return h1


def _meta_value(meta: Any, path: str) -> list[Any]:
    """Values at a dotted key path, walking into lists (``model-index.results.metrics``)."""
    values = [meta]
    for key in path.split("."):
        found = []
        for value in values:
            for candidate in value if isinstance(value, list) else [value]:
                if isinstance(candidate, dict) and key in candidate:
                    found.append(candidate[key])
        values = found
    return values


def _value_filled(value: Any, text: _Text, min_words: int) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return True
    if isinstance(value, str):
        return text.meaningful(value, min_words)
    if isinstance(value, dict):
        return any(_value_filled(v, text, 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_value_filled(v, text, 1) for v in value)
    return bool(str(value).strip())


def _find(item: Item, text: _Text, title: Section | None) -> Evidence | None:
    detect = item.detect
    card = text.card
    for key in detect.front_matter:
        if any(_value_filled(v, text, item.min_words) for v in _meta_value(card.meta, key)):
            return Evidence("front_matter", key)
    if detect.title and title is not None:
        name = title.title
        if text.checklist.title_noise_re is not None:
            name = text.checklist.title_noise_re.sub(" ", name)
        if text.meaningful(name, 1):
            return Evidence("title", title.title, title.line, title)
    if detect.intro:
        lines = title.lines if title is not None else card.preamble
        intro = "\n".join(text.field_lines.get(line.number, line.text) for line in lines)
        if text.meaningful(intro, item.min_words):
            first = lines[0].number if lines else None
            return Evidence("intro", title.title if title else "", first, title)
    if detect.field_re is not None:
        for field in card.fields:
            if detect.field_re.match(field.key) and text.meaningful(field.value, item.min_words):
                return Evidence("field", field.label, field.line, field.section)
    if detect.heading_re is not None:
        for section in card.sections:
            if detect.heading_re.match(section.key) and text.meaningful(
                text.section_text(section, detect.content), item.min_words
            ):
                return Evidence("heading", section.title, section.line, section)
    for pattern in detect.pattern_res:
        match = pattern.search(text.body)
        if match:
            line = text.line_of(match.start())
            snippet = " ".join(match.group(0).split())[:80]
            return Evidence("pattern", snippet, line, text.section_at(line))
    return None


def score_card(card: Card, checklist: Checklist) -> Score:
    text = _Text(card, checklist)
    title = title_section(card, checklist)
    results = []
    for item in checklist.items:
        evidence = _find(item, text, title)
        results.append(ItemResult(item, evidence is not None, evidence))
    return _summarise(checklist, results)


def _summarise(checklist: Checklist, results: Iterable[ItemResult]) -> Score:
    items = tuple(results)
    groups = tuple(GroupResult(name, tuple(r for r in items if r.item.group == name)) for name in checklist.groups)
    total = sum(r.item.weight for r in items if not r.item.optional)
    got = sum(r.item.weight for r in items if not r.item.optional and r.filled)
    score = 100.0 * got / total if total else 100.0
    return Score(checklist, items, groups, score)
