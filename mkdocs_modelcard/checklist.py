"""The checklist model: which items a card should have and how to find each one.

Checklists are YAML data files (the built-in ones live in ``checklists/``), so
a research group can keep its own without writing Python.  Loading validates
the whole file up front and names the file, item and key of every problem,
because a typo found at build time is far cheaper than a silently wrong score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from . import safeyaml
from .patterns import ContentPattern
from .regexcheck import regex_problem
from .text import alias_matcher, named, normalize

CONTENT_MODES = ("all", "own", "prose")
_T = TypeVar("_T")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ChecklistError(ValueError):
    """A checklist file that cannot be used; the message names file, item and key."""


@dataclass(frozen=True)
class Detectors:
    """How the scorer looks for an item.  Any detector that finds content fills it."""

    front_matter: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    title: bool = False
    intro: bool = False
    content: str = "all"
    code: bool = True
    """Whether code blocks can hold this item (usage code, BibTeX) or only the author's prose can."""
    cues: tuple[str, ...] = ()
    """Words that must appear for a section about several topics, or about the item's whole group, to fill it."""
    near: tuple[str, ...] = ()
    """Ids of items whose sections are searched for this item's cues too (preprocessing in "Training Data")."""
    other_sections: bool = False
    """Sections about nothing else on the checklist fill the item ("Notes": a "Monitoring plan", "Future work")."""
    links: bool = False
    """A pointer is this item's content (a paper, a repository, a demo): pointer sentences count for it."""
    figures: bool = False
    """A field fills the item only when its value gives a figure: "Dice score: overlap of the masks" is no result."""
    title_patterns: tuple[str, ...] = ()
    """Regular expressions searched in the card's H1: "# Model Card: FooNet v1.0.0" gives the version."""
    heading_exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """The heading aliases without a wildcard, normalised: a heading is looked up, not matched."""
    heading_wild_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    """The heading aliases with a wildcard ("limitations*"), as one pattern."""
    field_exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    field_wild_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    pattern_res: tuple[ContentPattern, ...] = field(default=(), compare=False, repr=False)
    cue_res: tuple[ContentPattern, ...] = field(default=(), compare=False, repr=False)
    title_pattern_res: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)

    def names_heading(self, key: str) -> bool:
        """Whether a normalised heading is one of the heading aliases."""
        return named(key, self.heading_exact, self.heading_wild_re)

    def names_field(self, key: str) -> bool:
        """Whether a normalised field label is one of the field aliases."""
        return named(key, self.field_exact, self.field_wild_re)


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    group: str
    optional: bool = False
    weight: float = 1.0
    guidance: str = ""
    min_words: int = 1
    detect: Detectors = field(default_factory=Detectors)
    required: bool = False
    """A gate: a card missing it is incomplete whatever its score."""
    parent: str | None = None
    """Id of the item this is a sub-item of."""
    children: tuple[str, ...] = ()
    """Ids of this item's sub-items; the item is filled when all of them are."""


@dataclass(frozen=True)
class Detection:
    """Rules that tell this kind of card apart from ordinary pages."""

    filenames: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()
    exclude_title_words: tuple[str, ...] = ()
    front_matter_keys: tuple[str, ...] = ()
    min_headings: int = 3
    template_filenames: tuple[str, ...] = ()
    """File names of blank templates (``*template*``): such pages look like cards but are not."""
    template_titles: tuple[str, ...] = ()
    """Regular expressions for a title that still holds a template placeholder (``[Model Name]``)."""
    template_title_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Checklist:
    name: str
    title: str
    items: tuple[Item, ...]
    detection: Detection = field(default_factory=Detection)
    placeholders: tuple[str, ...] = ()
    stock_text: tuple[str, ...] = ()
    pointers: tuple[str, ...] = ()
    """Sentences that only point elsewhere ("See the paper."): they fill no item but those with links."""
    title_noise: tuple[str, ...] = ()
    group_headings: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """Headings of a whole group ("Evaluation"): its items are looked for there by their cues."""
    group_index: tuple[tuple[str, frozenset[str], re.Pattern[str] | None], ...] = field(
        default=(), compare=False, repr=False
    )
    """Each group with its plain headings (looked up) and its wildcard headings (one pattern), made once."""
    source: str = ""
    placeholder_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    stock_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    title_noise_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    placeholder_parts: tuple[ContentPattern, ...] = field(default=(), compare=False, repr=False)
    """The placeholders one by one: applied in turn they are much faster than one big alternation."""
    stock_parts: tuple[ContentPattern, ...] = field(default=(), compare=False, repr=False)
    pointer_parts: tuple[ContentPattern, ...] = field(default=(), compare=False, repr=False)

    @property
    def groups(self) -> list[str]:
        """Group names in the order they first appear, which is the order authors expect."""
        return list(dict.fromkeys(item.group for item in self.items))

    @property
    def required(self) -> list[Item]:
        return [item for item in self.items if not item.optional]


