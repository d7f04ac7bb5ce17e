"""YAML front matter read twice as fast as ``yaml.load``, with the same result.

PyYAML's C loader parses in C but builds the Python values in Python, one
generic call chain per node; on real Hugging Face cards, whose ``model-index``
blocks run to hundreds of lines, building took about two thirds of the time
spent on front matter. Front matter is nearly always plain mappings, lists and
scalars, so those are built here directly, with PyYAML's own functions for
every scalar type. Anything else (aliases, merge keys, explicit tags, complex
keys, deep nesting, any error) goes to PyYAML's constructor, so the answer,
and every error message, is exactly what ``yaml.load`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS: dict[str, Callable[[Any, ScalarNode], Any]] = {
    tag: _Loader.yaml_constructors[tag]
    for tag in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    )
}
_MAX_DEPTH = 64
"""Deeper documents go to PyYAML, which then succeeds or fails on its own terms (its recursion is deeper)."""
_TAG_CACHE_SIZE = 20_000
_TAG_CACHE_VALUE = 80
"""Longer scalars are resolved afresh: the cache is for the keys, numbers and short names that recur."""


class _FastLoader(_Loader):
    """PyYAML's safe loader with its resolver's answers for short scalars remembered.

    The C parser asks the Python resolver for the tag of every node; the answer
    depends only on the node's kind, text and implicitness, and front matter
    repeats the same keys and values card after card. Path resolvers, the only
    other input, are never registered on the safe loader, so descending and
    ascending the path does nothing.
    """

    _tags: dict[tuple[str, tuple[bool, bool]], str] = {}  # noqa: RUF012 - shared on purpose, bounded

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode or len(value) > _TAG_CACHE_VALUE:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call, no-any-return]
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            if len(self._tags) >= _TAG_CACHE_SIZE:
                self._tags.clear()
            tag = self._tags[key] = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag

    if not _Loader.yaml_path_resolvers:

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None


class _Unusual(Exception):
    """Something only PyYAML's own constructor handles exactly."""


def load(text: str) -> Any:
    """``yaml.load(text, Loader=CSafeLoader)``, faster on plain documents."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:  # perhaps an anchor, so perhaps aliases: shared values PyYAML builds once
            return loader.construct_document(node)
        try:
            return _value(node, loader, 0)
        except Exception:  # noqa: BLE001 - any surprise: let PyYAML build it, and raise its own error
            return loader.construct_document(node)
    finally:
        loader.dispose()


def _value(node: Node, loader: Any, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise _Unusual
    kind = type(node)
    if kind is ScalarNode:
        if node.tag == _STR:
            return node.value
        build = _SCALARS.get(node.tag)  # merge keys (<<) and value keys (=) have tags of their own
        if build is None:
            raise _Unusual
        return build(loader, node)  # type: ignore[arg-type]
    depth += 1
    if kind is MappingNode and node.tag == _MAP:
        data = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:  # a mapping or list as a key: PyYAML's error
                raise _Unusual
            data[_value(key_node, loader, depth)] = _value(value_node, loader, depth)
        return data
    if kind is SequenceNode and node.tag == _SEQ:
        return [_value(child, loader, depth) for child in node.value]
    raise _Unusual
