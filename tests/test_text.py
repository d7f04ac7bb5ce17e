from __future__ import annotations

import pytest

from mkdocs_modelcard.text import alias_matcher, glob_match, normalize, plain_text, truncate


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