_CHECKLIST_KEYS = {
    *("name", "title", "description", "items", "detect", "placeholders", "stock_text", "title_noise"),
    *("groups", "pointers"),
}
_DETECTOR_KEYS = {
    *("front_matter", "headings", "fields", "patterns", "title", "intro", "content", "code", "cues", "near"),
    *("other_sections", "links", "figures", "title_patterns"),
}
# Detector switches and their defaults.
_FLAGS = (
    *(("title", False), ("intro", False), ("code", True), ("other_sections", False), ("links", False)),
    ("figures", False),
)


def builtin_names() -> list[str]:
    folder = resources.files(__package__).joinpath("checklists")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml"))


def load_checklist(spec: str, base_dir: str | Path | None = None) -> Checklist:
    """Load a built-in checklist by name, or a YAML file by path (relative to ``base_dir``)."""
    if spec in builtin_names():
        return _load_builtin(spec)
    path = Path(spec)
    if base_dir is not None and not path.is_absolute():
        path = Path(base_dir) / path
    if not path.is_file():
        names = ", ".join(builtin_names())
        raise ChecklistError(f"checklist {spec!r} is neither a built-in checklist ({names}) nor a file: {path}")
    resolved = path.resolve()
    return _load_path(str(resolved), resolved.stat().st_mtime_ns)


_BUILTIN_SOURCE = "<built-in checklist {}>"


def reloadable(checklist: Checklist) -> bool:
    """Whether :func:`checklist_from_source` can load this checklist again in another process."""
    source = checklist.source
    if source.startswith("<built-in checklist ") and source.endswith(">"):
        return source[len("<built-in checklist ") : -1] in builtin_names()
    return Path(source).is_absolute()


def checklist_from_source(source: str) -> Checklist:
    """The checklist a ``Checklist.source`` names: a built-in one, or a file (loaded files have absolute sources).

    How a worker process gets the checklists of the process that started
    it, and how reports sent back from a worker find theirs again.
    """
    if source.startswith("<built-in checklist ") and source.endswith(">"):
        name = source[len("<built-in checklist ") : -1]
        if name in builtin_names():
            return _load_builtin(name)
    elif Path(source).is_absolute():
        return load_checklist(source)
    raise ChecklistError(f"checklist {source!r} cannot be loaded again: it was not read from a file")


@lru_cache(maxsize=8)
def _load_builtin(name: str) -> Checklist:
    text = resources.files(__package__).joinpath("checklists", f"{name}.yml").read_text(encoding="utf-8")
    return parse_checklist(text, _BUILTIN_SOURCE.format(name), trusted=True)


