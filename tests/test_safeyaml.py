"""safeyaml's fast build of a document's values gives what PyYAML's constructor gives, errors included."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_modelcard import safeyaml
from mkdocs_modelcard.card import _FRONT_MATTER

ROOT = Path(__file__).resolve().parents[1]
HUGE = "0x" + "f" * 4_400

CRAFTED = [
    "",
    "a: 1",
    "license: mit\ntags: [a, b]\ndate: 2024-01-02\nwhen: 2024-01-02 10:00:00\nn: ~\ne:\n",
    "yes: no\non: off\nTrue: False\nx: !!bool maybe",
    "a: 012\nb: 0o12\nc: 0b101\nd: 1_000\ne: 1:20\nf: -0x1F\ng: +12",
    "a: .inf\nb: -.Inf\nc: .nan\nd: 1e3\ne: 6.8523015e+5\nf: 1:20.5\ng: 1.",
    f"a: {HUGE}\nb: {'1' * 5_000}\n? {HUGE}\n: c",
    "a: !!str 1\nb: !!int '7'\nc: !!float '2'\nd: !!null ''\ne: !!int x\nf: !!float y",
    "a: !!timestamp nope",
    "a: !custom x",
    "a: !!binary aGVsbG8=",
    "a: !!set {x, y}\nb: !!omap [x: 1]\nc: !!pairs [x: 1, x: 2]",
    "base: {a: 1}\nmerged:\n  <<: {a: 2, b: 3}\n  c: 4",
    "= : x\nb: 1",
    "a: 1\na: 2",
    "a: 1\nb:\n  c: 1\n  c: 2\n",
    "{a: 1, a: 2}",
    "? [a, b]\n: 1",
    "? {a: 1}\n: 1",
    "[1, {a: b}, [c, [d]]]",
    "just text",
    "1: one\n1.0: float one\ntrue: bool one\nnull: nothing\n~: again",
    "a: !!map [x]",
    "a: !!seq {x: 1}",
    "a: !!str [x]",
    "a: 'quoted: yes'\nb: \"true\"\nc: '1'",
    "outer:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)) + "  " * 40 + "leaf: 1",
    "tags: " + "[" * 99 + "]" * 99,
    "tags: " + "[" * 100 + "]" * 100,
    "tags: " + "[" * 101 + "]" * 101,
    "items: [" + ", ".join(["x"] * 99_998) + "]",
    "items: [" + ", ".join(["x"] * 99_999) + "]",
    "a: &x [1, 2]\nb: *x",
]


def slow(text: str, unique_keys: bool) -> tuple[Any, dict[int, int]]:
    """What ``safeyaml.load`` gave before the fast build: check the graph, then PyYAML's constructor."""
    loader = safeyaml._Loader(text)
    loader.unique_keys = unique_keys
    loader.lines = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        safeyaml._check(node)
        return loader.construct_document(node), loader.lines
    finally:
        loader.dispose()


def outcome(load: Any, text: str, unique_keys: bool) -> tuple[str, list[int | None]]:
    """The value's repr (which tells 1, 1.0 and True apart) or the error, and each mapping's line, in order."""
    try:
        value, lines = load(text, unique_keys)
    except Exception as exc:  # the error is the outcome compared
        mark = getattr(exc, "problem_mark", None)
        return f"{type(exc).__name__}: {exc} at {mark.line if mark else None}", []
    return repr(value), [lines.get(id(mapping)) for mapping in mappings(value)]


def fast(text: str, unique_keys: bool) -> tuple[Any, dict[int, int]]:
    lines: dict[int, int] = {}
    return safeyaml.load(text, unique_keys=unique_keys, lines=lines), lines


def mappings(value: Any) -> Iterator[dict[Any, Any]]:
    if isinstance(value, dict):
        yield value
        for key, item in value.items():
            yield from mappings(key)
            yield from mappings(item)
    elif isinstance(value, list):
        for item in value:
            yield from mappings(item)


def documents() -> Iterator[str]:
    yield from CRAFTED
    for name in ("model", "dataset"):
        yield (resources.files("mkdocs_modelcard") / "checklists" / f"{name}.yml").read_text(encoding="utf-8")
    folders = [ROOT / "tests" / "fixtures", ROOT.parent / "shared" / "corpus" / "model-cards"]
    for path in sorted(p for folder in folders for p in folder.rglob("*.md")):
        try:
            found = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        if found:
            yield found.group(1)


@pytest.mark.parametrize("unique_keys", [False, True])
def test_fast_build_agrees_with_the_constructor(unique_keys: bool) -> None:
    for text in documents():
        assert outcome(fast, text, unique_keys) == outcome(slow, text, unique_keys), text[:200]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.dates(),
    st.sampled_from(["yes", "No", "~", "0o7", "012", "1:20", ".5", "1e3", "<<", "=", "2024-01-02"]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(scalars, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(trees, st.booleans(), st.booleans())
def test_fast_build_agrees_on_any_tree(tree: Any, flow: bool, unique_keys: bool) -> None:
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True)
    assert outcome(fast, text, unique_keys) == outcome(slow, text, unique_keys)


plain = st.one_of(
    st.sampled_from(
        ["yes", "No", "~", "null", "0o7", "012", "09", "1:20", ".5", "1e3", "-.inf", "<<", "=", "2024-01-02", "0x1f"]
    ),
    st.text(alphabet="0123456789.-+:_eExob~ ynYNTtFfa<=!&*[]{},'\"#", max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(plain, plain), max_size=6), st.booleans())
def test_fast_build_agrees_on_plain_scalars(pairs: list[tuple[str, str]], unique_keys: bool) -> None:
    """Unquoted scalars, as authors write them: their tags come from the fast resolver."""
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    assert outcome(fast, text, unique_keys) == outcome(slow, text, unique_keys)
