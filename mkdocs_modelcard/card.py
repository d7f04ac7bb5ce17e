"""Read a Markdown model card into front matter, a section tree and labelled fields.

The reader is a single line scanner rather than a Markdown renderer: it has to
be fast enough to pre-read every page of a large site on each ``mkdocs serve``
rebuild, and it only needs to know which text sits under which heading.  It
follows Python-Markdown (what MkDocs renders) where the two could disagree:
front matter boundaries, ``#Heading`` without a space, setext headings.
HTML comments and fenced code never produce headings or fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from . import safeyaml
from .safetext import one_line
from .text import heading_parts, normalize, strip_attr_list

# Same boundaries as mkdocs.utils.meta.YAML_RE, so we see what MkDocs renders.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_LIST_OR_BLOCK = re.compile(r"^\s*(?:[-*+>|]|\d+[.)])(?:\s|$)")
_BOLD = re.compile(r"\*\*|__")
_FIELD = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*+][ \t]+)?(?P<label>[^\W\d_][^:|\[\]`<>\n]{0,60}?)[ \t]*:(?!//)[ \t]*(?P<value>.*)$"
)
# A line that is only bold text, as Mitchell-style cards use for sub-headings.
_SOFT_HEADING = re.compile(r"^ {0,3}(\*\*|__)(?P<title>[^*_\n]{1,80}?)[ \t]*:?[ \t]*\1[ \t]*:?[ \t]*$")
# ``**Label** value``: a bold label without a colon, followed by its value.
_BOLD_LABEL = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*+][ \t]+)?\*\*(?P<label>[^*\n:]{1,60}?)\*\*[ \t]+(?P<value>[^:\s].*)$"
)
_TEMPLATE_SLOT = re.compile(r"\{\{[^{}\n]*\}\}|\{%[^{}\n]*%\}")
# A short list item of words alone, no sentence: the label of the sub-items below it, if any follow.
_BULLET_LABEL = re.compile(r"^[ \t]*[-*+][ \t]+([^\W\d_][\w ,'/()&-]{0,60}?)[ \t]*$")
_META_KEY = re.compile(r"^\s*([\w-]+)\s*:")
_OPTIONAL_TAG = re.compile(r"(?<![ \t])[ \t]*\[\s*optional\s*\](?=[^:\n]*:)", re.IGNORECASE)
_MAX_LABEL_WORDS = 8
# A list item alone on its line with its value indented below it may say more: the Mitchell et al. template's
# "- Where to send questions or comments about the model" (9 words) is such a label.
_MAX_BULLET_LABEL_WORDS = 10
_WIDE_COLON = "\uff1a"
_WIDE_CHAR = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_WIDE_LABEL = 16
_new_line = tuple.__new__
"""``_new_line(Line, (number, text, code))`` is ``Line(number, text, code)`` without the Python-level
``__new__`` namedtuple generates: a tenth of the reader's time on cards of long tables and logs."""
SOFT_LEVEL = 7
"""Level of a bold-only sub-heading: below every real heading."""


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading a card; never fatal."""

    message: str
    line: int | None = None

    def located(self, path: str, severity: str = "") -> str:
        """``path:line: [severity: ]message``, the form editors and CI logs turn into links.

        One line whatever the card holds: a line break in a path or in a value quoted
        by the message would start a log line of the card author's choosing.
        """
        where = f"{path}:{self.line}" if self.line else path
        return one_line(f"{where}: {severity + ': ' if severity else ''}{self.message}")


class Line(NamedTuple):
    """One visible line of a card."""

    number: int
    """1-based line number in the original file (front matter included)."""
    text: str
    """The line with HTML comments removed."""
    code: bool = False


@dataclass
class Field:
    """A labelled value such as ``- **Developed by:** Jane Doe``."""

    label: str
    key: str
    value: str
    line: int
    section: Section | None = field(repr=False)
    more_lines: list[int] = field(default_factory=list, repr=False)
    """Lines of indented sub-items folded into an empty field's value (``- **Developed by:**`` then ``  - Jane``)."""


