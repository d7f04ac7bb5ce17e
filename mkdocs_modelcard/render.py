"""HTML and SVG for badges, the page checklist and the index, from Jinja templates.

Templates are data, never card text: everything taken from a card reaches a
template as a value and is escaped by autoescaping.  A site can override any
template by putting a file of the same name in ``<theme custom_dir>/modelcard/``.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import jinja2
from markdown.extensions.toc import unique as toc_unique
from markupsafe import Markup

from .card import Section
from .engine import CardReport
from .engine import catalogue_json as encode_catalogue
from .scoring import band
from .site import CardSite, badge_slugs, item_name, summary_line
from .text import normalize, plain_text

BAND_COLOURS = {"good": "#2e7d32", "fair": "#9a5b00", "poor": "#c62828"}
# Material admonition types whose colours match the bands.
BAND_ADMONITIONS = {"good": "success", "fair": "warning", "poor": "failure"}
_CHAR_WIDTH = 6.6  # average advance of Verdana 11px, what the badge is laid out for

# Opening and closing heading tags, paired up in one pass: a lazy "<hN ...>(.*?)</hN>" searched the
# rest of the page from every unclosed opening tag.
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b([^<>]*)>", re.IGNORECASE)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_HEADERLINK = re.compile(r"<a\b[^<>]*?\bheaderlink\b[^<>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class BadgeGeometry:
    width: int
    label_width: int
    value_width: int
    label_text_width: int
    value_text_width: int


def badge_geometry(label: str, value: str) -> BadgeGeometry:
    label_text = round(len(label) * _CHAR_WIDTH)
    value_text = round(len(value) * _CHAR_WIDTH)
    label_width = label_text + 12
    value_width = value_text + 12
    return BadgeGeometry(label_width + value_width, label_width, value_width, label_text, value_text)


class Renderer:
    def __init__(self, override_dirs: Sequence[str] = (), bands: dict[str, float] | None = None) -> None:
        self.override_dirs = tuple(override_dirs)
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(list(override_dirs))] if override_dirs else []
        loaders.append(jinja2.PackageLoader("mkdocs_modelcard", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            auto_reload=False,  # a Renderer lives for one build; checking template mtimes per page costs more
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=False,
        )
        self.bands: dict[str, float] = bands if bands is not None else {"good": 80, "fair": 50, "poor": 0}
        # A badge depends on a handful of values that most cards share: render each variant once per build.
        self._rendered: dict[tuple[Any, ...], str] = {}
        self._band_of: dict[float, str] = {}

    def band(self, score: float) -> str:
        found = self._band_of.get(score)
        if found is None:  # asked for every cell of the index: percentages repeat
            found = band(score, self.bands)
            if len(self._band_of) < 1000:
                self._band_of[score] = found
        return found

    def badge_svg(
        self, percent: int, label: str = "model card", *, inline: bool = False, incomplete: bool = False
    ) -> str:
        """The badge image; ``inline`` hides it from screen readers where the wrapper speaks for it.

        An incomplete card (a gate item missing) reads "73% incomplete" in the poor colour.
        """
        key = ("badge.svg", percent, label, inline, incomplete)
        if key not in self._rendered:
            value = f"{percent}% incomplete" if incomplete else f"{percent}%"
            name = "poor" if incomplete else self.band(percent)
            self._rendered[key] = self.env.get_template("badge.svg").render(
                label=label,
                value=value,
                colour=BAND_COLOURS.get(name, "#555"),
                geometry=badge_geometry(label, value),
                inline=inline,
            )
        return self._rendered[key]

    def badge_for(self, report: CardReport, *, inline: bool = False) -> str:
        return self.badge_svg(
            report.score.percent, badge_label(report), inline=inline, incomplete=bool(report.score.incomplete)
        )

    def badge(self, report: CardReport) -> str:
        score = report.score
        values = {
            "percent": score.percent,
            "band": "poor" if score.incomplete else self.band(score.percent),
            "kind": score.checklist.title,
            "filled": score.filled_required_count,
            "required": score.required_count,
            "incomplete": ", ".join(r.item.label for r in score.incomplete),
        }
        key = ("badge.html", *values.values())
        if key not in self._rendered:
            svg = self._markup(self.badge_for(report, inline=True))
            self._rendered[key] = self.env.get_template("badge.html").render(values, svg=svg)
        return self._rendered[key]

    def checklist(
        self,
        report: CardReport,
        anchors: dict[int, str],
        *,
        open_: bool = False,
        guidance: bool = True,
    ) -> str:
        """The page checklist; ``anchors`` maps a heading's line in the card to its HTML id."""
        score = report.score
        name = "poor" if score.incomplete else self.band(score.percent)
        groups = []
        for group in score.groups:
            items = []
            for result in group.items:
                evidence = result.evidence
                href = None
                section = evidence.section if evidence is not None else None
                while section is not None and section.soft:
                    section = section.parent
                if section is not None:
                    href = anchors.get(section.line)
                item = result.item
                classes = [
                    "modelcard-item",
                    "modelcard-filled" if result.filled else "modelcard-missing",
                    *(["modelcard-optional"] if item.optional else []),
                    *(["modelcard-subitem"] if item.parent is not None else []),
                    *(["modelcard-required"] if item.required else []),
                    *(["modelcard-na"] if result.not_applicable is not None else []),
                ]
                items.append(
                    _values(
                        classes=" ".join(classes),
                        id=result.item.id,
                        label=result.item.label,
                        optional=result.item.optional,
                        required=result.item.required,
                        sub=result.item.parent is not None,
                        not_applicable=result.not_applicable,
                        filled=result.filled,
                        guidance=result.item.guidance if guidance else "",
                        href=href,
                        found=_describe(evidence.source, evidence.text, evidence.line) if evidence else "",
                    )
                )
            groups.append(_values(name=group.name, filled=group.filled, total=group.total, items=items))
        return self.env.get_template("checklist.html").render(
            title=f"{score.checklist.title} checklist",
            percent=score.percent,
            band=name,
            admonition=BAND_ADMONITIONS.get(name, "note"),
            incomplete=", ".join(r.item.label for r in score.incomplete),
            filled=score.filled_required_count,
            required=score.required_count,
            groups=groups,
            open=open_,
        )

    def index(self, site: CardSite, url_for: Callable[[CardReport], str]) -> str:
        rows = [self._row(report, url_for) for report in site.sorted_reports()]
        kinds = []
        for checklist in site.kinds():
            kinds.append(
                _values(
                    name=checklist.name,
                    title=checklist.title,
                    rows=[row for row in rows if row.kind == checklist.name],
                    coverage=[self._cell(g.name, g.filled, g.total) for g in site.coverage(checklist)],
                    items=[
                        _values(
                            **vars(self._cell(i.label, i.filled, i.total)), id=i.id, group=i.group, optional=i.optional
                        )
                        for i in site.item_coverage(checklist)
                    ],
                )
            )
        return self.env.get_template("index.html").render(
            rows=rows,
            count=len(rows),
            mean=int(site.mean_score + 0.5),
            summary=summary_line(site.reports.values()).capitalize(),
            kinds=kinds,
            several_kinds=len(kinds) > 1,
        )

    def _row(self, report: CardReport, url_for: Callable[[CardReport], str]) -> SimpleNamespace:
        score = report.score
        return _values(
            url=url_for(report),
            path=report.path,
            title=report.title,
            kind=score.checklist.name,
            kind_title=score.checklist.title,
            summary=report.summary,
            license=report.license,
            percent=score.percent,
            band=self.band(score.percent),
            # Semicolons: labels such as "Speeds, Sizes, Times" have commas of their own.
            incomplete="; ".join(item_name(report, r.item.label, r.item.group) for r in score.incomplete),
            missing=len(score.missing_required),
            missing_labels="; ".join(item_name(report, r.item.label, r.item.group) for r in score.missing_required),
            badge=self._markup(self.badge(report)),
            groups=[self._cell(g.name, g.filled, g.total) for g in score.groups if g.total],
        )

    def _cell(self, name: str, filled: int, total: int) -> SimpleNamespace:
        """A share as the heatmap and bar charts show it: whole percent and its band."""
        percent = int(100.0 * filled / total + 0.5) if total else 0
        return _values(name=name, filled=filled, total=total, percent=percent, band=self.band(percent))

    @staticmethod
    def _markup(text: str) -> Markup:
        """Mark our own rendered HTML as safe; card values inside it were escaped already."""
        return Markup(text)  # noqa: S704


