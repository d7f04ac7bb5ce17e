"""Cards scored in worker processes while MkDocs renders: the same site, byte for byte, as scoring in the build."""

from __future__ import annotations

import gc
import pickle
import threading
from pathlib import Path

import markdown
import pytest
from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.exceptions import Abort, PluginError
from sitebuild import (
    EMPTY_CARD,
    GOOD_CARD,
    ORDINARY_PAGE,
    SITE,
    TEMPLATE_PAGE,
    build_site,
    captured_mkdocs_logs,
    make_site,
)

from mkdocs_modelcard import checklist, parallel
from mkdocs_modelcard.checklist import ChecklistError, checklist_from_source, load_checklist, parse_checklist
from mkdocs_modelcard.render import Renderer, section_anchors
from mkdocs_modelcard.site import CardSite

BROKEN_CARD = "---\nlicense: [mit\n---\n# Model Card for Broken\n\n## Uses\n\nSorting beetles.\n"


BLANK_TEMPLATE = "# Model Card for [Model Name]\n\n## Uses\n\n[More Information Needed]\n"
# A heading in a raw HTML block is no heading on the page, but it is one when the card's headings are converted alone.
HIDDEN_HEADING = GOOD_CARD + "\n<div>\n\n## Hidden heading\n\n</div>\n\n## Uses again\n\nSorting beetles.\n"


def pages(count: int) -> list[tuple[str, str]]:
    """Pages of every outcome: cards good, empty and with broken front matter, a blank template, other pages."""
    kinds = [
        (GOOD_CARD, "model_card.md"),
        (HIDDEN_HEADING, "model_card.md"),
        (EMPTY_CARD, "model_card.md"),
        (BLANK_TEMPLATE, "model_card.md"),
        (BROKEN_CARD, "model_card.md"),
        (ORDINARY_PAGE, "notes.md"),
        (TEMPLATE_PAGE, "guide.md"),
    ]
    found = []
    for n in range(count):
        text, name = kinds[n % len(kinds)]
        found.append((f"group{n % 7}/page{n:03d}_{name}", text.replace("BeetleNet", f"BeetleNet{n}")))
    return found


def outcomes(site: CardSite) -> tuple[dict[str, object], dict[str, str], dict[str, bytes]]:
    reports = {path: report.as_dict() for path, report in sorted(site.reports.items())}
    for path, report in site.reports.items():
        reports[path + " diagnostics"] = [d.located(path) for d in report.diagnostics]
    return reports, dict(site.templates), {path: seen[0] for path, seen in site.seen.items()}


def scored(pages: list[tuple[str, str]], jobs: int, site: CardSite | None = None) -> CardSite:
    site = site or CardSite(load_checklist("model"))
    site.consider_all(pages, jobs, parallel.recipe_for(site))
    site.settle()
    return site


def test_workers_give_the_same_reports_templates_and_digests_as_the_build_process() -> None:
    work = pages(3 * parallel.MIN_PAGES)
    alone = scored(work, 0)
    assert alone.reports and alone.templates  # the fixture has cards and templates
    assert outcomes(scored(work, 2)) == outcomes(alone)


def test_reports_come_back_pointing_at_the_checklists_loaded_here() -> None:
    site = scored(pages(parallel.MIN_PAGES), 2)
    model = load_checklist("model")
    for report in site.reports.values():
        assert report.score.checklist is model
        assert all(result.item is model.items[n] for n, result in enumerate(report.score.items))


def test_report_for_waits_for_one_page_and_settle_for_the_rest() -> None:
    work = pages(2 * parallel.MIN_PAGES)
    site = CardSite(load_checklist("model"))
    site.consider_all(work, 2, parallel.recipe_for(site))
    first_card = work[0][0]
    assert site.report_for(first_card) is not None
    assert site.report_for("not/a/page.md") is None
    site.settle()
    assert outcomes(site) == outcomes(scored(work, 0))


def test_few_pages_are_scored_in_the_build_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_workers(*args: object) -> None:
        raise AssertionError("no worker may start for a handful of pages")

    monkeypatch.setattr(parallel, "Scoring", no_workers)
    site = scored(pages(parallel.MIN_PAGES - 1), 2)
    assert site.reports


def test_a_rebuild_hands_only_changed_pages_to_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    work = pages(2 * parallel.MIN_PAGES)
    first = scored(work, 2)
    handed: list[int] = []
    real = parallel.Scoring

    def counting(site: CardSite, recipe: parallel.Recipe, todo: list[tuple[str, str]], jobs: int) -> object:
        handed.append(len(todo))
        return real(site, recipe, todo, jobs)

    monkeypatch.setattr(parallel, "Scoring", counting)
    edited = [(path, text + "\nEdited.\n") if n < 3 else (path, text) for n, (path, text) in enumerate(work)]
    second = CardSite(load_checklist("model"))
    second.reuse(first)
    scored(edited, 2, second)
    assert handed == []  # three changed pages: scored here, the rest reused
    assert outcomes(second) == outcomes(scored(edited, 0))


def test_workers_started_afresh_load_the_same_checklists(tmp_path: Path) -> None:
    """With other threads running (a `mkdocs serve` rebuild) workers are not forked but started afresh."""
    checklist_file = tmp_path / "lab.yml"
    model = (Path(checklist.__file__).parent / "checklists" / "model.yml").read_text(encoding="utf-8")
    checklist_file.write_text(model.replace("name: model\n", "name: lab\n", 1), encoding="utf-8")
    lab = load_checklist(str(checklist_file))
    work = pages(parallel.MIN_PAGES)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        site = scored(work, 1, CardSite(lab))
    finally:
        stop.set()
        other.join()
    assert outcomes(site) == outcomes(scored(work, 0, CardSite(lab)))
    assert {r.score.checklist.name for r in site.reports.values()} == {"lab"}
    assert all(r.score.checklist is lab for r in site.reports.values())


