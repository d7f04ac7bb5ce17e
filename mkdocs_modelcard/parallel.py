"""Scoring a site's pages in worker processes while the build goes on with its own work.

MkDocs renders one page after another in one process; scoring the cards
in the same process adds its whole cost to the build. Handed to worker
processes instead, the cards are scored while MkDocs converts the pages'
Markdown, and the build only waits for what is not done yet when it needs a
result (a card page's badge, then the index).

Reports come back pickled. A report points at its checklist and items, which
the build process has loaded already; sending those along with every report
would make each one about ten times larger, so they travel as references (the
checklist's source, the item's position) and are looked up on arrival.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from .checklist import Checklist, Item, checklist_from_source, reloadable

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from .engine import CardReport
    from .site import CardSite


class Prepared(NamedTuple):
    """A card's page checklist, rendered by the worker that scored it."""

    anchors: dict[int, str]
    """The heading ids it links to, as :func:`.render.predicted_anchors` expects them: the checklist is the
    page's only if the page has the same ids."""
    checklist: str


Outcome = tuple[str, "CardReport | None", "str | None", "Prepared | None"]
"""A page's path, its report if it is a card, why it was taken as a template if it is one, its prepared checklist."""


@dataclass(frozen=True)
class PageSettings:
    """What a worker needs to render a card's page checklist as the build process would."""

    override_dirs: tuple[str, ...] = ()
    bands: dict[str, float] | None = None
    open_: bool = False
    guidance: bool = True
    slugify: Callable[[str, str], str] | None = None
    """The site's ``toc`` slugify function and separator, for the ids its headings get."""
    separator: str = "-"


MIN_PAGES = 64
"""Fewer pages to score than this are scored in the build process: starting a worker would cost more."""
CHUNK = 16
"""Pages per task: large enough that passing tasks costs little, small enough that the first badge is soon ready."""


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave what is alive now (checklists, compiled patterns, modules) out of the cycle collector's passes.

    Scoring allocates enough to set off full collections now and then, and
    each one walks every object the process holds, most of them the loaded
    checklists: about a tenth of the time of a ``check`` run. Scoring never
    frees those, so they need not be walked. Afterwards they are collectable
    again, for callers that go on in the same process (tests, a host program).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def default_jobs() -> int:
    """Worker processes for a build: one per CPU beside the build's own, at most four.

    MkDocs keeps one core busy with its own work; on a single core there is
    nothing to gain, and beyond four workers the build process, which takes in
    every report, is the bottleneck.
    """
    return max(0, min(usable_cpus() - 1, 4))


def usable_cpus() -> int:
    """The CPUs this process may run on (``check --jobs`` uses one worker per CPU)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - macOS and Windows have no sched_getaffinity
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Recipe:
    """What a worker started afresh (spawn, forkserver) needs to make the same site: no compiled objects."""

    checklist: str
    """The default checklist's source (see :func:`.checklist.checklist_from_source`)."""
    make: Callable[..., CardSite]
    kwargs: dict[str, Any] = field(default_factory=dict)
    pages: PageSettings | None = None
    """Set when workers also render each card's page checklist."""


_site: CardSite | None = None
"""The worker's site; set in the parent while the pool forks, so forked workers inherit it loaded."""
_pages: PageSettings | None = None
_renderer: Any = None
"""The worker's renderer, made for its first card."""


def _start(recipe: Recipe) -> None:
    global _site, _pages, _renderer  # one site per worker process
    if _site is None:  # started afresh: load and compile the checklists again
        _site = recipe.make(checklist_from_source(recipe.checklist), **recipe.kwargs)
    _pages, _renderer = recipe.pages, None
    gc.freeze()  # see frozen_heap: this process only scores, so what is alive now stays alive


def _judge(chunk: list[tuple[str, str]]) -> bytes:
    assert _site is not None  # set by the pool's initializer
    found: list[Outcome] = []
    for path, text in chunk:
        report, template = _site.judge(path, text)
        prepared = None
        if report is not None:
            prepared = _prepare(report, text) if _pages is not None else None
            report.card.keep_outline()
        found.append((path, report, template, prepared))
    return dumps(found, _site.candidates)


