"""The site this plugin is for: the Imageomics guide's configuration, checklist and template pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitebuild import build_site, captured_mkdocs_logs, make_site, page

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed"
CORPUS = SHARED / "corpus" / "model-cards"

pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason="../shared (reference material) is not present")


def imageomics_config() -> dict:
    """The guide's own mkdocs.yaml, minus what needs plugins or files we don't have."""
    config = yaml.safe_load((SEED / "imageomics" / "mkdocs.yaml").read_text(encoding="utf-8"))
    theme = config["theme"]
    theme.pop("logo", None)
    theme.pop("favicon", None)
    plugins = ["search", "modelcard"]
    try:
        import mkdocs_macros  # noqa: F401

        plugins.insert(1, "macros")
    except ImportError:
        pass
    return {
        "theme": theme,
        "markdown_extensions": config["markdown_extensions"],
        "plugins": plugins,
        "use_directory_urls": True,
    }


def test_imageomics_site_badges_exactly_the_cards(tmp_path: Path) -> None:
    template = (SEED / "imageomics" / "HF_ModelCard_Template_Imageomics.md").read_text(encoding="utf-8")
    checklist = (SEED / "model-card-checklist.md").read_text(encoding="utf-8")
    # The guide shows the template inside a code block on its template page.
    template_page = "# Model Card Template\n\nCopy this into your README.md.\n\n````markdown\n" + template + "\n````\n"
    files = {
        "index.md": "# Imageomics Guide\n\n## Uses\n\nHow we use this guide.\n",
        "wiki-guide/Model-Checklist.md": checklist,
        "wiki-guide/HF_ModelCard_Template_mkdocs.md": template_page,
        "models/untouched_ModelCard.md": template,
    }
    if CORPUS.is_dir():
        files["models/BioCLIP_ModelCard.md"] = (
            CORPUS / "Imageomics__bioclip__docs__imageomics__BioCLIP_ModelCard.md"
        ).read_text(encoding="utf-8")
    cards = sorted(k for k in files if k.startswith("models/"))
    config = make_site(tmp_path, files, **imageomics_config())
    with captured_mkdocs_logs() as records:
        site = build_site(config)
    assert not [r for r in records if r.levelname == "ERROR"]

    for src, _ in files.items():
        html = src[:-3] + "/index.html" if not src.endswith("index.md") else src[:-3] + ".html"
        soup = page(site, html)
        is_card = src in cards
        assert bool(soup.select(".modelcard-badge")) is is_card, src
        assert len(soup.select("details.modelcard-checklist")) == (1 if is_card else 0), src

    index = page(site, "model-cards/index.html")
    hrefs = sorted(a["href"] for a in index.select("tr.modelcard-row td a"))
    assert hrefs == sorted("../" + src[:-3] + "/" for src in cards)
    untouched = page(site, "models/untouched_ModelCard/index.html").select_one(".modelcard-badge")
    assert int(untouched["data-modelcard-score"]) < 10


def test_imageomics_explicit_nav_gets_the_line_to_add(tmp_path: Path) -> None:
    """The guide lists its pages in an explicit nav; the generated index is in none of it."""
    nav = yaml.safe_load((SEED / "imageomics" / "mkdocs.yaml").read_text(encoding="utf-8"))["nav"]
    template = (SEED / "imageomics" / "HF_ModelCard_Template_Imageomics.md").read_text(encoding="utf-8")
    files = {"index.md": "# Imageomics Guide\n", "models/untouched_ModelCard.md": template}
    config = make_site(tmp_path, files, **imageomics_config(), nav=nav)
    with captured_mkdocs_logs() as records:
        site = build_site(config)
    told = [r.getMessage() for r in records if r.levelname == "INFO" and "not in the explicit nav" in r.getMessage()]
    assert len(told) == 1
    assert told[0].endswith("add this line under nav: in mkdocs.yml: - Model cards: model-cards/index.md")
    # The index is still built; the tooltip of the untouched template names the group of each shared label.
    cell = page(site, "model-cards/index.html").select_one("td.modelcard-col-missing")
    names = cell["title"].removeprefix("Missing: ").split("; ")
    assert {"Speeds, Sizes, Times", "License (General Information)", "Metrics (Evaluation)"} <= set(names)
