"""All the cards of one build, independent of MkDocs.

The plugin feeds every page's source in here; the CLI does the same for the
files it finds.  Keeping detection, scoring and the site-wide figures in one
framework-free place is what lets the badge, the index and a CI report agree.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from . import parallel
from .card import Card, Diagnostic, read_card
from .checklist import Checklist, ChecklistError, builtin_names, load_checklist
from .detect import DetectOptions, is_card, template_reason, worth_reading
from .engine import CardReport, analyse, card_settings
from .parallel import Recipe
from .safetext import one_line
from .text import glob_match


@dataclass(frozen=True)
class GroupCoverage:
    name: str
    filled: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.filled / self.total if self.total else 0.0


@dataclass(frozen=True)
class ItemCoverage:
    id: str
    label: str
    group: str
    optional: bool
    filled: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.filled / self.total if self.total else 0.0


@dataclass
class CardSite:
    """Every card of one build.

    ``checklist`` is the default; ``checklists`` maps path globs to checklist
    names; ``resolve`` turns a name or path into a Checklist (the plugin and the
    CLI resolve file paths against different folders).  Automatic detection
    tries the default checklist, then the mapped ones, then the built-in
    dataset checklist, so model and dataset cards can share a site.
    """

    checklist: Checklist
    options: DetectOptions = field(default_factory=DetectOptions)
    checklists: dict[str, str] = field(default_factory=dict)
    resolve: Callable[[str], Checklist] = load_checklist
    reports: dict[str, CardReport] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    """Pages that look like cards but are blank templates, with the reason; they get no badge and no row."""
    seen: dict[str, tuple[bytes, CardReport | None, str | None]] = field(default_factory=dict, repr=False)
    """Every page considered, by path: a digest of its text and the outcome, for the next build to reuse."""
    root: Path | None = None
    """The project folder: a checklist file that a card names must be inside it."""

    def __post_init__(self) -> None:
        names = [*self.checklists.values(), *(n for n in builtin_names() if n != self.checklist.name)]
        candidates = [self.checklist]
        for name in dict.fromkeys(names):
            checklist = self.resolve(name)
            if all(c.name != checklist.name for c in candidates):
                candidates.append(checklist)
        self.candidates = candidates
        self._earlier: dict[str, tuple[bytes, CardReport | None, str | None]] = {}
        self._digests: dict[str, bytes] = {}
        """Digests of the pages workers are scoring, recorded with their outcomes."""
        self._waiting: set[str] = set()
        self._scoring: parallel.Scoring | None = None
        self._arrivals: Iterator[parallel.Outcome] | None = None
        self.prepared: dict[str, parallel.Prepared] = {}
        """Page checklists the workers rendered, by path, until the page takes its own (see ``parallel``)."""

    def reuse(self, earlier: CardSite) -> None:
        """Take over an earlier build's outcomes for pages whose text has not changed.

        ``mkdocs serve`` rebuilds the whole site after every edit; with this,
        only the edited cards are read and scored again. Nothing is reused when
        the settings or any checklist changed (a changed checklist file loads as
        a new object), nor for a card that names its own checklist.
        """
        same_checklists = len(earlier.candidates) == len(self.candidates) and all(
            a is b for a, b in zip(earlier.candidates, self.candidates)
        )
        if same_checklists and earlier.options == self.options and earlier.checklists == self.checklists:
            self._earlier = earlier.seen

    def consider(self, path: str, text: str) -> CardReport | None:
        """Detect and score one page; ``path`` is relative to the docs folder, ``/``-separated."""
        digest = _digest(text)
        if self._reused(path, digest):
            return self.reports.get(path)
        return self._score(path, text, digest)

    def consider_all(self, pages: Sequence[tuple[str, str]], jobs: int = 0, recipe: Recipe | None = None) -> None:
        """Detect and score many pages, in ``jobs`` worker processes while the caller goes on.

        The outcomes are taken in as they are needed: :meth:`report_for` waits
        for one page, :meth:`settle` for all. Without ``jobs`` or a ``recipe``
        (how a worker makes the same site), or with few pages left to score
        after reuse, everything is scored here and now.
        """
        self.settle()
        todo: list[tuple[str, str]] = []
        for path, text in pages:
            digest = _digest(text)
            if self._reused(path, digest):
                continue
            if self._ordinary(path, text):
                # Decided here, at the cost of a few substring tests: a worker would only say the same later,
                # and the build would wait for it (the site's first page is often such a page).
                self._record(path, digest, None, None)
                continue
            todo.append((path, text))
            self._digests[path] = digest
        if jobs < 1 or recipe is None or len(todo) < parallel.MIN_PAGES:
            for path, text in todo:
                self._score(path, text, self._digests.pop(path))
            return
        self._waiting = {path for path, _ in todo}
        self._scoring = parallel.Scoring(self, recipe, todo, jobs)
        self._arrivals = iter(self._scoring)

    def report_for(self, path: str) -> CardReport | None:
        """The page's report once it is scored, waiting for it if workers are still at it."""
        while path in self._waiting and self._arrivals is not None:
            self._take(next(self._arrivals, None))
        return self.reports.get(path)

    def settle(self) -> None:
        """Wait for every page handed to :meth:`consider_all`."""
        while self._arrivals is not None:
            self._take(next(self._arrivals, None))

    def stop(self) -> None:
        """Stop the workers of a build that ended early; what they had not scored is not scored."""
        if self._scoring is not None:
            self._scoring.close()
        self._scoring = self._arrivals = None
        self._waiting = set()

    def _take(self, outcome: parallel.Outcome | None) -> None:
        if outcome is None:  # the last one was taken
            self._scoring = self._arrivals = None
            self._waiting = set()
            return
        path, report, template, prepared = outcome
        self._waiting.discard(path)
        self._record(path, self._digests.pop(path), report, template)
        if prepared is not None:
            self.prepared[path] = prepared

    def _score(self, path: str, text: str, digest: bytes) -> CardReport | None:
        report, template = self.judge(path, text)
        if report is not None:
            report.card.keep_outline()
        self._record(path, digest, report, template)
        return report

    def _reused(self, path: str, digest: bytes) -> bool:
        """Take an earlier build's outcome for an unchanged page (see :meth:`reuse`)."""
        earlier = self._earlier.get(path)
        if earlier is None or earlier[0] != digest:
            return False
        report, template = earlier[1], earlier[2]
        if report is not None and "checklist" in card_settings(report.card):
            return False  # the checklist file it names may have changed
        self.seen[path] = earlier
        if report is not None:
            self.reports[path] = report
        if template is not None:
            self.templates[path] = template
        return True

    def _record(self, path: str, digest: bytes, report: CardReport | None, template: str | None) -> None:
        if report is not None:
            self.reports[path] = report
        if template is not None:
            self.templates[path] = template
        self.seen[path] = (digest, report, template)

    def assess(self, path: str, text: str, *, always: bool = False) -> CardReport | None:
        """Detect and score one page, keeping nothing of it.

        For callers that stream their reports (``check`` on 25,000 cards):
        holding every report costs about 20 KB a card. With ``always``, a page
        that is not a card is scored with the default checklist (a file named on
        the command line), without reading it twice.
        """
        report, template = self.judge(path, text, always=always)
        if template is not None:
            # Kept until the caller asks (CardSite.templates): a streaming caller pops it right away.
            self.templates[path] = template
        return report

    def judge(self, path: str, text: str, *, always: bool = False) -> tuple[CardReport | None, str | None]:
        """A page's report if it is a card (or ``always``), else why it is a template, if it is one.

        Changes nothing here, so worker processes can judge pages for this site.
        """
        if self._ordinary(path, text):
            return (analyse(text, path, self.checklist) if always else None), None
        card = read_card(text, path)
        problems: list[Diagnostic] = []
        checklist = self._chosen(path, card, problems)
        if checklist is not None:
            if not is_card(path, card, checklist, self.options):
                return (analyse(text, path, self.checklist, card=card) if always else None), None
        else:
            checklist = next((c for c in self.candidates if is_card(path, card, c, self.options)), None)
            if checklist is None:
                return (analyse(text, path, self.checklist, card=card) if always else None), None
        template = template_reason(path, card, checklist)
        if template is not None and not always:
            return None, template
        report = analyse(text, path, checklist, card=card)
        report.diagnostics[:0] = problems
        return report, None

    def _ordinary(self, path: str, text: str) -> bool:
        """Whether a page surely is no card, by a cheap test on its raw text (no page of it is parsed)."""
        return not any(worth_reading(path, text, c, self.options) for c in self.candidates)

    def _chosen(self, path: str, card: Card, problems: list[Diagnostic]) -> Checklist | None:
        """The checklist the card or the site names for this page, if any."""
        name = card_settings(card).get("checklist")
        if name is not None:
            line = card.meta_lines.get("modelcard")
            refused = _outside_project(str(name), self.root)
            if refused is not None:
                problems.append(Diagnostic(f"modelcard.checklist {str(name)!r}: {refused}", line))
                return self.checklist
            try:
                return self.resolve(str(name))
            except ChecklistError as exc:
                problems.append(Diagnostic(f"modelcard.checklist: {exc}; the default checklist is used", line))
                return self.checklist
        for pattern, mapped in self.checklists.items():
            if glob_match(path, [pattern]):
                return self.resolve(mapped)
        return None

    def sorted_reports(self) -> list[CardReport]:
        """Cards by title, then path: the order of the index when JavaScript is off."""
        return sorted(self.reports.values(), key=lambda r: (r.title.casefold(), r.path))

    @property
    def mean_score(self) -> float:
        if not self.reports:
            return 0.0
        return sum(r.score.score for r in self.reports.values()) / len(self.reports)

    def kinds(self) -> list[Checklist]:
        """The checklists the site's cards use: the default first, then by name."""
        used = {r.score.checklist.name: r.score.checklist for r in self.reports.values()}
        return sorted(used.values(), key=lambda c: (c.name != self.checklist.name, c.name))

    def of_kind(self, checklist: Checklist) -> list[CardReport]:
        return [r for r in self.sorted_reports() if r.score.checklist.name == checklist.name]

    def coverage(self, checklist: Checklist | None = None) -> list[GroupCoverage]:
        """Per checklist group, the share of required items filled across the cards of one kind."""
        checklist = checklist or self.checklist
        totals: dict[str, list[int]] = {name: [0, 0] for name in checklist.groups}
        for report in self.of_kind(checklist):
            for group in report.score.groups:
                counts = totals.setdefault(group.name, [0, 0])
                counts[0] += group.filled
                counts[1] += group.total
        return [GroupCoverage(name, filled, total) for name, (filled, total) in totals.items() if total]

    def item_coverage(self, checklist: Checklist | None = None) -> list[ItemCoverage]:
        """Every checklist item's fill rate across the cards of one kind, most-missed first."""
        checklist = checklist or self.checklist
        counts = {item.id: 0 for item in checklist.items}
        reports = self.of_kind(checklist)
        for report in reports:
            for result in report.score.items:
                if result.filled:
                    counts[result.item.id] = counts.get(result.item.id, 0) + 1
        rows = [
            ItemCoverage(item.id, item.label, item.group, item.optional, counts[item.id], len(reports))
            for item in checklist.items
        ]
        order = {item.id: n for n, item in enumerate(checklist.items)}
        return sorted(rows, key=lambda r: (r.filled, order[r.id]))

    def problems(self, fail_under: float | None = None) -> list[str]:
        """Warning lines for the build log: each card's own diagnostics, missing gates, cards below the threshold."""
        lines = [d.located(r.path) for r in self.sorted_by_path() for d in r.diagnostics]
        more: list[str] = []
        for report in self.sorted_by_path():
            kind = report.score.checklist.title.lower()
            if report.score.incomplete:
                missing = "; ".join(item_name(report, r.item.label, r.item.group) for r in report.score.incomplete)
                more.append(f"{report.path}: {kind} is incomplete; missing required items: {missing}")
            if fail_under is not None and report.score.percent < fail_under:
                more.append(
                    f"{report.path}: {kind} scores {report.score.percent}%, below fail_under {fail_under:g}%; "
                    f"missing required items: {missing_summary(report)}"
                )
        return lines + [one_line(line) for line in more]  # a path or a custom label must not break the log line

    def below(self, threshold: float) -> list[CardReport]:
        """Cards whose shown (rounded) score is under the threshold, as the CLI counts them."""
        return [r for r in self.sorted_by_path() if r.score.percent < threshold]

    def sorted_by_path(self) -> list[CardReport]:
        return [self.reports[p] for p in sorted(self.reports)]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _outside_project(spec: str, root: Path | None) -> str | None:
    """Why a card may not use this checklist file, or None.

    A card is written by anyone who can open a pull request; the site's
    settings are not. So a card can name a built-in checklist or a file inside
    the project, never an arbitrary file of the build machine (whose key names
    the checklist error would echo into the log).
    """
    if spec in builtin_names():
        return None
    refusal = "a card can name a built-in checklist or a file inside the project folder only; the default is used"
    path = Path(spec)
    if path.is_absolute() or PureWindowsPath(spec).drive:
        return refusal
    if root is None:
        return refusal if ".." in path.parts else None
    base = root.resolve()
    target = (base / path).resolve()
    return None if target == base or base in target.parents else refusal


