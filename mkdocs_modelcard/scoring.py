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
from .checklist import Checklist, Detectors, Item
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
        self._section_texts: dict[tuple[Section, str, bool, bool], tuple[str, list[int]]] = {}
        self._meta_values: dict[str, list[Any]] = {}
        self.field_line_numbers = {f.line for f in card.fields}
        self.field_line_numbers.update(n for f in card.fields for n in f.more_lines)
        field_values = {f.line: f.value for f in card.fields}
        self.section_lines = [s.line for s in card.sections]
        self.sections_for: dict[str, list[Section]] = {}
        self.joined: set[Section] = set()
        """Sections whose heading joins several topics: only their own lines speak for each topic."""
        self.group_sections: dict[str, list[Section]] = {}
        self.other_sections: list[Section] = []
        """Top sections that are about nothing on the checklist: "Monitoring plan", "Future work"."""
        covered: set[Section] = set()
        for section in card.sections:
            items, whole = checklist.items_for_section(section.key, section.parts)
            if section.soft:  # "**Model date**" is a heading to some authors and a field label to others
                items = tuple(dict.fromkeys(items + checklist.items_for_field(section.key)))
            if not whole:
                self.joined.add(section)
            for item in items:
                self.sections_for.setdefault(item.id, []).append(section)
            groups = checklist.groups_for_section(section.key, section.parts) if checklist.group_headings else ()
            for group in groups:
                self.group_sections.setdefault(group, []).append(section)
            if items or groups or (section.parent is not None and section.parent in covered):
                covered.add(section)
            elif section.level > 1 and not section.soft and section.key not in _NAVIGATION:
                self.other_sections.append(section)
        self.fields_for: dict[str, list[Field]] = {}
        headers = _table_headers(card.lines)
        for card_field in card.fields:
            if card_field.line in headers:
                continue  # "| Model | Top-1 |" names columns: it is no "Model:" field
            # A field labelled like a section ("- Limitations: sarcasm, short inputs") is that section.
            field_items = checklist.items_for_field(card_field.key)
            field_items = tuple(dict.fromkeys(field_items + checklist.items_for_heading(card_field.key)))
            for item in field_items:
                self.fields_for.setdefault(item.id, []).append(card_field)
        # Placeholders and stock sentences go in one pass over the whole card per pattern.
        texts = _remove_all(checklist.placeholder_parts, "\n".join(line.text for line in card.lines)).split("\n")
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
        body = _remove_all(checklist.stock_parts, "\n".join(texts))
        self.numbers = [line.number for line in card.lines]
        self.code_numbers = {line.number for line in card.lines if line.code}
        # "See the paper." is no result, but it is the paper: items with links read the text with pointers.
        pointed = _remove_all(checklist.pointer_parts, body) if checklist.pointer_parts else body
        self.linked = _Searchable(body, body.split("\n")) if pointed != body else None
        self.cleaned_linked: dict[int, str] | None = None
        if self.linked is not None:
            self.cleaned_linked = {
                number: own.get(index, text) for index, (number, text) in enumerate(zip(self.numbers, body.split("\n")))
            }
        body = pointed
        body_lines = body.split("\n")
        self.full = _Searchable(body, body_lines)
        # Most items are the author's prose: a variable named `preprocess` in a code block is no preprocessing.
        self.prose = (
            _Searchable.of_lines(["" if line.code else text for line, text in zip(card.lines, body_lines)])
            if self.code_numbers
            else self.full
        )
        self.cleaned: dict[int, str] = {
            number: own.get(index, text) for index, (number, text) in enumerate(zip(self.numbers, body_lines))
        }

    def meaningful(self, text: str, min_words: int) -> bool:
        return self._enough(self.checklist.own_text(text), min_words)

    def _enough(self, cleaned: str, min_words: int) -> bool:
        return has_words(_without_tags(cleaned), min_words)

    def lines_meaningful(self, lines: Iterable[Line], min_words: int, code: bool = True) -> bool:
        """Whether lines (field lines counting as their values) hold enough of the author's own text."""
        if not code:
            lines = (line for line in lines if not line.code)
        return self._enough(self._joined(lines), min_words)

    def _joined(self, lines: Iterable[Line], links: bool = False) -> str:
        cleaned = self.cleaned_linked if links and self.cleaned_linked is not None else self.cleaned
        return "\n".join(cleaned[line.number] for line in lines)

    def section_text(
        self, section: Section, mode: str, code: bool = True, links: bool = False
    ) -> tuple[str, list[int]]:
        """A section's own text (placeholders removed, field lines as their values) and each line's number.

        Several items read the same section (a parent section for each of its
        children's items), so the text is built once per section and mode.
        """
        links = links and self.cleaned_linked is not None
        key = (section, mode, code, links)
        found = self._section_texts.get(key)
        if found is None:
            whole = mode == "all" and section not in self.joined
            lines: Iterable[Line] = section.all_lines() if whole else section.lines
            if mode == "prose":
                lines = (line for line in lines if line.number not in self.field_line_numbers)
            if not code:
                lines = (line for line in lines if not line.code)
            kept = list(lines)
            text = _without_tags(self._joined(kept, links))
            found = self._section_texts[key] = (text, [line.number for line in kept])
        return found

    def left_as_placeholder(self, section: Section) -> bool:
        """Whether a section holds words, but none of them the author's own (``[More Information Needed]``)."""
        lines = list(section.all_lines())
        return has_words(" ".join(line.text for line in lines), 1) and not has_words(self._joined(lines), 1)

    def section_meaningful(
        self, section: Section, mode: str, min_words: int, code: bool = True, links: bool = False
    ) -> bool:
        return has_words(self.section_text(section, mode, code, links)[0], min_words)

    def cue_in(self, section: Section, detect: Detectors, min_words: int, mode: str | None = None) -> int | None:
        """Line of the first of an item's cues in a section's text, if the section says enough."""
        text, numbers = self.section_text(section, mode or detect.content, detect.code)
        if not has_words(text, min_words):
            return None
        lowered = lowered_for_search(text)
        for cue in detect.cue_res:
            span = cue.span(text, lowered)
            if span is not None:
                return numbers[min(text.count("\n", 0, span[0]), len(numbers) - 1)]
        return None

    def meta_values(self, path: str) -> list[Any]:
        found = self._meta_values.get(path)
        if found is None:
            found = self._meta_values[path] = _meta_value(self.card.meta, path)
        return found

    def section_at(self, line: int) -> Section | None:
        index = bisect.bisect_right(self.section_lines, line) - 1
        return self.card.sections[index] if index >= 0 else None


