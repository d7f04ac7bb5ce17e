"""Case-insensitive content patterns, searched several times faster than ``re.IGNORECASE``.

A checklist's content patterns are what a card is searched with when an item
is written in prose rather than under its heading, so every unfilled item of
every card runs them over the whole card. Python's regex engine cannot skip
ahead to a likely start when a pattern is case-insensitive or opens with
``\\b``, which most of ours do, so it tries the pattern at every character.

:class:`ContentPattern` searches the lower-cased text with a lower-cased,
case-sensitive copy of the pattern instead, and looks for the pattern without
its leading ``\\b`` first, checking the boundary only where that matches. The
answer is the same as ``re.search`` with ``re.IGNORECASE``; patterns whose
meaning could change when lower-cased (escapes naming characters by number,
inline flags) and texts where lower-casing is not enough (see
:func:`lowered_for_search`) simply take the plain path.
"""

from __future__ import annotations

import functools
import heapq
import importlib
import re
from collections.abc import Sequence
from typing import Any

# Python's own regex parser, for required_literals(): private, so every use of it is allowed to fail.
try:  # Python 3.11 and later
    _sre_parse: Any = importlib.import_module("re._parser")
    _sre: Any = importlib.import_module("re._constants")
    _sre_compile: Any = importlib.import_module("re._compiler")
except ImportError:  # pragma: no cover - Python 3.9 and 3.10
    _sre_parse = importlib.import_module("sre_parse")
    _sre = importlib.import_module("sre_constants")
    _sre_compile = importlib.import_module("sre_compile")

# Escapes that name a character by number or name, inline flags and named groups: not safe to lower-case.
_UNSAFE = re.compile(r"\\[xuUN0-7]|\(\?[aiLmsuxP-]")
# Characters that re.IGNORECASE pairs with others beyond what str.lower() does ("ſ" with "s", "ς" with "σ"),
# from CPython's re._casefix: a text holding one of them is searched the plain way.
_CASE_EXTRAS = re.compile("[µıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀ-ᲈṡẛꙋﬅﬆ\u1fbe\u1fd3\u1fe3]")  # escaped: NFC folds them
# Those of them that re.IGNORECASE pairs with a character which lower-cases to none of them ("ſ" with "s"): in a
# pattern they could match a text that takes the fast path. Each other one pairs only with characters that
# lower-case to one of them, so a text it could match never takes it (tests/test_patterns.py proves both).
_PATTERN_CASE_EXTRAS = re.compile("[ıſ]")
_MAX_CASELESS_RANGE = 1 << 16
"""Characters in a range beyond which it is not checked one by one for case (and takes the plain path)."""
_WORD_BOUNDARY = "\\b"
_MAX_CANDIDATES = 8
_MAX_STARTS = 128
"""Failed candidates from the literals a match starts with, after which the regex engine searches the rest."""
_MIN_START = 2
"""Failed candidates after which the boundary is left to the regex engine: short alternatives ("gan", "vit")
are found inside other words again and again, and each such candidate costs a match tried from Python."""


def _lower_source(source: str) -> str | None:
    """The pattern with every literal lower-cased and every escape kept, or None if that is not safe."""
    if _UNSAFE.search(source) or _PATTERN_CASE_EXTRAS.search(source.lower()):
        return None
    if len(source.lower()) != len(source) or not _ranges_lower_safely(source):
        return None  # "İ" lower-cases to two characters; "[A-z]" and "[À-Ý]" change what they match
    out: list[str] = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def _ranges_lower_safely(source: str) -> bool:
    """Whether every character range keeps its meaning lower-cased: letters a-z or A-Z only, or no letters at all."""
    if "[" not in source:
        return True  # ranges are only found in classes
    try:
        stack = [list(_sre_parse.parse(source))]
    except Exception:  # noqa: BLE001 - a private parser's surprise only costs the fast path
        return False
    while stack:
        for op, arg in stack.pop():
            if op is _sre.IN:
                for kind, value in arg:
                    if kind is _sre.RANGE and not _range_lowers_safely(*value):
                        return False
            elif op is _sre.BRANCH:
                stack.extend(list(branch) for branch in arg[1])
            elif op is _sre.SUBPATTERN:
                stack.append(list(arg[-1]))
            elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
                stack.append(list(arg[2]))
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                stack.append(list(arg[1]))
            elif op is getattr(_sre, "ATOMIC_GROUP", None):
                stack.append(list(arg))
    return True


