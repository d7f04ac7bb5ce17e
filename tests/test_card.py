"""The card reader: front matter, comments, code, headings, section tree, fields."""

from __future__ import annotations

from mkdocs_modelcard.card import SOFT_LEVEL, read_card, split_front_matter


def titles(text: str) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in read_card(text).sections]


def test_front_matter_and_line_numbers() -> None:
    card = read_card("---\nlicense: mit\ntags: [a]\n---\n\n# Title\n\nIntro.\n")
    assert card.meta == {"license": "mit", "tags": ["a"]}
    assert card.sections[0].line == 6
    assert [line.number for line in card.sections[0].lines] == [8]


def test_broken_yaml_is_reported_with_its_line() -> None:
    meta, body, offset, diagnostics = split_front_matter("---\na: 1\nb: [x\nc: 2\n---\n# T\n")
    assert meta == {} and body == "# T\n" and offset == 5
    assert len(diagnostics) == 1 and diagnostics[0].line is not None and 3 <= diagnostics[0].line <= 5


def test_front_matter_must_be_closed_and_a_mapping() -> None:
    assert read_card("---\n# Not front matter\n").meta == {}  # a lone thematic break
    card = read_card("---\n- a\n---\n# T\n")
    assert card.meta == {} and "not a mapping" in card.diagnostics[0].message


def test_bom_and_crlf() -> None:
    card = read_card("\ufeff---\r\nlicense: mit\r\n---\r\n# Title\r\n\r\ntext\r\n")
    assert card.meta == {"license": "mit"}
    assert titles("\ufeff# A\r\n## B\r\n") == [(1, "A"), (2, "B")]


def test_comments_and_code_never_make_headings() -> None:
    text = (
        "# Real\n<!--\n## Hidden\n-->\nkept <!-- inline --> text\n"
        "```python\n# not a heading\n```\n~~~\n## nor this\n~~~\n"
        "````md\n```\n## inside a longer fence\n```\n````\n## After\n"
    )
    card = read_card(text)
    assert titles(text) == [(1, "Real"), (2, "After")]
    assert card.sections[0].lines[0].text == "kept  text"
    assert [line.code for line in card.sections[0].lines[1:]] == [True] * (len(card.sections[0].lines) - 1)


def test_heading_forms() -> None:
    text = "#NoSpace\n## **Bold:** ##\n### Optional [optional] { #custom-id }\nSetext One\n===\n\nSetext Two\n---\n"
    card = read_card(text)
    assert titles(text) == [
        (1, "NoSpace"),
        (2, "**Bold:**"),
        (3, "Optional [optional]"),
        (1, "Setext One"),
        (2, "Setext Two"),
    ]
    assert card.sections[1].key == "bold"
    assert card.sections[2].key == "optional" and card.sections[2].explicit_id == "custom-id"


def test_list_item_followed_by_dashes_is_not_a_setext_heading() -> None:
    assert titles("# T\n\n- item\n---\n") == [(1, "T")]


def test_section_tree() -> None:
    card = read_card("# T\n## A\n### A1\ntext\n## B\n#### B1\n")
    t, a, a1, b, b1 = card.sections
    assert t.children == [a, b] and a.children == [a1] and b.children == [b1]
    assert a1.parent is a and [line.text for line in a.all_lines()] == ["text"]


def test_fields() -> None:
    text = (
        "# T\n- **Developed by:** Ada\n**Model type**: CNN\n- License: MIT\n**Model Developers** Meta\n"
        "- **Paper:**\n  - https://doi.org/10.1/x\n  - preprint\n- **Demo:**\n\n| Model size | 25M |\n|---|---|\n"
    )
    fields = {f.key: f.value for f in read_card(text).fields}
    assert fields["developed by"] == "Ada"
    assert fields["model type"] == "CNN"
    assert fields["license"] == "MIT"
    assert fields["model developers"] == "Meta"
    assert fields["paper"] == "- https://doi.org/10.1/x - preprint"
    assert fields["demo"] == ""
    assert fields["model size"] == "25M"


def test_bold_only_lines_are_soft_sub_headings() -> None:
    card = read_card("## Model details\n**Model date**\nMarch 2023\n\n**Model type:**\nA CNN.\n")
    details, date, kind = card.sections
    assert (date.soft, date.level, date.key, date.parent) == (True, SOFT_LEVEL, "model date", details)
    assert [line.text for line in date.lines] == ["March 2023"]
    assert kind.key == "model type"


def test_urls_are_not_fields() -> None:
    assert read_card("See https://example.org/x for more.\n").fields == []


def test_broken_yaml_names_the_exact_line_and_keeps_the_body() -> None:
    card = read_card("---\ntitle: ok\nlicense: mit: bad\n---\n# Model Card for X\n\nText.\n")
    assert card.meta == {} and not card.meta_ok
    assert card.diagnostics[0].line == 3 and "not valid YAML" in card.diagnostics[0].message
    assert card.first_h1 is not None and card.first_h1.title == "Model Card for X"
    assert card.first_h1.line == 5  # body lines keep their numbers in the file


