"""Small text helpers shared by the card reader and the scorer.

Headings and field labels are compared in a normalised form so that
``## **Intended Uses:**``, ``### Intended uses [optional]`` and
``#### intended-uses { #uses }`` all mean the same thing to a checklist.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pathspec.gitignore import GitIgnoreSpec

# Starting only at the first of a run of spaces, and not across another "{", keeps these linear.
_ATTR_LIST = re.compile(r"(?<!\s)\s*\{:?\s*[#.][^{}]*\}\s*$")
_OPTIONAL = re.compile(r"\[\s*optional\s*\]|\(\s*optional\s*\)", re.IGNORECASE)
# "2. Intended Use", "3) Limitations", "IV. Results", "A.1 Data": numbering is not part of the topic.
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-h](?:\.\d+)*[.)])\s+", re.IGNORECASE)
# Chinese, Japanese and Korean numbering, which needs no space after it: "一、模型如何构建", "（二）训练数据",
# "第三章 评估", "1、简介", "第1節 学習データ", "제3장 평가". Full-width digits and brackets are ASCII by then (NFKD).
_CJK_DIGITS = "0-9一二三四五六七八九十百零〇两"
_NUMBERING_CJK = re.compile(
    rf"^\s*(?:第\s*[{_CJK_DIGITS}]+\s*[章节節部篇条條项項回]|제\s*\d+\s*[장절부]|"
    rf"\(\s*[{_CJK_DIGITS}]+\s*\)|[{_CJK_DIGITS}]+\s*[、.)]|[一二三四五六七八九十]+(?=\s))\s*"
)
_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_NON_WORD = re.compile(r"[\W_]+")
# Emoji, bullets and brackets before a heading's number: "📌 1. Detalle del Modelo", "(2) Uses".
_LEADING_SYMBOLS = re.compile(r"^[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_UNDECOMPOSED = str.maketrans({"ı": "i", "đ": "d"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MARKUP = re.compile(r"<[^<>]*>")
# Paired emphasis and code markers only, so "7*7" or "snake_case" survive.
_EMPHASIS = re.compile(r"(?<![\w*`])(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?![\w*`])")


def strip_attr_list(heading: str) -> tuple[str, str | None]:
    """Split a trailing attribute list off a heading, returning the explicit id if any."""
    match = _ATTR_LIST.search(heading) if "{" in heading else None
    if not match:
        return heading, None
    id_match = re.search(r"#([\w:-]+)", match.group(0))
    return heading[: match.start()], id_match.group(1) if id_match else None


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Reduce a heading or label to lower-case words separated by single spaces.

    Cached because the same few hundred headings recur across every card of a site.
    """
    text, _ = strip_attr_list(text)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub(" ", text)
    text = _OPTIONAL.sub(" ", text)
    text = text.replace("&", " and ").casefold()
    wide = not text.isascii()
    if wide:  # "Métricas" and "Metricas", "Données" and "Donnees" are the same heading
        # Turkish dotless i and Vietnamese d with stroke have no decomposition: "Sınırlamalar" is "Sinirlamalar".
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)))
        if not text.isascii():
            # Composed again: NFKD splits kana from their voicing marks ("デ") and Hangul into letters.
            text = unicodedata.normalize("NFC", text)
    if text[:1] and not text[0].isalnum():
        text = _LEADING_SYMBOLS.sub("", text)
    text = _NUMBERING.sub("", text)
    if wide and not text.isascii():
        text = _NUMBERING_CJK.sub("", text, count=1)
    return _NON_WORD.sub(" ", text).strip()


# Where a heading joins several topics: "Limitations & Ethical Considerations", "Model Architecture /
# Hyperparameters", "Evaluation: Performance Metrics", "Datos y preprocesamiento".
_TOPIC_SEPARATOR = re.compile(r"[,;/&|+:()\[\]]|\s[-–—]\s|\b(?:and|or|y|e|et|und|ou|o|ve|dan)\b", re.IGNORECASE)
# The same in a heading with other scripts: Chinese joins topics with "、" or "和" ("偏见、风险和局限性"),
# Japanese with "・", "と" or "および" between words in kanji or katakana ("評価結果と指標", "制限とバイアス"),
# Korean with "및" ("편향 및 한계"), Russian with "и", Turkish with "ve", Vietnamese with "và", Indonesian with "dan".
_TOPIC_SEPARATOR_WIDE = re.compile(
    r"[,;/&|+:()\[\]、，；／：（）・]|\s[-–—]\s|\b(?:and|or|y|e|et|und|ou|o|및|и|ve|và|dan)\b"
    r"|(?<=[\u4e00-\u9fff])[和与及](?=[\u4e00-\u9fff])"
    r"|(?<=[\u4e00-\u9fff\u30a0-\u30ff])(?:と|および|及び)(?=[\u4e00-\u9fff\u30a0-\u30ff])",
    re.IGNORECASE,
)
_NUMERAL = re.compile(rf"^[{_CJK_DIGITS}]+$")


