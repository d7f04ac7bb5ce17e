"""MkDocs events in, calls on the framework-free modules out."""

from __future__ import annotations

import functools
import posixpath
import secrets
from pathlib import Path, PureWindowsPath
from typing import Literal

from jinja2 import Environment
from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_markdown_file

from .checklist import ChecklistError, load_checklist
from .config import ModelCardConfig
from .detect import DetectOptions
from .nav import missing_from_nav, nav_line
from .output import is_generated_index
from .parallel import PageSettings, default_jobs, recipe_for
from .render import Renderer, checklist_marker, inject, place_checklist, section_anchors, site_files
from .safetext import one_line
from .site import CardSite, badge_clashes, summary_line, templates_line
from .text import glob_error

log = get_plugin_logger(__name__)

CSS_PATH = "assets/modelcard/modelcard.css"
JS_PATH = "assets/modelcard/modelcard.js"
ASSETS = Path(__file__).parent / "assets"
EXTENSION = "mkdocs_modelcard.extension"


def index_path_error(path: str) -> str | None:
    """Why ``index_path`` cannot be used, or None.

    Badges, ``cards.json`` and the index go where this path says, so it must
    stay inside ``docs_dir`` (and so inside ``site_dir`` once built), and name
    a Markdown page, which is what the index is written as.
    """
    if not path.strip():
        return "expected a page path such as model-cards/index.md"
    if "\\" in path or PureWindowsPath(path).drive or posixpath.isabs(path):
        return "expected a path relative to docs_dir, with / between folders"
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        return "the path leaves docs_dir"
    if not is_markdown_file(normal):
        return "expected a Markdown page (e.g. ending in .md): the index is written as Markdown"
    return None


