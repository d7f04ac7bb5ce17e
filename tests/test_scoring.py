"""What counts as filled: placeholders, stock text, empty values, parents, optional items, evidence."""

from __future__ import annotations

import pytest

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.scoring import band, score_card

MODEL = load_checklist("model")


def filled(text: str) -> dict[str, bool]:
    return {r.item.id: r.filled for r in score_card(read_card(text), MODEL).items}


@pytest.mark.parametrize(
    "placeholder",
    [
        "[More Information Needed]",
        "[More Information Needed--optional]",
        "[More Information Needed: hardware requirements]",
        "[More Information Needed -- choose a license (see above notes)]",
        "More information needed.",
        "TBD",
        "TODO",
    ],
)
def test_placeholders_are_missing(placeholder: str) -> None:
    assert not filled(f"# Model Card for X\n\n## Uses\n\n### Direct Use\n\n{placeholder}\n")["direct_use"]


def test_real_text_is_filled() -> None:
    assert filled("# Model Card for X\n\n### Direct Use\n\nSorting beetle photos before review.\n")["direct_use"]


def test_title_placeholders() -> None:
    assert not filled("# Model Card for [Model Name]\n")["model_name"]
    assert not filled("# Model Card for Model ID\n")["model_name"]
    assert not filled("# Model Card\n")["model_name"]
    assert filled("# Model Card for BioCLIP\n")["model_name"]
    assert filled("# GPT-2 model card\n")["model_name"]


def test_empty_field_bullets_and_project_repo() -> None:
    result = filled("# M\n\n- **Developed by:**\n- **Repository:** [Project Repo]\n- **Model type:** CNN\n")
    assert not result["developed_by"]
    assert not result["repository"]
    assert result["model_type"]


def test_stock_sentences() -> None:
    text = (
        "# M\n\n### Recommendations\n\nUsers (both direct and downstream) should be made aware of the risks, "
        "biases and limitations of\nthe model. More information needed for further recommendations.\n\n"
        "## How to Get Started with the Model\n\nUse the code below to get started with the model.\n"
    )
    result = filled(text)
    assert not result["recommendations"]
    assert not result["usage_instructions"]


def test_front_matter_values() -> None:
    result = filled("---\nlicense:\ntags: []\nlanguage: ''\ndatasets: [x/y]\nmetrics: null\n---\n# M\n")
    assert not result["license"] and not result["tags"] and not result["languages"] and not result["metrics"]
    assert result["datasets"]
    assert filled("---\nmodel-index:\n- results:\n  - metrics:\n    - {type: accuracy, value: 0.9}\n---\n")["metrics"]


def test_parent_filled_through_children_and_comments_ignored() -> None:
    text = "# M\n\n## Citation\n\n<!-- write BibTeX -->\n\n### BibTeX\n\n```\n@article{x, title={X}}\n```\n"
    assert filled(text)["citation"]
    assert not filled("# M\n\n## Citation\n\n<!-- @article{x, title={X}} -->\n")["citation"]


def test_optional_items_are_not_counted_and_evidence_has_lines() -> None:
    text = "# Model Card for X\n\n## Model Sources\n\n- **Demo:** https://huggingface.co/spaces/x/y\n"
    score = score_card(read_card(text), MODEL)
    demo = next(r for r in score.items if r.item.id == "demo")
    assert demo.filled and demo.item.optional
    assert demo.evidence is not None and (demo.evidence.source, demo.evidence.line) == ("field", 5)
    assert score.filled_required_count == 1  # only the model name
    assert score.score == pytest.approx(100 / 44)
    assert score.percent == 2
    general = score.groups[0]
    assert (general.name, general.filled, general.total) == ("General Information", 1, 7)


def test_percent_is_never_100_with_missing_items() -> None:
    assert band(95, {"good": 80, "fair": 50, "poor": 0}) == "good"
    assert band(50, {"good": 80, "fair": 50, "poor": 0}) == "fair"
    assert band(10, {"good": 80, "fair": 50, "poor": 0}) == "poor"
