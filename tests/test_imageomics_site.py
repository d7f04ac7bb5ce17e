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


GUIDE_PAGE = """\
# About Model Cards

A model card tells readers what a model is for and how far to trust it.

## Why write one

Reviewers and users look for the intended uses, the training data and the limitations first.

## What goes in a model card

Follow the [checklist](Model-Checklist.md): model details, uses, bias, risks and limitations,
training details, evaluation, environmental impact, citation.

## Where to put it

Publish it as the README of the model's Hugging Face repository.
"""

REAL_CARD = Path(__file__).resolve().parents[1] / "docs" / "examples" / "beetle-classifier_model_card.md"


def test_imageomics_site_badges_exactly_the_cards(tmp_path: Path) -> None:
    """Laid out like the guide: only the real card is badged; the raw templates are named once in the log."""
    model_template = (SEED / "imageomics" / "HF_ModelCard_Template_Imageomics.md").read_text(encoding="utf-8")
    dataset_template = (SEED / "imageomics" / "HF_DatasetCard_Template_Imageomics.md").read_text(encoding="utf-8")
    # The guide also shows the template inside a code block on a wrapper page.
    wrapper = "# Model Card Template\n\nCopy this into your README.md.\n\n````markdown\n" + model_template + "\n````\n"
    real = "models/BioCLIP_ModelCard.md"
    real_text = (
        (CORPUS / "Imageomics__bioclip__docs__imageomics__BioCLIP_ModelCard.md").read_text(encoding="utf-8")
        if CORPUS.is_dir()
        else REAL_CARD.read_text(encoding="utf-8")
    )
    files = {
        "index.md": "# Imageomics Guide\n\n## Uses\n\nHow we use this guide.\n",
        "wiki-guide/Model-Checklist.md": (SEED / "model-card-checklist.md").read_text(encoding="utf-8"),
        "wiki-guide/Data-Checklist.md": (SEED / "imageomics" / "Data-Checklist.md").read_text(encoding="utf-8"),
        "wiki-guide/HF_ModelCard_Template_Imageomics.md": model_template,
        "wiki-guide/HF_DatasetCard_Template_Imageomics.md": dataset_template,
        "wiki-guide/HF_ModelCard_Template_mkdocs.md": wrapper,
        "wiki-guide/About-Model-Cards.md": GUIDE_PAGE,
        # The raw template copied under a card-like name: its title still says "[Model Name]".
        "models/untouched_ModelCard.md": model_template,
        real: real_text,
    }
    config = make_site(tmp_path, files, **imageomics_config())
    with captured_mkdocs_logs() as records:
        site = build_site(config)
    assert not [r for r in records if r.levelname == "ERROR"]

    for src in files:
        html = src[:-3] + "/index.html" if not src.endswith("index.md") else src[:-3] + ".html"
        soup = page(site, html)
        is_card = src == real
        assert bool(soup.select(".modelcard-badge")) is is_card, src
        assert len(soup.select("details.modelcard-checklist")) == (1 if is_card else 0), src

    index = page(site, "model-cards/index.html")
    hrefs = [a["href"] for a in index.select("tr.modelcard-row td a")]
    assert hrefs == ["../" + real[:-3] + "/"]
    notes = [r.getMessage() for r in records if "taken as blank templates" in r.getMessage()]
    assert len(notes) == 1 and notes[0].count("(") == 3, notes
    for template in ("HF_ModelCard_Template_Imageomics", "HF_DatasetCard_Template_Imageomics", "untouched_ModelCard"):
        assert template in notes[0]
    assert "still holds a template placeholder" in notes[0]  # the untouched copy, by its title


def test_imageomics_explicit_nav_gets_the_line_to_add(tmp_path: Path) -> None:
    """The guide lists its pages in an explicit nav; the generated index is in none of it."""
    nav = yaml.safe_load((SEED / "imageomics" / "mkdocs.yaml").read_text(encoding="utf-8"))["nav"]
    template = (SEED / "imageomics" / "HF_ModelCard_Template_Imageomics.md").read_text(encoding="utf-8")
    # A card just started from the template: named, the rest still to write.
    started = template.replace("[Model Name]", "BeetleNet", 1)
    files = {"index.md": "# Imageomics Guide\n", "models/beetlenet_ModelCard.md": started}
    config = make_site(tmp_path, files, **imageomics_config(), nav=nav)
    with captured_mkdocs_logs() as records:
        site = build_site(config)
    told = [r.getMessage() for r in records if r.levelname == "INFO" and "not in the explicit nav" in r.getMessage()]
    assert len(told) == 1
    assert told[0].endswith("add this line under nav: in mkdocs.yml: - Model cards: model-cards/index.md")
    # The index is still built; the tooltip of the new card names the group of each shared label.
    cell = page(site, "model-cards/index.html").select_one("td.modelcard-col-missing")
    names = cell["title"].removeprefix("Missing: ").split("; ")
    assert {"Speeds, Sizes, Times", "License (General Information)", "Metrics (Evaluation)"} <= set(names)