@lru_cache(maxsize=32)
def _load_path(path: str, mtime_ns: int) -> Checklist:
    """Cached per file version: a site resolves the same checklist for many cards and rebuilds."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"{path}: cannot read checklist: {exc}") from exc
    return parse_checklist(text, path)


def parse_checklist(text: str, source: str = "<checklist>", *, trusted: bool = False) -> Checklist:
    """The checklist in ``text``, every problem with it named at once.

    ``trusted`` is for the built-in checklists, whose patterns the tests run
    through the same checks: they are not checked again and compile on first
    use, which halves what loading costs every build and every ``check``.
    """
    lines: dict[int, int] = {}
    try:
        # Duplicate keys are refused: PyYAML would silently keep the last, dropping a detector or an item's setting.
        data = safeyaml.load(text, unique_keys=True, lines=lines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        what = "cannot be used" if isinstance(exc, safeyaml.YAMLLimitError) else "not valid YAML"
        raise ChecklistError(f"{source}{where}: {what}: {getattr(exc, 'problem', exc)}") from exc
    return _Validator(source, lines, trusted).checklist(data)


class _Validator:
    """Turns raw YAML into a Checklist, collecting every problem before failing."""

    def __init__(self, source: str, lines: dict[int, int] | None = None, trusted: bool = False) -> None:
        self.source = source
        self.trusted = trusted
        self.errors: list[str] = []
        self._patterns: dict[str, ContentPattern] = {}
        self.lines = lines or {}
        """Line of each mapping of the file, by ``id``: errors name the line of the item they are about."""
        self.line: int | None = None

    def error(self, where: str, message: str) -> None:
        at = f"{self.source}:{self.line}" if self.line else self.source
        self.errors.append(f"{at}: {where}: {message}")

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.error(where, "expected a string or a list of strings")
        return ()

    def regexes(self, values: tuple[str, ...], where: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        return self._compiled(values, where, flags, lambda value: re.compile(value, flags))

    def content_patterns(self, values: tuple[str, ...], where: str) -> tuple[ContentPattern, ...]:
        flags = re.MULTILINE | re.IGNORECASE
        return self._compiled(values, where, flags, self._content_pattern)

    def _content_pattern(self, value: str) -> ContentPattern:
        """One object per distinct pattern: items that share a pattern share its search on each card."""
        found = self._patterns.get(value)
        if found is None:
            found = self._patterns[value] = ContentPattern(value, re.MULTILINE, trusted=self.trusted)
        return found

    def _compiled(
        self, values: tuple[str, ...], where: str, flags: int, compile_: Callable[[str], _T]
    ) -> tuple[_T, ...]:
        compiled = []
        for value in values:
            problem = None if self.trusted else regex_problem(value, flags)
            if problem is None:
                try:
                    compiled.append(compile_(value))
                    continue
                except (re.error, OverflowError, RecursionError, ValueError) as exc:
                    problem = f"invalid regular expression: {exc}"
            self.error(where, f"regular expression {value!r} refused: {problem}")
        return tuple(compiled)

    def mapping(self, value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(where, "expected a mapping")
            return {}
        for key in value:
            if key not in allowed:
                self.error(f"{where}: key {key!r}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return value

    def checklist(self, data: Any) -> Checklist:
        if not isinstance(data, dict):
            raise ChecklistError(f"{self.source}: a checklist must be a mapping with an 'items' list")
        data = self.mapping(
            data,
            "checklist",
            _CHECKLIST_KEYS,
        )
        raw_items = data.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            self.error("checklist: key 'items'", "expected a non-empty list of items")
            raw_items = []
        items: list[Item] = []
        for index, raw in enumerate(raw_items):
            items.extend(self.item(raw, index))
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                self.error(f"item {item.id!r}: key 'id'", "duplicate id")
            seen.add(item.id)
        for item in items:
            for other in item.detect.near:
                if other not in seen:
                    self.error(f"item {item.id!r}: key 'detect.near'", f"{other!r} is not the id of an item")
        detect = self.mapping(
            data.get("detect"),
            "checklist: key 'detect'",
            {
                *("filenames", "title_words", "exclude_title_words", "front_matter_keys", "min_headings"),
                *("template_filenames", "template_titles"),
            },
        )
        template_titles = self.strings(detect.get("template_titles"), "checklist: key 'detect.template_titles'")
        self.regexes(template_titles, "checklist: key 'detect.template_titles'")
        min_headings = detect.get("min_headings", 3)
        if not isinstance(min_headings, int) or isinstance(min_headings, bool) or min_headings < 0:
            self.error("checklist: key 'detect.min_headings'", "expected a whole number >= 0")
            min_headings = 3
        detection = Detection(
            filenames=self.strings(detect.get("filenames"), "checklist: key 'detect.filenames'"),
            title_words=self.strings(detect.get("title_words"), "checklist: key 'detect.title_words'"),
            exclude_title_words=self.strings(
                detect.get("exclude_title_words"), "checklist: key 'detect.exclude_title_words'"
            ),
            front_matter_keys=self.strings(
                detect.get("front_matter_keys"), "checklist: key 'detect.front_matter_keys'"
            ),
            min_headings=min_headings,
            template_filenames=self.strings(
                detect.get("template_filenames"), "checklist: key 'detect.template_filenames'"
            ),
            template_titles=template_titles,
            template_title_re=_alternation(template_titles),
        )
        placeholders = self.strings(data.get("placeholders"), "checklist: key 'placeholders'")
        stock = self.strings(data.get("stock_text"), "checklist: key 'stock_text'")
        noise = self.strings(data.get("title_noise"), "checklist: key 'title_noise'")
        pointers = self.strings(data.get("pointers"), "checklist: key 'pointers'")
        pointer_parts = self.content_patterns(pointers, "checklist: key 'pointers'")
        self.regexes(placeholders, "checklist: key 'placeholders'")
        self.regexes(noise, "checklist: key 'title_noise'")
        name = data.get("name")
        if not isinstance(name, str) or not name:
            self.error("checklist: key 'name'", "expected a non-empty string")
            name = "checklist"
        title = data.get("title", name)
        if not isinstance(title, str):
            self.error("checklist: key 'title'", "expected a string")
            title = name
        group_headings: dict[str, tuple[str, ...]] = {}
        raw_groups = data.get("groups")
        known_groups = {item.group for item in items}
        if raw_groups is not None and not isinstance(raw_groups, dict):
            self.error("checklist: key 'groups'", "expected a mapping of group names to lists of headings")
        elif raw_groups:
            for group, aliases in raw_groups.items():
                if group not in known_groups:
                    self.error(f"checklist: key 'groups.{group}'", "not the group of any item")
                    continue
                group_headings[group] = self.strings(aliases, f"checklist: key 'groups.{group}'")
        if self.errors:
            raise ChecklistError("invalid checklist:\n  " + "\n  ".join(self.errors))
        return Checklist(
            name=name,
            title=title,
            items=tuple(items),
            detection=detection,
            placeholders=placeholders,
            stock_text=stock,
            pointers=pointers,
            pointer_parts=pointer_parts,
            title_noise=noise,
            group_headings=group_headings,
            group_index=tuple(
                (
                    group,
                    frozenset(normalize(name) for name in (group, *aliases) if "*" not in name),
                    alias_matcher(name for name in (group, *aliases) if "*" in name),
                )
                for group, aliases in group_headings.items()
            ),
            source=self.source,
            placeholder_re=_alternation(placeholders),
            stock_re=_alternation(_flexible(s) for s in stock),
            title_noise_re=_alternation(noise),
            placeholder_parts=tuple(ContentPattern(p, re.MULTILINE, trusted=self.trusted) for p in placeholders),
            stock_parts=tuple(ContentPattern(_flexible(s), trusted=self.trusted) for s in stock),
        )

    def item(self, raw: Any, index: int, parent: Item | None = None) -> list[Item]:
        """The item and, after it, its sub-items (which inherit group and optional); errors name its line."""
        outer = self.line
        self.line = self.lines.get(id(raw), outer)
        try:
            return self._item(raw, index, parent)
        finally:
            self.line = outer

    def _item(self, raw: Any, index: int, parent: Item | None) -> list[Item]:
        where = f"item #{index + 1}" if parent is None else f"item {parent.id!r}: sub-item #{index + 1}"
        if not isinstance(raw, dict):
            self.error(where, "expected a mapping with id, label and group")
            return []
        item_id = raw.get("id")
        if isinstance(item_id, str) and _ID.match(item_id):
            where = f"item {item_id!r}"
        else:
            self.error(f"{where}: key 'id'", "expected an identifier of lower-case letters, digits and _")
            item_id = f"_invalid_{index}"
        raw = self.mapping(
            raw,
            where,
            {"id", "label", "group", "optional", "weight", "required", "guidance", "min_words", "detect", "items"},
        )
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            self.error(f"{where}: key 'label'", "expected a non-empty string")
            label = item_id
        group = raw.get("group", parent.group if parent else None)
        if not isinstance(group, str) or not group.strip():
            self.error(f"{where}: key 'group'", "expected a non-empty string")
            group = "Other"
        optional = raw.get("optional", parent.optional if parent else False)
        if not isinstance(optional, bool):
            self.error(f"{where}: key 'optional'", "expected true or false")
            optional = False
        weight = raw.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight < math.inf:
            self.error(f"{where}: key 'weight'", "expected a finite number >= 0")  # .nan would poison every score
            weight = 1
        min_words = raw.get("min_words", 1)
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 1:
            self.error(f"{where}: key 'min_words'", "expected a whole number >= 1")
            min_words = 1
        guidance = raw.get("guidance", "")
        if not isinstance(guidance, str):
            self.error(f"{where}: key 'guidance'", "expected a string")
            guidance = ""
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self.error(f"{where}: key 'required'", "expected true or false")
            required = False
        item = Item(
            id=item_id,
            label=label.strip(),
            group=group.strip(),
            optional=optional,
            weight=float(weight),
            guidance=" ".join(guidance.split()),
            min_words=min_words,
            detect=self.detectors(raw.get("detect"), where, allow_empty="items" in raw),
            required=required,
            parent=parent.id if parent else None,
        )
        raw_children = raw.get("items", [])
        if not isinstance(raw_children, list):
            self.error(f"{where}: key 'items'", "expected a list of sub-items")
            raw_children = []
        children: list[Item] = []
        for number, child in enumerate(raw_children):
            children.extend(self.item(child, number, item))
        direct = tuple(c.id for c in children if c.parent == item.id)
        return [replace(item, children=direct), *children]

    def detectors(self, raw: Any, where: str, allow_empty: bool = False) -> Detectors:
        where = f"{where}: key 'detect'"
        raw = self.mapping(raw, where, _DETECTOR_KEYS)
        if not raw and not allow_empty:
            self.error(
                where, "an item needs at least one detector (front_matter, headings, fields, patterns, title or intro)"
            )
        headings = self.strings(raw.get("headings"), f"{where}.headings")
        fields = self.strings(raw.get("fields"), f"{where}.fields")
        patterns = self.strings(raw.get("patterns"), f"{where}.patterns")
        content = raw.get("content", "all")
        if content not in CONTENT_MODES:
            self.error(f"{where}.content", f"expected one of {', '.join(CONTENT_MODES)}")
            content = "all"
        flags = {}
        for key, default in _FLAGS:
            flags[key] = raw.get(key, default)
            if not isinstance(flags[key], bool):
                self.error(f"{where}.{key}", "expected true or false")
                flags[key] = default
        cues = self.strings(raw.get("cues"), f"{where}.cues")
        title_patterns = self.strings(raw.get("title_patterns"), f"{where}.title_patterns")
        return Detectors(
            front_matter=self.strings(raw.get("front_matter"), f"{where}.front_matter"),
            headings=headings,
            fields=fields,
            patterns=patterns,
            title=flags["title"],
            intro=flags["intro"],
            content=content,
            code=flags["code"],
            cues=cues,
            near=self.strings(raw.get("near"), f"{where}.near"),
            other_sections=flags["other_sections"],
            links=flags["links"],
            figures=flags["figures"],
            title_patterns=title_patterns,
            title_pattern_res=self.regexes(title_patterns, f"{where}.title_patterns"),
            heading_exact=frozenset(normalize(a) for a in headings if "*" not in a),
            heading_wild_re=alias_matcher(a for a in headings if "*" in a),
            field_exact=frozenset(normalize(a) for a in fields if "*" not in a),
            field_wild_re=alias_matcher(a for a in fields if "*" in a),
            pattern_res=self.content_patterns(patterns, f"{where}.patterns"),
            cue_res=self.content_patterns(cues, f"{where}.cues"),
        )


def _flexible(sentence: str) -> str:
    """A stock sentence as a regex that tolerates re-wrapping and Markdown emphasis."""
    words = re.findall(r"\w+|[^\w\s]", sentence)
    return r"[\s*_]*".join(re.escape(w) for w in words)


def _alternation(patterns: Any) -> re.Pattern[str] | None:
    parts = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None