class _Searchable:
    """A card's text as one string for the content patterns, with the offset where each line starts."""

    __slots__ = ("lowered", "starts", "text")

    def __init__(self, text: str, lines: list[str]) -> None:
        self.text = text
        self.lowered = lowered_for_search(text)  # shared by every content pattern
        self.starts: list[int] = []
        offset = 0
        for line in lines:
            self.starts.append(offset)
            offset += len(line) + 1

    @classmethod
    def of_lines(cls, lines: list[str]) -> _Searchable:
        return cls("\n".join(lines), lines)

    def index_of(self, offset: int) -> int:
        """Index (in the card's lines) of the line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1


# Headings of navigation, not content.
_NAVIGATION = frozenset(("table of contents", "contents", "toc", "index", "quick links", "links"))


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
        if text.lines_meaningful(lines, item.min_words, detect.code):
            first = lines[0].number if lines else None
            return Evidence("intro", title.title if title else "", first, title)
    for found in text.fields_for.get(item.id, ()):
        if text.meaningful(found.value, item.min_words):
            return Evidence("field", found.label, found.line, found.section)
    own_sections = text.sections_for.get(item.id, ())
    for section in own_sections:
        if section in text.joined and detect.cue_res:
            # "Testing Data, Factors & Metrics" over a paragraph about metrics says nothing of factors.
            line = text.cue_in(section, detect, item.min_words)
            if line is not None:
                return Evidence("heading", section.title, line, section)
        elif text.section_meaningful(section, detect.content, item.min_words, detect.code, detect.links):
            return Evidence("heading", section.title, section.line, section)
    if detect.cue_res and not any(text.left_as_placeholder(s) for s in own_sections if s not in text.joined):
        # Cues are loose words, so they are read only where the author wrote about the item's group,
        # and not at all when the author left the item's own section as a placeholder.
        scope = text.group_sections.get(item.group, [])
        for other in detect.near:
            scope = scope + text.sections_for.get(other, [])
        for section in scope:
            line = text.cue_in(section, detect, item.min_words)
            if line is not None:
                return Evidence("section", section.title, line, section)
    if detect.other_sections:
        for section in text.other_sections:
            if text.section_meaningful(section, "prose", item.min_words, detect.code):
                return Evidence("heading", section.title, section.line, section)
    searched = text.full if detect.code else text.prose
    if detect.links and text.linked is not None:
        searched = text.linked
    for pattern in detect.pattern_res:
        span = pattern.span(searched.text, searched.lowered)
        if span is not None:
            start, end = span
            while start < end and searched.text[start].isspace():  # a leading \s* must not point at a blank line
                start += 1
            line = text.numbers[searched.index_of(start)]
            snippet = " ".join(searched.text[start:end].split())[:80]
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