@dataclass(eq=False)
class Section:
    title: str
    key: str
    level: int
    line: int
    explicit_id: str | None = None
    lines: list[Line] = field(default_factory=list, repr=False)
    fields: list[Field] = field(default_factory=list, repr=False)
    children: list[Section] = field(default_factory=list, repr=False)
    parent: Section | None = field(default=None, repr=False)
    parts: tuple[str, ...] = ()
    """The normalised topics of a heading that joins several ("Limitations & Ethical Considerations")."""
    soft: bool = False
    """A bold-only line used as a sub-heading (``**Model date**``); MkDocs renders no heading for it."""

    def all_lines(self) -> Iterator[Line]:
        """Own lines, then every descendant's: a parent is as filled as its children."""
        yield from self.lines
        for child in self.children:
            yield from child.all_lines()

    def all_fields(self) -> Iterator[Field]:
        yield from self.fields
        for child in self.children:
            yield from child.all_fields()


@dataclass
class Card:
    path: str
    meta: dict[str, Any]
    sections: list[Section]
    """Every heading in document order."""
    preamble: list[Line]
    """Body lines before the first heading."""
    fields: list[Field]
    lines: list[Line]
    """Every visible body line, in order."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    meta_ok: bool = True
    meta_lines: dict[str, int] = field(default_factory=dict)
    """Line of each front matter key (nested keys too, first occurrence), for warnings."""

    @property
    def first_h1(self) -> Section | None:
        """The first level-1 heading; failing that, a bold-only first line (``**Model card - X**``)."""
        h1 = next((s for s in self.sections if s.level == 1), None)
        if h1 is None and self.sections and self.sections[0].soft and not self.preamble:
            return self.sections[0]
        return h1

    def keep_outline(self) -> None:
        """Drop the card's text once it is scored, keeping its headings and metadata.

        A site build holds every card from ``on_files`` until its page is
        rendered; what the page needs then is the outline (to link checklist
        items to headings), not the lines, which are most of a card's memory.
        """
        self.lines = []
        self.preamble = []
        self.fields = []
        for section in self.sections:
            section.lines = []
            section.fields = []


def split_front_matter(text: str, path: str = "") -> tuple[dict[str, Any], str, int, list[Diagnostic]]:
    """Return (meta, body, number of lines the front matter took, diagnostics).

    Broken YAML is reported with its line in the file and the body is still
    returned, so one typo in the metadata does not hide the rest of the card.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        rest = text.lstrip(" \t\n")
        if rest is text or not rest.startswith("---") or not _FRONT_MATTER.match(rest):
            return {}, text, 0, []
        # Blank lines above the front matter: GitHub and the Hugging Face Hub read it, MkDocs does not.
        lead = text.count("\n", 0, len(text) - len(rest.lstrip("-")) - 3)
        meta, body, offset, found = split_front_matter(text[len(text) - len(rest) :], path)
        shifted = [Diagnostic(d.message, d.line + lead if d.line else d.line) for d in found]
        note = Diagnostic(
            "front matter below a blank line: MkDocs shows it as text and ignores it; remove the blank line", lead + 1
        )
        return meta, body, offset + lead, [note, *shifted]
    offset = match.group(0).count("\n")
    body = text[match.end() :]
    try:
        data = safeyaml.load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        what = "is too large to use" if isinstance(exc, safeyaml.YAMLLimitError) else "is not valid YAML"
        return (
            {},
            body,
            offset,
            [Diagnostic(f"front matter {what} ({problem}); the card is scored without it", line)],
        )
    except Exception as exc:  # noqa: BLE001 - e.g. RecursionError on absurd nesting
        return (
            {},
            body,
            offset,
            [Diagnostic(f"front matter could not be read ({type(exc).__name__}); the card is scored without it", 1)],
        )
    if data is None:
        return {}, body, offset, []
    if not isinstance(data, dict):
        kind = type(data).__name__
        return (
            {},
            body,
            offset,
            [Diagnostic(f"front matter is a {kind}, not a mapping of keys to values; it is ignored", 2)],
        )
    return {str(k): v for k, v in data.items()}, body, offset, []


def _strip_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    out: list[str] = []
    pos = 0
    while pos <= len(line):
        if in_comment:
            end = line.find("-->", pos)
            if end < 0:
                return "".join(out), True
            pos = end + 3
            in_comment = False
        else:
            start = line.find("<!--", pos)
            if start < 0:
                out.append(line[pos:])
                break
            out.append(line[pos:start])
            pos = start + 4
            in_comment = True
    return "".join(out), in_comment


