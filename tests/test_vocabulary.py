"""With or without RE2 (the ``fast`` extra), every card gets the same report: RE2 only says sooner what is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_modelcard import patterns
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.engine import analyse, report_encoder
from mkdocs_modelcard.outline import lexicon
from mkdocs_modelcard.patterns import ContentPattern, TextIndex, Vocabulary, lowered_for_search

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "model-cards"
FIXTURES = Path(__file__).parent / "fixtures"

needs_re2 = pytest.mark.skipif(patterns._re2 is None, reason="google-re2 (the fast extra) is not installed")


def _texts() -> list[tuple[str, str]]:
    paths = sorted(FIXTURES.rglob("*.md")) + sorted(CORPUS.glob("*.md"))
    texts = []
    for path in paths:
        try:
            texts.append((path.name, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:  # the hostile fixtures: the tests of bad input read those
            continue
    # What RE2 cannot take (lone surrogates) and what every literal search is slow on.
    texts.append(("surrogate.md", "# Model Card\n\n## Training Data\n\nImageNet \udcff images, 1.2M of them.\n"))
    texts.append(("big.md", "# Model Card for X\n\n## Uses\n\n" + "The model is trained on ImageNet. " * 20_000))
    return texts


def _reports(vocabulary_on: bool | None) -> list[str]:
    encoder = report_encoder()
    reports = []
    for name in ("model", "dataset"):
        checklist = load_checklist(name)
        lex = lexicon(checklist)
        saved = lex._vocabulary
        items = [p for item in checklist.items for p in item.detect.pattern_res]
        lex._vocabulary = Vocabulary(
            [*checklist.placeholder_parts, *checklist.stock_parts, *checklist.pointer_parts, *items],
            use_re2=vocabulary_on,
        )
        try:
            for path, text in _texts():
                reports.append(encoder.encode(analyse(text, path, checklist).as_dict(path)))
        finally:
            lex._vocabulary = saved
    return reports


@needs_re2
def test_reports_are_the_same_with_and_without_re2() -> None:
    slow, fast = _reports(False), _reports(True)
    assert len(slow) == len(fast) > 20
    for before, after in zip(slow, fast):
        assert before == after, json.loads(before)["path"]


@needs_re2
def test_the_vocabulary_marks_exactly_the_absent_literals() -> None:
    checklist = load_checklist("model")
    vocabulary = Vocabulary([p for item in checklist.items for p in item.detect.pattern_res], use_re2=True)
    assert vocabulary.fast
    for _, text in _texts()[:40]:
        lowered = lowered_for_search(text)
        if lowered is None:
            continue
        firsts = vocabulary.firsts(lowered)
        if "\udcff" in lowered:
            assert firsts == {}  # RE2 takes UTF-8 only: each literal is looked up instead
            continue
        assert firsts, "every card lacks some of the checklist's literals"
        assert all(at == -1 and literal not in lowered for literal, at in firsts.items())
        present = set(vocabulary._literals) - set(firsts)
        assert all(literal in lowered for literal in present)


def test_without_re2_nothing_is_known_in_advance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_re2", None)
    vocabulary = Vocabulary([ContentPattern(r"\btrained on\b"), ContentPattern(r"\bimagenet\b")])
    assert not vocabulary.fast
    assert vocabulary.firsts("trained on imagenet") == {}
    index = TextIndex("trained on cifar", vocabulary=vocabulary)
    assert index.firsts == {}
    assert ContentPattern(r"\bimagenet\b").span("trained on cifar", "trained on cifar", index) is None


@needs_re2
def test_a_seeded_index_answers_like_re() -> None:
    sources = [r"\btrained on\b", r"\bimagenet\b", r"\b(?:held[- ]?out|hold[- ]?out)\b", r"\bf1\b[^.\n]{0,20}\d"]
    compiled = [ContentPattern(source) for source in sources]
    vocabulary = Vocabulary(compiled, use_re2=True)
    for text in ["Trained on ImageNet; F1 0.93 on the held-out split.", "nothing here", "HOLD OUT f1: 7"]:
        lowered = lowered_for_search(text)
        assert lowered is not None
        index = TextIndex(lowered, vocabulary=vocabulary)
        for pattern in compiled:
            found = pattern.exact.search(text)
            assert pattern.span(text, lowered, index) == (found.span() if found else None), (pattern, text)


@pytest.mark.parametrize("use_re2", [True, False])
def test_first_span_answers_like_the_first_pattern_that_searches_true(use_re2: bool) -> None:
    # Absent literals rule patterns out without a search; the answer must stay what re.search gives.
    sources = [r"\bimagenet\b", r"\btrained on\b", r"\bf1\b[^.\n]{0,20}\d", r"\b(?:held[- ]?out|hold[- ]?out)\b"]
    compiled = tuple(ContentPattern(source) for source in sources)
    vocabulary = Vocabulary(compiled, use_re2=use_re2 and patterns._re2 is not None)
    texts = ["Trained on ImageNet; F1 0.93 on the held-out split.", "nothing here", "HOLD OUT f1: 7", "trained on x"]
    for text in texts:
        lowered = lowered_for_search(text)
        index = TextIndex(lowered, vocabulary=vocabulary) if lowered is not None else None
        for start in range(len(compiled)):
            chosen = compiled[start:]
            spans: dict[ContentPattern, tuple[int, int] | None] = {}
            expected = next((found.span() for p in chosen if (found := p.exact.search(text))), None)
            assert patterns.first_span(chosen, text, lowered, index, spans) == expected, (text, start)
            # Asked again, the memo answers the same.
            assert patterns.first_span(chosen, text, lowered, index, spans) == expected


@needs_re2
def test_a_pattern_whose_key_the_index_lacks_is_not_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = ContentPattern(r"\bcarbon\s+footprint\b")
    other = ContentPattern(r"\btrained\s+on\b")
    vocabulary = Vocabulary((pattern, other), use_re2=True)
    assert pattern.key == "footprint"  # worked out with the vocabulary's literals: the rarest-looking one
    text = "Trained on ImageNet."
    lowered = lowered_for_search(text)
    assert lowered is not None
    index = TextIndex(lowered, vocabulary=vocabulary)
    assert index.firsts.get(pattern.key) == -1
    searched: list[str] = []
    original = ContentPattern.span

    def span(self: ContentPattern, *args: object) -> tuple[int, int] | None:
        searched.append(self.pattern)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ContentPattern, "span", span)
    assert patterns.first_span((pattern, other), text, lowered, index, {}) == (0, 10)
    assert searched == [other.pattern]


class _GaveUp:
    """An RE2 set whose automaton ran out of memory: the binding then answers as if nothing matched."""

    def Match(self, text: str) -> list[int]:
        return []


@needs_re2
def test_a_set_match_that_gave_up_marks_nothing_absent() -> None:
    vocabulary = Vocabulary([ContentPattern(r"\btrained on\b"), ContentPattern(r"\bimagenet\b")], use_re2=True)
    lowered = "the model was trained on imagenet."
    assert vocabulary.firsts(lowered) == {}  # both literals are present
    assert vocabulary.firsts("trained on cats") == {"imagenet": -1}
    assert vocabulary.firsts("nothing here") == {}  # as when RE2 gives up: the literals are looked up instead
    vocabulary._matcher = _GaveUp()
    assert vocabulary.firsts(lowered) == {}
    index = TextIndex(lowered, vocabulary=vocabulary)
    assert ContentPattern(r"\btrained on\b").span(lowered, lowered, index) == (14, 24)


@needs_re2
def test_literals_re2_cannot_compile_are_looked_up_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    assert patterns._re2 is not None
    real = patterns._re2.Set.SearchSet

    class Failing:
        def __init__(self, options: object) -> None:
            self._set = real(options)

        def Add(self, literal: str) -> int:
            return self._set.Add(literal)

        def Compile(self) -> None:
            raise patterns._re2.error("failed to compile Set")

    monkeypatch.setattr(patterns._re2.Set, "SearchSet", Failing)
    vocabulary = Vocabulary([ContentPattern(r"\bimagenet\b")], use_re2=True)
    assert not vocabulary.fast
    assert vocabulary.firsts("trained on imagenet") == {}
