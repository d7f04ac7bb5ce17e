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


CHECKLIST_LIKE = """\
# Model Card Checklist

Below is a checklist of all the sections of a model card.

## General Information

- [ ] **Model Name**: Provide the name of the model.
- [ ] **License**: Choose an appropriate license.

## Model Details

- [ ] **Developed by**: List the developers.

## Uses

- [ ] **Direct Use**: Describe how the model can be used.

## Bias, Risks, and Limitations

- [ ] **Recommendations**: Provide responsible usage recommendations.

## Training Details

- [ ] **Training Data**: Describe the training data.
"""

FENCED_TEMPLATE = """\
# Writing a model card

Start from the skeleton below and fill in every section.

```markdown
# Model Card for [Model Name]

## Model Details

### Model Description

## Uses

### Direct Use

## Bias, Risks, and Limitations

## Training Details

### Training Data
```
"""


@pytest.mark.parametrize("path", ["guide/model-card-checklist.md", "guide/checklist.md"])
def test_the_checklist_page_is_not_a_card_even_with_a_card_like_name(path: str) -> None:
    assert not detected(path, CHECKLIST_LIKE)


def test_a_page_showing_the_template_in_a_fence_is_not_a_card() -> None:
    assert not detected("guide/writing.md", FENCED_TEMPLATE)
    # The same headings outside the fence make it a card.
    assert detected("guide/writing.md", FENCED_TEMPLATE.replace("```markdown\n", "").replace("```\n", ""))


def test_ordinary_pages_with_a_uses_heading_or_no_h1_are_not_cards() -> None:
    assert not detected("about.md", "# About\n\n## Uses\n\nOur lab's models are used widely.\n")
    assert not detected("notes.md", "## Uses\n\n## Training Data\n\n## Citation\n")


def test_front_matter_false_beats_a_card_like_name_and_headings() -> None:
    assert not detected("models/MODEL_CARD.md", "---\nmodelcard: false\n---\n" + GOOD_CARD.split("---\n", 2)[2])
    assert detected("guide/writing.md", "---\nmodelcard: true\n---\n" + FENCED_TEMPLATE)


@pytest.mark.parametrize("name", ["README.md", "index.md", "model.md", "cards.md"])
def test_ordinary_file_names_need_more_than_the_name(name: str) -> None:
    assert not detected(f"models/{name}", "# Anything\n")
