"""The command-line check: same engine, same detection, CI-friendly output and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import CHECKLIST_PAGE, EMPTY_CARD, GOOD_CARD, ORDINARY_PAGE, build_site, make_site, page, write_tree

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.cli import main
from mkdocs_modelcard.engine import analyse


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def percent(text: str) -> int:
    return analyse(text, "x.md", load_checklist("model")).score.percent


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(
        tmp_path / "docs",
        {
            "models/beetle_model_card.md": GOOD_CARD,
            "models/notes.md": EMPTY_CARD.replace("Draft", "Draft"),  # H1 "Model Card for ..." + headings
            "about.md": ORDINARY_PAGE,
            "guide/checklist.md": CHECKLIST_PAGE,
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def test_directory_is_searched_with_the_plugins_detection(docs: Path) -> None:
    code, out, _ = run("check", "docs", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [c["path"] for c in data["cards"]] == [
        os.path.join("docs", "models", "beetle_model_card.md"),
        os.path.join("docs", "models", "notes.md"),
    ]
    assert data["errors"] == []
    first = data["cards"][0]
    assert set(first) >= {"path", "title", "score", "items"}
    assert set(first["items"][0]) == {"id", "label", "group", "optional", "filled", "evidence"}
    assert first["score"] == percent(GOOD_CARD)
    assert len(first["items"]) == 49


def test_file_argument_is_scored_whatever_its_name(docs: Path) -> None:
    code, out, _ = run("check", "./docs/about.md", "--format", "json")
    assert code == 0
    cards = json.loads(out)["cards"]
    assert [c["path"] for c in cards] == ["./docs/about.md"]
    assert cards[0]["score"] == percent(ORDINARY_PAGE)


def test_fail_under_sets_the_exit_code(docs: Path) -> None:
    good, empty = percent(GOOD_CARD), percent(EMPTY_CARD.replace("Draft", "Draft"))
    assert run("check", "docs/models/beetle_model_card.md", "--fail-under", str(good))[0] == 0
    assert run("check", "docs/models/beetle_model_card.md", "--fail-under", str(good + 1))[0] == 1
    code, out, _ = run("check", "docs", "--fail-under", str(empty + 1))
    assert code == 1
    assert "1 below" in out
    assert "Direct Use (Uses)" in out


def test_unreadable_file_is_reported_and_the_rest_scored(docs: Path) -> None:
    (docs / "models" / "latin1_model_card.md").write_bytes("# Model Card for Caf\xe9\n".encode("latin-1"))
    code, out, _ = run("check", "docs", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert len(data["cards"]) == 2
    assert data["errors"] == [
        {
            "path": os.path.join("docs", "models", "latin1_model_card.md"),
            "message": "not UTF-8 text (invalid byte at offset 20)",
        }
    ]


def test_usage_errors_exit_2(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "nowhere.md")[0] == 2
    code, _, err = run("check", "docs", "--checklist", "no-such-checklist")
    assert code == 2 and "no-such-checklist" in err
    with pytest.raises(SystemExit) as exc:
        main(["check", "docs", "--format", "yaml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_broken_front_matter_warns_with_line_and_still_scores(docs: Path) -> None:
    (docs / "broken_model_card.md").write_text(
        "---\ntags: [a\n---\n# Model Card for X\n\nX is a model that does things.\n"
    )
    code, out, err = run("check", "docs/broken_model_card.md")
    assert code == 0
    assert "docs/broken_model_card.md:3: warning: front matter is not valid YAML" in err
    assert out.startswith("docs/broken_model_card.md  ")
    _, out, _ = run("check", "docs/broken_model_card.md", "--format", "json")
    assert json.loads(out)["cards"][0]["warnings"][0]["line"] == 3


def test_output_is_deterministic(docs: Path) -> None:
    assert run("check", "docs", "--format", "json")[1] == run("check", "docs", "--format", "json")[1]
    assert run("check", "docs")[1] == run("check", "docs")[1]


def test_include_exclude_and_no_auto_detect(docs: Path) -> None:
    _, out, _ = run("check", "docs", "--format", "json", "--exclude", "models/*", "--include", "about.md")
    assert [c["path"] for c in json.loads(out)["cards"]] == [os.path.join("docs", "about.md")]
    _, out, _ = run("check", "docs", "--format", "json", "--no-auto-detect")
    assert json.loads(out)["cards"] == []
    code, out, _ = run("check", "docs", "--no-auto-detect")
    assert code == 0 and "no model cards found" in out


def test_cli_and_built_site_agree(docs: Path, tmp_path: Path) -> None:
    site = build_site(
        make_site(tmp_path / "site", {p.relative_to(docs).as_posix(): p.read_text() for p in docs.rglob("*.md")})
    )
    _, out, _ = run("check", "docs", "--format", "json")
    for card in json.loads(out)["cards"]:
        rel = Path(card["path"]).relative_to("docs").with_suffix("").as_posix()
        badge = page(site, f"{rel}/index.html").select_one(".modelcard-badge")
        assert int(badge["data-modelcard-score"]) == card["score"]
        checked = page(site, f"{rel}/index.html").select("details.modelcard-checklist li")
        assert [li["data-item-id"] for li in checked if "modelcard-filled" in li["class"]] == [
            i["id"] for i in card["items"] if i["filled"]
        ]


def test_python_dash_m(docs: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs_modelcard", "check", "docs", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["cards"]) == 2


def test_json_encoded_a_card_at_a_time_is_the_same_document() -> None:
    from mkdocs_modelcard.engine import catalogue, catalogue_json

    hostile = GOOD_CARD.replace("# Model Card for BeetleNet", '# Beetle "</script>" | ] {{ 7*7 }} \u00e9\u2028')
    cards = [(p, analyse(t, p, load_checklist("model"))) for p, t in [("a.md", GOOD_CARD), ("b.md", hostile)]]
    errors = [("c.md", "not UTF-8 \u00e9")]
    for args in ((cards, errors), (cards, []), ([], [])):
        assert catalogue_json(*args) == json.dumps(catalogue(*args), ensure_ascii=False)


def test_the_cycle_collector_is_restored_after_a_check(docs: Path) -> None:
    import gc

    assert gc.isenabled()
    main(["check", str(docs)], out=io.StringIO(), err=io.StringIO())
    assert gc.isenabled()
    gc.disable()
    try:
        main(["check", str(docs)], out=io.StringIO(), err=io.StringIO())
        assert not gc.isenabled()
    finally:
        gc.enable()
