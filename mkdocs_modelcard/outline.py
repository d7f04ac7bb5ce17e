"""The first stage of judging a card: what each part of it is about, and which text is the author's own.

:func:`.card.read_card` gives the card's sections, fields and lines; an
:class:`Outline` adds, for one checklist, the items and groups each heading
and field label names (:class:`Lexicon`), and the card's text with
placeholders, stock sentences and pointers taken out. :mod:`.evidence` looks
for each item in it, and :mod:`.scoring` turns what it finds into verdicts.

General rules, whatever the checklist:

- placeholders and stock sentences never count, and neither does the label of
  a field left empty (``- **Fine-tuned from model:** [More Information Needed]``
  feeds no pattern);
- a field whose label matches an item's heading aliases is that section in one
  line (``- Limitations: sarcasm, short inputs``);
- indented sub-items folded into an empty field are field values, not prose;
- a Markdown table's header row is labels, not content: an empty table is empty.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .card import Card, Field, Line, Section, may_be_one_line_field, one_line_field
from .checklist import Checklist, Detectors, Item
from .patterns import ContentPattern, TextIndex, Vocabulary, first_span, lowered_for_search
from .text import alias_matcher, has_words, named, normalize, plain_text, truncate

_TAG = re.compile(r"<[^<>]*>")  # not [^>]: every "<" would scan to the end of the text
_MD_NOISE = re.compile(r"[#*_`>|\-=:~]+")
# Each run of spaces has one place to go (not "\s*\|?\s*"), so a padded line is matched in linear time.
_TABLE_DELIMITER = re.compile(r"^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)+(?:\|\s*)?$|^\s*\|\s*:?-+:?\s*\|\s*$")


class Lexicon:
    """What a checklist's headings, labels and stock phrases mean, memoised for every card that uses it.

    A site's cards share most of their headings and field values, so after
    the first card most questions here are dictionary lookups.
    """

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self._headings: dict[str, tuple[Item, ...]] = {}
        self._fields: dict[str, tuple[Item, ...]] = {}
        self._own_text: dict[str, str] = {}
        self._parts: dict[tuple[bool, tuple[str, ...]], tuple[Item, ...]] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], bool, Item]]] = {}
        self._wide_phrases: list[tuple[str, Item]] | None = None
        """Heading aliases in scripts without spaces between words, spaces removed, longest first."""
        """Heading aliases usable inside a longer heading, by first word, longest first."""
        self._groups: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.data_ids = frozenset(item.id for name in set(_SPLITS.values()) for item in self.items_for_heading(name))
        """Items the checklist's data headings name ("Training data", "Evaluation data")."""
        self._topics: dict[
            tuple[str, tuple[str, ...], bool], tuple[tuple[Item, ...], tuple[str, ...] | None, tuple[str, ...]]
        ] = {}
        self._vocabulary: Vocabulary | None = None
        self._field_only: dict[str, tuple[Item, ...]] = {}
        self._field_labels = frozenset(label for item in checklist.items for label in item.detect.field_exact)
        self._field_wild = alias_matcher(a for item in checklist.items for a in item.detect.fields if "*" in a)
        """Every field label: a heading that is none of them (almost every heading) needs no further look."""

    @property
    def vocabulary(self) -> Vocabulary:
        """The literals of every content pattern run over a card's whole text, made on the first card."""
        if self._vocabulary is None:
            checklist = self.checklist
            patterns = [*checklist.placeholder_parts, *checklist.stock_parts, *checklist.pointer_parts]
            patterns.extend(pattern for item in checklist.items for pattern in item.detect.pattern_res)
            self._vocabulary = Vocabulary(patterns)
        return self._vocabulary

    def own_text(self, text: str) -> str:
        """A short text without placeholders and stock sentences: what is left is the author's own.

        Memoised: front matter values and field values ("mit", "en", "PyTorch")
        recur across the cards of a site and across the items that read them.
        """
        found = self._own_text.get(text)
        if found is None:
            # Short strings: one pass of each combined pattern costs less than a call per pattern.
            found = text if self.checklist.placeholder_re is None else self.checklist.placeholder_re.sub(" ", text)
            found = found if self.checklist.stock_re is None else self.checklist.stock_re.sub(" ", found)
            if len(text) <= 200 and len(self._own_text) < 20_000:
                self._own_text[text] = found
        return found

    def items_for_heading(self, key: str) -> tuple[Item, ...]:
        """Items whose heading aliases match a normalised heading.

        Memoised: a site's cards share most headings, so after the first card
        matching a heading is a dictionary lookup instead of one regex per item.
        """
        return self._memo(self._headings, key, True)

    def items_for_section(self, key: str, parts: tuple[str, ...] = ()) -> tuple[tuple[Item, ...], bool]:
        """Items a heading is about, and whether the whole heading named them.

        A heading that names no item as a whole may join several topics
        ("Limitations & Ethical Considerations", "Model Architecture &
        Hyperparameters") or wrap one in other words ("Overall performance",
        "Known risks"): each part is matched on its own, then by the longest
        heading alias it contains.
        """
        exact = self.items_for_heading(key)
        if not parts or (exact and len(parts) == 1):
            return exact, True
        memo = (bool(exact), parts)
        found = self._parts.get(memo)
        if found is None:
            items: list[Item] = []
            for part in parts:
                # Beside a heading that names an item as a whole, only parts that are headings themselves
                # count: "Where to send questions or comments about the model" is not about the model.
                items.extend(self.items_for_heading(part) or (() if exact else self._contained(part)))
            found = tuple(dict.fromkeys(items))
            if len(self._parts) < 100_000:
                self._parts[memo] = found
        if exact and set(found) <= set(exact):
            return exact, True  # "Bias, Risks, and Limitations" is one topic, whatever its commas
        return tuple(dict.fromkeys(exact + found)), False

    def section_topics(
        self, key: str, parts: tuple[str, ...], soft: bool
    ) -> tuple[tuple[Item, ...], tuple[str, ...] | None, tuple[str, ...]]:
        """A heading's items, the ids of those only a part of it names (None: one topic), and its groups.

        Memoised as a whole: this is asked for every heading of every card.
        """
        memo = (key, parts, soft)
        found = self._topics.get(memo)
        if found is None:
            items, whole = self.items_for_section(key, parts)
            if soft:  # "**Model date**" is a heading to some authors and a field label to others
                items = tuple(dict.fromkeys(items + self.items_for_field(key)))
            by_parts = None
            if not whole:
                named = self.items_for_heading(key)
                by_parts = tuple(item.id for item in items if item not in named)
            groups = self.groups_for_section(key, parts) if self.checklist.group_headings else ()
            found = (items, by_parts, groups)
            if len(self._topics) < 100_000:
                self._topics[memo] = found
        return found

    def groups_for_section(self, key: str, parts: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The groups a heading names as a whole ("Evaluation", "Training Details", "Uses")."""
        keys = (key, *parts)
        found = self._groups.get(keys)
        if found is None:
            found = tuple(
                group
                for group, plain, matcher in self.checklist.group_index
                if any(named(k, plain, matcher) for k in keys)
            )
            if len(self._groups) < 100_000:
                self._groups[keys] = found
        return found

    def _contained(self, part: str) -> tuple[Item, ...]:
        """Items of the longest specific alias found as whole words inside ``part``.

        Chinese and Japanese write no spaces between words, and Korean attaches
        particles to them ("模型的局限性", "学習データについて", "모델의 한계"): there
        an alias in those scripts counts where it stands anywhere in the part.
        """
        if not part.isascii() and _WIDE_SCRIPT.search(part):
            found = self._contained_wide(part)
            if found:
                return found
        if not self._phrases:
            for entry in _phrases(self.checklist.items):
                self._phrases.setdefault(entry[0][0], []).append(entry)
        words = part.split()
        best: tuple[int, Item] | None = None
        for start, word in enumerate(words):
            for phrase, prefix, item in self._phrases.get(word, ()):
                size = len(phrase)
                window = words[start : start + size]
                if (
                    len(window) == size
                    and window[:-1] == list(phrase[:-1])
                    and (window[-1] == phrase[-1] or (prefix and window[-1].startswith(phrase[-1])))
                ):
                    if best is None or size > best[0]:
                        best = (size, item)
                    break  # the longest phrase from this word is the first to match
        return (best[1],) if best is not None else ()

    def _contained_wide(self, part: str) -> tuple[Item, ...]:
        """Items of the longest specific alias in a CJK or Hangul script inside ``part``, spaces ignored."""
        if self._wide_phrases is None:
            self._wide_phrases = _wide_phrases(self.checklist.items)
        compact = part.replace(" ", "")
        for phrase, item in self._wide_phrases:  # longest first
            if phrase in compact:
                return (item,)
        return ()

    def items_for_field(self, key: str) -> tuple[Item, ...]:
        """Items whose field aliases match a normalised field label (memoised like headings)."""
        return self._memo(self._fields, key, False)

    def field_only_items(self, key: str) -> tuple[Item, ...]:
        """Items a label names as a field but not as a heading ("licenses": the license, not its terms).

        Memoised: asked of every heading of every card, and empty for almost all of them.
        """
        found = self._field_only.get(key)
        if found is None:
            if not named(key, self._field_labels, self._field_wild):
                found = ()
            else:
                headed = self.items_for_heading(key)
                found = tuple(item for item in self.items_for_field(key) if item not in headed)
            if len(self._field_only) < 100_000:
                self._field_only[key] = found
        return found

    def _memo(self, cache: dict[str, tuple[Item, ...]], key: str, headings: bool) -> tuple[Item, ...]:
        found = cache.get(key)
        if found is None:
            # A set lookup for the plain aliases, a pattern only for those with a wildcard: the same answer as
            # matching the item's whole alias pattern, at a fraction of the cost for a heading not seen before.
            items = self.checklist.items
            if headings:
                found = tuple(i for i in items if named(key, i.detect.heading_exact, i.detect.heading_wild_re))
            else:
                found = tuple(i for i in items if named(key, i.detect.field_exact, i.detect.field_wild_re))
            if len(cache) < 100_000:  # bounded: headings are free text
                cache[key] = found
        return found


_LEXICONS: dict[int, tuple[Checklist, Lexicon]] = {}


def lexicon(checklist: Checklist) -> Lexicon:
    """The checklist's lexicon, made once per checklist object (a changed checklist file loads as a new one)."""
    found = _LEXICONS.get(id(checklist))
    if found is None or found[0] is not checklist:
        if len(_LEXICONS) >= 64:  # bounded: every serve rebuild of an edited checklist makes a new one
            _LEXICONS.clear()
        found = _LEXICONS[id(checklist)] = (checklist, Lexicon(checklist))
    return found[1]


# Words too common in headings to give a topic away when they stand inside a longer heading.
_GENERIC_WORDS = frozenset(
    (
        *("data", "model", "models", "use", "uses", "usage", "summary", "description", "overview", "details"),
        *("about", "code", "type", "version", "versions", "status", "training", "evaluation", "performance"),
        *("results", "information", "notes", "update", "updates", "output", "input"),
    )
)


def _phrases(items: tuple[Item, ...]) -> list[tuple[tuple[str, ...], bool, Item]]:
    """Heading aliases usable inside a longer heading, longest first: (words, last word is a prefix, item)."""
    found: dict[tuple[tuple[str, ...], bool], Item] = {}
    for item in items:
        for alias in item.detect.headings:
            prefix = alias.endswith("*")
            if "*" in alias.rstrip("*"):
                continue
            words = tuple(normalize(alias.rstrip("*")).split())
            if len(words) < 2 or all(word in _GENERIC_WORDS for word in words):
                continue
            found.setdefault((words, prefix), item)
    return sorted(((w, p, i) for (w, p), i in found.items()), key=lambda entry: -len(entry[0]))


# Han, kana and Hangul: scripts whose headings are matched by the aliases they contain, not by whole words.
_WIDE_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")

# The same words as _GENERIC_WORDS in Chinese, Japanese and Korean: an alias made only of these ("模型介绍",
# "評価", "모델 설명") says too little to name an item from inside a longer heading.
_GENERIC_WIDE = frozenset(
    (
        *("模型", "数据", "数据集", "训练", "评估", "评测", "测试", "使用", "用途", "用法", "介绍", "简介", "概述"),
        *("概要", "描述", "说明", "详情", "细节", "信息", "结果", "性能", "版本", "代码", "更新", "输入", "输出"),
        *("其他", "备注", "方法", "效果", "表现", "指南"),
        *("モデル", "データ", "データセット", "学習", "訓練", "評価", "テスト", "使用", "利用", "説明", "詳細"),
        *("情報", "結果", "バージョン", "コード", "入力", "出力", "その他", "方法", "について"),
        *("모델", "데이터", "데이터셋", "학습", "훈련", "평가", "테스트", "사용", "개요", "설명", "소개", "정보"),
        *("결과", "성능", "버전", "코드", "업데이트", "입력", "출력", "기타", "세부", "상세", "방법"),
    )
)
# Particles joining the words of a heading: "模型的介绍", "モデルの説明", "모델의 설명".
_PARTICLES_WIDE = ("的", "の", "의")
# "训练数据", "評価データ", "학습 데이터": a split's data names its item as "training data" does not in English.
_DATA_WIDE = frozenset(("数据", "数据集", "データ", "データセット", "데이터", "데이터셋"))
_SPLIT_WIDE = frozenset(
    ("训练", "评估", "评测", "测试", "学習", "訓練", "評価", "テスト", "학습", "훈련", "평가", "테스트")
)


def _generic_wide(phrase: str) -> bool:
    """Whether a CJK or Hangul alias (spaces removed) is only generic words, a split's data excepted."""
    for particle in _PARTICLES_WIDE:
        phrase = phrase.replace(particle, "")
    # Every way of reading the phrase as a run of generic words (they are few and short).
    readings: list[list[str]] = [[]]
    ends: dict[int, list[list[str]]] = {0: [[]]}
    for start in range(len(phrase)):
        for words in ends.get(start, []):
            for size in range(1, min(6, len(phrase) - start) + 1):
                word = phrase[start : start + size]
                if word in _GENERIC_WIDE:
                    ends.setdefault(start + size, []).append([*words, word])
    readings = ends.get(len(phrase), [])
    return any(not (set(words) & _DATA_WIDE and set(words) & _SPLIT_WIDE) for words in readings)


def _wide_phrases(items: tuple[Item, ...]) -> list[tuple[str, Item]]:
    """Heading aliases in CJK or Hangul scripts usable inside a longer heading, longest first."""
    found: dict[str, Item] = {}
    for item in items:
        for alias in item.detect.headings:
            if "*" in alias.rstrip("*"):
                continue
            phrase = normalize(alias.rstrip("*")).replace(" ", "")
            if len(phrase) < 2 or phrase.isascii() or not _WIDE_SCRIPT.search(phrase) or _generic_wide(phrase):
                continue
            found.setdefault(phrase, item)
    return sorted(found.items(), key=lambda entry: -len(entry[0]))


def _blank(match: re.Match[str]) -> str:
    return "".join(c if c == "\n" else " " for c in match.group(0))


class Outline:
    """A card read for one checklist: each section and field with its topics, and the author's own text.

    The first stage of judging a card; :mod:`.evidence` then looks for each
    item in it. Placeholders, stock sentences and pointers are removed from
    the whole card once, each pattern in turn (much faster than one big
    alternation), keeping the line breaks, so a sentence re-wrapped over
    several lines is still found and every offset still maps to its line.
    """

    def __init__(self, card: Card, checklist: Checklist) -> None:
        self.card = card
        self.checklist = checklist
        self.lexicon = lex = lexicon(checklist)
        self.title_section = title_section(card, checklist)
        """The H1 that names the card, if it has one."""
        self._section_texts: dict[tuple[Section, str, bool, bool], tuple[str, list[int]]] = {}
        self._meta_values: dict[str, list[Any]] = {}
        self._placeholder_sections: dict[Section, bool] = {}
        self._lowered_sections: dict[tuple[Section, str, bool], str | None] = {}
        self.field_line_numbers = {f.line for f in card.fields}
        self.field_line_numbers.update(n for f in card.fields for n in f.more_lines)
        field_values = {f.line: f.value for f in card.fields}
        self.section_lines = [s.line for s in card.sections]
        self.sections_for: dict[str, list[Section]] = {}
        self.joined: set[Section] = set()
        """Sections whose heading joins several topics: only their own lines speak for each topic."""
        self.by_parts: set[tuple[Section, str]] = set()
        """(section, item id) where only a part of the heading names the item: its text must speak of it."""
        self.group_sections: dict[str, list[Section]] = {}
        self.other_sections: list[Section] = []
        """Top sections that are about nothing on the checklist: "Monitoring plan", "Future work"."""
        covered: set[Section] = set()
        self.claimed: set[Section] = set()
        """Sections whose headings name an item or a group."""
        about_data: set[Section] = set()
        for section in card.sections:
            items, by_parts, groups = lex.section_topics(section.key, section.parts, section.soft)
            if section.key in _SPLITS and section.parent in about_data:
                # "## Data" / "### Train" / "### Eval" (Model Card Toolkit): a split under a data heading is its data.
                items = lex.items_for_heading(_SPLITS[section.key]) or items
            for item in items:
                if item.id in lex.data_ids:
                    about_data.add(section)
                    break
            if by_parts is not None:
                self.joined.add(section)
                self.by_parts.update((section, item_id) for item_id in by_parts)
            for item in items:
                self.sections_for.setdefault(item.id, []).append(section)
            for group in groups:
                self.group_sections.setdefault(group, []).append(section)
            if items or groups:
                self.claimed.add(section)
            if items or groups or (section.parent is not None and section.parent in covered):
                covered.add(section)
            elif section.level > 1 and not section.soft and section.key not in _NAVIGATION:
                self.other_sections.append(section)
        self.fields_for: dict[str, list[Field]] = {}
        headers = _table_headers(card.lines)
        for card_field in card.fields:
            if card_field.line in headers:
                continue  # "| Model | Top-1 |" names columns: it is no "Model:" field
            # A field labelled like a section ("- Limitations: sarcasm, short inputs") is that section.
            field_items = lex.items_for_field(card_field.key)
            field_items = tuple(dict.fromkeys(field_items + lex.items_for_heading(card_field.key)))
            for item in field_items:
                self.fields_for.setdefault(item.id, []).append(card_field)
        for section in card.sections:
            if not may_be_one_line_field(section):
                continue
            # "### Licenses" over "* MIT": a field of the items whose field label the heading is, unless the
            # heading names the item itself (its section speaks for it then).
            field_items = lex.field_only_items(section.key)
            if field_items and (one_line := one_line_field(section)) is not None:
                for item in field_items:
                    if section not in self.sections_for.get(item.id, ()):
                        self.fields_for.setdefault(item.id, []).append(one_line)
        # Placeholders and stock sentences go in one pass over the whole card per pattern.
        # The card's text mostly goes through the removals unchanged: one index for all.
        indexes = _Indexes(lex.vocabulary)
        joined = "\n".join([line.text for line in card.lines])
        texts = _remove_all(checklist.placeholder_parts, joined, indexes).split("\n")
        own: dict[int, str] = {}  # what a field or table header line contributes, by index
        for index, line in enumerate(card.lines):
            if line.number in headers:
                own[index] = ""  # column names are labels; the rows below are the content
                continue
            value = field_values.get(line.number)
            if value is not None:
                own[index] = value = " ".join(lex.own_text(value).split())
                if not _MD_NOISE.sub("", value).strip():
                    # An unfilled "- **Fine-tuned from model:** [More Information Needed]" is template
                    # scaffolding: its label must not feed the patterns either.
                    texts[index] = ""
        body = _remove_all(checklist.stock_parts, "\n".join(texts), indexes)
        self.numbers = [line.number for line in card.lines]

        def cleaned(lines: list[str]) -> dict[int, str]:
            """Each line's text by line number, a field or table header line counting as what it contributes."""
            found = dict(zip(self.numbers, lines))  # built in C; then the few field and header lines are replaced
            for index, value in own.items():
                found[self.numbers[index]] = value
            return found

        # "See the paper." is no result, but it is the paper: items with links read the text with pointers.
        pointed = _remove_all(checklist.pointer_parts, body, indexes) if checklist.pointer_parts else body
        self.linked = Searchable(body, _Indexes(lex.vocabulary)) if pointed != body else None
        self.cleaned_linked = cleaned(body.split("\n")) if self.linked is not None else None
        self._body_lines = pointed.split("\n")
        self.full = Searchable(pointed, indexes)
        self._prose = None if any(line.code for line in card.lines) else self.full
        self.cleaned = cleaned(self._body_lines)

    @property
    def prose(self) -> Searchable:
        """The text without code blocks: a variable named `preprocess` in a code block is no preprocessing."""
        if self._prose is None:
            lines = ["" if line.code else text for line, text in zip(self.card.lines, self._body_lines)]
            self._prose = Searchable("\n".join(lines), _Indexes(self.lexicon.vocabulary), within=self.full)
        return self._prose

    def meaningful(self, text: str, min_words: int) -> bool:
        return self._enough(self.lexicon.own_text(text), min_words)

    def _enough(self, cleaned: str, min_words: int) -> bool:
        return has_words(_without_tags(cleaned), min_words)

    def lines_meaningful(self, lines: Iterable[Line], min_words: int, code: bool = True) -> bool:
        """Whether lines (field lines counting as their values) hold enough of the author's own text."""
        if not code:
            lines = (line for line in lines if not line.code)
        return self._enough(self._joined(lines), min_words)

    def _joined(self, lines: Iterable[Line], links: bool = False) -> str:
        cleaned = self.cleaned_linked if links and self.cleaned_linked is not None else self.cleaned
        return "\n".join(cleaned[line.number] for line in lines)

    def section_text(
        self, section: Section, mode: str, code: bool = True, links: bool = False
    ) -> tuple[str, list[int]]:
        """A section's own text (placeholders removed, field lines as their values) and each line's number.

        Several items read the same section (a parent section for each of its
        children's items), so the text is built once per section and mode.
        """
        links = links and self.cleaned_linked is not None
        key = (section, mode, code, links)
        found = self._section_texts.get(key)
        if found is None:
            whole = mode == "all" and section not in self.joined
            lines: Iterable[Line] = section.all_lines() if whole else self._own_lines(section)
            if mode == "prose":
                lines = (line for line in lines if line.number not in self.field_line_numbers)
            if not code:
                lines = (line for line in lines if not line.code)
            kept = list(lines)
            text = _without_tags(self._joined(kept, links))
            found = self._section_texts[key] = (text, [line.number for line in kept])
        return found

    def _own_lines(self, section: Section) -> Iterator[Line]:
        """A section's lines and those of its sub-sections about nothing else ("### Full body poses")."""
        yield from section.lines
        for child in section.children:
            if child not in self.claimed:
                yield from self._own_lines(child)

    def left_as_placeholder(self, section: Section) -> bool:
        """Whether a section holds words, but none of them the author's own (``[More Information Needed]``)."""
        found = self._placeholder_sections.get(section)
        if found is None:
            lines = list(section.all_lines())
            found = has_words(" ".join(line.text for line in lines), 1) and not has_words(self._joined(lines), 1)
            self._placeholder_sections[section] = found
        return found

    def section_meaningful(
        self, section: Section, mode: str, min_words: int, code: bool = True, links: bool = False
    ) -> bool:
        return has_words(self.section_text(section, mode, code, links)[0], min_words)

    def cue_in(self, section: Section, detect: Detectors, min_words: int, mode: str | None = None) -> int | None:
        """Line of the first of an item's cues in a section's text, if the section says enough."""
        text, numbers = self.section_text(section, mode or detect.content, detect.code)
        if not has_words(text, min_words):
            return None
        key = (section, mode or detect.content, detect.code)
        if key in self._lowered_sections:
            lowered = self._lowered_sections[key]
        else:
            lowered = self._lowered_sections[key] = lowered_for_search(text)
        for cue in detect.cue_res:
            span = cue.span(text, lowered)
            if span is not None:
                return numbers[min(text.count("\n", 0, span[0]), len(numbers) - 1)]
        return None

    def meta_values(self, path: str) -> list[Any]:
        found = self._meta_values.get(path)
        if found is None:
            found = self._meta_values[path] = _meta_value(self.card.meta, path)
        return found

    def section_at(self, line: int) -> Section | None:
        index = bisect.bisect_right(self.section_lines, line) - 1
        return self.card.sections[index] if index >= 0 else None

    def title(self, path: str) -> str:
        """What the index calls the card: front matter title, else the H1, else the file name."""
        meta = self.card.meta
        for key in ("title", "model_name", "pretty_name"):
            value = meta.get(key)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                return str(value).strip()
        h1 = self.title_section or self.card.first_h1
        if h1 is not None and plain_text(h1.title):
            return plain_text(h1.title)
        stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return stem.replace("_", " ").replace("-", " ").strip() or path

    def summary(self, length: int) -> str:
        """The card's own description: front matter, else its text under the title, without placeholders."""
        for key in ("model_description", "description", "summary"):
            value = self.card.meta.get(key)
            if isinstance(value, str) and value.strip():
                return truncate(plain_text(value), length)
        lines = self.title_section.lines if self.title_section is not None else self.card.preamble
        text = " ".join(self.cleaned[line.number] for line in lines if not line.code)
        return truncate(plain_text(text), length)

    def license(self) -> str:
        """The license the card declares: the front matter key, else a "License:" field."""
        value = self.card.meta.get("license")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v is not None and str(v).strip())
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        for card_field in self.card.fields:
            if card_field.key in ("license", "licence"):
                value = plain_text(self.lexicon.own_text(card_field.value))
                if value:
                    return truncate(value, 40)
        return ""