def _values(**values: Any) -> SimpleNamespace:
    """Template values as attributes: Jinja reads ``item.label`` from an object far faster than from a dict.

    ``item["label"]`` still works in an overriding template (Jinja falls back to attributes).
    """
    return SimpleNamespace(**values)


def site_files(
    site: CardSite, renderer: Renderer, folder: str, *, badges: bool, catalogue_json: bool
) -> dict[str, str]:
    """Files the plugin adds beside the index: a badge SVG per card and the ``cards.json`` catalogue."""
    files: dict[str, str] = {}
    if badges:
        for src, slug in badge_slugs(site.reports).items():
            files[posixpath.join(folder, "badges", f"{slug}.svg")] = renderer.badge_for(site.reports[src])
    if catalogue_json:
        cards = [(r.path, r) for r in site.sorted_by_path()]
        files[posixpath.join(folder, "cards.json")] = encode_catalogue(cards) + "\n"
    return files


def _describe(source: str, text: str, line: int | None) -> str:
    where = f" (line {line})" if line else ""
    kinds = {
        "front_matter": f"front matter key {text}",
        "title": "the title",
        "intro": "the text under the title",
        "field": f'"{text}" field',
        "heading": f'section "{text}"',
        "section": f'section "{text}"',
        "pattern": f'"{text}"',
        "sub_items": "all of its sub-items",
        "not_applicable": "the card's not_applicable list",
    }
    return f"Found in {kinds.get(source, text)}{where}"


