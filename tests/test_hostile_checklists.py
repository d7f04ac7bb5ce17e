"""Custom checklists and the checklist a card names: refused at load time when they could hang, crash or leak."""

from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path

import pytest
from sitebuild import GOOD_CARD, build_site, captured_mkdocs_logs, make_site, page

from mkdocs_modelcard.checklist import ChecklistError, builtin_names, load_checklist, parse_checklist
from mkdocs_modelcard.regexcheck import regex_problem

BODY = GOOD_CARD.split("---\n", 2)[2]


def checklist_with(detect: str = "{headings: [a]}", extra: str = "", item: str = "") -> str:
    return f"name: x\n{extra}items:\n  - id: a\n    label: A\n    group: G\n{item}    detect: {detect}\n"


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [
        ("(a+)+$", "exponential"),
        ("(?:\\w+\\s?)*x", "exponential"),
        ("(?:x\\w*)*y", "exponential"),
        ("a{4294967296}", "repetition number is too large"),
        ("a{20000}", "repeat count above 10,000"),
        ("(" * 1000 + "a" + ")" * 1000, "nested more than 50 deep"),
        ("(", "invalid regular expression"),
    ],
)
def test_dangerous_patterns_are_refused_with_a_clear_error(pattern: str, needle: str) -> None:
    text = checklist_with("{patterns: ['" + pattern.replace("'", "''") + "']}")
    with pytest.raises(ChecklistError) as info:
        parse_checklist(text, "lab.yml")
    message = str(info.value)
    assert "lab.yml:3: item 'a'" in message and needle in message, message


def test_refused_pattern_really_is_exponential() -> None:
    """The check is not arbitrary: the refused form backtracks, its safe rewrite does not."""
    start = time.perf_counter()
    assert re.search(r"(a+)+$", "a" * 18 + "!") is None
    slow = time.perf_counter() - start
    start = time.perf_counter()
    assert re.search(r"a+$", "a" * 18 + "!") is None
    assert slow > 20 * (time.perf_counter() - start)


@pytest.mark.parametrize(
    "pattern", ["(?:\\|[^|\\n]*)*\\|", "^\\s*\\|(?:[^|\\n]*\\|)*\\s*acc", "(?:,\\d+)*", "(a|b)*c", "x{0,1000}"]
)
def test_patterns_with_fixed_round_boundaries_are_accepted(pattern: str) -> None:
    assert regex_problem(pattern, re.IGNORECASE) is None


def test_builtin_checklists_pass_their_own_checks() -> None:
    """Built-in checklists load trusted (unchecked, compiled on first use): here they get every check."""
    for name in builtin_names():
        text = resources.files("mkdocs_modelcard").joinpath("checklists", f"{name}.yml").read_text(encoding="utf-8")
        checked = parse_checklist(text, f"{name}.yml")
        trusted = load_checklist(name)
        assert [item.id for item in checked.items] == [item.id for item in trusted.items]
        for mine, theirs in zip(checked.items, trusted.items):
            assert [p.pattern for p in mine.detect.pattern_res] == [p.pattern for p in theirs.detect.pattern_res]
            assert [p.exact.pattern for p in theirs.detect.pattern_res] == [p.pattern for p in mine.detect.pattern_res]


@pytest.mark.parametrize("weight", [".nan", ".inf", "-.inf"])
def test_weight_must_be_finite(weight: str) -> None:
    with pytest.raises(ChecklistError, match=r"lab\.yml:3: item 'a': key 'weight': expected a finite number"):
        parse_checklist(checklist_with(item=f"    weight: {weight}\n"), "lab.yml")


def test_duplicate_keys_are_refused_with_their_line() -> None:
    text = checklist_with(item="    label: B\n")
    with pytest.raises(
        ChecklistError, match=r"lab.yml:6: cannot be used: duplicate key 'label' \(first given on line 4\)"
    ):
        parse_checklist(text, "lab.yml")


def test_errors_name_the_line_of_their_item() -> None:
    text = checklist_with() + "  - id: b\n    label: B\n    group: G\n    detect: {heading: [b]}\n"
    with pytest.raises(ChecklistError) as info:
        parse_checklist(text, "lab.yml")
    assert "lab.yml:7: item 'b': key 'detect': key 'heading'" in str(info.value)


def test_checklist_alias_bomb_is_refused() -> None:
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 8)
    )
    with pytest.raises(ChecklistError, match="cannot be used: the document stands for more than"):
        parse_checklist(bomb, "lab.yml")


@pytest.mark.parametrize("spec", ["/etc/passwd", "../secret.yml", "sub/../../secret.yml"])
def test_a_card_cannot_name_a_checklist_outside_the_project(tmp_path: Path, spec: str) -> None:
    (tmp_path / "secret.yml").write_text("api_key: hunter2\nother_secret_name: 1\n", encoding="utf-8")
    project = tmp_path / "project"
    card = f"---\nmodelcard:\n  checklist: {spec}\n---\n" + BODY
    with captured_mkdocs_logs() as records:
        site = build_site(make_site(project, {"a_model_card.md": card}))
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any(
        f"a_model_card.md:2: modelcard.checklist {spec!r}: a card can name a built-in checklist or a file inside" in w
        for w in warnings
    ), warnings
    assert not any("api_key" in w or "other_secret_name" in w or "root:" in w for w in warnings)
    assert page(site, "a_model_card/index.html").select(".modelcard-badge")  # scored with the default


def test_a_card_can_name_a_checklist_inside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "lab.yml").write_text(checklist_with(), encoding="utf-8")
    card = "---\nmodelcard:\n  checklist: lab.yml\n---\n" + BODY
    with captured_mkdocs_logs() as records:
        build_site(make_site(project, {"a_model_card.md": card}))
    assert not [r.getMessage() for r in records if r.levelname == "WARNING"]