def test_scalar_and_list_front_matter_are_ignored_with_a_warning() -> None:
    for text, kind in (("---\njust a sentence\n---\n# T\n", "str"), ("---\n- a\n- b\n---\n# T\n", "list")):
        card = read_card(text)
        assert card.meta == {} and f"is a {kind}" in card.diagnostics[0].message
        assert [s.title for s in card.sections] == ["T"]


def test_bom_crlf_and_lf_give_the_same_card() -> None:
    lf = "---\nlicense: mit\n---\n# T\n\n## Uses\n- **Developed by:** Ada\n"
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    a, b = read_card(lf), read_card(crlf)
    assert a.meta == b.meta
    assert [(s.title, s.line) for s in a.sections] == [(s.title, s.line) for s in b.sections]
    assert [(f.key, f.value, f.line) for f in a.fields] == [(f.key, f.value, f.line) for f in b.fields]


def test_comments_spanning_lines_and_several_on_one_line() -> None:
    card = read_card("# T\ntext <!-- a\n## Hidden\nline --> after\n<!-- c --> <!-- d -->visible\n")
    assert [s.title for s in card.sections] == ["T"]
    assert [line.text.strip() for line in card.lines] == ["text", "after", "visible"]


def test_fences_with_info_strings_tildes_and_an_unclosed_fence() -> None:
    text = '# T\n~~~yaml title="cfg"\n## no\n~~~\n``` python\n# no\n```\n## Yes\n```\n## never closed\n'
    card = read_card(text, "card.md")
    # fenced_code and pymdownx.superfences both leave an unclosed fence as text: its headings are headings.
    assert [s.title for s in card.sections] == ["T", "Yes", "never closed"]
    assert not any(line.code for line in card.sections[1].lines)
    assert [(d.line, "never closed" in d.message) for d in card.diagnostics] == [(9, True)]


def test_only_the_fences_nothing_closes_are_text() -> None:
    text = "# T\n```python\nx = 1\n## Closed below\n```\n## Usage\n\n````\nstill open\n```\n## Limits\n\nNone.\n"
    card = read_card(text)
    assert [s.title for s in card.sections] == ["T", "Usage", "Limits"]  # a longer fence needs a longer close
    assert [line.text for line in card.lines if line.code] == ["x = 1", "## Closed below"]
    assert [d.line for d in card.diagnostics] == [8, 10]  # the ``` below "still open" opens one more


def test_many_unclosed_fences_are_read_in_linear_time() -> None:
    card = read_card("# T\n" + "```a\n" * 20_000 + "## End\n\ntext\n")
    assert card.sections[-1].title == "End"
    assert len(card.diagnostics) == 20_000


def test_inline_backticks_do_not_open_a_fence() -> None:
    card = read_card("# T\n```inline``` code\n## Next\n")
    assert [s.title for s in card.sections] == ["T", "Next"]


def test_bold_headings_and_trailing_decorations() -> None:
    text = "## **Intended Uses:**\n### Direct Use [optional]\n#### Limitations { #limits }\n**Secondary uses**\ntext\n"
    card = read_card(text)
    assert [(s.level, s.key) for s in card.sections] == [
        (2, "intended uses"),
        (3, "direct use"),
        (4, "limitations"),
        (SOFT_LEVEL, "secondary uses"),
    ]
    assert card.sections[2].explicit_id == "limits"
    assert card.sections[3].parent is card.sections[2]


def test_sub_bullets_fold_into_an_empty_field_and_remember_their_lines() -> None:
    card = read_card("# T\n- **Developed by:**\n  - Ada\n  - Grace\n- **Paper:**\n- **Demo [optional]:** none\n")
    developed, paper, demo = card.fields
    assert (developed.value, developed.line, developed.more_lines) == ("- Ada - Grace", 2, [3, 4])
    assert (paper.value, paper.more_lines) == ("", [])
    assert (demo.key, demo.value) == ("demo", "none")


def test_two_column_table_rows_are_fields() -> None:
    card = read_card("# T\n| Field | Value |\n|---|---|\n| Developed by | Seed Bank team |\n| License | MIT |\n")
    fields = {f.key: (f.value, f.line) for f in card.fields}
    assert fields["developed by"] == ("Seed Bank team", 4)
    assert fields["license"] == ("MIT", 5)


def test_keep_outline_drops_text_but_keeps_the_heading_tree() -> None:
    card = read_card("---\nlicense: mit\n---\n# Card\nIntro.\n## Uses\n- **Direct:** sorting\n### Limits\nSome.\n")
    card.keep_outline()
    assert card.lines == [] and card.fields == [] and card.preamble == []
    assert [(s.title, s.line, s.level) for s in card.sections] == [("Card", 4, 1), ("Uses", 6, 2), ("Limits", 8, 3)]
    assert card.sections[2].parent is card.sections[1]
    assert all(not s.lines and not s.fields for s in card.sections)
    assert card.meta == {"license": "mit"}
