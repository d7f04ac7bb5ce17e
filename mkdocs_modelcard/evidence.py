"""The second stage of judging a card: where, if anywhere, the card fills each checklist item.

Each item's detectors are tried in a fixed order, most explicit first: front
matter, the title, the text under it, fields, the item's own headings,
sections about the item's group (read by its cues), sections about nothing
else, then content patterns over the card's text. What the first of them
finds is the evidence the page's checklist and the CLI show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from .card import Line, Section
from .checklist import Item
from .outline import Outline

# An opening sentence whose subject is a name: "GENMO is a generalist model", "Audio Flamingo 3 (AF3) is a".
_NAMES_MODEL = re.compile(
    r"[ \t*_]*(?!(?i:this|the|a|an|it|we|our|these|here|each|all|there|that|its)\b)[A-Z][\w.+-]*"
    r"(?:[ \t]+[A-Z0-9][\w.+-]*){0,5}(?:[ \t]+\([^()\n]{1,20}\))?[ \t]+(?:is|are)[ \t]+(?:an?|the)[ \t]"
)
_OPENING_LINES = 6


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


def _value_filled(value: Any, text: Outline, min_words: int) -> bool:
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


def _unclaimed_fields_meaningful(section: Section, text: Outline, min_words: int) -> bool:
    """Whether a section's fields (and two-column table rows) that name no item say enough: "| model.onnx | ... |".

    "- **Demo:** https://..." under "Model Sources" is the demo, not additional information.
    """
    claimed = {id(found) for fields in text.fields_for.values() for found in fields}
    values = " ".join(f.value for f in section.fields if id(f) not in claimed)
    return bool(values) and text.meaningful(values, min_words)


def find(item: Item, text: Outline) -> Evidence | None:
    """Where the card fills ``item``: the first of its detectors that finds the author's own content."""
    title = text.title_section
    detect = item.detect
    card = text.card
    for key in detect.front_matter:
        if any(_value_filled(v, text, item.min_words) for v in text.meta_values(key)):
            return Evidence("front_matter", key)
    if detect.title:
        if title is not None:
            name = title.title
            if text.checklist.title_noise_re is not None:
                name = text.checklist.title_noise_re.sub(" ", name)
            if text.meaningful(name, 1):
                return Evidence("title", title.title, title.line, title)
        # "# Model Overview" / "## Description:" / "Audio Flamingo 3 (AF3) is a fully open ...": the card's
        # opening sentence names the model when its title does not.
        for opening in text.card.lines[:_OPENING_LINES]:
            if not opening.code and _NAMES_MODEL.match(text.cleaned[opening.number]):
                return Evidence("intro", opening.text.strip()[:80], opening.number, text.section_at(opening.number))
    if detect.title_pattern_res and title is not None:
        for title_re in detect.title_pattern_res:  # "# Model Card: FooNet v1.0.0" states the version
            if title_re.search(title.title):
                return Evidence("title", title.title, title.line, title)
    if detect.intro:
        lines: Iterable[Line] = title.lines if title is not None else card.preamble
        first = next(iter(lines), None)
        if detect.content == "prose":  # "- Problem type: Text Classification" under the title is no summary
            lines = [line for line in lines if line.number not in text.field_line_numbers]
        if text.lines_meaningful(lines, item.min_words, detect.code):
            return Evidence("intro", title.title if title else "", first.number if first else None, title)
    for found in text.fields_for.get(item.id, ()):
        if detect.figures and not any(char.isdigit() for char in text.lexicon.own_text(found.value)):
            continue  # "- **Dice score:** overlap of the masks" names a metric and reports nothing
        if text.meaningful(found.value, item.min_words):
            return Evidence("field", found.label, found.line, found.section)
    own_sections = text.sections_for.get(item.id, ())
    for section in own_sections:
        if detect.cue_res and (section, item.id) in text.by_parts:
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
            if text.section_meaningful(section, "prose", item.min_words, detect.code) or (
                section.fields and _unclaimed_fields_meaningful(section, text, item.min_words)
            ):
                return Evidence("heading", section.title, section.line, section)
    searched = text.full if detect.code else text.prose
    if detect.links and text.linked is not None:
        searched = text.linked
    span = searched.first_span(detect.pattern_res)
    if span is None:
        return None
    start, end = span
    while start < end and searched.text[start].isspace():  # a leading \s* must not point at a blank line
        start += 1
    line = text.numbers[searched.index_of(start)]
    snippet = " ".join(searched.text[start:end].split())[:80]
    return Evidence("pattern", snippet, line, text.section_at(line))
