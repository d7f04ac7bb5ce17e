"""The last stage of judging a card: each item's verdict, and the card's score.

The stages: :mod:`.card` reads the card, :mod:`.outline` says what each part
of it is about and which text is the author's own, :mod:`.evidence` finds
where each item is filled, and this module decides the verdicts (not
applicable, sub-items) and the score. It is the single source of truth for
"is this item filled": the plugin's badge and checklist, the index page and
the command-line report all come from :func:`score_card`, so they can never
disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .card import Card
from .checklist import Checklist, Item
from .evidence import Evidence, find
from .outline import Outline


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

    @cached_property
    def required(self) -> list[ItemResult]:
        return [r for r in self.items if not r.item.optional]

    @cached_property
    def filled(self) -> int:
        return sum(1 for r in self.required if r.filled)

    @cached_property
    def total(self) -> int:
        return len(self.required)

    @cached_property
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

    @cached_property
    def percent(self) -> int:
        """The score as shown on badges: rounded half up, never 100 unless complete."""
        value = int(self.score + 0.5)
        if value == 100 and self.missing_required:
            return 99
        return value

    @cached_property
    def incomplete(self) -> list[ItemResult]:
        """Missing gate items (``required: true``): the card is incomplete whatever its score."""
        return [r for r in self.items if r.item.required and not r.filled]

    @cached_property
    def missing_required(self) -> list[ItemResult]:
        return [r for r in self.items if not r.item.optional and not r.filled]

    @cached_property
    def required_count(self) -> int:
        return sum(1 for r in self.items if not r.item.optional)

    @cached_property
    def filled_required_count(self) -> int:
        return self.required_count - len(self.missing_required)


def band(score: float, thresholds: dict[str, float]) -> str:
    """Name of the colour band for a score; thresholds map band name to its lower bound."""
    for name, lower in sorted(thresholds.items(), key=lambda kv: -kv[1]):
        if score >= lower:
            return name
    return min(thresholds.items(), key=lambda kv: kv[1])[0] if thresholds else "none"


def score_card(
    card: Card, checklist: Checklist, not_applicable: Mapping[str, str] | None = None, outline: Outline | None = None
) -> Score:
    """Score a card; ``not_applicable`` maps item ids the card declares N/A to the reason given."""
    text = outline if outline is not None else Outline(card, checklist)
    not_applicable = not_applicable or {}
    results: dict[str, ItemResult] = {}
    for item in checklist.items:
        if item.id in not_applicable:
            reason = not_applicable[item.id]
            results[item.id] = ItemResult(item, True, Evidence("not_applicable", reason), not_applicable=reason)
            continue
        evidence = find(item, text)
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
