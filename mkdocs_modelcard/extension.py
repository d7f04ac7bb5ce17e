"""The plugin's badge and checklist as a Python-Markdown extension, for hosts without MkDocs plugins.

Zensical reads ``mkdocs.yml`` but runs no MkDocs plugin it has not
reimplemented; it does run the Python-Markdown extensions listed under
``markdown_extensions``.  So do ProperDocs, MkDocs itself and any program that
calls Python-Markdown.  This module gives card pages the same badge and
checklist there, through the same engine as the plugin (``site.CardSite``,
``render.Renderer``), so a card scores the same under every host.

What an extension cannot see, it finds: the page's front matter and path come
from its source file under ``docs_dir``.  Zensical names the page it renders
through its rendering-context preprocessor; other hosts say nothing, and the
page is then looked up by its text (see ``sources``).  A page that is not a
card, or whose text matches no file and does not read as a card, leaves the
extension without a trace: its HTML is returned unchanged.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .checklist import ChecklistError, load_checklist
from .detect import DetectOptions
from .engine import CardReport
from .render import Renderer, inject, section_anchors
from .site import CardSite
from .sources import DocsIndex, docs_index
from .text import glob_error

log = logging.getLogger("mkdocs_modelcard")

PLACEMENTS = ("top", "bottom")
# Before every other preprocessor (snippets, macros, whitespace normalisation), so the text is as the host passed it.
PREPROCESSOR_PRIORITY = 1000
# After raw HTML and entities are restored (30 and 20), so heading texts are final when ids are matched.
POSTPROCESSOR_PRIORITY = 5
# After every other treeprocessor: the ``toc`` extension runs the postprocessors on each heading's text
# while it builds ids, and those calls must not take the page's checklist.
TREEPROCESSOR_PRIORITY = -1000


@dataclass(frozen=True)
class Settings:
    """The extension's options, checked once; hashable, so renderers are shared between pages."""

    docs_dir: str
    checklist: str
    checklists: tuple[tuple[str, str], ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    auto_detect: bool
    badge: bool
    show_checklist: bool
    checklist_placement: str
    checklist_open: bool
    show_guidance: bool
    fail_under: float | None
    bands: tuple[float, float]
    template_dir: str
    inline_css: bool


class ModelCardExtension(Extension):
    """``markdown_extensions: [mkdocs_modelcard.extension]``; every option defaults as in the plugin."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "docs_dir": ["", "Docs folder the pages come from; default: the host's (Zensical), else 'docs'."],
            "checklist": [
                "model",
                "Built-in checklist name or checklist YAML file (relative to the folder of mkdocs.yml).",
            ],
            "checklists": [{}, "Checklist per path: globs relative to docs_dir mapped to a checklist name or file."],
            "include": [[], "Globs of pages that are always cards."],
            "exclude": [[], "Globs of pages that are never cards."],
            "auto_detect": [True, "Find cards by file name and by their title and headings."],
            "badge": [True, "Show the completeness badge under each card's title."],
            "show_checklist": [True, "Add the collapsible checklist to each card page."],
            "checklist_placement": ["top", "Where the checklist goes: top or bottom."],
            "checklist_open": [False, "Render the checklist expanded."],
            "show_guidance": [True, "Show each missing item's guidance."],
            # Not None: Python-Markdown would turn a None default's value into a boolean.
            "fail_under": [0, "Log a warning for every card scoring below this percentage; 0: off."],
            "bands": [{}, "Score thresholds of the badge colours: {good: 80, fair: 50}."],
            "template_dir": ["", "Folder of Jinja templates replacing the built-in badge.html, checklist.html, ..."],
            "inline_css": [True, "Put the stylesheet in each card page; false when it is listed in extra_css."],
        }
        super().__init__(**kwargs)
        self.settings = _settings(self.getConfigs())

    def extendMarkdown(self, md: Markdown) -> None:
        state = _PageState()
        md.registerExtension(self)
        md.preprocessors.register(_Locate(md, self.settings, state), "modelcard_locate", PREPROCESSOR_PRIORITY)
        md.treeprocessors.register(_TreeDone(md, state), "modelcard_tree_done", TREEPROCESSOR_PRIORITY)
        md.postprocessors.register(_Decorate(md, self.settings, state), "modelcard_decorate", POSTPROCESSOR_PRIORITY)
        self._state = state

    def reset(self) -> None:
        """Python-Markdown calls this between documents converted by one instance."""
        state = getattr(self, "_state", None)
        if state is not None:
            state.report, state.tree_done = None, False


def makeExtension(**kwargs: Any) -> ModelCardExtension:
    return ModelCardExtension(**kwargs)


class _PageState:
    """What the preprocessor found about the page being converted, for the postprocessor."""

    def __init__(self) -> None:
        self.report: CardReport | None = None
        self.root = Path()
        """Where relative paths start for this page (see score_page)."""
        self.tree_done = False
        """True once the tree is final: from then on, postprocessors see the whole page."""


class _Locate(Preprocessor):
    def __init__(self, md: Markdown, settings: Settings, state: _PageState) -> None:
        super().__init__(md)
        self.settings = settings
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.report, self.state.tree_done = None, False
        try:
            host = host_page(self.md)
            self.state.root = host.root if host is not None and host.root is not None else Path.cwd()
            self.state.report = score_page("\n".join(lines), self.settings, host)
        except ChecklistError as exc:
            _error_once(f"mkdocs_modelcard.extension: {exc}; no page gets a badge")
        return lines


_TOLD: set[str] = set()


def _error_once(message: str) -> None:
    """A broken setting is the same for every page: say so once per process, not once per page."""
    if message not in _TOLD:
        _TOLD.add(message)
        log.error(message)


class _TreeDone(Treeprocessor):
    def __init__(self, md: Markdown, state: _PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: Any) -> None:
        self.state.tree_done = True


class _Decorate(Postprocessor):
    def __init__(self, md: Markdown, settings: Settings, state: _PageState) -> None:
        super().__init__(md)
        self.settings = settings
        self.state = state

    def run(self, text: str) -> str:
        if not self.state.tree_done or self.state.report is None:
            return text  # a heading's text run through by ``toc``, or not a card
        report, self.state.report = self.state.report, None
        return decorate(text, report, self.settings, self.state.root)


@dataclass(frozen=True)
class HostPage:
    """What the host says about the page being converted."""

    path: str
    """Relative to the docs folder, ``/``-separated."""
    root: Path | None = None
    """The folder of the host's configuration file: relative checklist paths start there, as in the plugin."""
    docs_dir: Path | None = None


def host_page(md: Markdown) -> HostPage | None:
    """The page's path and the host's folders, if the host says which page this is.

    Zensical registers a ``rendering_context`` preprocessor holding the page and
    its configuration.  It is read defensively: any other shape means "unknown",
    and the page is then found by its text.
    """
    if "rendering_context" not in md.preprocessors:
        return None
    context = md.preprocessors["rendering_context"]
    path = getattr(getattr(context, "page", None), "path", None)
    if not isinstance(path, str) or not path:
        return None
    config = getattr(context, "config", None)
    if not isinstance(config, dict):
        return HostPage(path.replace("\\", "/"))
    root_dir, docs_dir = config.get("root_dir"), config.get("docs_dir")
    root = Path(root_dir) if isinstance(root_dir, str) and root_dir else None
    docs = Path(root or ".", docs_dir) if isinstance(docs_dir, str) and docs_dir else None
    return HostPage(path.replace("\\", "/"), root, docs)


def score_page(text: str, settings: Settings, host: HostPage | None = None) -> CardReport | None:
    """The page's report if it is a card, detected and scored from its source file as the plugin would.

    Relative paths (``docs_dir``, checklist files) start at the host's
    configuration folder when the host names it, else at the working folder.
    """
    root = host.root if host is not None and host.root is not None else Path.cwd()
    if settings.docs_dir:
        docs = root / settings.docs_dir
    else:
        docs = host.docs_dir if host is not None and host.docs_dir is not None else root / "docs"
    path, source = locate(docs_index(docs), text, host.path if host is not None else None)
    resolve = functools.partial(load_checklist, base_dir=root)
    site = CardSite(
        resolve(settings.checklist),
        DetectOptions(settings.include, settings.exclude, settings.auto_detect),
        dict(settings.checklists),
        resolve,
        root=root,
    )
    report = site.consider(path, source)
    if report is not None:
        view = copy.copy(site)
        view.reports = {path: report}
        for problem in view.problems(settings.fail_under):
            log.warning(problem)
    return report


def locate(index: DocsIndex, text: str, hinted: str | None) -> tuple[str, str]:
    """(path, full source text) of the page whose Markdown is ``text``.

    The host's path wins when that file does hold the text.  Otherwise the
    text is looked up; where several files hold it, the first by path is
    taken, so the outcome never depends on the order of a walk.  Text that
    matches no file is scored as it is, under an empty path: detection then
    goes by its title and headings alone.
    """
    if hinted is not None and index.matches(hinted, text):
        source = index.read(hinted)
        if source is not None:
            return hinted, source
    for rel in index.find(text):
        source = index.read(rel)
        if source is not None:
            return rel, source
    return "", text


def decorate(page_html: str, report: CardReport, settings: Settings, root: Path | None = None) -> str:
    """The page with the plugin's badge and checklist, placed as the plugin places them."""
    template_dir = str((root or Path.cwd()) / settings.template_dir) if settings.template_dir else ""
    renderer = _renderer(template_dir, settings.bands)
    badge = ""
    if settings.badge:
        badge = f'<p class="modelcard-badge-line">{renderer.badge(report)}</p>'
    checklist = ""
    if settings.show_checklist:
        anchors = section_anchors(report.card.sections, page_html)
        checklist = renderer.checklist(report, anchors, open_=settings.checklist_open, guidance=settings.show_guidance)
    if not badge and not checklist:
        return page_html
    style = f"<style>{_css()}</style>" if settings.inline_css else ""
    return inject(page_html, badge + style, checklist, settings.checklist_placement)


@functools.lru_cache(maxsize=8)
def _renderer(template_dir: str, bands: tuple[float, float]) -> Renderer:
    """One renderer per setting: it caches compiled templates and rendered badges across pages."""
    overrides: Sequence[str] = [template_dir] if template_dir else []
    return Renderer(overrides, {"good": bands[0], "fair": bands[1], "poor": 0})


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return resources.files(__package__).joinpath("assets", "modelcard.css").read_text(encoding="utf-8")


def _settings(raw: dict[str, Any]) -> Settings:
    """Options checked the way MkDocs checks the plugin's, with one clear message for a bad one."""

    def fail(name: str, wanted: str) -> ValueError:
        return ValueError(f"mkdocs_modelcard.extension: option {name!r} must be {wanted}, not {raw[name]!r}")

    def text(name: str) -> str:
        if not isinstance(raw[name], str):
            raise fail(name, "a string")
        return str(raw[name])

    def flag(name: str) -> bool:
        if not isinstance(raw[name], bool):
            raise fail(name, "true or false")
        return bool(raw[name])

    def globs(name: str) -> tuple[str, ...]:
        value = raw[name]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise fail(name, "a list of globs")
        return tuple(value)

    def number(value: Any, name: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail(name, "a number")
        return float(value)

    mapping = raw["checklists"]
    if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
        raise fail("checklists", "a mapping of globs to checklist names")
    bands = raw["bands"]
    if not isinstance(bands, dict) or set(bands) - {"good", "fair"}:
        raise fail("bands", "a mapping with the keys good and fair")
    placement = text("checklist_placement")
    if placement not in PLACEMENTS:
        raise fail("checklist_placement", "top or bottom")
    for name, patterns in (("include", globs("include")), ("exclude", globs("exclude")), ("checklists", mapping)):
        if (error := glob_error(patterns)) is not None:
            raise ValueError(f"mkdocs_modelcard.extension: option {name!r}: {error}")
    fail_under = raw["fail_under"]  # None too, for a caller who passes the plugin's spelling of "unset"
    return Settings(
        docs_dir=text("docs_dir"),
        checklist=text("checklist"),
        checklists=tuple(mapping.items()),  # in order: the first matching glob wins, as in the plugin
        include=globs("include"),
        exclude=globs("exclude"),
        auto_detect=flag("auto_detect"),
        badge=flag("badge"),
        show_checklist=flag("show_checklist"),
        checklist_placement=placement,
        checklist_open=flag("checklist_open"),
        show_guidance=flag("show_guidance"),
        fail_under=None if fail_under is None else number(fail_under, "fail_under"),
        bands=(number(bands.get("good", 80), "bands"), number(bands.get("fair", 50), "bands")),
        template_dir=text("template_dir"),
        inline_css=flag("inline_css"),
    )