def _plain_slug(path: str) -> str:
    stem = path[:-3] if path.lower().endswith(".md") else path
    return re.sub(r"[^a-z0-9_.-]+", "-", stem.lower()).strip("-.") or "card"


def badge_slugs(paths: Iterable[str]) -> dict[str, str]:
    """A file-name slug per card path: the path in lower case with ``/`` and the like as ``-``.

    The slug is the URL a README embeds, so a card's slug must never pass to
    another card. Where paths share a plain slug (``A/B.md`` and ``a-b.md``)
    none of them keeps it, whatever the order they were added in: each gets
    ``<slug>~<hash of its path>`` instead (``~`` never occurs in a plain slug),
    and :func:`badge_clashes` says so in the build log.
    """
    paths = sorted(paths)
    counts: dict[str, int] = {}
    for path in paths:
        counts[_plain_slug(path)] = counts.get(_plain_slug(path), 0) + 1
    slugs: dict[str, str] = {}
    for path in paths:
        plain = _plain_slug(path)
        if counts[plain] > 1:
            plain += "~" + hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
        slugs[path] = plain
    return slugs


def badge_clashes(paths: Iterable[str]) -> list[str]:
    """A warning per badge name that several cards would share, naming the cards and where their badges are."""
    slugs = badge_slugs(paths)
    groups: dict[str, list[str]] = {}
    for path, slug in slugs.items():
        groups.setdefault(slug.split("~", 1)[0], []).append(path)
    return [
        f"badges: {', '.join(members)} would share the badge name {plain}.svg; none of them gets it, "
        f"so that its URL never shows another card's score ({', '.join(slugs[m] + '.svg' for m in members)})"
        for plain, members in sorted(groups.items())
        if len(members) > 1
    ]