def _prepare(report: CardReport, text: str) -> Prepared | None:
    """The card's page checklist, linked to the ids its headings will most likely get."""
    global _renderer
    from .render import Renderer, predicted_anchors

    assert _pages is not None
    if _pages.slugify is None:
        return None
    if _renderer is None:
        _renderer = Renderer(list(_pages.override_dirs), _pages.bands)
    try:
        anchors = predicted_anchors(text, report.card.sections, _pages.slugify, _pages.separator)
        checklist = _renderer.checklist(report, anchors, open_=_pages.open_, guidance=_pages.guidance)
    except Exception:  # noqa: BLE001 - a slugify function's surprise only leaves the checklist to the build process
        return None
    return Prepared(anchors, checklist)


class _Pickler(pickle.Pickler):
    """Pickles checklists and their items as references to what the receiving process has loaded."""

    def __init__(self, file: io.BytesIO, checklists: Sequence[Checklist]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._sources: dict[int, str] = {}
        self._items: dict[int, tuple[str, int]] = {}
        for checklist in checklists:
            self._register(checklist)

    def _register(self, checklist: Checklist) -> bool:
        if id(checklist) in self._sources:
            return True
        if not reloadable(checklist):
            return False
        self._sources[id(checklist)] = checklist.source
        for index, item in enumerate(checklist.items):
            self._items[id(item)] = (checklist.source, index)
        return True

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Item:
            found = self._items.get(id(obj))
            return (_item, found) if found is not None else NotImplemented
        if kind is Checklist and self._register(obj):
            return (_checklist, (obj.source,))
        return NotImplemented


_arrived: dict[str, Checklist] = {}
"""The checklists of the reports being unpickled, each looked up once per batch of reports."""


def _checklist(source: str) -> Checklist:
    found = _arrived.get(source)
    if found is None:
        found = _arrived[source] = checklist_from_source(source)
    return found


def _item(source: str, index: int) -> Item:
    return _checklist(source).items[index]


def dumps(outcomes: list[Outcome], checklists: Sequence[Checklist]) -> bytes:
    """Outcomes as bytes, their checklists and items as references (see the module docstring)."""
    buffer = io.BytesIO()
    _Pickler(buffer, checklists).dump(outcomes)
    return buffer.getvalue()


def loads(data: bytes) -> list[Outcome]:
    _arrived.clear()  # a checklist file edited since the last batch is loaded again
    try:
        found: list[Outcome] = pickle.loads(data)  # noqa: S301 - bytes our own worker process wrote
    finally:
        _arrived.clear()
    return found


class Scoring:
    """Outcomes of pages being scored by worker processes, taken in page order as the caller asks."""

    def __init__(self, site: CardSite, recipe: Recipe, pages: list[tuple[str, str]], jobs: int) -> None:
        global _site
        # A process with threads of its own (`mkdocs serve` rebuilding) must not fork: a lock another
        # thread held would stay locked in the child. Forked workers start with the checklists loaded.
        method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method if method else _fresh_method())
        _site = site if method == "fork" else None
        if method != "fork" and recipe.pages is not None and not _picklable(recipe.pages):
            recipe = replace(recipe, pages=None)  # a fresh worker scores; the build renders the checklists
        try:
            self._pool: Pool | None = context.Pool(jobs, initializer=_start, initargs=(recipe,))
        finally:
            _site = None
        chunks = [pages[start : start + CHUNK] for start in range(0, len(pages), CHUNK)]
        self._results: Iterator[bytes] = self._pool.imap(_judge, chunks)

    def __iter__(self) -> Iterator[Outcome]:
        """Each outcome once, in page order, waiting for those not scored yet."""
        try:
            for data in self._results:
                yield from loads(data)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (all results are in, or the build gave up)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def _fresh_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def recipe_for(site: CardSite, pages: PageSettings | None = None) -> Recipe | None:
    """How a fresh worker makes the same site, or None when that cannot be passed to another process.

    A checklist that exists only in this process (parsed from a string) or a
    ``resolve`` function that cannot be pickled leaves the scoring here. With
    ``pages``, workers also render each card's page checklist.
    """
    if not reloadable(site.checklist):
        return None
    recipe = Recipe(
        site.checklist.source,
        type(site),
        {"options": site.options, "checklists": site.checklists, "resolve": site.resolve, "root": site.root},
    )
    if not _picklable(recipe):
        return None
    return replace(recipe, pages=pages)
