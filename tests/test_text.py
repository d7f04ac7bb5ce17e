from __future__ import annotations

import pytest

from mkdocs_modelcard.text import (
    alias_matcher,
    glob_match,
    has_words,
    heading_parts,
    normalize,
    plain_text,
    strip_attr_list,
    truncate,
)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Intended Uses:", "intended uses"),
        ("**Bias, Risks, and Limitations**", "bias risks and limitations"),
        ("Downstream Use [optional]", "downstream use"),
        ("Testing Data, Factors & Metrics", "testing data factors and metrics"),
        ("2.1 Training Data { #data }", "training data"),
        ("[Direct use](uses.md)", "direct use"),
        ("Model Details.", "model details"),
    ],
)
def test_normalize(heading: str, key: str) -> None:
    assert normalize(heading) == key


def test_alias_wildcards() -> None:
    matcher = alias_matcher(["intended use*", "Out-of-Scope Use"])
    assert matcher is not None
    assert matcher.match("intended uses and limitations")
    assert matcher.match("out of scope use")
    assert not matcher.match("use cases")
    assert alias_matcher([]) is None


def test_glob_match() -> None:
    assert glob_match("models/a/b.md", ["models/**"])
    assert glob_match("b.md", ["**/b.md"])
    assert not glob_match("models/a/b.md", ["models/*.md"])
    assert glob_match("models/b.md", ["models/*.md"])


def test_plain_text_keeps_literal_characters() -> None:
    assert (
        plain_text("**Bold** and _em_ with 7*7 and snake_case [link](x.md)")
        == "Bold and em with 7*7 and snake_case link"
    )
    assert truncate("one two three four", 10) == "one two…"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Model Card Authors [optional]", "model card authors"),
        ("Downstream Use (optional)", "downstream use"),
        ("Environmental Impact: { #environment }", "environmental impact"),
        ("__Training Hyperparameters__", "training hyperparameters"),
        ("<span id='x'>Results</span>", "results"),
        ("iv. Citation", "citation"),
        ("Bias, Risks & Limitations:", "bias risks and limitations"),
        # An emoji or bracket before the number: the number is still no part of the topic.
        ("📌 1. Detalle del Modelo", "detalle del modelo"),
        ("⚖️ 3. Factores", "factores"),
        ("(2) Intended Use", "intended use"),
    ],
)
def test_normalize_decorations(heading: str, key: str) -> None:
    assert normalize(heading) == key


def test_strip_attr_list_returns_the_id() -> None:
    assert strip_attr_list("Uses { #uses .wide }") == ("Uses", "uses")
    assert strip_attr_list("Uses {: .wide }") == ("Uses", None)
    assert strip_attr_list("Set {a, b}") == ("Set {a, b}", None)


def test_alias_wildcard_inside_and_at_both_ends() -> None:
    matcher = alias_matcher(["where to send*", "*contact", "model * authors"])
    assert matcher is not None
    assert matcher.match("where to send questions or comments about the model")
    assert matcher.match("model card contact")
    assert matcher.match("model card authors")
    assert not matcher.match("contact details")


def test_has_words_counts_unicode_words_only() -> None:
    text = "Vision Transformer (ViT-B/16), 86M — params"  # seven words: ViT, B and 16 are three
    assert has_words(text, 7) and not has_words(text, 8)
    assert not has_words("--- | :--: | ***", 1)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        # Turkish authors often type without the dotless i or the cedilla: both spellings are one heading.
        ("Sınırlamalar", "sinirlamalar"),
        ("Kapsam Dışı Kullanımlar", "kapsam disi kullanimlar"),
        ("Eğitim Detayları", "egitim detaylari"),
        ("Đánh giá mô hình", "danh gia mo hinh"),
        ("Ограничения", "ограничения"),
    ],
)
def test_normalize_folds_letters_without_a_decomposition(heading: str, key: str) -> None:
    assert normalize(heading) == key


@pytest.mark.parametrize(
    ("heading", "parts"),
    [
        ("Ограничения и риски", ("ограничения", "риски")),
        ("Eğitim ve Değerlendirme", ("egitim", "degerlendirme")),
        ("Egitim ve Degerlendirme", ("egitim", "degerlendirme")),
        ("Dữ liệu và tiền xử lý", ("du lieu", "tien xu ly")),
        ("Data dan Pelatihan", ("data", "pelatihan")),
    ],
)
def test_heading_parts_in_more_languages(heading: str, parts: tuple[str, ...]) -> None:
    assert heading_parts(heading) == parts
