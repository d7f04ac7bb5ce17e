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


def evidence(text: str, item: str) -> tuple[str, str, int | None] | None:
    result = next(r for r in score_card(read_card(text), MODEL).items if r.item.id == item)
    return None if result.evidence is None else (result.evidence.source, result.evidence.text, result.evidence.line)


@pytest.mark.parametrize(
    "value",
    [
        "[More Information Needed]",
        "[more information needed - ask the PI]",
        "More information needed for further recommendations.",
        "TBD",
        "TODO: write this",
        "Coming soon.",
        "N/A",
        "none yet",
        "[Project Repo]",
        "",
    ],
)
def test_placeholder_field_values_are_missing(value: str) -> None:
    result = filled(f"# Model Card for X\n\n- **Repository:** {value}\n- **Paper:** {value}\n")
    assert not result["repository"] and not result["paper"]


def test_model_name_placeholders_in_front_matter_and_title() -> None:
    assert not filled("---\nmodel_name:\n---\n# Model Card for [Model Name]\n")["model_name"]
    assert filled("---\nmodel_name: HabitatNet\n---\n# Model Card for [Model Name]\n")["model_name"]
    assert not filled("# Model ID\n")["model_name"]


def test_unfilled_field_labels_do_not_feed_patterns() -> None:
    text = (
        "# M\n\n- **Fine-tuned from model:** [More Information Needed]\n"
        "- **Carbon Emitted:** [More Information Needed]\n"
    )
    result = filled(text)
    assert not result["fine_tuned_from"] and not result["carbon_emissions"]
    assert filled("# M\n\nWe fine-tuned from ResNet-50 weights.\n")["fine_tuned_from"]


def test_sub_bullets_are_field_values_not_prose() -> None:
    bullets = "## Model Description\n\n- **Developed by:**\n  - Ada Lovelace, Analytical Lab\n  - Grace Hopper\n"
    result = filled(f"# M\n\n{bullets}")
    assert result["developed_by"]
    assert not result["detailed_summary"]  # bullets of other fields are not a description
    prose = "This model sorts moth photographs from light traps so that night surveys take minutes.\n"
    assert filled(f"# M\n\n{bullets}\n{prose}")["detailed_summary"]


def test_a_field_labelled_like_a_section_fills_that_item() -> None:
    text = "# Model Card\n- Intended use: demos and teaching only\n- Limitations: sarcasm, very short inputs\n"
    result = filled(text)
    assert result["direct_use"] and result["bias_risks_limitations"]
    assert evidence(text, "bias_risks_limitations") == ("field", "Limitations", 3)


def test_an_empty_table_is_not_content() -> None:
    empty = "# M\n\n## Evaluation Results\n\n| Metric | Value |\n|--------|-------|\n"
    assert not filled(empty)["results"]
    assert filled(empty + "| accuracy | 0.91 |\n")["results"]


def test_stock_sentence_rewrapped_with_emphasis_and_ui_text() -> None:
    text = (
        "# M\n\n## How to Get Started with the Model\n\n*Use the code below to get\nstarted with the model.*\n\n"
        "<details>\n<summary>Click to expand</summary>\n\n[More Information Needed]\n\n</details>\n"
    )
    assert not filled(text)["usage_instructions"]
    assert filled(text + "\n```python\nmodel = load()\n```\n")["usage_instructions"]


def test_section_holding_only_a_code_block_is_filled() -> None:
    text = "# M\n\n## Citation\n\n```bibtex\n@misc{m2024, title={M}}\n```\n"
    assert evidence(text, "citation") == ("heading", "Citation", 3)


def test_optional_marks_and_trailing_colons_in_headings() -> None:
    text = "# M\n\n### Downstream Use [optional]:\n\nFine-tuning on regional species lists for local surveys.\n"
    assert evidence(text, "downstream_use") == ("heading", "Downstream Use [optional]:", 3)


def test_repository_link_needs_to_be_the_cards_code() -> None:
    other = "# M\n\nWe build on [CLIP](https://github.com/openai/CLIP) features.\n"
    assert not filled(other)["repository"]
    own = "# M\n\nThe code is in our [GitHub repository](https://github.com/lab/m).\n"
    found = evidence(own, "repository")
    assert found is not None and found[0] == "pattern" and found[2] == 3
    assert found[1].endswith("(https://github.com/lab/m")


def test_pattern_evidence_points_at_the_line_and_section() -> None:
    text = "# M\n\n## How we made it\n\nTraining used 4 V100 GPUs for 9 hours.\n"
    result = next(r for r in score_card(read_card(text), MODEL).items if r.item.id == "hardware_type")
    assert result.evidence is not None and result.evidence.source == "pattern"
    assert result.evidence.line == 5
    assert result.evidence.section is not None and result.evidence.section.title == "How we made it"


def test_group_section_evidence_points_at_the_cue_line() -> None:
    text = "# M\n\n## Environmental Impact\n\nWe kept it small.\n\nTraining used 4 V100 GPUs for 9 hours.\n"
    result = next(r for r in score_card(read_card(text), MODEL).items if r.item.id == "hardware_type")
    assert result.evidence is not None and result.evidence.source == "section"
    assert result.evidence.line == 7
    assert result.evidence.section is not None and result.evidence.section.title == "Environmental Impact"


def test_pattern_evidence_skips_the_blank_lines_a_pattern_starts_on() -> None:
    # The version pattern opens with ^\s*, which can match from a blank line above the evidence.
    text = "# M\n\nSome words here.\n\n\n\nLast updated in March 2024\n"
    result = next(r for r in score_card(read_card(text), MODEL).items if r.item.id == "version")
    assert result.evidence is not None and result.evidence.line == 7
