"""YAML loading with limits, for front matter and checklist files written by anyone.

PyYAML's safe loader still lets a few hundred bytes do unbounded harm: aliases
share one node, so nine-way aliases nested seven deep (an "alias bomb") stand
for millions of values that every later ``str()`` or walk expands in full;
deep nesting overflows the stack of whatever walks it; an integer of more than
4,300 digits cannot be turned back into text. Loading checks the composed node
graph (which is small, as aliases are shared) before building any Python
value, and rejects what exceeds the limits as ordinary YAML errors with the
line where the problem starts, so callers report them like a syntax error.
A document without anchors is a tree: its values are counted as they are
built, and one over the limits is checked as above, which says where.

Speed: libyaml's C parser composes the nodes; the values are then built by
:func:`_build`, a plain walk that handles what front matter is made of
(mappings, lists, strings, numbers, booleans, nulls, dates) and hands anything
else, or anything wrong, back to PyYAML's constructor, which builds the whole
document again and says what is wrong exactly as before. Building values with
PyYAML's constructor took as long as parsing the text.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # the C parser is several times faster on front-matter-heavy sites
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

MAX_VALUES = 100_000
"""Values (scalars, lists, mappings) a document may stand for once aliases are expanded."""
MAX_DEPTH = 100
"""Lists and mappings nested in one another."""
_MAX_INT_BITS = 4_000 * 3  # comfortably under Python's 4,300-digit limit on int <-> str conversion


class YAMLLimitError(yaml.MarkedYAMLError):
    """A document that is valid YAML but too big, too deep or self-referencing to use."""


class _Loader(_Base):
    unique_keys = False
    lines: dict[int, int]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        """An integer too long to print is kept as its text: every later ``str()`` would fail."""
        try:
            value = super().construct_yaml_int(node)
        except ValueError:  # a decimal beyond the int <-> str limit
            return str(node.value)
        if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
            return str(node.value)
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        if self.unique_keys:
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:  # an unhashable key: the base constructor reports it
                    continue
                if first != key_node.start_mark.line + 1:
                    raise YAMLLimitError(
                        None, None, f"duplicate key {key!r} (first given on line {first})", key_node.start_mark
                    )
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        for data in super().construct_yaml_map(node):
            self.lines[id(data)] = node.start_mark.line + 1
            yield data

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The tag of a node, as ``BaseResolver.resolve`` gives it, faster for scalars.

        The C parser asks this once per scalar; the base method builds a list
        of candidate resolvers each time. Exact while the loader has no path
        resolvers (checked below), as then a scalar's tag depends on its text alone.
        """
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):  # value[:1] is "" for "", like the base
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        found: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # untyped in the stubs
        return found


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)

assert not _Loader.yaml_path_resolvers, "_Loader.resolve assumes no path resolvers"
_WILDCARD: tuple[tuple[str, Any], ...] = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
"""The resolvers the base tries for every scalar, after those for its first character (none in PyYAML's own)."""
_IMPLICIT: dict[str, tuple[tuple[str, Any], ...]] = {
    first: tuple(resolvers) + _WILDCARD
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
"""The implicit resolvers tried for a plain scalar, by its first character, wildcard ones last (as the base)."""

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:int": _Loader.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_yaml_timestamp,
}
"""Scalars :func:`_build` hands to the loader's own constructor functions (strings and booleans it does itself)."""
assert all(_Loader.yaml_constructors[tag] is function for tag, function in _SCALARS.items()), (
    "_build must construct scalars as the loader does"
)
_MERGE_KEYS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")
"""Keys the constructor treats specially (``<<: *base``, ``=``): left to it."""


class _Unusual(Exception):
    """Something :func:`_build` leaves to PyYAML's constructor."""


def _build(loader: _Loader, root: yaml.Node, lines: dict[int, int]) -> Any:
    """The document's value, as ``loader.construct_document(root)`` would build it, for a document without anchors.

    Raises :class:`_Unusual` at anything it does not build itself (another tag,
    a mapping key that is no scalar, a duplicate key where ``unique_keys`` is
    set, an error of any kind) and on a document over the limits: the caller then
    checks and builds the document the slow way, which reports the problem.
    Without anchors the graph is a tree, so counting each node once counts every
    value the document stands for; the recursion is at most ``MAX_DEPTH`` deep.
    """
    bool_values = loader.bool_values
    unique = loader.unique_keys
    count = 0
    # The mappings and their lines, given to ``lines`` once all is built; held, as the constructor holds
    # what it builds, so no mapping dropped for a duplicate key frees its id for another.
    made: list[tuple[dict[Any, Any], int]] = []

    def build(node: yaml.Node, depth: int) -> Any:
        nonlocal count
        count += 1
        if count > MAX_VALUES or depth > MAX_DEPTH:
            raise _Unusual
        tag = node.tag
        kind = type(node)
        if kind is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            if tag == "tag:yaml.org,2002:bool":
                found = bool_values.get(node.value.lower())
                if found is None:
                    raise _Unusual  # "!!bool maybe": the constructor's KeyError
                return found
            construct = _SCALARS.get(tag)
            if construct is None:
                raise _Unusual
            return construct(loader, node)
        if kind is yaml.MappingNode and tag == _MAP:
            data: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag in _MERGE_KEYS:
                    raise _Unusual
                key = build(key_node, depth + 1)
                if unique and key in data:
                    raise _Unusual  # the constructor says where it was first given
                data[key] = build(value_node, depth + 1)
            made.append((data, node.start_mark.line + 1))
            return data
        if kind is yaml.SequenceNode and tag == _SEQ:
            return [build(item, depth + 1) for item in node.value]
        raise _Unusual

    try:
        value = build(root, 1)
    except Exception as exc:  # whatever it is, the constructor meets it again and reports it
        raise _Unusual from exc
    lines.update((id(data), line) for data, line in made)
    return value


def _check(root: yaml.Node) -> None:
    """Count the values the graph stands for and its depth, without recursion and without expanding aliases."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            on_path.discard(key)
            sizes[key] = min(1 + sum(sizes[id(child)] for child in children), MAX_VALUES + 1)
            if sizes[key] > MAX_VALUES:
                raise YAMLLimitError(
                    None,
                    None,
                    f"the document stands for more than {MAX_VALUES:,} values once its aliases are expanded",
                    node.start_mark,
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise YAMLLimitError(None, None, "an alias refers to a value that contains it", node.start_mark)
        if depth > MAX_DEPTH:
            raise YAMLLimitError(None, None, f"values are nested more than {MAX_DEPTH} deep", node.start_mark)
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)


def load(text: str, *, unique_keys: bool = False, lines: dict[int, int] | None = None) -> Any:
    """Parse one YAML document within the limits; raises :class:`yaml.YAMLError` (marked where possible).

    ``unique_keys`` rejects a mapping that gives a key twice (PyYAML keeps the
    last silently); ``lines`` receives the line of every mapping, by ``id``.
    """
    loader = _Loader(text)
    loader.unique_keys = unique_keys
    loader.lines = lines if lines is not None else {}
    try:
        try:
            node = loader.get_single_node()
        except RecursionError as exc:  # the pure-Python composer on absurd nesting
            raise YAMLLimitError(None, None, f"values are nested more than {MAX_DEPTH} deep", None) from exc
        if node is None:
            return None
        if "&" not in text:  # no anchor, so no alias: a tree
            try:
                return _build(loader, node, loader.lines)
            except _Unusual:
                pass
        _check(node)  # construction recurses once per level, which this has bounded
        return loader.construct_document(node)
    finally:
        loader.dispose()