class ModelCardPlugin(BasePlugin[ModelCardConfig]):
    def __init__(self) -> None:
        self.site: CardSite | None = None
        self.renderer = Renderer()
        self.files: dict[str, File] = {}
        """The cards' files, by source path (for the index's links)."""
        self.pages: dict[str, File] = {}
        """Every page handed to the site, by source path."""
        self.command_output = False
        self.index_src: str | None = None
        self.anchors: dict[str, dict[int, str] | str] = {}
        """Per card page until it is written: its heading ids, or the checklist a worker rendered for them."""
        self.marker = checklist_marker(secrets.token_hex(8))
        self.told_nav: set[tuple[str | None, str]] = set()
        """(config file, index path) pairs already told they are missing from the nav: MkDocs keeps one
        instance for every build in the process, `serve` rebuilds and other sites alike."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defined so MkDocs keeps one instance across ``serve`` rebuilds; state is reset per build."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        earlier, self.site = self.site, None
        if earlier is not None:
            earlier.stop()  # workers of a build that never reached on_env
        # One mkdocs.yml for every host: Zensical ignores this plugin and runs the extension, MkDocs and
        # ProperDocs run this plugin, which stands in for the extension (else each card had two badges).
        if EXTENSION in config.mdx_configs or EXTENSION in config.markdown_extensions:
            config.markdown_extensions = [e for e in config.markdown_extensions if e != EXTENSION]
            config.mdx_configs.pop(EXTENSION, None)
            log.debug("%s is left to Zensical: the plugin does its work here", EXTENSION)
        if not self.config.enabled:
            return None
        base_dir = Path(config.config_file_path or ".").parent
        resolve = functools.partial(load_checklist, base_dir=base_dir)
        options = DetectOptions(self.config.include, self.config.exclude, self.config.auto_detect)
        for name, globs in (("include", options.include), ("exclude", options.exclude)):
            if (error := glob_error(globs)) is not None:
                raise PluginError(f"modelcard: {name}: {error}")
        if (error := glob_error(self.config.checklists)) is not None:
            raise PluginError(f"modelcard: checklists: {error}")
        if self.config.jobs is not None and self.config.jobs < 0:
            raise PluginError(f"modelcard: jobs: expected a number of processes, 0 or more, not {self.config.jobs}")
        if (error := index_path_error(self.config.index_path)) is not None:
            raise PluginError(f"modelcard: index_path {self.config.index_path!r}: {error}")
        try:
            self.site = CardSite(
                resolve(self.config.checklist), options, dict(self.config.checklists), resolve, root=base_dir
            )
        except ChecklistError as exc:
            raise PluginError(f"modelcard: {exc}") from exc
        if earlier is not None:
            self.site.reuse(earlier)  # a `serve` rebuild scores only the pages that changed
        custom_dir = config.theme.custom_dir
        overrides = [str(Path(custom_dir) / "modelcard")] if custom_dir else []
        bands: dict[str, float] = {"good": self.config.bands.good, "fair": self.config.bands.fair, "poor": 0}
        self.renderer = Renderer(overrides, bands)
        # The stylesheet goes on every page (one cached request serves the whole site); the script only
        # on the index, the one page it works on (see on_env).
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        told = (config.config_file_path, self.config.index_path)
        if self.config.index and told not in self.told_nav and missing_from_nav(config.nav, self.config.index_path):
            self.told_nav.add(told)  # once, not on every `serve` rebuild
            log.info(
                "the index page %s is built but not in the explicit nav, so nothing links to it; "
                "add this line under nav: in %s: %s",
                self.config.index_path,
                Path(config.config_file_path or "mkdocs.yml").name,
                nav_line(self.config.index_title, self.config.index_path),
            )
        return config

    @event_priority(-50)  # after plugins that generate pages, so their cards are seen too
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return None
        self.files, self.anchors, self.pages = {}, {}, {}
        pages = []
        for file in files.documentation_pages():
            try:
                text = file.content_string
            except (OSError, UnicodeDecodeError) as exc:
                log.warning(one_line(f"{file.src_uri}: cannot read the page ({exc}); it is not checked"))
                continue
            pages.append((file.src_uri, text))
            self.pages[file.src_uri] = file
        # Scored by worker processes while MkDocs renders the pages; on_page_content takes each card's report.
        jobs = default_jobs() if self.config.jobs is None else self.config.jobs
        self.site.consider_all(pages, jobs, recipe_for(self.site, self.page_settings(config)) if jobs else None)
        for path in (CSS_PATH, JS_PATH) if self.config.index else (CSS_PATH,):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(ASSETS / Path(path).name)))
        index_path = posixpath.normpath(self.config.index_path)
        # A page at the index path that `mkdocs-modelcard index` wrote (for Zensical): that page and the
        # badges and cards.json beside it are the command's copies, and the plugin's own take their place.
        existing_index = files.get_file_from_path(index_path)
        self.command_output = existing_index is not None and _written_by_index_command(existing_index)
        self.index_src = None
        if self.config.index:
            self.index_src = index_path
            if existing_index is None or self.command_output:
                content = f"# {self.config.index_title}\n"
                _replace(files, File.generated(config, self.index_src, content=content))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.site is None:
            return None
        src = page.file.src_uri
        report = self.site.report_for(src) if src in self.pages else None
        if report is None:
            return None
        badge = self.renderer.badge(report) if self.config.badge else ""
        marker = ""
        if self.config.show_checklist:
            # Placed in on_post_page: MkDocs keeps every page's content for the whole build,
            # and the search index need not hold a checklist per card.
            anchors = section_anchors(report.card.sections, html)
            prepared = self.site.prepared.pop(src, None)
            # The worker's checklist links to the ids it expected; it is this page's only if the page has them.
            self.anchors[src] = prepared.checklist if prepared is not None and prepared.anchors == anchors else anchors
            marker = self.marker
        if badge:
            badge = f'<p class="modelcard-badge-line">{badge}</p>'
        return inject(html, badge, marker, self.config.checklist_placement)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Every page's Markdown is rendered: the site-wide results (files, warnings, the index) are due."""
        if self.site is None:
            return None
        self.site.settle()
        self.files = {src: self.pages[src] for src in self.site.reports}
        folder = posixpath.dirname(posixpath.normpath(self.config.index_path))
        extra = site_files(
            self.site, self.renderer, folder, badges=self.config.badges, catalogue_json=self.config.index
        )
        for path, content in extra.items():
            if files.get_file_from_path(path) is not None and not self.command_output:
                # Never replace a file of the site's own: say so, loudly enough to fail a strict build.
                log.warning(one_line(f"{path}: the site has a file of its own here; the generated one is not written"))
                continue
            _replace(files, File.generated(config, path, content=content))  # over the copy `index` wrote
        if self.config.badges:
            for clash in badge_clashes(self.site.reports):
                log.warning(one_line(clash))
        for problem in self.site.problems(self.config.fail_under):
            log.warning(problem)
        if self.site.templates:
            log.info(one_line(templates_line(self.site.templates)))
        log.info(one_line(summary_line(self.site.reports.values())))
        index = files.get_file_from_path(self.index_src) if self.index_src else None
        page = index.page if index is not None else None
        if page is not None and page.content is not None:  # every page is rendered by now, every card scored
            url = page.url
            html = self.renderer.index(self.site, lambda r: get_relative_url(self.files[r.path].url, url))
            # In the content rather than extra_javascript: no other page loads it, and Material's instant
            # navigation runs scripts found in the content it swaps in.
            html += f'\n<script src="{get_relative_url(JS_PATH, url)}" defer></script>'
            page.content = page.content + html
        return env

    def page_settings(self, config: MkDocsConfig) -> PageSettings | None:
        """What workers need to render the page checklists as this build would, if there are checklists."""
        if not self.config.show_checklist:
            return None
        toc = config.mdx_configs.get("toc", {})
        return PageSettings(
            override_dirs=self.renderer.override_dirs,
            bands=self.renderer.bands,
            open_=self.config.checklist_open,
            guidance=self.config.show_guidance,
            slugify=toc.get("slugify", toc_slugify),
            separator=toc.get("separator", "-"),
        )

    def on_build_error(self, *, error: Exception) -> None:
        if self.site is not None:
            self.site.stop()

    @event_priority(100)  # before plugins that minify the page and drop the marker comment
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        anchors = self.anchors.pop(page.file.src_uri, None)
        report = self.site.reports.get(page.file.src_uri) if self.site is not None else None
        if anchors is None or report is None:
            return None
        if isinstance(anchors, str):  # rendered by a worker, for these very anchors
            checklist = anchors
        else:
            checklist = self.renderer.checklist(
                report, anchors, open_=self.config.checklist_open, guidance=self.config.show_guidance
            )
        placed = place_checklist(output, self.marker, checklist)
        if placed is None:
            where = one_line(report.path)
            log.warning(f"{where}: the checklist could not be placed; another plugin removed its marker")
            return None
        return placed


def _replace(files: Files, file: File) -> None:
    """Add a generated file, taking the place of a file of the same path in the docs."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _written_by_index_command(file: File) -> bool:
    """An index.md that `mkdocs-modelcard index` wrote for Zensical: the plugin makes its own in its place."""
    try:
        return is_generated_index(file.content_string)
    except (OSError, UnicodeDecodeError):
        return False