@functools.lru_cache(maxsize=64)
def _range_lowers_safely(low: int, high: int) -> bool:
    """Whether a range means the same lower-cased: a-z, A-Z, or characters without case ("一-龥", "0-9").

    No character lower-cases to a character without case other than itself
    (checked over all of Unicode in the tests), so the lower-cased text holds
    such a character exactly where the text does.
    """
    if ord("a") <= low <= high <= ord("z") or ord("A") <= low <= high <= ord("Z"):
        return True
    if high - low >= _MAX_CASELESS_RANGE:
        return False
    return all(_caseless(chr(code)) for code in range(low, high + 1))


def _caseless(char: str) -> bool:
    return char.lower() == char == char.upper()


@functools.lru_cache(maxsize=4)
def _parsed(source: str, flags: int) -> Any:
    """Python's parse of a pattern, shared by the analyses of one pattern (only read, never changed).

    Working out a pattern's fast path reads its parse three times; parsing
    is most of that cost, paid by every process that scores cards.
    """
    return _sre_parse.parse(source, flags)


def required_literals(source: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of strings a text must contain, at least one of each set, for the pattern to match in it.

    ``in`` on a string is far cheaper than a regex scan, and most patterns do
    not match most cards, so this rules most searches out before they start
    (the prefilter RE2 uses, done on Python's own parse of the pattern). Where
    the parse holds anything unfamiliar the answer is "nothing required",
    which is always safe.
    """
    try:
        return tuple(_sequence(list(_parsed(source, flags))))
    except Exception:  # noqa: BLE001 - a private parser's surprise must only cost the shortcut
        return ()


_MAX_VARIANTS = 16
"""Spellings a run of literal text may take ("out[- ]of" is four) before it is cut at the class instead."""


def _sequence(items: Sequence[tuple[Any, Any]]) -> list[frozenset[str]]:
    groups: list[frozenset[str]] = []
    run = [""]  # the spellings of the literal text read so far: a match holds one of them
    for op, arg in items:
        # A literal extends the spellings; a zero-width item keeps them (the characters either side are still
        # adjacent); a small class or group ("[- ]", "-?", "(?:time|sample)") multiplies them, and they stay far
        # rarer than the pieces between.
        spellings = _item_spellings(op, arg)
        if spellings is not None and len(run) * len(spellings) <= _MAX_VARIANTS:
            run = [spelling + more for spelling in run for more in spellings]
            continue
        if "" not in run:  # a run that may be empty ("[.!?]?" alone) requires nothing
            groups.append(_minimal(run))
        run = [""]
        if op is _sre.BRANCH:
            options: set[str] = set()
            for alternative in arg[1]:
                best = _most_selective(_sequence(alternative))
                if best is None:
                    break
                options.update(best)
            else:  # each alternative's group is non-empty, so the union is too
                groups.append(_minimal(list(options)))
        elif op is _sre.SUBPATTERN:
            groups.extend(_sequence(arg[-1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            groups.extend(_sequence(arg[2]))
    if "" not in run:
        groups.append(_minimal(run))
    return groups


def _minimal(spellings: list[str]) -> frozenset[str]:
    """The spellings that hold no other one: where "tbd." occurs, "tbd" does, so it answers the same."""
    kept: list[str] = []
    for spelling in sorted(set(spellings), key=len):
        if not any(shorter in spelling for shorter in kept):
            kept.append(spelling)
    return frozenset(kept)


def _item_spellings(op: Any, arg: Any) -> list[str] | None:
    """Every string one item of a parse can match, if they are few: "[- ]", "-?", "(?:time|sample)"."""
    if op is _sre.LITERAL:
        return [chr(arg)]
    if op is _sre.AT:
        return [""]
    if op is _sre.IN:
        return _small_class(arg)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[:2] == (0, 1):
        found = _spellings(arg[2])
        return None if found is None else [*found, ""]
    if op is _sre.SUBPATTERN and not arg[1] and not arg[2]:  # no inline flags
        return _spellings(arg[-1])
    if op is _sre.BRANCH:
        options: list[str] = []
        for alternative in arg[1]:
            found = _spellings(alternative)
            if found is None or len(options) + len(found) > _MAX_VARIANTS:
                return None
            options.extend(found)
        return options
    return None


def _small_class(arg: Any) -> list[str] | None:
    """The characters of a class of at most four plain characters ("[- ]"), or None for any other class."""
    if 0 < len(arg) <= 4 and all(kind is _sre.LITERAL for kind, _ in arg):
        return [chr(value) for _, value in arg]
    return None


def _spellings(items: Any) -> list[str] | None:
    """Every string a sequence of items can match, or None if that is more than a few or not known."""
    strings = [""]
    for op, arg in items:
        options = _item_spellings(op, arg)
        if options is None or len(strings) * len(options) > _MAX_VARIANTS:
            return None
        strings = [string + option for string in strings for option in options]
    return strings


def first_literals(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of the pattern starts with, or None if no such set is known.

    Zero-width items (``\\b``, ``^``, lookarounds) consume nothing, so the
    characters either side of them are adjacent in the match. Where the parse
    holds anything unfamiliar the prefixes stop there, and with none left the
    answer is None, which only costs the shortcut.
    """
    try:
        found = _prefixes(list(_parsed(source, flags)))
    except Exception:  # noqa: BLE001 - a private parser's surprise must only cost the shortcut
        return None
    if found is None or any(not prefix for prefix, _ in found):
        return None
    return _shortest({prefix for prefix, _ in found})


def _shortest(prefixes: set[str]) -> frozenset[str]:
    """The prefixes no other one starts: where "f1-score" occurs, "f1" does, so it finds the same places.

    In sorted order every string that starts with ``q`` follows ``q`` directly
    (nothing else sorts between them), so one pass keeps exactly these.
    """
    kept: list[str] = []
    for prefix in sorted(prefixes):
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return frozenset(kept)


_MAX_PREFIXES = 256

_Prefixes = set[tuple[str, bool]]


def _prefixes(items: Sequence[tuple[Any, Any]], memo: dict[int, _Prefixes | None] | None = None) -> _Prefixes | None:
    """(prefix, whole) pairs: every match of ``items`` starts with one of the prefixes, and is all of it if whole.

    ``memo`` keeps the answers for sub-patterns (by identity) while one
    pattern is worked out: :func:`pivot` asks this of every suffix of the
    pattern, which would otherwise walk the same groups again each time.
    Callers must not change the sets returned.
    """
    # The pairs as two sets: prefixes that end the match (whole) grow with each item; the others are final.
    done: set[str] = set()
    whole: set[str] = {""}
    for op, arg in items:
        element: _Prefixes | None
        # A character or a zero-width test leaves the number of prefixes as it is: no set of options needed.
        if op is _sre.LITERAL:
            char = chr(arg)
            whole = {prefix + char for prefix in whole}
            continue
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width
        if op is _sre.BRANCH:
            element = set()
            for alternative in arg[1]:
                found = _memoised(alternative, memo)
                if found is None:
                    element = None
                    break
                element.update(found)
        elif op is _sre.SUBPATTERN and not arg[1] and not arg[2]:  # no inline flags
            element = _memoised(arg[-1], memo)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, item = arg
            found = _memoised(item, memo)
            element = None if found is None else {(prefix, last and high == 1) for prefix, last in found}
            if element is not None and low == 0:
                element.add(("", True))  # left out: what follows starts the match
        elif op is _sre.IN and (chars := _small_class(arg)) is not None:
            element = {(char, True) for char in chars}
        else:
            element = None
        if element is None:
            return {(prefix, False) for prefix in done | whole}
        grown_whole: set[str] = set()
        ended: set[str] = set()
        for prefix in whole:
            for more, last in element:
                (grown_whole if last else ended).add(prefix + more)
        ended -= done
        if len(done) + len(ended) + len(grown_whole) > _MAX_PREFIXES:
            return {(prefix, False) for prefix in done | whole}
        done |= ended
        whole = grown_whole
        if not whole:
            break
    return {(prefix, False) for prefix in done} | {(prefix, True) for prefix in whole}


def _memoised(items: Any, memo: dict[int, _Prefixes | None] | None) -> _Prefixes | None:
    if memo is None:
        return _prefixes(list(items))
    key = id(items)
    if key not in memo:
        memo[key] = _prefixes(list(items), memo)
    return memo[key]


_MIRRORED_AT = {
    _sre.AT_BOUNDARY: _sre.AT_BOUNDARY,
    _sre.AT_NON_BOUNDARY: _sre.AT_NON_BOUNDARY,
    _sre.AT_BEGINNING_STRING: _sre.AT_END_STRING,
    _sre.AT_END_STRING: _sre.AT_BEGINNING_STRING,
}
# With MULTILINE, "^" (after a line break or at the start) read backwards is "$" (before one or at the end).
_MIRRORED_LINE_AT = {_sre.AT_BEGINNING: _sre.AT_END, _sre.AT_END: _sre.AT_BEGINNING}
_MAX_PIVOTS = 128
"""Places tried for a pattern's pivot before the search is left to the regex engine."""


def _reversed(items: Any, multiline: bool) -> list[tuple[Any, Any]] | None:
    """The parse of a pattern that matches the reversed text wherever ``items`` matches the text.

    Reading a regular expression backwards keeps which strings it matches;
    ``\\b`` is the same either way, ``^`` and ``$`` swap (with MULTILINE), and
    a lookahead becomes a lookbehind and the other way round. A zero-width
    test that cannot be read backwards (a lookahead of varying width, "$"
    without MULTILINE) is left out, so the result may match in more places,
    never in fewer: enough for ruling a text out. Anything else
    (backreferences, atomic groups, possessive repeats, inline flags) gives None.
    """
    out: list[tuple[Any, Any]] = []
    for op, arg in reversed(list(items)):
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY):
            out.append((op, arg))
        elif op is _sre.AT:
            mirrored = _MIRRORED_AT.get(arg)
            if mirrored is None and multiline:
                mirrored = _MIRRORED_LINE_AT.get(arg)
            if mirrored is not None:
                out.append((op, mirrored))
            # else left out: without a zero-width test A matches in more places, never in fewer
        elif op is _sre.BRANCH:
            alternatives = []
            for alternative in arg[1]:
                found = _reversed(alternative, multiline)
                if found is None:
                    return None
                alternatives.append(_sre_parse.SubPattern(alternative.state, found))
            out.append((op, (None, alternatives)))
        elif op is _sre.SUBPATTERN:
            _, add, delete, content = arg
            found = None if add or delete else _reversed(content, multiline)
            if found is None:
                return None
            out.append((op, (None, 0, 0, _sre_parse.SubPattern(content.state, found))))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, content = arg
            found = _reversed(content, multiline)
            if found is None:
                return None
            out.append((op, (low, high, _sre_parse.SubPattern(content.state, found))))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            direction, content = arg
            found = _reversed(content, multiline)
            if found is not None and (direction == -1 or len(set(content.getwidth())) == 1):
                out.append((op, (-direction, _sre_parse.SubPattern(content.state, found))))
            # else left out (a lookbehind must have a fixed width): A then matches in more places, never in fewer
        else:
            return None
    return out


def pivot(
    source: str, flags: int = 0, beat: tuple[int, int] | None = None
) -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]] | None:
    """A split of the pattern into A and B such that every match is A's match then B's, B starting with a literal.

    Returns (the literals B starts with, B, A reversed). A text in which no
    place where B starts matching B is also the end of a match of A (read
    backwards from there) holds no match at all. Where the split is not
    known to be exact, or its literals rank no higher than ``beat`` (see
    :func:`_rank`), the answer is None.
    """
    try:
        parsed = _parsed(source, flags)
        items = list(parsed)
        if _has_references(items):
            return None
        multiline = bool(flags & re.MULTILINE)
        splits: list[tuple[tuple[int, int, int], frozenset[str]]] = []
        memo: dict[int, _Prefixes | None] = {}  # the parse stays alive meanwhile, so identities stay unique
        for split in range(1, len(items)):
            if split > 1 and items[split - 1][0] is _sre.LITERAL:
                # Split one character earlier, B starts with that character before each of these literals:
                # as many literals, each longer, and A shorter (readable backwards wherever this A is).
                # That split always ranks higher, so this one is never chosen.
                continue
            found = _prefixes(items[split:], memo)
            if found is None or any(not prefix for prefix, _ in found):
                continue
            starts = _shortest({prefix for prefix, _ in found})
            if min(map(len, starts)) >= _MIN_START and (beat is None or _rank(tuple(starts)) > beat):
                splits.append(((min(map(len, starts)), -len(starts), -split), starts))
        # The most selective literals first (longest shortest one, fewest), where A can be read backwards.
        for (_, _, negative_split), chosen in sorted(splits, key=lambda entry: entry[0], reverse=True):
            split = -negative_split
            before = _reversed(items[:split], multiline)
            if before is not None:
                starts = chosen
                break
        else:
            return None
        state = parsed.state
        backward = _sre_compile.compile(_sre_parse.SubPattern(state, before), flags)
        forward = _sre_compile.compile(_sre_parse.SubPattern(state, items[split:]), flags)
    except Exception:  # noqa: BLE001 - private modules: a surprise only costs the shortcut
        return None
    return tuple(sorted(starts)), forward, backward


