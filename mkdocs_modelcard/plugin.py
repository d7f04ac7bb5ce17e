"""MkDocs events in, calls on the framework-free modules out."""

from __future__ import annotations

import functools
import json
import posixpath
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .checklist import ChecklistError, load_checklist
from .config import ModelCardConfig
from .detect import DetectOptions
from .engine import catalogue
from .render import Renderer, inject, section_anchors
from .site import CardSite, badge_slugs, missing_summary, summary_line

log = get_plugin_logger(__name__)

CSS_PATH = "assets/modelcard/modelcard.css"
JS_PATH = "assets/modelcard/modelcard.js"
ASSETS = Path(__file__).parent / "assets"


class ModelCardPlugin(BasePlugin[ModelCardConfig]):
    def __init__(self) -> None:
        self.site: CardSite | None = None
        self.renderer = Renderer()
        self.files: dict[str, File] = {}
        self.index_src: str | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defined so MkDocs keeps one instance across ``serve`` rebuilds; state is reset per build."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.site = None
        if not self.config.enabled:
            return None
        base_dir = Path(config.config_file_path or ".").parent
        resolve = functools.partial(load_checklist, base_dir=base_dir)
        options = DetectOptions(self.config.include, self.config.exclude, self.config.auto_detect)
        try:
            self.site = CardSite(resolve(self.config.checklist), options, dict(self.config.checklists), resolve)
        except ChecklistError as exc:
            raise PluginError(f"modelcard: {exc}") from exc
        custom_dir = config.theme.custom_dir
        overrides = [str(Path(custom_dir) / "modelcard")] if custom_dir else []
        bands: dict[str, float] = {"good": self.config.bands.good, "fair": self.config.bands.fair, "poor": 0}
        self.renderer = Renderer(overrides, bands)
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        if self.config.index and JS_PATH not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_PATH)
        return config

    @event_priority(-50)  # after plugins that generate pages, so their cards are seen too
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return None
        self.files = {}
        for file in files.documentation_pages():
            try:
                text = file.content_string
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("%s: cannot read the page (%s); it is not checked", file.src_uri, exc)
                continue
            report = self.site.consider(file.src_uri, text)
            if report is not None:
                self.files[file.src_uri] = file
                for diagnostic in report.diagnostics:
                    line = f":{diagnostic.line}" if diagnostic.line else ""
                    log.warning("%s%s: %s", file.src_uri, line, diagnostic.message)
        for path in (CSS_PATH, JS_PATH) if self.config.index else (CSS_PATH,):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(ASSETS / Path(path).name)))
        if self.config.badges:
            folder = posixpath.dirname(self.config.index_path)
            for src, slug in badge_slugs(self.site.reports).items():
                svg = self.renderer.badge_for(self.site.reports[src])
                files.append(File.generated(config, posixpath.join(folder, "badges", f"{slug}.svg"), content=svg))
        self.index_src = None
        if self.config.index:
            # The machine-readable catalogue beside the index: the CLI's JSON for the same cards.
            cards = [(r.path, r) for r in self.site.sorted_by_path()]
            document = json.dumps(catalogue(cards), ensure_ascii=False) + "\n"
            folder = posixpath.dirname(self.config.index_path)
            files.append(File.generated(config, posixpath.join(folder, "cards.json"), content=document))
            self.index_src = self.config.index_path
            if files.get_file_from_path(self.index_src) is None:
                content = f"# {self.config.index_title}\n"
                files.append(File.generated(config, self.index_src, content=content))
        self._report()
        return files

    def _report(self) -> None:
        assert self.site is not None
        for report in self.site.sorted_by_path():
            if report.score.incomplete:
                log.warning(
                    "%s: %s is incomplete; missing required items: %s",
                    report.path,
                    report.score.checklist.title.lower(),
                    ", ".join(r.item.label for r in report.score.incomplete),
                )
        threshold = self.config.fail_under
        if threshold is not None:
            for report in self.site.below(threshold):
                log.warning(
                    "%s: %s scores %d%%, below fail_under %s%%; missing required items: %s",
                    report.path,
                    report.score.checklist.title.lower(),
                    report.score.percent,
                    f"{threshold:g}",
                    missing_summary(report),
                )
        log.info(summary_line(self.site.reports.values()))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.site is None:
            return None
        src = page.file.src_uri
        report = self.site.reports.get(src)
        if report is not None:
            badge = self.renderer.badge(report) if self.config.badge else ""
            checklist = ""
            if self.config.show_checklist:
                anchors = section_anchors(report.card.sections, html)
                checklist = self.renderer.checklist(
                    report, anchors, open_=self.config.checklist_open, guidance=self.config.show_guidance
                )
            if badge:
                badge = f'<p class="modelcard-badge-line">{badge}</p>'
            html = inject(html, badge, checklist, self.config.checklist_placement)
        if src == self.index_src:
            html += self.renderer.index(self.site, lambda r: get_relative_url(self.files[r.path].url, page.url))
        return html