def badge_label(report: CardReport) -> str:
    """ "model card", "dataset card": the checklist title, in lower case."""
    return report.score.checklist.title.lower()


def heading_ids(page_html: str) -> list[tuple[str, str]]:
    """(normalised text, id) of every heading with an id, in document order."""
    found = []
    opened: re.Match[str] | None = None
    for tag in _HEADING_TAG.finditer(page_html):
        if not tag.group(1):
            opened = tag  # an unclosed heading is superseded by the next one
            continue
        if opened is None or opened.group(2) != tag.group(2):
            continue
        attrs, inner, opened = opened.group(3), page_html[opened.end() : tag.start()], None
        id_match = _ID_ATTR.search(attrs)
        if not id_match:
            continue
        text = html.unescape(_TAGS.sub("", _HEADERLINK.sub("", inner)))
        found.append((normalize(text), id_match.group(1) or id_match.group(2) or ""))
    return found


def section_anchors(sections: Sequence[Section], page_html: str) -> dict[int, str]:
    """Map each card heading (by line) to the id MkDocs gave it, walking both in order.

    Matching by order and text, rather than re-implementing the site's slugify,
    stays right with any ``toc`` settings, attribute lists and duplicate titles.
    """
    ids = heading_ids(page_html)
    # Positions of each heading text: a section missing from the page must not rescan all the rest.
    where: dict[str, list[int]] = {}
    for index, (text, _) in enumerate(ids):
        where.setdefault(text, []).append(index)
    anchors: dict[int, str] = {}
    position = 0
    for section in sections:
        if section.soft:
            continue
        candidates = where.get(section.key, [])
        at = bisect.bisect_left(candidates, position)
        if at < len(candidates):
            index = candidates[at]
            anchors[section.line] = ids[index][1]
            position = index + 1
    return anchors


def predicted_anchors(
    text: str, sections: Sequence[Section], slugify: Callable[[str, str], str], separator: str
) -> dict[int, str]:
    """The ids the card's headings will most likely get on the page, by line, as :func:`section_anchors` maps them.

    Python-Markdown's ``toc`` slugifies each heading's text and numbers
    repeats (``_1``, ``_2``); this does the same from the card's source, for
    worker processes that render a checklist before the page exists. It is a
    guess (inline markup, macros and raw HTML can change a heading), so the
    build compares it with the page's real ids and renders the checklist again
    where they differ.
    """
    lines = text.split("\n")
    headings = [
        s for s in sections if not s.soft and 0 < s.line <= len(lines) and not lines[s.line - 1][:1].isspace()
    ]  # an indented heading is no heading to Python-Markdown
    used = {s.explicit_id for s in headings if s.explicit_id}
    counters: dict[str, int] = {}
    anchors = {}
    for section in headings:
        if section.explicit_id:
            anchors[section.line] = section.explicit_id
        else:
            anchors[section.line] = toc_unique(slugify(plain_text(section.title), separator), used, counters)
    return anchors


def checklist_marker(token: str) -> str:
    """Where the page checklist goes, held in the page until :func:`place_checklist`.

    The token (new for each plugin instance) keeps an author's own HTML
    comment from ever being taken for the marker.
    """
    return f"<!-- modelcard-checklist {token} -->"


def place_checklist(page_html: str, marker: str, checklist: str) -> str | None:
    """The page with the marker replaced by the checklist; None if the marker is gone."""
    at = page_html.find(marker)
    if at < 0:
        return None
    return page_html[:at] + checklist + page_html[at + len(marker) :]


def _after_first_h1(page_html: str) -> int:
    """Where the first ``</h1>`` outside HTML comments ends (0 if none): ``<!-- </h1> -->`` is no title."""
    pos = 0
    for match in _H1_END.finditer(page_html):
        while True:  # skip past the comments that open before this match
            start = page_html.find("<!--", pos, match.start())
            if start < 0:
                break
            end = page_html.find("-->", start + 4)
            pos = len(page_html) if end < 0 else end + 3
        if match.start() >= pos:
            return match.end()
    return 0


def inject(page_html: str, badge: str, checklist: str, placement: str) -> str:
    """Badge right after the first H1 (or at the top), checklist after it or at the end."""
    top = badge + (checklist if placement == "top" else "")
    at = _after_first_h1(page_html)
    page_html = page_html[:at] + "\n" + top + "\n" + page_html[at:]
    if placement == "bottom" and checklist:
        page_html = page_html + "\n" + checklist
    return page_html
