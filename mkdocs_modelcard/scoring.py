"""Score a parsed card against a checklist.

This module is the single source of truth for "is this item filled": the
plugin's badge and checklist, the index page and the command-line report all
come from :func:`score_card`, so they can never disagree.

General rules, whatever the checklist:

- placeholders and stock sentences never count, and neither does the label of
  a field left empty (``- **Fine-tuned from model:** [More Information Needed]``
  feeds no pattern);
- a field whose label matches an item's heading aliases is that section in one
  line (``- Limitations: sarcasm, short inputs``);
- indented sub-items folded into an empty field are field values, not prose;
- a Markdown table's header row is labels, not content: an empty table is empty.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from .card import Card, Field, Line, Section
from .checklist import Checklist, Item
from .patterns import ContentPattern, lowered_for_search
from .text import has_words

_TAG = re.compile(r"<[^<>]*>")  # not [^>]: every "<" would scan to the end of the text
_MD_NOISE = re.compile(r"[#*_`>|\-=:~]+")
# Each run of spaces has one place to go (not "\s*\|?\s*"), so a padded line is matched in linear time.
_TABLE_DELIMITER = re.compile(r"^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)+(?:\|\s*)?$|^\s*\|\s*:?-+:?\s*\|\s*$")


class Evidence(NamedTuple):
    """Where an item was found, so a reader can jump to it.

    A named tuple, like :class:`ItemResult`: immutable, and several times
    cheaper to create than a frozen dataclass, which counts at 49 per card.
    """

    source: str
    """One of ``front_matter``, ``title``, ``intro``, ``field``, ``heading``, ``pattern``."""
    text: str
    line: int | None = None
    section: Section | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "text": self.text, "line": self.line}


class ItemResult(NamedTuple):
    item: Item
    filled: bool
    evidence: Evidence | None = None
    not_applicable: str | None = None
    """The card's reason for declaring the item not applicable; such an item counts as satisfied."""


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
    def incomplete(self) -> list[ItemResult]:
        """Missing gate items (``required: true``): the card is incomplete whatever its score."""
        return [r for r in self.items if r.item.required and not r.filled]

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


def _blank(match: re.Match[str]) -> str:
    return "".join(c if c == "\n" else " " for c in match.group(0))


class _Text:
    """Card text prepared once per card for every detector of every item.

    Placeholders and stock sentences are removed from the whole card once, each
    pattern in turn (much faster than one big alternation), keeping the line
    breaks, so a sentence re-wrapped over several lines is still found and every
    offset in ``body`` still maps to its line.
    """

    def __init__(self, card: Card, checklist: Checklist) -> None:
        self.card = card
        self.checklist = checklist
        self._section_texts: dict[tuple[Section, str], str] = {}
        self._meta_values: dict[str, list[Any]] = {}
        self.field_line_numbers = {f.line for f in card.fields}
        self.field_line_numbers.update(n for f in card.fields for n in f.more_lines)
        field_values = {f.line: f.value for f in card.fields}
        self.section_lines = [s.line for s in card.sections]
        self.sections_for: dict[str, list[Section]] = {}
        for section in card.sections:
            items = checklist.items_for_heading(section.key)
            if section.soft:  # "**Model date**" is a heading to some authors and a field label to others
                items = tuple(dict.fromkeys(items + checklist.items_for_field(section.key)))
            for item in items:
                self.sections_for.setdefault(item.id, []).append(section)
        self.fields_for: dict[str, list[Field]] = {}
        for card_field in card.fields:
            # A field labelled like a section ("- Limitations: sarcasm, short inputs") is that section.
            field_items = checklist.items_for_field(card_field.key)
            field_items = tuple(dict.fromkeys(field_items + checklist.items_for_heading(card_field.key)))
            for item in field_items:
                self.fields_for.setdefault(item.id, []).append(card_field)
        # Placeholders and stock sentences go in one pass over the whole card per pattern.
        texts = _remove_all(checklist.placeholder_parts, "\n".join(line.text for line in card.lines)).split("\n")
        headers = _table_headers(card.lines)
        own: dict[int, str] = {}  # what a field or table header line contributes, by index
        for index, line in enumerate(card.lines):
            if line.number in headers:
                own[index] = ""  # column names are labels; the rows below are the content
                continue
            value = field_values.get(line.number)
            if value is not None:
                own[index] = value = " ".join(checklist.own_text(value).split())
                if not _MD_NOISE.sub("", value).strip():
                    # An unfilled "- **Fine-tuned from model:** [More Information Needed]" is template
                    # scaffolding: its label must not feed the patterns either.
                    texts[index] = ""
        self.body = _remove_all(checklist.stock_parts, "\n".join(texts))
        self.lowered = lowered_for_search(self.body)  # shared by every content pattern
        body_lines = self.body.split("\n")
        self.numbers = [line.number for line in card.lines]
        self.starts = []
        offset = 0
        for text in body_lines:
            self.starts.append(offset)
            offset += len(text) + 1
        self.cleaned: dict[int, str] = {
            number: own.get(index, text) for index, (number, text) in enumerate(zip(self.numbers, body_lines))
        }

    def meaningful(self, text: str, min_words: int) -> bool:
        return self._enough(self.checklist.own_text(text), min_words)

    def _enough(self, cleaned: str, min_words: int) -> bool:
        return has_words(_without_tags(cleaned), min_words)

    def lines_meaningful(self, lines: Iterable[Line], min_words: int) -> bool:
        """Whether lines (field lines counting as their values) hold enough of the author's own text."""
        return self._enough(self._joined(lines), min_words)

    def _joined(self, lines: Iterable[Line]) -> str:
        return "\n".join(self.cleaned[line.number] for line in lines)

    def section_meaningful(self, section: Section, mode: str, min_words: int) -> bool:
        # Several items read the same section (a parent section for each of its children's items).
        key = (section, mode)
        text = self._section_texts.get(key)
        if text is None:
            lines: Iterable[Line] = section.all_lines() if mode == "all" else section.lines
            if mode == "prose":
                lines = (line for line in lines if line.number not in self.field_line_numbers)
            self._section_texts[key] = text = _without_tags(self._joined(lines))
        return has_words(text, min_words)

    def meta_values(self, path: str) -> list[Any]:
        found = self._meta_values.get(path)
        if found is None:
            found = self._meta_values[path] = _meta_value(self.card.meta, path)
        return found

    def section_at(self, line: int) -> Section | None:
        index = bisect.bisect_right(self.section_lines, line) - 1
        return self.card.sections[index] if index >= 0 else None

    def line_of(self, offset: int) -> int:
        return self.numbers[bisect.bisect_right(self.starts, offset) - 1]


