"""The checklist model: the built-in checklist matches the spec, and broken files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_modelcard.checklist import ChecklistError, builtin_names, load_checklist, parse_checklist
from mkdocs_modelcard.outline import lexicon

# spec/model-card-items.tsv (id, group, label, optional), embedded so the test runs without ../shared.
SPEC = [
    ("model_name", "General Information", "Model Name", False),
    ("model_summary", "General Information", "Model Summary", False),
    ("license", "General Information", "License", False),
    ("languages", "General Information", "Language(s)", False),
    ("tags", "General Information", "Tags", False),
    ("datasets", "General Information", "Datasets", False),
    ("metrics", "General Information", "Metrics", False),
    ("detailed_summary", "Model Details", "Detailed Summary", False),
    ("developed_by", "Model Details", "Developed by", False),
    ("model_type", "Model Details", "Model Type", False),
    ("fine_tuned_from", "Model Details", "Fine-tuned from", True),
    ("version", "Model Details", "Version", False),
    ("repository", "Model Details", "Repository", False),
    ("paper", "Model Details", "Paper", True),
    ("demo", "Model Details", "Demo", True),
    ("direct_use", "Uses", "Direct Use", False),
    ("downstream_use", "Uses", "Downstream Use", False),
    ("out_of_scope_use", "Uses", "Out-of-Scope Use", False),
    ("bias_risks_limitations", "Bias, Risks, and Limitations", "Bias, Risks, and Limitations", False),
    ("recommendations", "Bias, Risks, and Limitations", "Recommendations", False),
    ("usage_instructions", "Getting Started", "Usage Instructions", False),
    ("installation_guide", "Getting Started", "Installation Guide", False),
    ("training_data", "Training Details", "Training Data", False),
    ("preprocessing", "Training Details", "Preprocessing", False),
    ("training_procedure", "Training Details", "Training Procedure", False),
    ("training_hyperparameters", "Training Details", "Training Hyperparameters", False),
    ("speeds_sizes_times", "Training Details", "Speeds, Sizes, Times", False),
    ("testing_data", "Evaluation", "Testing Data", False),
    ("factors", "Evaluation", "Factors", False),
    ("evaluation_metrics", "Evaluation", "Metrics", False),
    ("results", "Evaluation", "Results", False),
    ("benchmark_comparisons", "Evaluation", "Benchmark Comparisons", False),
    ("interpretability", "Model Examination", "Interpretability", False),
    ("visualization", "Model Examination", "Visualization", False),
    ("compute_region", "Environmental Impact", "Compute Region", False),
    ("hardware_type", "Environmental Impact", "Hardware Type", False),
    ("training_hours", "Environmental Impact", "Training Hours", False),
    ("carbon_emissions", "Environmental Impact", "Carbon Emissions", False),
    ("model_architecture", "Technical Specifications", "Model Architecture", False),
    ("performance_metrics", "Technical Specifications", "Performance Metrics", False),
    ("model_size", "Technical Specifications", "Model Size", False),
    ("compute_requirements", "Technical Specifications", "Compute Requirements", False),
    ("license_details", "Licensing and Citation", "License", False),
    ("citation", "Licensing and Citation", "Citation", False),
    ("funding", "Acknowledgements", "Funding and Support", False),
    ("definitions", "Glossary", "Definitions", True),
    ("notes", "Additional Information", "Notes", False),
    ("card_authors", "Additional Information", "Model Card Authors", False),
    ("card_contact", "Additional Information", "Model Card Contact", True),
]


def test_builtin_model_checklist_matches_the_spec() -> None:
    checklist = load_checklist("model")
    assert [(i.id, i.group, i.label, i.optional) for i in checklist.items] == SPEC
    assert len(checklist.required) == 44
    assert all(item.guidance for item in checklist.items)
    assert checklist.groups[0] == "General Information"


def test_builtin_names_and_unknown_name() -> None:
    assert "model" in builtin_names()
    with pytest.raises(ChecklistError, match="neither a built-in checklist"):
        load_checklist("no-such")


def test_custom_checklist_file_relative_to_base_dir(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(
        "name: mine\ntitle: Tool card\nitems:\n"
        "  - id: purpose\n    label: Purpose\n    group: Basics\n    detect: {headings: [purpose, why*]}\n",
        encoding="utf-8",
    )
    checklist = load_checklist("mine.yml", tmp_path)
    assert checklist.name == "mine" and checklist.title == "Tool card"
    assert [i.id for i in lexicon(checklist).items_for_heading("why we built it")] == ["purpose"]


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("items: [", ["not valid YAML", "my-checklist.yml:"]),
        ("- a\n- b\n", ["must be a mapping"]),
        ("name: x\nitems: []\n", ["key 'items'", "non-empty list"]),
        (
            "name: x\nitems:\n  - id: a\n    label: A\n    group: G\n",
            ["item 'a'", "key 'detect'", "at least one detector"],
        ),
        ("name: x\nitems:\n  - id: a\n    label: A\n    detect: {headings: [a]}\n", ["item 'a'", "key 'group'"]),
        ("name: x\nitems:\n  - id: Bad-Id\n    label: A\n    group: G\n    detect: {headings: [a]}\n", ["key 'id'"]),
        (
            "name: x\nitems:\n  - id: a\n    label: A\n    group: G\n    weight: -1\n    detect: {headings: [a]}\n",
            ["item 'a'", "key 'weight'"],
        ),
        (
            "name: x\nitems:\n  - id: a\n    label: A\n    group: G\n    detect: {patterns: ['(']}\n",
            ["item 'a'", "patterns", "invalid regular expression"],
        ),
        (
            "name: x\nitems:\n  - id: a\n    label: A\n    group: G\n    colour: red\n    detect: {headings: [a]}\n",
            ["item 'a'", "key 'colour'", "unknown key"],
        ),
        (
            "name: x\nitems:\n  - {id: a, label: A, group: G, detect: {headings: [a]}}\n"
            "  - {id: a, label: B, group: G, detect: {headings: [b]}}\n",
            ["item 'a'", "duplicate id"],
        ),
    ],
)
def test_broken_checklists_name_file_item_and_key(text: str, fragments: list[str]) -> None:
    with pytest.raises(ChecklistError) as info:
        parse_checklist(text, "my-checklist.yml")
    message = str(info.value)
    assert "my-checklist.yml" in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        (
            "name: x\nitems:\n  - id: a\n    label: A\n    group: G\n    detect: {heading: [a]}\n",
            ["item 'a'", "key 'heading'", "unknown key"],
        ),
        (
            "name: x\ncolour: red\nitems:\n  - {id: a, label: A, group: G, detect: {headings: [a]}}\n",
            ["checklist", "key 'colour'", "unknown key"],
        ),
        (
            "name: x\nplaceholders: ['[']\nitems:\n  - {id: a, label: A, group: G, detect: {headings: [a]}}\n",
            ["key 'placeholders'", "invalid regular expression"],
        ),
        (
            "name: x\nitems:\n  - {id: a, label: A, group: G, detect: {headings: [a], content: mine}}\n",
            ["item 'a'", "content", "all, own, prose"],
        ),
        (
            "name: x\nitems:\n  - {id: a, label: A, group: G, min_words: 0, detect: {headings: [a]}}\n",
            ["item 'a'", "key 'min_words'"],
        ),
    ],
)
def test_strict_validation_of_detectors_and_top_level_keys(text: str, fragments: list[str]) -> None:
    with pytest.raises(ChecklistError) as info:
        parse_checklist(text, "lab.yml")
    message = str(info.value)
    assert "lab.yml" in message
    for fragment in fragments:
        assert fragment in message


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "two.yml"
    path.write_text(
        "name: x\nitems:\n  - {id: a, label: A, group: G, detect: {heading: [a]}}\n"
        "  - {id: b, label: B, group: G, weight: heavy, detect: {headings: [b]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ChecklistError) as info:
        load_checklist(str(path))
    message = str(info.value)
    assert str(path) in message and "item 'a'" in message and "item 'b'" in message


def test_builtin_placeholders_and_stock_text_compile_one_by_one() -> None:
    checklist = load_checklist("model")
    assert len(checklist.placeholder_parts) == len(checklist.placeholders)
    assert len(checklist.stock_parts) == len(checklist.stock_text)
    assert checklist.placeholder_re is not None and checklist.placeholder_re.search("[More Information Needed]")
    assert checklist.stock_re is not None
    assert checklist.stock_re.search("Use the code below\nto get *started* with the model.")
