"""Which pages are cards."""

from __future__ import annotations

import pytest
from sitebuild import CHECKLIST_PAGE, GOOD_CARD, ORDINARY_PAGE, TEMPLATE_PAGE

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.detect import DetectOptions, is_card, worth_reading

MODEL = load_checklist("model")


def detected(path: str, text: str, **options: object) -> bool:
    opts = DetectOptions(**options)  # type: ignore[arg-type]
    return worth_reading(path, text, MODEL, opts) and is_card(path, read_card(text), MODEL, opts)


@pytest.mark.parametrize(
    "name",
    [
        "model_card.md",
        "model-card.md",
        "MODEL_CARD.md",
        "ModelCard.md",
        "BioCLIP_ModelCard.md",
        "MUSICGEN_MODEL_CARD.md",
    ],
)
def test_card_like_file_names(name: str) -> None:
    assert detected(f"models/{name}", "# Anything\n")


def test_h1_with_checklist_headings() -> None:
    assert detected("docs/beetles.md", GOOD_CARD)
    assert not detected("docs/beetles.md", "# Model Card for X\n\n## Uses\n\nText.\n")  # one heading is not enough


def test_checklist_template_and_ordinary_pages_are_not_cards() -> None:
    assert not detected("guide/Model-Checklist.md", CHECKLIST_PAGE)
    assert not detected("guide/template.md", TEMPLATE_PAGE)
    assert not detected("about.md", ORDINARY_PAGE)


def test_front_matter_wins_over_everything() -> None:
    assert detected("about.md", "---\nmodelcard: true\n---\n# About\n")
    assert detected("about.md", "---\nmodelcard: {checklist: model}\n---\n# About\n")
    assert not detected("x_model_card.md", "---\nmodelcard: false\n---\n# X\n")
    assert detected("drafts/x.md", "---\nmodelcard: true\n---\n# X\n", exclude=["drafts/**"])


def test_include_exclude_and_auto_off() -> None:
    assert detected("lab/notes.md", ORDINARY_PAGE, include=["lab/**"])
    assert not detected("drafts/model_card.md", GOOD_CARD, exclude=["drafts/*"])
    assert not detected("model_card.md", GOOD_CARD, auto=False)