class Searchable:
    """A card's text as one string for the content patterns, one line of the card per line of text."""

    __slots__ = ("_index", "_spans", "lowered", "text")

    def __init__(self, text: str, indexes: _Indexes | None = None, within: Searchable | None = None) -> None:
        """``within``: a text each of whose lines is this one's line or empty, whose index can tell what is absent."""
        self.text = text
        self._index: TextIndex | None = (indexes or _Indexes()).of(text, within.index if within is not None else None)
        """Shared by every content pattern: many of them look for the same literals."""
        self.lowered = self._index.lowered if self._index is not None else None
        self._spans: dict[ContentPattern, tuple[int, int] | None] = {}

    def first_span(self, patterns: tuple[ContentPattern, ...]) -> tuple[int, int] | None:
        """Where the first of ``patterns`` that matches does, as ``re.search`` would say.

        Each pattern is searched once per card however many items share it,
        in one call per item (:func:`.patterns.first_span`) rather than one per pattern.
        """
        return first_span(patterns, self.text, self.lowered, self._index, self._spans)

    @property
    def index(self) -> TextIndex | None:
        """The literal index the content patterns share over this text."""
        return self._index

    def index_of(self, offset: int) -> int:
        """Index (in the card's lines) of the line holding ``offset``; asked only of the few matches."""
        return self.text.count("\n", 0, offset)


