"""The faster front matter loader gives exactly what ``yaml.load`` gives: values, types and errors."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_modelcard.yaml_load import load

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

TRICKY = [
    "",
    "# only a comment\n",
    "~\n",
    "just a string\n",
    "- a\n- b\n",
    "a: 1\nb: 1.5\nc: .inf\nd: -.nan\ne: 0x1f\nf: 0o17\ng: 1_000\nh: 1e3\n",
    "a: yes\nb: No\nc: on\nd: ~\ne: null\nf: ''\ng: \"\"\nh: true\n",
    "date: 2024-01-02\nstamp: 2024-01-02 10:11:12.5+01:00\nnot_date: 2024-13-45\n",
    "base: &b {x: 1, y: [1, 2]}\ncopy: *b\nmerged:\n  <<: *b\n  z: 3\n",
    "a: &a [1, *a]\n",
    "self: &s {me: *s}\n",
    "=: value key\n",
    "? [a, b]\n: list key\n",
    "? {a: 1}\n: map key\n",
    "set: !!set {a, b}\n",
    "omap: !!omap [a: 1, b: 2]\n",
    "pairs: !!pairs [a: 1, a: 2]\n",
    "bin: !!binary aGVsbG8=\n",
    "str: !!str 123\nint: !!int '7'\nfloat: !!float '1'\n",
    "bad int: !!int abc\n",
    "custom: !mytag 1\n",
    "python: !!python/name:os.system\n",
    "dup: 1\ndup: 2\n",
    "1: int key\n1.5: float key\ntrue: bool key\nnull: null key\n2024-01-02: date key\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "\t- tab\n",
    "- " * 300 + "deep\n",
    "[" * 80 + "]" * 80 + "\n",
    "model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    metrics:\n"
    "    - {type: accuracy, value: 0.91, verified: false}\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "Q&A: 'an ampersand, no anchor'\n",
    "--- \na: 1\n--- \nb: 2\n",
    "key: 'quoted: 1'\nother: \"2\"\n",
]


def outcome(fn: Any, text: str) -> tuple[Any, ...]:
    try:
        value = fn(text)
    except Exception as exc:  # the errors must match too
        return ("error", type(exc).__name__, str(exc))
    return ("value", repr(value), value is None)


def reference(text: str) -> Any:
    return yaml.load(text, Loader=Loader)


def test_tricky_documents_load_as_yaml_load_loads_them() -> None:
    for text in TRICKY:
        assert outcome(load, text) == outcome(reference, text), text


def test_aliases_share_one_value_as_in_pyyaml() -> None:
    data = load("base: &b {x: 1}\ncopy: *b\n")
    assert data["base"] is data["copy"]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(min_value=datetime.date(1900, 1, 1)),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=10), st.integers(), st.booleans()), inner, max_size=5),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans(), st.sampled_from([None, 2, 4]))
def test_generated_documents(value: Any, flow: bool, indent: int | None) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent, allow_unicode=True, sort_keys=False)
    assert outcome(load, text) == outcome(reference, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:-[]{}&*!|>'\"#?,. \n\t01~", max_size=60))
def test_yaml_like_noise(text: str) -> None:
    assert outcome(load, text) == outcome(reference, text)


def test_front_matter_of_every_card_in_the_tests() -> None:
    tests = Path(__file__).resolve().parent
    shared = tests.parents[1] / "shared"
    for path in [*tests.rglob("*.md"), *(shared.rglob("*.md") if shared.is_dir() else [])]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---\n") and "\n---" in text[3:]:
            front = text[4 : text.index("\n---", 3) + 1]
            assert outcome(load, front) == outcome(reference, front), path