def missing_summary(report: CardReport) -> str:
    """The missing required items, with the group where two items share a label.

    Separated by semicolons: labels such as "Speeds, Sizes, Times" have commas of their own.
    """
    return "; ".join(item_name(report, r.item.label, r.item.group) for r in report.score.missing_required)


def item_name(report: CardReport, label: str, group: str) -> str:
    """An item's label, with its group where another item of the card's checklist has the same label."""
    return f"{label} ({group})" if _ambiguous(label, report) else label


def _ambiguous(label: str, report: CardReport) -> bool:
    checklist = report.score.checklist
    known = _AMBIGUOUS.get(id(checklist))
    if known is None or known[0] is not checklist:
        if len(_AMBIGUOUS) >= 64:  # bounded: every serve rebuild of an edited checklist makes a new one
            _AMBIGUOUS.clear()
        labels = [item.label for item in checklist.items]
        known = _AMBIGUOUS[id(checklist)] = (checklist, frozenset(x for x in labels if labels.count(x) > 1))
    return label in known[1]


_AMBIGUOUS: dict[int, tuple[Checklist, frozenset[str]]] = {}
"""Labels that several items of a checklist share, per checklist (asked for every item of every card)."""


def templates_line(templates: dict[str, str]) -> str:
    """One line naming the pages taken as templates, so a maintainer knows why they have no badge."""
    pages = "; ".join(f"{path} ({reason})" for path, reason in sorted(templates.items()))
    noun = "page was" if len(templates) == 1 else "pages were"
    return (
        f"{len(templates)} {noun} taken as blank templates, not cards, and get no badge: {pages}. "
        "Add `modelcard: true` to a page's front matter to score it as a card."
    )


def summary_line(reports: Iterable[CardReport]) -> str:
    """Say "3 model cards, mean score 52%", or just "cards" when kinds are mixed."""
    reports = list(reports)
    return summary_of(
        len(reports), sum(r.score.score for r in reports), {r.score.checklist.title.lower() for r in reports}
    )


def summary_of(count: int, total: float, kinds: set[str]) -> str:
    """``summary_line`` from running figures, for callers that do not keep the reports."""
    if not count:
        return "no model cards found"
    noun = next(iter(kinds)) if len(kinds) == 1 else "card"
    plural = "" if count == 1 else "s"
    return f"{count} {noun}{plural}, mean score {int(total / count + 0.5)}%"