@lru_cache(maxsize=4096)
def heading_parts(title: str) -> tuple[str, ...]:
    """The normalised topics a heading joins; a heading of one topic gives one part.

    Split before normalising, since normalising drops the commas and slashes
    that separate the topics.
    """
    title, _ = strip_attr_list(title)
    title = _LINK.sub(r"\1", title)
    parts: list[str] = []
    for piece in (_TOPIC_SEPARATOR if title.isascii() else _TOPIC_SEPARATOR_WIDE).split(title):
        part = normalize(piece)
        if not any(parts) and _NUMERAL.match(part):
            continue  # "一、模型如何构建", "（二）训练数据": the number before the separator is no topic
        if part.isascii():
            parts.append(part)
            continue
        # A heading in two scripts ("简介 Brief Introduction", "使用 Usage") is the same topic in each.
        words = part.split()
        latin = " ".join(word for word in words if word.isascii())
        other = " ".join(word for word in words if not word.isascii())
        parts.extend((latin, other) if latin and other else (part,))
    return tuple(dict.fromkeys(part for part in parts if part))


def alias_matcher(aliases: Iterable[str]) -> re.Pattern[str] | None:
    """Compile normalised aliases (``*`` is a wildcard) into one anchored pattern.

    One compiled alternation per detector keeps matching a heading O(1) in the
    number of aliases from Python's point of view.
    """
    parts = []
    group = 0
    for alias in aliases:
        pieces = [re.escape(normalize(piece)) for piece in alias.split("*")]
        part = pieces[0]
        # A piece between two wildcards is taken at its first occurrence and never retried, as a
        # glob matcher does: "(?=(...))\N" is an atomic group. Plain ".*" between pieces would
        # backtrack over every placement, polynomial in the heading's length (a card's free text).
        for middle in pieces[1:-1]:
            group += 1
            part += f"(?=(.*?{middle}))\\{group}"
        if len(pieces) > 1:
            part += ".*" + pieces[-1]
        parts.append(part)
    if not parts:
        return None
    return re.compile("^(?:" + "|".join(parts) + ")$")


def named(key: str, plain: frozenset[str], wild: re.Pattern[str] | None) -> bool:
    """Whether a normalised heading or label is one of the aliases: looked up, or matched if they have wildcards.

    ``plain`` holds the aliases without a wildcard, normalised; ``wild`` is the
    :func:`alias_matcher` of the others.
    """
    return key in plain or (wild is not None and wild.match(key) is not None)


def glob_match(path: str, patterns: Iterable[str]) -> bool:
    """Match a ``/``-separated path against gitignore-style patterns, as MkDocs' ``exclude_docs`` does.

    MkDocs users already know these patterns: ``*.md`` matches at any depth,
    a leading ``/`` (or a ``/`` inside the pattern) anchors it to the folder,
    ``dir/`` matches everything below ``dir``, and ``!pattern`` takes a path
    back out. The matcher is MkDocs' own (``pathspec``), so the two agree.
    """
    patterns = tuple(patterns)
    return bool(patterns) and _glob_spec(patterns).match_file(path)


def glob_error(patterns: Iterable[str]) -> str | None:
    """Why a list of patterns cannot be used, or None: to be reported when the settings are read."""
    try:
        _glob_spec(tuple(patterns))
    except ValueError as exc:  # pathspec's pattern errors derive from ValueError
        return str(exc)
    return None


@lru_cache(maxsize=256)
def _glob_spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    return GitIgnoreSpec.from_lines(patterns)


# Chinese and Japanese put no spaces between words: each ideograph or kana counts as a word there, so a
# sentence of them is not one word ("对夜间拍摄的照片识别效果较差" says as much as "fails on night photos").
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_CJK = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


def has_words(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` words; stops at the count, as most checks want one or two."""
    if count <= 1:
        return _WORD.search(text) is not None
    words = _WORD if text.isascii() else _WORD_CJK
    return next(itertools.islice(words.finditer(text), count - 1, None), None) is not None


PLAIN_TEXT_LIMIT = 2000
"""Characters :func:`plain_text` reads past links and tags: its results are titles and summaries of a line or two."""


def plain_text(markdown: str) -> str:
    """Turn a snippet of Markdown into one line of plain text for summaries and tooltips.

    Only the first :data:`PLAIN_TEXT_LIMIT` characters left once links and
    tags are gone are read further: pairing up emphasis markers tries each
    opening one against the rest of the text, so a long run of stray ``*``
    would otherwise cost quadratic time.
    """
    text = _LINK.sub(r"\1", markdown)
    text = _MARKUP.sub("", text)[:PLAIN_TEXT_LIMIT]
    text = _EMPHASIS.sub(r"\2", text)
    text = re.sub(r"^\s*(?:[-+*>]|#+)\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text).strip()


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:. ") + "…"
