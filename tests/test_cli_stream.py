"""``check`` streams its reports and scores in parallel, and still writes the same bytes as before (issue 11).

The oracle is tests/cli_reference.py: the command's code from before it
streamed, which held every report until the end. Every format is compared on a
folder with the cases that make streaming hard: cards whose path order and
string order differ, unreadable files, warnings, gates, dataset cards,
hostile titles, a file named twice, and no cards at all.
"""

from __future__ import annotations

import io
from pathlib import Path

import cli_reference
import pytest
from sitebuild import CHECKLIST_PAGE, EMPTY_CARD, GOOD_CARD, ORDINARY_PAGE, write_tree
from test_checklists_data import DATASET_CARD

from mkdocs_modelcard import cli
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.detect import DetectOptions
from mkdocs_modelcard.safetext import one_line
from mkdocs_modelcard.site import templates_line

HOSTILE = GOOD_CARD.replace(
    "# Model Card for BeetleNet", '# Beetle "</script>" | ] {{ 7*7 }} %0A: , \u00e9\u2028 `x` *y*'
).replace("license: mit", "license: mit\ntitle: 'Beetle: %, \"quoted\" | pipe'")
BROKEN_YAML = "---\nlicense: [mit\n---\n# Model Card for Broken\n\n## Uses\n\nSorting photographs.\n"
NOT_APPLICABLE = GOOD_CARD.replace(
    "license: mit", "license: mit\nmodelcard:\n  not_applicable: {carbon_emitted: no GPU, no_such_item: x}"
)
GATED = "---\nmodelcard: {checklist: checklists/tool.yml}\n---\n# Tool\n\n## Purpose\n\nA tool.\n"
TOOL = """\
name: tool
title: Tool card
items:
  - id: purpose
    label: Purpose
    group: Basics
    detect: {headings: [purpose]}
  - id: licence
    label: Licence
    group: Basics
    required: true
    detect: {fields: [licence, license]}
"""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(
        tmp_path,
        {
            "checklists/tool.yml": TOOL,
            "docs/models/beetle_model_card.md": GOOD_CARD,
            "docs/models/notes.md": EMPTY_CARD.replace("[Model Name]", "Draft"),
            # "models-extra/" sorts before "models/" as a string, after it as a path.
            "docs/models-extra/hostile_model_card.md": HOSTILE,
            "docs/models-extra/unreadable_model_card.md": b"# Model Card for Caf\xe9\n",
            "docs/models/unreadable_model_card.md": b"\xff\xfe# x\n",
            "docs/broken_model_card.md": BROKEN_YAML,
            "docs/na_model_card.md": NOT_APPLICABLE,
            "docs/tool_model_card.md": GATED,
            "docs/datasets/beetle-photos.md": DATASET_CARD,
            "docs/about.md": ORDINARY_PAGE,
            "docs/guide/checklist.md": CHECKLIST_PAGE,
            "docs/crlf_model_card.md": GOOD_CARD.replace("\n", "\r\n"),
            "empty/readme.txt": "not markdown",
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (paths, extra options, include, exclude, auto-detect, --checklists mapping)
RUNS: list[tuple[list[str], list[str], list[str], list[str], bool, dict[str, str]]] = [
    (["docs"], [], [], [], True, {}),
    (["docs", "docs/about.md", "./docs/models", "docs/models/beetle_model_card.md"], [], [], [], True, {}),
    (["docs/models-extra/unreadable_model_card.md", "docs/about.md", "empty"], [], [], [], True, {}),
    (["empty"], [], [], [], True, {}),
    (
        ["docs/models"],
        ["--include", "**/notes.md", "--exclude", "**/beetle*", "--no-auto-detect"],
        ["**/notes.md"],
        ["**/beetle*"],
        False,
        {},
    ),
    (["docs"], ["--checklists", "datasets/**=dataset"], [], [], True, {"datasets/**": "dataset"}),
]


def reference(
    run: tuple[list[str], list[str], list[str], list[str], bool, dict[str, str]],
    fmt: str,
    fail_under: float | None,
    tty: bool,
) -> tuple[int, str, str]:
    """What the command wrote before it streamed: collect everything, then format."""
    paths, _, include, exclude, auto, mapping = run
    resolve = lambda name: load_checklist(name, Path.cwd())  # noqa: E731
    options = DetectOptions(include, exclude, auto)
    result = cli_reference.collect(paths, load_checklist("model"), options, mapping, resolve, root=Path.cwd())
    out, err = (Terminal() if tty else io.StringIO()), io.StringIO()
    if fmt == "text":
        for path, report in result.cards:
            for diagnostic in report.diagnostics:
                err.write(diagnostic.located(path, "warning") + "\n")
    cli_reference.FORMATS[fmt](result, fail_under, out)
    if result.templates:  # named once, after the report: the streaming command knows them only at the end
        err.write(f"mkdocs-modelcard: {one_line(templates_line(result.templates))}\n")
    failed = any(r.score.incomplete for _, r in result.cards) or (
        fail_under is not None and any(r.score.percent < fail_under for _, r in result.cards)
    )
    return (1 if failed or result.errors else 0), out.getvalue(), err.getvalue()


def streamed(argv: list[str], tty: bool) -> tuple[int, str, str]:
    out, err = (Terminal() if tty else io.StringIO()), io.StringIO()
    code = cli.main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", sorted(cli.FORMATS))
@pytest.mark.parametrize("jobs", [1, 2])
def test_every_format_writes_the_same_bytes_as_before(
    folder: Path, fmt: str, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "PARALLEL_MIN_FILES", 0)  # use the worker processes even on a few files
    for run in RUNS:
        for fail_under in (None, 50.0):
            for tty in (False, True) if fmt == "json" else (False,):
                options = [*run[1], "--format", fmt, "--jobs", str(jobs)]
                if fail_under is not None:
                    options += ["--fail-under", f"{fail_under:g}"]
                expected = reference(run, fmt, fail_under, tty)
                assert streamed(["check", *run[0], *options], tty) == expected, (run, fail_under, tty)


def test_jobs_must_be_a_positive_number(folder: Path) -> None:
    code, _, err = streamed(["check", "docs", "--jobs", "0"], tty=False)
    assert code == 2
    assert "--jobs" in err


def test_a_broken_checklist_named_by_a_card_is_still_a_usage_error_in_parallel(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "PARALLEL_MIN_FILES", 0)
    (folder / "checklists" / "tool.yml").write_text("name: [", encoding="utf-8")
    for jobs in ("1", "2"):
        code, out, err = streamed(["check", "docs", "--jobs", jobs, "--checklists", "**=checklists/tool.yml"], False)
        assert (code, out) == (2, "")
        assert err.startswith("mkdocs-modelcard: ")


def test_worker_processes_write_nothing_of_their_own(tmp_path: Path) -> None:
    """As a user runs it: the real standard output, a pipe, and enough files for the worker processes."""
    import os
    import subprocess
    import sys

    for n in range(cli.PARALLEL_MIN_FILES + 6):
        card = GOOD_CARD.replace("BeetleNet", f"Beetle{n}") if n % 2 else EMPTY_CARD.replace("[Model Name]", f"M{n}")
        write_tree(tmp_path, {f"docs/g{n % 3}/m{n:03d}_model_card.md": card})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(cli.__file__).parents[1]), *sys.path]))
    outputs = set()
    for fmt in ("json", "text"):
        for jobs in ("1", "2"):
            proc = subprocess.run(
                [sys.executable, "-m", "mkdocs_modelcard", "check", "docs", "--format", fmt, "--jobs", jobs],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                check=False,
            )
            assert proc.returncode in (0, 1), proc.stderr
            outputs.add((fmt, proc.stdout, proc.stderr))
    assert len(outputs) == 2  # one per format: --jobs 1 and --jobs 2 wrote the same bytes
