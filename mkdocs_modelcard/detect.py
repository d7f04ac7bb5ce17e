"""Decide which pages are model cards.

Order of precedence, most explicit first: the page's own ``modelcard:`` front
matter, then the site's ``include``/``exclude`` globs, then automatic
detection from the file name or from an H1 that says "model card" plus
several checklist headings.  The checklist and template pages of a guide talk
about model cards without being one, so their titles exclude them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .card import Card
from .checklist import Checklist
from .outline import lexicon
from .text import glob_match, normalize


@dataclass(frozen=True)
class DetectOptions:
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    auto: bool = True


def explicit_choice(meta: dict[str, object]) -> bool | None:
    """``modelcard: true|false`` (or a settings mapping, which means true) in front matter."""
    value = meta.get("modelcard")
    if isinstance(value, bool):
        return value
    if isinstance(value, dict):
        return value.get("enabled", True) is not False
    return None


def filename_matches(path: str, checklist: Checklist) -> bool:
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return glob_match(name, [p.lower() for p in checklist.detection.filenames])


@lru_cache(maxsize=32)
def _word_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(normalize(w)) for w in words) + r")\b")


def worth_reading(path: str, text: str, checklist: Checklist, options: DetectOptions) -> bool:
    """A cheap test on the raw text, so ordinary pages of a big site are never parsed."""
    if options.include and glob_match(path, options.include):
        return True
    if "modelcard" in text:
        return True
    if not options.auto:
        return False
    if filename_matches(path, checklist):
        return True
    lowered = text.lower()
    detection = checklist.detection
    return any(w.lower() in lowered for w in detection.title_words) or any(
        f"{key}:" in text for key in detection.front_matter_keys
    )


def template_reason(path: str, card: Card, checklist: Checklist) -> str | None:
    """Why a page that would pass for a card is a blank template instead, or None.

    A guide ships its templates as pages ("Model Card for [Model Name]" in
    ``HF_ModelCard_Template.md``); scored, they would fill the index with red
    badges. Only the page's own ``modelcard: true`` makes such a page a card.
    """
    if explicit_choice(card.meta) is True:
        return None
    detection = checklist.detection
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if detection.template_filenames and glob_match(name, [p.lower() for p in detection.template_filenames]):
        return "its file name says it is a template"
    h1 = card.first_h1
    if h1 is not None and detection.template_title_re is not None and detection.template_title_re.search(h1.title):
        return f"its title {h1.title!r} still holds a template placeholder"
    return None


def is_card(path: str, card: Card, checklist: Checklist, options: DetectOptions) -> bool:
    """Whether a page (``path`` relative to the docs folder, with ``/``) is a card."""
    choice = explicit_choice(card.meta)
    if choice is not None:
        return choice
    if options.exclude and glob_match(path, options.exclude):
        return False
    if options.include and glob_match(path, options.include):
        return True
    if not options.auto:
        return False
    detection = checklist.detection
    h1 = card.first_h1
    title = h1.key if h1 is not None else ""
    excluded = _word_re(tuple(detection.exclude_title_words))
    if excluded is not None and excluded.search(title):
        return False
    if filename_matches(path, checklist):
        return True
    headings = _checklist_headings(card, checklist)
    if headings < detection.min_headings:
        return False
    wanted = _word_re(tuple(detection.title_words))
    if wanted is not None and wanted.search(title):
        return True
    return any(key in card.meta for key in detection.front_matter_keys)


def _checklist_headings(card: Card, checklist: Checklist) -> int:
    """How many distinct checklist items have a heading in the card (outside code and comments)."""
    topics = lexicon(checklist)
    return len(
        {item.id for section in card.sections for item in topics.items_for_section(section.key, section.parts)[0]}
    )
