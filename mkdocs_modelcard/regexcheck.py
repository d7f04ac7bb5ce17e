"""Refuse checklist regular expressions that could hang or crash a build, when the checklist is loaded.

A checklist's patterns run over every card, and Python's regex engine
backtracks: ``(a+)+$`` takes exponential time on a line of ``a`` followed by
``b``. Nested unbounded repeats are the classic cause; they are found on
Python's own parse of the pattern and refused, unless each round of the outer
repeat must start (or end) with a character that no inner repeat can swallow,
which fixes where every round begins (``(?:\\|[^|\\n]*)*`` is safe: every
round starts at a new ``|``). Huge repeat
counts and deep nesting, which make ``re.compile`` itself raise or recurse, are
refused too. Polynomial cases (``\\w*\\s*\\w*x``) cannot all be told apart from
useful patterns; docs/custom-checklists.md explains how to avoid them.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

try:  # Python 3.11 and later
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
    _compiler: Any = importlib.import_module("re._compiler")
except ImportError:  # pragma: no cover - Python 3.9 and 3.10
    _parser = importlib.import_module("sre_parse")
    _constants = importlib.import_module("sre_constants")
    _compiler = importlib.import_module("sre_compile")

MAX_REPEAT_COUNT = 10_000
MAX_NESTING = 50
MAX_LENGTH = 5000
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT)
_UNBOUNDED = _constants.MAXREPEAT


def regex_problem(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` may not be used in a checklist, or None; compiling it afterwards cannot fail or recurse."""
    if len(pattern) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH:,} characters"
    if pattern.count("(") > 2 * MAX_NESTING and _depth_of_parens(pattern) > MAX_NESTING:
        return f"groups nested more than {MAX_NESTING} deep"
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    except (OverflowError, RecursionError, ValueError) as exc:
        return f"invalid regular expression: {exc}"
    try:
        return _walk(list(parsed), parsed.state.flags | flags, 0)
    except RecursionError:  # pragma: no cover - depth is bounded above
        return f"groups nested more than {MAX_NESTING} deep"


def _depth_of_parens(pattern: str) -> int:
    depth = deepest = 0
    escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(depth - 1, 0)
    return deepest


def _children(op: Any, av: Any) -> list[list[Any]]:
    """The sub-sequences of one parsed item."""
    if op in _REPEATS or op is getattr(_constants, "POSSESSIVE_REPEAT", None):
        return [list(av[2])]
    if op is _constants.SUBPATTERN:
        return [list(av[-1])]
    if op is _constants.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (_constants.ASSERT, _constants.ASSERT_NOT):
        return [list(av[1])]
    if op is getattr(_constants, "ATOMIC_GROUP", None):
        return [list(av)]
    if op is _constants.GROUPREF_EXISTS:
        return [list(part) for part in av[1:] if part is not None]
    return []


def _walk(items: list[Any], flags: int, depth: int) -> str | None:
    if depth > MAX_NESTING:
        return f"groups nested more than {MAX_NESTING} deep"
    for op, av in items:
        if op in _REPEATS or op is getattr(_constants, "POSSESSIVE_REPEAT", None):
            low, high = av[0], av[1]
            if low > MAX_REPEAT_COUNT or (high is not _UNBOUNDED and high != _UNBOUNDED and high > MAX_REPEAT_COUNT):
                return f"a repeat count above {MAX_REPEAT_COUNT:,}"
            if op in _REPEATS and high == _UNBOUNDED and not _safe_body(list(av[2]), flags):
                return (
                    "a repeated group that contains another unbounded repeat, such as (a+)+, "
                    "can take exponential time; bound the inner repeat or make each round start with a "
                    "character it cannot match"
                )
        for child in _children(op, av):
            problem = _walk(child, flags, depth + 1)
            if problem is not None:
                return problem
    return None


def _inner_unbounded(items: list[Any]) -> list[list[Any]]:
    """Bodies of the unbounded (backtracking) repeats anywhere inside ``items``."""
    found: list[list[Any]] = []
    for op, av in items:
        if op in _REPEATS and av[1] == _UNBOUNDED:
            found.append(list(av[2]))
        for child in _children(op, av):
            found.extend(_inner_unbounded(child))
    return found


def _edge_literal(items: list[Any], last: bool = False) -> str | None:
    """The character every match of ``items`` starts (or, with ``last``, ends) with, if there is one."""
    for op, av in reversed(items) if last else items:
        if op is _constants.AT or op in (_constants.ASSERT, _constants.ASSERT_NOT):
            continue  # zero-width
        if op is _constants.LITERAL:
            return chr(av)
        if op is _constants.SUBPATTERN:
            return _edge_literal(list(av[-1]), last)
        return None
    return None


def _safe_body(body: list[Any], flags: int) -> bool:
    inner = _inner_unbounded(body)
    if not inner:
        return True
    return any(
        edge is not None and _unswallowed(edge, inner, flags)
        for edge in (_edge_literal(body), _edge_literal(body, last=True))
    )


def _unswallowed(start: str, inner: list[list[Any]], flags: int) -> bool:
    """Whether no repeated body in ``inner`` (each a single character class) can match ``start``."""
    for repeated in inner:
        if len(repeated) != 1:
            return False
        try:
            single = _compiler.compile(_parser.SubPattern(_parser.State(), repeated), flags)
        except Exception:  # noqa: BLE001 - private API: give the pattern the benefit of the doubt
            single = None
        if single is not None and single.match(start):
            return False
    return True