def _heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line, as ``^(#{1,6})(?!#)(.*?)(?:[ \\t]+#+)?[ \\t]*$`` would say.

    Done with string methods because that regex tries the closing-hashes
    branch at every space: a heading padded with 20,000 spaces took seconds.
    """
    rest = line.lstrip("#")
    level = len(line) - len(rest)
    if not 1 <= level <= 6:
        return None
    text = rest.rstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and unclosed != unclosed.rstrip(" \t"):
        text = unclosed.rstrip(" \t")
    return level, text


def _table_row(text: str) -> tuple[str, str] | None:
    """(label, value) of a two-column table row ``| label | value |``, pipes at either end optional.

    String methods rather than a regex: every way of sharing padding spaces
    between a cell and the pipes around it was tried by the regex this
    replaces, and one padded row took seconds.
    """
    cells = text.strip()
    if cells.startswith("|"):
        cells = cells[1:]
    if not 0 < cells.count("|") < 3:  # two cells and at most a closing pipe: a wide log table is ruled out unsplit
        return None
    parts = cells.split("|")
    if len(parts) == 3 and not parts[2].strip():
        parts.pop()
    if len(parts) != 2:
        return None
    label = parts[0].strip()
    if not label or label[0] in "-:":
        return None
    return label, parts[1].strip()


def _parse_field(text: str) -> tuple[str, str, int] | None:
    """(label, value, indent) of a field line, if it is one.

    Asked of every line with a colon, pipe or bold text, so each pattern is
    tried only when the text holds the literal it cannot match without
    (``**`` for the bold patterns, ``:`` for a field): the same answers, at a
    substring test for most lines instead of a regex.
    """
    if _WIDE_COLON in text:  # "许可证：MIT", "作者：张三": Chinese and Japanese write a full-width colon
        text = text.replace(_WIDE_COLON, ":")
    bold = "**" in text
    found = _BOLD_LABEL.match(text) if bold else None
    if found and len(found.group("label").split()) <= _MAX_LABEL_WORDS:
        return found.group("label").strip(), found.group("value").strip(), len(found.group("indent").expandtabs(4))
    plain = _BOLD.sub("", text) if bold or "__" in text else text
    if "{" in plain:  # "{{ results_summary | default(...) }}" is a template slot, not a table row
        plain = _TEMPLATE_SLOT.sub(" ", plain)
    if "[" in plain:  # the HF template's "- **Finetuned from model [optional]:**"
        plain = _OPTIONAL_TAG.sub("", plain)
    match = _FIELD.match(plain) if ":" in plain else None
    if match:
        label = match.group("label").strip()
        if label and len(label.split()) <= _MAX_LABEL_WORDS and _short_wide(label):
            return label, match.group("value").strip(), len(match.group("indent").expandtabs(4))
        return None
    if "|" in plain:
        row = _table_row(plain)
        if row and len(row[0].split()) <= _MAX_LABEL_WORDS:
            return row[0], row[1], 0
    return None


_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_MAX_ONE_LINE_WORDS = 8


def may_be_one_line_field(section: Section) -> bool:
    """Whether a section is shaped like a label over its value: below the title, a real heading, nothing under it.

    The cheap half of :func:`one_line_field`, for callers that rule most sections out before a lookup.
    """
    return section.level >= 2 and not section.soft and not section.fields and not section.children


def one_line_field(section: Section) -> Field | None:
    """A heading over one short line and nothing else, read as a label with its value.

    The Model Card Toolkit writes "### Licenses" over "* MIT", and
    Mitchell-style cards "### License" over "GPL-3.0 license": the same as
    a "License: MIT" field. Not among the card's fields: asked only of the
    sections whose heading is some item's field label.
    """
    if not may_be_one_line_field(section):
        return None
    body = [line for line in section.lines if line.text.strip()]
    if len(body) != 1 or body[0].code:
        return None
    value = _BULLET.sub("", body[0].text).strip()
    if not value or "|" in value or value.startswith("#") or len(value.split()) > _MAX_ONE_LINE_WORDS:
        return None
    return Field(label=section.title, key=section.key, value=value, line=body[0].number, section=section)


def _short_wide(label: str) -> bool:
    """Whether a label is short enough in a script without spaces: "模型类型", not a clause before "如下：".

    Each ideograph or kana counts as a word there, and so does each word
    between them ("RTX 3090、bf16 autocast、仅骨干前向…"): a label of more than
    :data:`_MAX_WIDE_LABEL` of them is a sentence that happens to end in a colon.
    """
    if label.isascii():
        return True
    wide = len(_WIDE_CHAR.findall(label))
    return not wide or wide + len(_WIDE_CHAR.sub(" ", label).split()) <= _MAX_WIDE_LABEL


def _is_sentence(title: str) -> bool:
    """Whether bold text on a line of its own is a sentence (several words and a full stop), not a sub-heading."""
    title = title.rstrip()
    return title.endswith((".", "!")) and not title.endswith("..") and len(title.split()) >= 4


def is_list_start(visible: str, first: str) -> bool:
    """Whether a line opens a list item, quote, table row or field of its own rather than continuing a paragraph."""
    if (first in ("-", "*", "+", ">", "|") or first.isdigit()) and _LIST_OR_BLOCK.match(visible):
        return True
    return (":" in visible or _WIDE_COLON in visible) and _parse_field(visible) is not None


def _closed_fences(body: str, offset: int) -> dict[int, bool]:
    """For each line that could open a fence, whether a line after it could close it (one pass, from the end)."""
    closed: dict[int, bool] = {}
    longest = {"`": 0, "~": 0}  # the longest closing line below, per fence character
    lines = body.split("\n")
    for number in range(len(lines) + offset, offset, -1):
        stripped = lines[number - 1 - offset].strip()
        if not stripped or stripped[0] not in "`~":
            continue
        opener = _FENCE_OPEN.match(stripped)
        if opener is not None:
            mark = opener.group(2)
            closed[number] = longest[mark[0]] >= len(mark)
            if not stripped.strip(mark[0]):
                longest[mark[0]] = max(longest[mark[0]], len(stripped))
    return closed


def read_card(text: str, path: str = "", *, _closed: dict[int, bool] | None = None) -> Card:
    """Parse card text.  Never raises on any string input.

    A fence that is never closed is no fence to Python-Markdown: what follows
    it is still headings and text on the MkDocs page (GitHub shows it all as
    code). Such cards are rare, so they alone are read a second time, with
    ``_closed`` telling which fence openers have a closing line after them.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, offset, diagnostics = split_front_matter(text, path)
    meta_ok = bool(meta) or not diagnostics
    meta_lines: dict[str, int] = {}
    for number, meta_line in enumerate(text.split("\n", offset)[1:offset], start=2):
        key = _META_KEY.match(meta_line)
        if key:
            meta_lines.setdefault(key.group(1), number)

    sections: list[Section] = []
    preamble: list[Line] = []
    all_lines: list[Line] = []
    fields: list[Field] = []
    stack: list[Section] = []
    current: list[Line] = preamble
    current_section: Section | None = None
    in_comment = False
    prev_plain: Line | None = None  # candidate text for a setext heading
    open_field: tuple[Field, int] | None = None  # a field with an empty value, awaiting sub-items
    wrapped: tuple[Field, int] | None = None  # a list item field whose value may wrap onto indented lines
    bullet: tuple[int, int, str] | None = None  # a list item that may be the label of the sub-items below it

    def start_section(title: str, level: int, number: int, soft: bool = False) -> None:
        nonlocal current, current_section, open_field, bullet, wrapped
        title, explicit_id = strip_attr_list(title)
        title = title.strip()
        section = Section(
            title=title,
            key=normalize(title),
            level=level,
            line=number,
            explicit_id=explicit_id,
            soft=soft,
            parts=heading_parts(title),
        )
        while stack and stack[-1].level >= level:
            stack.pop()
        if stack:
            section.parent = stack[-1]
            stack[-1].children.append(section)
        stack.append(section)
        sections.append(section)
        current = section.lines
        current_section = section
        open_field = bullet = wrapped = None

    # The loop runs once per line of every card of a site, so its common paths are kept to a few string
    # methods: each line's leading whitespace is stripped once (``lead``), and the tests for headings, fences
    # and fields start with the cheap check of the first character.
    fence_mark = ""  # the opening fence's marker ("```"), while in a fenced block
    fence_char = ""
    for number, raw in enumerate(body.split("\n"), start=1 + offset):
        if fence_mark:
            stripped = raw.strip()
            if stripped.startswith(fence_mark) and not stripped.strip(fence_char):
                fence_mark = ""
            else:
                line = _new_line(Line, (number, raw, True))
                current.append(line)
                all_lines.append(line)
            continue
        if in_comment or "<!--" in raw:
            visible, in_comment = _strip_comments(raw, in_comment)
        else:
            visible = raw
        lead = visible.lstrip()
        if not lead:
            prev_plain = wrapped = None
            continue
        first = lead[0]
        if first in "`~":
            opener = _FENCE_OPEN.match(visible)
            if opener and not (opener.group(2)[0] == "`" and "`" in opener.group(3)):
                if _closed is None or _closed.get(number, True):
                    fence_char, fence_mark = opener.group(2)[0], opener.group(2)
                    prev_plain = wrapped = None
                    open_field = None
                    continue
                problem = f"the code block opened with {opener.group(2)} here is never closed"
                diagnostics.append(Diagnostic(problem + "; MkDocs shows what follows as text, GitHub as code", number))
        heading = None
        if first == "#":
            heading = _heading(visible) if visible[0] == "#" else None
            if heading is None and visible.startswith(" ") and not visible.startswith("    "):
                # CommonMark (GitHub, Hugging Face) renders "  ## Usage" as a heading; Python-Markdown does not.
                heading = _heading(visible.lstrip(" "))
                if heading and heading[1].strip():
                    shown = one_line(visible.strip())[:60]
                    problem = f"heading {shown!r} is indented, so MkDocs shows it as plain text"
                    diagnostics.append(Diagnostic(problem + "; remove the leading spaces", number))
        if heading and heading[1].strip():
            start_section(heading[1], heading[0], number)
            prev_plain = None
            continue
        soft = _SOFT_HEADING.match(visible) if first in "*_" else None
        if soft and _is_sentence(soft.group("title")):
            soft = None  # "**This model is for non-commercial research purposes only.**" is emphasis, not a heading
        if soft:
            start_section(soft.group("title"), SOFT_LEVEL, number, soft=True)
            prev_plain = None
            continue
        setext = _SETEXT.match(visible) if first in "=-" and prev_plain is not None else None
        if setext and prev_plain is not None and current and current[-1] is prev_plain:
            current.pop()
            all_lines.pop()  # prev_plain was the last line appended
            start_section(prev_plain.text, 1 if setext.group(1)[0] == "=" else 2, prev_plain.number)
            prev_plain = None
            continue
        line = _new_line(Line, (number, visible, False))
        current.append(line)
        all_lines.append(line)
        indent = len(visible) - len(lead)
        if bullet is not None:
            # "- Person or organization developing model" with the names as sub-items below it.
            label_line, bullet_indent, label = bullet
            bullet = None
            if indent > bullet_indent:
                item = Field(label=label, key=normalize(label), value="", line=label_line, section=current_section)
                fields.append(item)
                if current_section is not None:
                    current_section.fields.append(item)
                open_field = (item, bullet_indent)
        if wrapped is not None:
            # "- **Type:** decoder-only Transformer, built from" / "  scratch in PyTorch.": one value, hard-wrapped.
            pending, pending_indent = wrapped
            wrapped = None
            if indent > pending_indent and not is_list_start(visible, first):
                pending.value = pending.value + " " + visible.strip()
                pending.more_lines.append(number)
                wrapped = (pending, pending_indent)
                prev_plain = None
                continue
        if open_field is not None:
            pending, pending_indent = open_field
            if indent > pending_indent:
                pending.value = (pending.value + " " + visible.strip()).strip()
                pending.more_lines.append(number)
                prev_plain = None
                continue
            open_field = None
        parsed = (
            _parse_field(visible)
            if (":" in visible or "|" in visible or "**" in visible or _WIDE_COLON in visible)
            else None
        )
        if parsed is not None:
            label, value, field_indent = parsed
            item = Field(label=label, key=normalize(label), value=value, line=number, section=current_section)
            fields.append(item)
            if current_section is not None:
                current_section.fields.append(item)
            if not value:
                open_field = (item, field_indent)
            elif first in "-*+" and lead[1:2] in (" ", "\t"):
                wrapped = (item, indent)  # a list item: "- **Type:** ...", not "**Type:** ..."
        is_block = first in "-*+>|" or first.isdigit()
        if parsed is None and first in "-*+":
            words = _BULLET_LABEL.match(visible)
            if words is not None and len(words.group(1).split()) <= _MAX_BULLET_LABEL_WORDS:
                bullet = (number, indent, words.group(1).strip())
        prev_plain = None if parsed is not None or (is_block and _LIST_OR_BLOCK.match(visible)) else line

    if fence_mark and _closed is None:
        return read_card(text, path, _closed=_closed_fences(body, offset))
    return Card(
        path=path,
        meta=meta,
        sections=sections,
        preamble=preamble,
        fields=fields,
        lines=all_lines,
        diagnostics=diagnostics,
        meta_ok=meta_ok,
        meta_lines=meta_lines,
    )