# A sub-heading that names only a split, under a heading about data, is that split's data.
_SPLITS = {
    "train": "training data",
    "training": "training data",
    "train set": "training data",
    "training set": "training data",
    "eval": "evaluation data",
    "evaluation": "evaluation data",
    "eval set": "evaluation data",
    "evaluation set": "evaluation data",
    "test": "test data",
    "testing": "test data",
    "test set": "test data",
    "validation": "evaluation data",
    "validation set": "evaluation data",
}

# Headings of navigation, not content.
_NAVIGATION = frozenset(("table of contents", "contents", "toc", "index", "quick links", "links"))


def _without_tags(text: str) -> str:
    # Markdown punctuation needs no removing: it never counts as a word.
    return _TAG.sub(" ", text) if "<" in text else text


class _Indexes:
    """The :class:`TextIndex` of the latest text asked for: the same text gets the same index."""

    __slots__ = ("index", "text", "vocabulary")

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.text: str | None = None
        self.index: TextIndex | None = None
        self.vocabulary = vocabulary

    def of(self, text: str, within: TextIndex | None = None) -> TextIndex | None:
        """The index of ``text`` (None where lower-casing is not enough to search it, see lowered_for_search)."""
        if text != self.text:
            lowered = lowered_for_search(text)
            index = TextIndex(lowered, within, self.vocabulary) if lowered is not None else None
            self.text, self.index = text, index
        return self.index


