"""Small hostile cases of the CLI, the scaffold, the renderer and the fast matcher."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import EMPTY_CARD, GOOD_CARD, write_tree

from mkdocs_modelcard.checklist import parse_checklist
from mkdocs_modelcard.cli import main
from mkdocs_modelcard.engine import analyse
from mkdocs_modelcard.patterns import ContentPattern, lowered_for_search
from mkdocs_modelcard.render import inject
from mkdocs_modelcard.scaffold import scaffold

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def docs_example_checklist() -> str:
    text = (ROOT / "docs/custom-checklists.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(name: tool\n.*?)```", text, re.DOTALL)
    assert found is not None
    return found.group(1)


def test_new_card_from_the_docs_example_scores_nothing() -> None:
    checklist = parse_checklist(docs_example_checklist(), "tool-card.yml")
    card = scaffold(checklist, "Sorter")
    assert analyse(card, "sorter_tool_card.md", checklist).score.percent == 0  # 43% before
    assert "<!--  -->" not in card


def test_guidance_cannot_close_its_comment() -> None:
    guidance = "guidance: 'ends --> here --!> too'"
    text = f"name: x\nitems:\n  - {{id: a, label: A, group: G, {guidance}, detect: {{headings: [a]}}}}\n"
    checklist = parse_checklist(text, "x.yml")
    card = scaffold(checklist, "X")
    assert "<!-- ends -- > here --! > too -->" in card
    assert analyse(card, "x.md", checklist).score.percent == 0


def test_new_refuses_a_folder_and_reports_an_unwritable_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("new", "newname/")
    assert code == 2 and "newname/ is a folder" in err
    assert not (tmp_path / "newname").exists()
    (tmp_path / "existing").mkdir()
    code, _, err = run("new", "existing")
    assert code == 2 and "is a folder" in err

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = run("new", "existing/x_model_card.md")
    assert code == 1 and err == "mkdocs-modelcard: cannot write existing/x_model_card.md: Permission denied\n"


@pytest.fixture
def many_cards(tmp_path: Path) -> Path:
    # Empty cards: 44 missing items each, so the report (about 500 KB) is far more than a pipe holds.
    write_tree(tmp_path / "docs", {f"m{i}_model_card.md": EMPTY_CARD for i in range(300)})
    return tmp_path / "docs"


def check_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs_modelcard", "check", str(folder)]


def test_a_closed_pipe_is_not_a_traceback(many_cards: Path) -> None:
    proc = subprocess.Popen(check_command(many_cards), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 3
    assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_reported(many_cards: Path) -> None:
    with Path("/dev/full").open("w") as full:
        proc = subprocess.run(
            check_command(many_cards), stdout=full, capture_output=False, stderr=subprocess.PIPE, env=ENV, check=False
        )
    assert proc.returncode == 3
    assert proc.stderr.decode().strip() == "mkdocs-modelcard: cannot write the report: No space left on device"


def test_a_closed_stdout_is_reported(many_cards: Path) -> None:
    proc = subprocess.run(
        [*check_command(many_cards)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 3
    assert "standard output is closed" in proc.stderr.decode()


def test_sarif_uri_is_percent_encoded_and_markdown_paths_have_no_stray_backslashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "docs", {"my cards/a#1_model_card.md": GOOD_CARD.replace("- **Paper:**", "- Other:")})
    monkeypatch.chdir(tmp_path)
    _, out, _ = run("check", "docs", "--format", "sarif")
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(out)["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert uris == {"docs/my%20cards/a%231_model_card.md"}
    _, out, _ = run("check", "docs", "--format", "markdown")
    assert "<code>docs/my cards/a#1_model_card.md</code>" in out
    assert "\\_" not in out.split("<code>")[1].split("</code>")[0]


def test_badge_goes_after_the_real_title_not_one_in_a_comment() -> None:
    page_html = "<!-- hide </h1> --><h1>Title</h1><p>x</p>"
    result = inject(page_html, "<p>BADGE</p>", "", "top")
    assert result.index("BADGE") > result.index("<h1>Title</h1>")
    assert inject("<!-- unclosed </h1>", "B", "", "top").startswith("\nB")


@pytest.mark.parametrize(
    ("pattern", "text"),
    [("[A-z]_x", "__x"), ("\\bİstanbul", "istanbul"), ("[À-Ý]", "×"), ("[a-z]+x", "ABX"), ("\\b[0-9]+", "a 1")],
)
def test_fast_matcher_answers_as_ignorecase_does(pattern: str, text: str) -> None:
    found = re.search(pattern, text, re.IGNORECASE)
    assert ContentPattern(pattern).span(text, lowered_for_search(text)) == (found.span() if found else None)