def _without_tags(text: str) -> str:
    # Markdown punctuation needs no removing: it never counts as a word.
    return _TAG.sub(" ", text) if "<" in text else text


def _remove_all(patterns: tuple[ContentPattern, ...], text: str) -> str:
    """Replace every match of each pattern with a space, keeping the line breaks a match spans.

    Most placeholders are absent from most cards: the fast search rules a
    pattern out before the slower case-insensitive substitution runs.
    """
    lines = text.count("\n")
    lowered = lowered_for_search(text)
    for pattern in patterns:
        if pattern.span(text, lowered) is None:
            continue
        removed = pattern.exact.sub(" ", text)
        text = removed if removed.count("\n") == lines else pattern.exact.sub(_blank, text)
        lowered = lowered_for_search(text)
    return text


def _table_headers(lines: list[Line]) -> set[int]:
    """Line numbers of Markdown table header rows (the line just before a ``|---|---|`` delimiter row)."""
    headers: set[int] = set()
    for index in range(1, len(lines)):
        line = lines[index]
        if line.code or "|" not in line.text or "-" not in line.text:
            continue
        if _TABLE_DELIMITER.match(line.text) and "|" in lines[index - 1].text and not lines[index - 1].code:
            headers.add(lines[index - 1].number)
    return headers


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
        if any(_value_filled(v, text, item.min_words) for v in text.meta_values(key)):
            return Evidence("front_matter", key)
    if detect.title and title is not None:
        name = title.title
        if text.checklist.title_noise_re is not None:
            name = text.checklist.title_noise_re.sub(" ", name)
        if text.meaningful(name, 1):
            return Evidence("title", title.title, title.line, title)
    if detect.intro:
        lines = title.lines if title is not None else card.preamble
        if text.lines_meaningful(lines, item.min_words):
            first = lines[0].number if lines else None
            return Evidence("intro", title.title if title else "", first, title)
    for found in text.fields_for.get(item.id, ()):
        if text.meaningful(found.value, item.min_words):
            return Evidence("field", found.label, found.line, found.section)
    for section in text.sections_for.get(item.id, ()):
        if text.section_meaningful(section, detect.content, item.min_words):
            return Evidence("heading", section.title, section.line, section)
    for pattern in detect.pattern_res:
        span = pattern.span(text.body, text.lowered)
        if span is not None:
            line = text.line_of(span[0])
            snippet = " ".join(text.body[span[0] : span[1]].split())[:80]
            return Evidence("pattern", snippet, line, text.section_at(line))
    return None


def score_card(card: Card, checklist: Checklist, not_applicable: Mapping[str, str] | None = None) -> Score:
    """Score a card; ``not_applicable`` maps item ids the card declares N/A to the reason given."""
    text = _Text(card, checklist)
    title = title_section(card, checklist)
    not_applicable = not_applicable or {}
    results: dict[str, ItemResult] = {}
    for item in checklist.items:
        if item.id in not_applicable:
            reason = not_applicable[item.id]
            results[item.id] = ItemResult(item, True, Evidence("not_applicable", reason), not_applicable=reason)
            continue
        evidence = _find(item, text, title)
        results[item.id] = ItemResult(item, evidence is not None, evidence)
    # A parent is filled when all its sub-items are; children follow parents, so walk backwards.
    for item in reversed(checklist.items):
        result = results[item.id]
        if not result.filled and item.children and all(results[c].filled for c in item.children):
            results[item.id] = ItemResult(item, True, Evidence("sub_items", ", ".join(item.children)))
    return _summarise(checklist, results.values())


def _summarise(checklist: Checklist, results: Iterable[ItemResult]) -> Score:
    items = tuple(results)
    by_group: dict[str, list[ItemResult]] = {name: [] for name in checklist.groups}
    for result in items:
        by_group[result.item.group].append(result)
    groups = tuple(GroupResult(name, tuple(members)) for name, members in by_group.items())
    total = sum(r.item.weight for r in items if not r.item.optional)
    got = sum(r.item.weight for r in items if not r.item.optional and r.filled)
    score = 100.0 * got / total if total else 100.0
    return Score(checklist, items, groups, score)
