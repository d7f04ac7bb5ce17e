"""YAML loading with limits, for front matter and checklist files written by anyone.

PyYAML's safe loader still lets a few hundred bytes do unbounded harm: aliases
share one node, so nine-way aliases nested seven deep (an "alias bomb") stand
for millions of values that every later ``str()`` or walk expands in full;
deep nesting overflows the stack of whatever walks it; an integer of more than
4,300 digits cannot be turned back into text. Loading checks the composed node
graph (which is small, as aliases are shared) before building any Python
value, and rejects what exceeds the limits as ordinary YAML errors with the
line where the problem starts, so callers report them like a syntax error.
"""

from __future__ import annotations

from typing import Any

import yaml

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


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


def _within_limits_as_tree(root: yaml.Node) -> bool:
    """Whether a document without anchors is within the limits: then every node is a value of its own.

    Without an anchor nothing can be an alias, so the graph is a tree: the
    values it stands for are its nodes, and no walk needs to remember which it
    has seen. A document over a limit is left to :func:`_check`, which says where.
    """
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_VALUES:
            return False
        value = node.value
        if isinstance(node, yaml.MappingNode):
            for key, item in value:
                push((key, depth + 1))
                push((item, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for item in value:
                push((item, depth + 1))
    return True


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
        if "&" in text or not _within_limits_as_tree(node):
            _check(node)  # construction recurses once per level, which this has bounded
        return loader.construct_document(node)
    finally:
        loader.dispose()