def _remove_all(patterns: tuple[ContentPattern, ...], text: str, indexes: _Indexes | None = None) -> str:
    """Replace every match of each pattern with a space, keeping the line breaks a match spans.

    Most placeholders are absent from most cards: the fast search rules a
    pattern out before the slower case-insensitive substitution runs. The
    literals looked up are remembered in ``indexes`` for as long as the text
    stays the same, for the next removals and the searches after them.
    """
    indexes = indexes or _Indexes()
    lines = -1  # the text's line breaks, counted at the first match (most texts have none): every removal keeps them
    index = indexes.of(text)
    for pattern in patterns:
        if index is not None and index.firsts.get(pattern.key) == -1:  # cheaper than span() finding it absent
            continue
        if pattern.span(text, index.lowered if index is not None else None, index) is None:
            continue
        if lines < 0:
            lines = text.count("\n")
        removed = pattern.exact.sub(" ", text)
        text = removed if removed.count("\n") == lines else pattern.exact.sub(_blank, text)
        index = indexes.of(text)
    return text


def _table_headers(lines: list[Line]) -> set[int]:
    """Line numbers of Markdown table header rows (the line just before a ``|---|---|`` delimiter row)."""
    headers: set[int] = set()
    for index in range(1, len(lines)):
        line = lines[index]
        if line.code or "|" not in line.text or "-" not in line.text:
            continue
        if _TABLE_DELIMITER.match(line.text) and "|" in lines[index - 1].text and not lines[index - 1].code:
            headers.add(lines[index - 1].number)
    return headers


def title_section(card: Card, checklist: Checklist) -> Section | None:
    """The H1 that names the card, unless it is really a section heading like ``# Model Details``."""
    h1 = card.first_h1
    # Any item's heading aliases, asked of the memoised lexicon rather than of one pattern of all of them.
    if h1 is None or lexicon(checklist).items_for_heading(h1.key):
        return None
    return h1


def _meta_value(meta: Any, path: str) -> list[Any]:
    """Values at a dotted key path, walking into lists (``model-index.results.metrics``)."""
    values = [meta]
    for key in path.split("."):
        found = []
        for value in values:
            for candidate in value if isinstance(value, list) else [value]:
                if isinstance(candidate, dict) and key in candidate:
                    found.append(candidate[key])
        values = found
    return values
