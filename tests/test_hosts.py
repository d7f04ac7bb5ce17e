"""Real builds by the hosts the plugin's users move to: Zensical (the extension) and ProperDocs (the plugin).

Neither host is installed beside MkDocs (ProperDocs takes over ``mkdocs.*``
imports): each lives in a virtual environment of its own, named by
``MODELCARD_ZENSICAL`` and ``MODELCARD_PROPERDOCS`` (the path of its
``zensical`` or ``properdocs`` command; ``.ci/run`` creates both).  Without
them the tests skip, except under CI, where they fail.  The code under test is
this checkout's, through ``PYTHONPATH``.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import (
    CARDS,
    NOT_CARDS,
    SITE,
    build_site,
    page,
    write_tree,
)

from mkdocs_modelcard.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS: list = ["admonition", "pymdownx.details", "attr_list", {"toc": {"permalink": True}}]
# One configuration for every host, as a site on its way from MkDocs to Zensical has it: Zensical ignores the
# plugin and runs the extension; MkDocs and ProperDocs run the plugin, which stands in for the extension.
# No theme: each host's default (Zensical cannot render MkDocs' own themes).
SHARED_CONFIG = {
    "markdown_extensions": [*EXTENSIONS, "mkdocs_modelcard.extension"],
    "plugins": ["search", "modelcard"],
}


def host(variable: str, command: str) -> Path:
    given = os.environ.get(variable) or shutil.which(command)
    if given and Path(given).is_file():
        return Path(given)
    message = f"{command} not found: set {variable} to its path (.ci/run makes a virtual environment for it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run_host(tool: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The checkout's code, and tests/ for the no_page_path helper extension.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(tool), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def html_of(src: str) -> str:
    stem = src[: -len(".md")]
    return stem + ".html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out, err) in (0, 1), err.getvalue()
    return out.getvalue()


def cli_scores(docs: Path) -> dict[str, int]:
    cards = json.loads(cli("check", str(docs), "--format", "json"))["cards"]
    return {Path(c["path"]).relative_to(docs).as_posix(): c["score"] for c in cards}


def write_site(root: Path, **config: object) -> Path:
    write_tree(root / "docs", SITE)
    settings = {"site_name": "Fixture", **config}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("page_path", ["told", "hidden"])
def test_zensical_build_with_the_extension_and_the_index_command(tmp_path: Path, page_path: str) -> None:
    """With the page path Zensical tells extensions, and without it: pages are then found by their text."""
    zensical = host("MODELCARD_ZENSICAL", "zensical")
    hide = ["no_page_path"] if page_path == "hidden" else []
    config = {**SHARED_CONFIG, "markdown_extensions": [*hide, *SHARED_CONFIG["markdown_extensions"]]}
    root = write_site(tmp_path / "with", **config)
    bare = write_site(tmp_path / "bare", **{**SHARED_CONFIG, "markdown_extensions": [*hide, *EXTENSIONS]})
    scores = cli_scores(root / "docs")
    assert sorted(scores) == CARDS
    for site in (root, bare):  # the same docs, so that the navigation is the same
        assert "6 written" in cli("index", str(site / "docs"), "--output", str(site / "docs/model-cards"))
    run_host(zensical, "build", cwd=root)
    run_host(zensical, "build", cwd=bare)

    for src in CARDS:
        soup = page(root / "site", html_of(src))
        badges = soup.select(".modelcard-badge")
        assert len(badges) == 1 and len(soup.select("details.modelcard-checklist")) == 1, src
        assert badges[0]["data-modelcard-score"] == str(scores[src]), src
        assert soup.select_one("details.modelcard-checklist")["data-modelcard-score"] == str(scores[src])
        assert any(".modelcard-badge" in style.get_text() for style in soup.select("style")), src  # inline CSS
        for link in soup.select("details.modelcard-checklist a[href^='#']"):
            assert soup.find(id=link["href"][1:]) is not None, (src, link["href"])
    for src in NOT_CARDS:
        with_extension = (root / "site" / html_of(src)).read_text(encoding="utf-8")
        assert "modelcard" not in with_extension, src
        # Byte for byte what Zensical makes of the page without the extension.
        assert with_extension == (bare / "site" / html_of(src)).read_text(encoding="utf-8"), src

    index = page(root / "site", "model-cards/index.html")
    rows = index.select("table.modelcard-index tr.modelcard-row")
    assert sorted(r["data-path"] for r in rows) == CARDS
    for row in rows:
        assert row["data-score"] == str(scores[row["data-path"]])
        target = (root / "site/model-cards" / row.select_one("a")["href"]).resolve() / "index.html"
        assert target.is_file(), row.select_one("a")["href"]
    written = BeautifulSoup((root / "docs/model-cards/index.md").read_text(encoding="utf-8"), "html.parser")
    assert str(index.select_one(".modelcard-index-page")) == str(written.select_one(".modelcard-index-page"))
    assert index.select_one('script[src="modelcard.js"]') is not None
    for name in ("modelcard.js", "modelcard.css", "cards.json", "badges/models-draft.svg"):
        assert (root / "site/model-cards" / name).is_file(), name


def test_zensical_with_the_stylesheet_in_extra_css(tmp_path: Path) -> None:
    zensical = host("MODELCARD_ZENSICAL", "zensical")
    extension = {"mkdocs_modelcard.extension": {"inline_css": False}}
    root = write_site(tmp_path, markdown_extensions=[*EXTENSIONS, extension], extra_css=["model-cards/modelcard.css"])
    cli("index", str(root / "docs"), "--output", str(root / "docs/model-cards"))
    run_host(zensical, "build", cwd=root)
    soup = page(root / "site", html_of(CARDS[0]))
    assert soup.select(".modelcard-badge")
    assert not any(".modelcard-badge" in style.get_text() for style in soup.select("style"))
    assert any(link["href"].endswith("model-cards/modelcard.css") for link in soup.select("link[rel=stylesheet]"))
    assert (root / "site/model-cards/modelcard.css").is_file()


def test_properdocs_build_with_the_plugin_matches_mkdocs(tmp_path: Path) -> None:
    properdocs = host("MODELCARD_PROPERDOCS", "properdocs")
    config = SHARED_CONFIG
    root = write_site(tmp_path / "properdocs", **config)
    result = run_host(properdocs, "build", "-f", "mkdocs.yml", cwd=root)
    assert "2 model cards" in result.stderr + result.stdout
    reference = build_site(write_site(tmp_path / "mkdocs", **config) / "mkdocs.yml")
    scores = cli_scores(root / "docs")
    for src in CARDS:
        soup = page(root / "site", html_of(src))
        assert soup.select_one(".modelcard-badge")["data-modelcard-score"] == str(scores[src])
        expected = page(reference, html_of(src))
        for selector in (".modelcard-badge-line", "details.modelcard-checklist"):
            assert str(soup.select_one(selector)) == str(expected.select_one(selector)), (src, selector)
    for src in NOT_CARDS:
        assert not page(root / "site", html_of(src)).select(".modelcard-badge, .modelcard-checklist"), src
    index = page(root / "site", "model-cards/index.html")
    assert str(index.select_one(".modelcard-index-page")) == str(
        page(reference, "model-cards/index.html").select_one(".modelcard-index-page")
    )
    for name in ("cards.json", "badges/models-draft.svg"):
        assert (root / "site/model-cards" / name).read_bytes() == (reference / "model-cards" / name).read_bytes()