def _has_references(items: Any) -> bool:
    """Whether a parse holds anything whose meaning depends on other parts (group references, conditions)."""
    for op, arg in items:
        if op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS) or op is getattr(_sre, "GROUPREF_IGNORE", None):
            return True
        if op is getattr(_sre, "ATOMIC_GROUP", None) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
            return True
        children: list[Any] = []
        if op is _sre.BRANCH:
            children = list(arg[1])
        elif op is _sre.SUBPATTERN:
            children = [arg[-1]]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            children = [arg[2]]
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            children = [arg[1]]
        if any(_has_references(child) for child in children):
            return True
    return False


def _most_selective(groups: list[frozenset[str]]) -> frozenset[str] | None:
    return max(groups, key=lambda group: min(map(len, group))) if groups else None


def lowered_for_search(text: str) -> str | None:
    """``text.lower()`` where searching it answers exactly as ``re.IGNORECASE`` would, else None.

    Lower-casing must keep every offset ("İ" becomes two characters) and the
    text must hold none of the characters that ignore-case matching treats
    specially. Computed once per text, for all the patterns run over it.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or _CASE_EXTRAS.search(lowered):
        return None
    return lowered


try:  # the optional "fast" extra: RE2's set matching, one pass for every literal at once
    import re2 as _re2
except ImportError:  # pragma: no cover - exercised by forcing it off in the tests
    _re2 = None


class Vocabulary:
    """Every literal a set of content patterns looks up, and which of them a text holds, found in one pass.

    Proving a literal absent reads the whole text, and a card is asked about
    hundreds of literals. With the ``fast`` extra (google-re2) installed, one
    RE2 set match tells which of them occur at all, as one automaton over the
    text (tens of microseconds); the places of those that do are still found
    with ``str.find``, as before. Without it, each literal is looked for on
    demand. The answers are the same: an index of a text only learns sooner
    which literals are absent.
    """

    __slots__ = ("_absent", "_literals", "_matcher")

    def __init__(self, patterns: Sequence[ContentPattern], use_re2: bool | None = None) -> None:
        literals: set[str] = set()
        for pattern in patterns:
            literals.update(pattern.literals())
        self._literals = tuple(sorted(literals))  # sorted: the same set, and indices, in every process
        self._absent = dict.fromkeys(self._literals, -1)
        self._matcher: Any = None
        if (_re2 is not None if use_re2 is None else use_re2) and self._literals:
            assert _re2 is not None
            self._matcher = _literal_set(self._literals)

    @property
    def fast(self) -> bool:
        """Whether texts are matched in one pass (RE2 is installed and there are literals to look for)."""
        return self._matcher is not None

    def firsts(self, lowered: str) -> dict[str, int]:
        """A start for :attr:`TextIndex.firsts`: -1 for each literal ``lowered`` lacks, nothing for the rest."""
        if self._matcher is None:
            return {}
        try:
            found = self._matcher.Match(lowered)
        except UnicodeEncodeError:  # a lone surrogate has no UTF-8: look each literal up instead
            return {}
        if not found:
            # Either the text holds none of the literals, or RE2 gave up (its automaton ran out of memory),
            # which the binding reports the same way. Nothing is then known to be absent: the literals are
            # looked up one by one. Almost every card holds some of them, so this costs nothing in practice.
            return {}
        literals = self._literals
        firsts = self._absent.copy()
        for number in found:
            del firsts[literals[number]]
        return firsts


def _literal_set(literals: Sequence[str]) -> Any:
    """An RE2 set of the literals, or None if RE2 cannot build it.

    A custom checklist can hold more literals than the automaton's memory
    allows: the literals are then looked up one by one, as without RE2.
    """
    assert _re2 is not None
    options = _re2.Options()
    options.literal = True
    options.log_errors = False  # a failure is handled here, not printed to stderr by RE2
    options.max_mem = 64 << 20  # the automaton of literals is bounded by their total length
    matcher = _re2.Set.SearchSet(options)
    try:
        for literal in literals:
            matcher.Add(literal)
        matcher.Compile()
    except _re2.error:
        return None
    return matcher


class TextIndex:
    """What the patterns run over one lower-cased text share: where each literal first occurs, the reversed text.

    Many patterns look for the same literals ("model", "trained", metric
    names), and proving one absent reads the whole text, so each is looked
    for once per text, and a :class:`Vocabulary` can tell at once which of
    them are absent.
    """

    __slots__ = ("_backwards", "_within", "firsts", "lowered")

    def __init__(self, lowered: str, within: TextIndex | None = None, vocabulary: Vocabulary | None = None) -> None:
        self.lowered = lowered
        self.firsts: dict[str, int] = vocabulary.firsts(lowered) if vocabulary is not None else {}
        """``lowered.find(literal)`` by literal, filled as the patterns ask (or at once with -1, for the absent
        literals of a vocabulary)."""
        self._backwards: str | None = None
        self._within = within
        """An index of a text each of whose lines is this one's line or empty (the card's text and its prose):
        what is on no line of that text is on none of this one."""

    def first(self, literal: str) -> int:
        """``lowered.find(literal)``, memoised."""
        found = self.firsts.get(literal)
        if found is None:
            within = self._within
            if within is not None and "\n" not in literal and within.firsts.get(literal) == -1:
                found = self.firsts[literal] = -1
            else:
                found = self.firsts[literal] = self.lowered.find(literal)
        return found

    def backwards(self) -> str:
        """The text reversed, for patterns read backwards."""
        if self._backwards is None:
            self._backwards = self.lowered[::-1]
        return self._backwards


_UNSEEN: Any = object()


def first_span(
    patterns: tuple[ContentPattern, ...],
    text: str,
    lowered: str | None,
    index: TextIndex | None,
    spans: dict[ContentPattern, tuple[int, int] | None],
) -> tuple[int, int] | None:
    """Where the first of ``patterns`` that matches ``text`` does, each pattern searched once per ``spans``.

    Most patterns need a literal the text lacks, which the index already knows
    (a :class:`Vocabulary` marks the absent ones at once): those are ruled out
    by their :attr:`ContentPattern.key` here, without a call. A card is asked
    for hundreds of patterns, and most of them turn out absent.
    """
    firsts = index.firsts if index is not None else {}
    found: tuple[int, int] | None
    for pattern in patterns:
        found = spans.get(pattern, _UNSEEN)
        if found is _UNSEEN:
            found = spans[pattern] = None if firsts.get(pattern.key) == -1 else pattern.span(text, lowered, index)
        if found is not None:
            return found
    return None


def _rank(literals: tuple[str, ...]) -> tuple[int, int]:
    """How rare a set of literals looks: the longer its shortest literal, and the fewer, the rarer."""
    return min(map(len, literals)), -len(literals)


def _places(literals: tuple[str, ...], lowered: str, index: TextIndex | None) -> list[tuple[int, str]]:
    """(first place, literal) of each literal that occurs in ``lowered``."""
    if index is None:
        return [(where, literal) for literal in literals if (where := lowered.find(literal)) >= 0]
    firsts = index.firsts
    places = []
    for literal in literals:
        at = firsts.get(literal)
        if at is None:  # index.first() inlined where no outer index can answer
            at = firsts[literal] = lowered.find(literal) if index._within is None else index.first(literal)
        if at >= 0:
            places.append((at, literal))
    return places


class ContentPattern:
    """A pattern compiled with ``re.IGNORECASE``, plus a faster way to ask the same question."""

    __slots__ = ("_anchored", "_exact", "_flags", "_pivot", "_ready", "_required", "_scan", "_starts", "key", "pattern")

    def __init__(self, source: str, flags: int = 0, *, trusted: bool = False) -> None:
        """``trusted``: a pattern of a built-in checklist (tested), compiled only when first used.

        Any other is compiled here, so a bad pattern fails when its checklist loads.
        """
        self.pattern = source
        self._exact: re.Pattern[str] | None = None if trusted else re.compile(source, flags | re.IGNORECASE)
        self._flags = flags
        self._ready = False
        self._anchored: re.Pattern[str] | None = None
        self._scan: re.Pattern[str] | None = None
        self._required: tuple[tuple[str, ...], ...] = ()
        self.key = ""
        """A literal every match holds, once the fast path is worked out (else "", which no index holds): where a
        text's index knows it is absent (``index.firsts.get(key) == -1``), the pattern is ruled out without a call."""
        self._starts: tuple[str, ...] | None = None
        self._pivot: tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]] | None = None

    @property
    def exact(self) -> re.Pattern[str]:
        """The pattern as written, compiled with ``re.IGNORECASE``: what the fast path must agree with."""
        if self._exact is None:
            self._exact = re.compile(self.pattern, self._flags | re.IGNORECASE)
        return self._exact

    def _prepare(self) -> None:
        """Work out the fast path, on the first search rather than when the checklist loads.

        It costs several parses and compilations per pattern, about half a
        second for the built-in checklists: a build whose worker processes do
        the scoring never pays it in the build process, and the workers pay it
        in parallel.
        """
        self._ready = True
        source, flags = self.pattern, self._flags
        lowered = _lower_source(source)
        if lowered is None:
            return
        case_sensitive = flags & ~re.IGNORECASE
        try:
            # Compiled from the parse the analyses below read: parsing is most of the cost of compiling.
            parsed = _parsed(lowered, case_sensitive)
            self._anchored = _sre_compile.compile(parsed, case_sensitive)
            # The rarest-looking group first (longest shortest literal): it rules most texts out soonest.
            groups = sorted(required_literals(lowered, case_sensitive), key=lambda g: -min(map(len, g)))
            # Shortest first, then alphabetically: the same order in every process, whatever the hash seed.
            self._required = tuple(tuple(sorted(group, key=lambda lit: (len(lit), lit))) for group in groups)
            self.key = next((group[0] for group in self._required if len(group) == 1), "")
            starts = first_literals(lowered, case_sensitive)
            # Single characters start too many candidates to be worth a match tried from Python each.
            if starts is not None and min(map(len, starts)) >= _MIN_START:
                self._starts = tuple(sorted(starts))
            # Unless its literals are rarer than those a match starts with: else trying those is all it takes.
            self._pivot = pivot(lowered, case_sensitive, _rank(self._starts) if self._starts is not None else None)
            # Not before a digit: without its \b, "\d+..." would be tried at every digit of a long number
            # and read the rest of it each time (quadratic), where \b allows only the first.
            if (
                lowered.startswith(_WORD_BOUNDARY)
                and not lowered.startswith(_WORD_BOUNDARY + "|")
                and not lowered.startswith(_WORD_BOUNDARY + "\\d")
            ):
                items = list(parsed)
                if items and items[0] == (_sre.AT, _sre.AT_BOUNDARY):
                    self._scan = _sre_compile.compile(_sre_parse.SubPattern(parsed.state, items[1:]), case_sensitive)
                else:  # "\bfoo|bar": without its first \b, the pattern still finds every place a match starts
                    self._scan = re.compile(lowered[len(_WORD_BOUNDARY) :], case_sensitive)
        except re.error:  # pragma: no cover - a lower-cased literal cannot break a pattern that compiled
            self._anchored = self._scan = None

    def literals(self) -> frozenset[str]:
        """Every literal the fast path may look up in a text: what a :class:`Vocabulary` must know of."""
        if not self._ready:
            self._prepare()
        found = {literal for group in self._required for literal in group}
        found.update(self._starts or ())
        if self._pivot is not None:
            found.update(self._pivot[0])
        return frozenset(found)

    def span(self, text: str, lowered: str | None = None, index: TextIndex | None = None) -> tuple[int, int] | None:
        """Where the first match in ``text`` starts and ends, as ``re.search`` would say.

        ``lowered`` comes from :func:`lowered_for_search`, computed once by the
        caller for all the patterns it runs over the same text; ``index``, if
        given, is a :class:`TextIndex` of ``lowered`` that those patterns share.
        """
        if not self._ready:
            self._prepare()
        if lowered is None or self._anchored is None:
            found = self.exact.search(text)
            return found.span() if found else None
        if index is None:
            for group in self._required:  # plain loops: a generator per group costs more than the test
                for literal in group:
                    if literal in lowered:
                        break
                else:
                    return None
        else:
            firsts, within = index.firsts, index._within  # index.first() inlined: runs hundreds of times per text
            for group in self._required:
                for literal in group:
                    at = firsts.get(literal)
                    if at is None:
                        at = firsts[literal] = lowered.find(literal) if within is None else index.first(literal)
                    if at >= 0:
                        break
                else:
                    return None
        if self._pivot is not None and index is not None and not self._around_pivot(index):
            return None
        if self._starts is not None:
            return self._from_starts(lowered, index)
        if self._scan is None:
            found = self._anchored.search(lowered)
            return found.span() if found else None
        pos = 0
        scan, anchored = self._scan.search, self._anchored
        for _ in range(_MAX_CANDIDATES):
            candidate = scan(lowered, pos)
            if candidate is None:
                return None
            found = anchored.match(lowered, candidate.start())
            if found is not None:
                return found.span()
            pos = candidate.start() + 1
        # No match starts before pos (every place one could start was a candidate, and failed).
        found = anchored.search(lowered, pos)
        return found.span() if found else None

    def _around_pivot(self, index: TextIndex) -> bool:
        """False if the text surely holds no match: no place where B matches is where a match of A ends.

        Every match is A's then B's (see :func:`pivot`), B's starting with one
        of the pivot literals; A's is found by matching A reversed on the
        reversed text, from the mirror of that place.
        """
        assert self._pivot is not None
        starts, forward, backward = self._pivot
        lowered = index.lowered
        heap = _places(starts, lowered, index)
        heapq.heapify(heap)
        size = len(lowered)
        backwards = index.backwards()
        after, before, find = forward.match, backward.match, lowered.find
        for _ in range(_MAX_PIVOTS):
            if not heap:
                return False
            at = heap[0][0]
            if after(lowered, at) is not None and before(backwards, size - at) is not None:
                return True
            while heap and heap[0][0] == at:
                following = find(heap[0][1], at + 1)
                if following < 0:
                    heapq.heappop(heap)
                else:
                    heapq.heapreplace(heap, (following, heap[0][1]))
        return bool(heap)

    def _from_starts(self, lowered: str, index: TextIndex | None) -> tuple[int, int] | None:
        """The first match, tried only where one of the literals every match starts with occurs.

        Exact: a match cannot start anywhere else, and the places are tried in
        order, each as ``search`` would try it (``match`` at a position sees the
        text before it, for ``\\b`` and lookbehinds).
        """
        assert self._starts is not None and self._anchored is not None
        heap = _places(self._starts, lowered, index)
        if not heap:
            return None
        heapq.heapify(heap)
        match, find = self._anchored.match, lowered.find
        for _ in range(_MAX_STARTS):
            at = heap[0][0]
            found = match(lowered, at)
            if found is not None:
                return found.span()
            while heap and heap[0][0] == at:  # every literal found here moves on to its next place
                following = find(heap[0][1], at + 1)
                if following < 0:
                    heapq.heappop(heap)
                else:
                    heapq.heapreplace(heap, (following, heap[0][1]))
            if not heap:
                return None
        # No match starts before heap[0][0]: every place before it where one could start was tried.
        found = self._anchored.search(lowered, heap[0][0])
        return found.span() if found else None

    def __repr__(self) -> str:
        return f"ContentPattern({self.pattern!r})"
