"""The fast content-pattern search must answer exactly as ``re.search(..., re.IGNORECASE)``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.patterns import (
    ContentPattern,
    TextIndex,
    _lower_source,
    first_literals,
    lowered_for_search,
    required_literals,
)

SAMPLES = [
    r"\bA100\b",
    r"\b(?:accuracy|F1|(?<!mixed\s)precision)\b[^.\n]{0,20}\d",
    r"\bCO(?:<sub>|_)?[2₂]",
    r"\d+(?:\.\d+)?\s*%\s+(?:Accuracy|top-?[15])",
    r"\b\d+\s*[MBK]\s*param",
    r"^Trained\b",
    r"\bfoo|Bar",
    r"(?P<Name>X)\s(?P=Name)",
    r"[A-Z]{2}\d",
    r"\x41BC",
    r"(?i:Abc)",
    r"\\bLiteral",
    r"\bSparse\b",
    r"σ\d",
    r"(?:Bar|co2)+\s?(A100|param)",
    r"(?:^|(?<=[.!?]))[^.!?\n]*?\bbar\b[^.\n]*\.?",
    r"x?(?:F1|)Accuracy",
    r"(?=co2)c",
    r"b(?:ar){2,}",
    r"\b(?:held[- ]?out|hold[- ]?out)\b",
    r"(?:^|x)(?:co2|a1)",
    r"\b(?:bar|(?<!x\s)param|f1(?:[- ]acc)?)s?\b",
    r"(?:ba|co)+r?\b",
    r"\b\d+(?:\.\d+)?[bk]\s+(?:param|co2)s?\b",
    r"(?:^|(?<=[.!?]\s))[\s_-]*bar\s+(?:co2|a100)",
    r"^[ \t]*x(?=.*%[ \t]*$).*?\b(?:bar|f1)\b",
    r"(?<!\d)\d+\s*%\s+(?:accuracy|f1)$",
    r"\S*\bbar[-_]?(?:co2|x)",
    r"[一-龥ァ-ヶー]{1,3}別の(?:精度|F1)",
    r"(?<![特区])[一-龥]{1,2}別",
    r"[가-힣]+별",
    r"\bНет\b|т\d",
    r"[ab_]-?[xy](?:co2|param)",
]
# Single characters (including some whose lower case is longer, like "İ") and words the samples look for.
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "template_cards"
TEXT = st.lists(
    st.sampled_from(
        [
            *"aAbBcCxXoOsS12 _.%-\n\\₂İßſKσςΣ",
            *["A100", "F1 ", "co2", "Bar", "param", "Accuracy", "7k ", ". ", "!"],
            *"一特別ーァ가별тТᲄНн",  # characters without case, and Cyrillic letters with extra case pairs
            *["別の", "精度", "нет"],
        ]
    ),
    max_size=30,
).map("".join)


def reference(pattern: str, text: str) -> tuple[int, int] | None:
    found = re.compile(pattern, re.IGNORECASE | re.MULTILINE).search(text)
    return found.span() if found else None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), TEXT)
def test_same_answer_as_ignorecase_search(pattern: str, text: str) -> None:
    compiled = ContentPattern(pattern, re.MULTILINE)
    lowered = lowered_for_search(text)
    assert compiled.span(text, lowered) == reference(pattern, text)
    assert compiled.span(text) == reference(pattern, text)
    index = TextIndex(lowered) if lowered is not None else None
    assert compiled.span(text, lowered, index) == reference(pattern, text)


def test_every_builtin_pattern_agrees_on_real_sentences() -> None:
    text = (
        "We report Top-1 Accuracy of 91% and F1 0.87.\nTrained on 4x A100 GPUs for 3 days, emitting 12 kg CO2eq.\n"
        "The checkpoint is 98 MB; 110M parameters. Licensed under the MIT License.\n"
    )
    for name in ("model", "dataset"):
        for item in load_checklist(name).items:
            for pattern in item.detect.pattern_res:
                assert pattern.span(text, lowered_for_search(text)) == reference(pattern.pattern, text), pattern


def test_texts_where_lower_case_is_not_enough_take_the_plain_path() -> None:
    assert lowered_for_search("Sparse ſparse") is None  # the long s matches "s" only under IGNORECASE
    assert lowered_for_search("İstanbul") is None  # lower-casing adds a character
    assert lowered_for_search("Accuracy") == "accuracy"
    assert ContentPattern(r"\bsparse").span("A ſparse model") == (2, 8)


@pytest.mark.parametrize(
    ("source", "required"),
    [
        (r"\b(?:a100|rtx\s*\d+)\b[^.]{0,20}?\bfor\s+(?:hours|days)", [{"a100", "rtx"}, {"for"}, {"hours", "days"}]),
        (r"\btbd\b\.?", [{"tbd"}]),
        (r"\bfor\b[.!?]?", [{"for"}]),  # a class that may be left out requires nothing
        (r"(?:^|(?<=[.!?]))more", [{"more"}]),  # an alternative with no literal: the branch requires nothing
        (r"a?b(?:c|)", [{"b"}]),
        (r"(?:foo)+bar", [{"foo"}, {"bar"}]),
        (r"(?:foo)*bar", [{"bar"}]),
        (r"x(?=yz)", [{"x"}]),
        (r"[ab]\d", [{"a", "b"}]),  # a class of a few characters: each is a spelling
        (
            r"\b(?:out[- ]of[- ](?:time|sample)|k-?fold)\b",
            [
                {
                    *("out of time", "out-of-time", "out of-time", "out-of time"),
                    *("out of sample", "out-of-sample", "out of-sample", "out-of sample"),
                    *("kfold", "k-fold"),
                }
            ],
        ),
        (r"re-?train(?:ed|ing)", [{"retrained", "re-trained", "retraining", "re-training"}]),
        (r"(?:a|b|c|d|e)x", [{"x"}]),  # five characters: too many spellings to be worth it
        (r"(unclosed", []),
    ],
)
def test_required_literals(source: str, required: list[set[str]]) -> None:
    assert [set(group) for group in required_literals(source)] == required


@pytest.mark.parametrize(
    ("source", "starts"),
    [
        (r"\b(?:held[- ]?out|hold[- ]?out)\b", {"held-out", "held out", "heldout", "hold-out", "hold out", "holdout"}),
        (r"\bf1(?:[- ]score)?|f1-", {"f1"}),
        (r"\b(?:accuracy|(?<!mixed\s)precision|f1(?:[- ]score)?)", {"accuracy", "precision", "f1"}),
        (r"ab?c", {"abc", "ac"}),
        (r"(?:a|b)c+d", {"ac", "bc"}),
        (r"(?:^|x)y", {"xy", "y"}),
        (r"\bfoo|bar", {"foo", "bar"}),
        (r"x?y", {"xy", "y"}),
        (r"(?:we\s+)?(?:strongly\s+)?(?:recommend|urge)", {"we", "strongly", "recommend", "urge"}),
        (r"\bk-?fold", {"k-fold", "kfold"}),
        (r"m?iou|(?:ab)+c", {"miou", "iou", "ab"}),
        (r"x*y", {"x", "y"}),
        (r"\d*y", None),
        (r"(?:^|\d)y", None),
        (r"(?i:a)b", None),
        (r"(unclosed", None),
    ],
)
def test_first_literals(source: str, starts: set[str] | None) -> None:
    assert first_literals(source) == (None if starts is None else frozenset(starts))


def test_literal_positions_are_shared_between_patterns() -> None:
    text = "Held-out F1 of 0.9; the hold out set.\nHeld out again"
    lowered = lowered_for_search(text)
    assert lowered is not None
    index = TextIndex(lowered)
    for source in (r"\b(?:held[- ]?out|hold[- ]?out)\b", r"\bhold\s+out\s+set", r"\bf1\b", r"\bout\s+again"):
        found = re.compile(source, re.IGNORECASE | re.MULTILINE).search(text)
        assert ContentPattern(source, re.MULTILINE).span(text, lowered, index) == (found.span() if found else None)
    assert index.first("held-out") == 0


def test_text_index_memoises_literals_and_the_reversed_text() -> None:
    text = "a held-out set of 1,000 rows\tand\nmore rows " * 3
    index = TextIndex(text)
    for literal in ["held", "held-out", "out set", "rows\tand", "1,000", "zz", "s\nm", " "] * 2:
        assert index.first(literal) == text.find(literal), literal
    assert index.backwards() == text[::-1]


def test_an_index_within_another_takes_its_absent_literals() -> None:
    full = "intro\ncode: x = model()\nmore text\n"
    prose = "intro\n\nmore text\n"  # the code line emptied
    outer = TextIndex(full)
    inner = TextIndex(prose, outer)
    for literal in ["zz", "model", "more", "o\n\nm", "intro\n"]:
        outer.first(literal)
        assert inner.first(literal) == prose.find(literal), literal


def test_real_cards_get_the_same_answers_from_every_builtin_pattern() -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "model-cards"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))]
    for name in ("model", "dataset"):
        checklist = load_checklist(name)
        patterns = [p for item in checklist.items for p in item.detect.pattern_res]
        patterns += [*checklist.placeholder_parts, *checklist.stock_parts]
        for text in texts:
            lowered = lowered_for_search(text)
            for pattern in patterns:
                found = pattern.exact.search(text)
                assert pattern.span(text, lowered) == (found.span() if found else None), pattern
            index = TextIndex(lowered) if lowered is not None else None
            for pattern in patterns:
                found = pattern.exact.search(text)
                assert pattern.span(text, lowered, index) == (found.span() if found else None), pattern


def test_boundary_is_checked_where_the_shortcut_matches() -> None:
    # "xA100" matches A100 without the boundary; the real answer is the later, bounded one.
    assert ContentPattern(r"\bA100\b").span("xA100 and A100", "xa100 and a100") == (10, 14)


@pytest.mark.parametrize(
    ("source", "lowered"),
    [
        (r"\bA100\S+\W\D", r"\ba100\S+\W\D"),
        (r"(?P<Name>X)(?P=Name)", None),
        (r"[A-Z]", r"[a-z]"),
        (r"\x41", None),
        (r"\u00C9", None),
        (r"(?-i:X)", None),
        (r"\N{LATIN CAPITAL LETTER A}", None),
        (r"[一-龥가-힣]別", r"[一-龥가-힣]別"),  # characters without case mean the same lower-cased
        (r"[À-Ý]", None),  # cased letters beyond A-Z: "×" sits between them
        (r"Нет|ΣΒ", "нет|σβ"),  # paired with others only by characters that send a text down the plain path
        (r"ſ", None),  # paired with "s", which does not
    ],
)
def test_lower_source_keeps_escapes_and_refuses_what_it_cannot_lower(source: str, lowered: str | None) -> None:
    assert _lower_source(source) == lowered


ALL_CHARACTERS = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_no_character_lower_cases_to_another_that_has_no_case() -> None:
    """Why a range of characters without case keeps its meaning on the lower-cased text."""
    for char in ALL_CHARACTERS:
        lower = char.lower()
        assert lower == char or len(lower) != 1 or lower.upper() != lower, hex(ord(char))


def test_case_extras_are_the_characters_ignorecase_pairs_beyond_lower_case() -> None:
    from mkdocs_modelcard.patterns import _CASE_EXTRAS

    casefix = pytest.importorskip("re._casefix")
    paired = {chr(code) for key, more in casefix._EXTRA_CASES.items() for code in (key, *more)}
    assert set(_CASE_EXTRAS.findall(ALL_CHARACTERS)) == paired - {"i", "s"}  # "ı" and "ſ" stand for these


def test_case_extras_allowed_in_patterns_pair_only_with_characters_of_the_plain_path() -> None:
    """Each special character a pattern may hold matches (under IGNORECASE) only texts that are searched plainly."""
    from mkdocs_modelcard.patterns import _CASE_EXTRAS, _PATTERN_CASE_EXTRAS

    extras = _CASE_EXTRAS.findall(ALL_CHARACTERS)
    leaking = set()
    for extra in extras:
        partners = re.compile(re.escape(extra), re.IGNORECASE).findall(ALL_CHARACTERS)
        if any(lowered_for_search(partner) is not None for partner in partners):
            leaking.add(extra)
    assert leaking == set(_PATTERN_CASE_EXTRAS.findall(ALL_CHARACTERS))


def test_invalid_pattern_raises_like_re() -> None:
    with pytest.raises(re.error):
        ContentPattern("(unclosed")


def test_removed_placeholders_leave_a_space_or_their_line_breaks() -> None:
    from mkdocs_modelcard.outline import _remove_all

    placeholder = (ContentPattern(r"\[more\s+information\s+needed\]", re.MULTILINE),)
    assert _remove_all(placeholder, "A [More Information Needed] B [more information needed]") == "A   B  "
    # A match over a line break keeps it, so every offset still maps to its line; so does every other match.
    wrapped = "A [More Information\nNeeded] B [More Information Needed]\nC"
    removed = _remove_all(placeholder, wrapped)
    assert removed.split("\n") == ["A " + " " * 17, " " * 7 + " B " + " " * 25, "C"]