def test_a_checklist_that_exists_only_here_keeps_the_scoring_here() -> None:
    text = "name: mem\ntitle: Memory card\nitems:\n  - id: uses\n    label: Uses\n    group: Uses\n" + (
        "    detect: {headings: [Uses]}\n"
    )
    site = CardSite(parse_checklist(text))
    assert parallel.recipe_for(site) is None
    with pytest.raises(ChecklistError):
        checklist_from_source(site.checklist.source)


def test_checklists_travel_as_references_not_copies() -> None:
    site = scored(pages(10), 0)
    found = [(path, report, None) for path, report in site.reports.items()]
    wire = parallel.dumps(found, site.candidates)
    assert len(wire) < len(pickle.dumps(found)) / 3
    back = parallel.loads(wire)
    assert [r.as_dict() for _, r, _ in back if r] == [r.as_dict() for _, r, _ in found if r]


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_site_built_with_workers_is_the_site_built_without(tmp_path: Path, theme: str) -> None:
    files: dict[str, str | bytes] = dict(SITE)
    for path, text in pages(parallel.MIN_PAGES + 10):
        files[f"many/{path}"] = text
    built = {}
    for jobs in (0, 2):
        root = tmp_path / f"jobs{jobs}"
        extensions = ["admonition", "pymdownx.details", "attr_list", {"toc": {"permalink": True}}]
        config = make_site(
            root, files, plugins=["search", {"modelcard": {"jobs": jobs}}], theme=theme, markdown_extensions=extensions
        )
        site = build_site(config)
        built[jobs] = {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*"))
            if p.is_file() and not p.name.startswith("sitemap.xml")
        }
    # The build date in the theme's footer comment is the only difference MkDocs itself makes between builds.
    for pages_built in built.values():
        for name, content in pages_built.items():
            if name.endswith(".html"):
                pages_built[name] = b"\n".join(
                    line for line in content.split(b"\n") if not line.startswith(b"Build Date UTC")
                )
    assert built[0].keys() == built[2].keys()
    assert [name for name in built[0] if built[0][name] != built[2][name]] == []
    assert any(name.startswith("model-cards/badges/many-") for name in built[2])


def test_a_negative_number_of_jobs_is_refused(tmp_path: Path) -> None:
    config = make_site(tmp_path, dict(SITE), plugins=[{"modelcard": {"jobs": -1}}])
    with captured_mkdocs_logs() as records, pytest.raises((PluginError, Abort)):
        build_site(config)
    assert any("jobs: expected a number of processes, 0 or more, not -1" in r.getMessage() for r in records)


def test_default_jobs_leave_one_cpu_to_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    for cpus, jobs in ((1, 0), (2, 1), (3, 2), (16, 4)):
        monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid, n=cpus: set(range(n)), raising=False)
        assert parallel.default_jobs() == jobs


def test_workers_render_checklists_linked_as_the_page_will_be() -> None:
    work = pages(2 * parallel.MIN_PAGES)
    site = CardSite(load_checklist("model"))
    settings = parallel.PageSettings(slugify=toc_slugify, bands={"good": 80, "fair": 50, "poor": 0})
    site.consider_all(work, 2, parallel.recipe_for(site, settings))
    site.settle()
    assert site.prepared.keys() == site.reports.keys()
    texts = dict(work)
    kept, redone = 0, 0
    for path, prepared in site.prepared.items():
        page = markdown.Markdown(extensions=["toc", "tables"]).convert(texts[path])
        actual = section_anchors(site.reports[path].card.sections, page)
        if prepared.anchors == actual:
            kept += 1
            assert prepared.checklist == Renderer(bands=settings.bands).checklist(site.reports[path], actual)
        else:
            redone += 1
            assert "Hidden heading" in texts[path]  # the page's ids differ: the build renders this one itself
    assert kept and redone


def test_pages_that_surely_are_no_cards_are_decided_without_workers() -> None:
    # The site's first page is usually its home page: the build must not wait for a worker to say it is none.
    ordinary = [
        (f"notes/page{n:03d}.md", f"# Installing, part {n}\n\nRun `pip install`.\n")
        for n in range(2 * parallel.MIN_PAGES)
    ]
    site = CardSite(load_checklist("model"))
    site.consider_all(ordinary, 2, parallel.recipe_for(site))
    assert site._scoring is None  # nothing left to score: no worker was started
    assert set(site.seen) == {path for path, _ in ordinary}
    assert not site.reports and not site.templates
    mixed = ordinary + pages(2 * parallel.MIN_PAGES)
    site = CardSite(load_checklist("model"))
    site.consider_all(mixed, 2, parallel.recipe_for(site))
    assert site._scoring is not None
    assert not site._waiting & {path for path, _ in ordinary}
    site.settle()
    assert outcomes(site) == outcomes(scored(mixed, 0))


def test_frozen_heap_leaves_nothing_frozen_after_it() -> None:
    before = gc.get_freeze_count()
    with parallel.frozen_heap():
        assert gc.get_freeze_count() > before  # the objects alive now are left out of the collector's passes
    assert gc.get_freeze_count() == 0  # and collectable again for a caller that goes on in this process
    with pytest.raises(ValueError), parallel.frozen_heap():
        raise ValueError
    assert gc.get_freeze_count() == 0
