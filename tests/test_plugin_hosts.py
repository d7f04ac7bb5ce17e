"""What the plugin does differently since issue 10: found on the Imageomics guide with the plugin added."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from sitebuild import EMPTY_CARD, GOOD_CARD, build_site, captured_mkdocs_logs, make_site, page

from mkdocs_modelcard.nav import missing_from_nav, nav_line

SITE = {
    "index.md": "# Home\n\nWelcome.\n",
    "models/beetlenet_model_card.md": GOOD_CARD,
    "models/draft.md": EMPTY_CARD,
}
NAV_HINT = "not in the explicit nav"


def infos(records: list) -> list[str]:
    return [r.getMessage() for r in records if r.levelname == "INFO" and NAV_HINT in r.getMessage()]


def test_index_missing_from_an_explicit_nav_is_told_once_with_the_line_to_add(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, SITE, nav=[{"Home": "index.md"}, {"Cards": [{"A": "models/draft.md"}]}])
    with captured_mkdocs_logs() as records:
        build_site(config_file)
        config = load_config(str(config_file))  # as `mkdocs serve` reloads it for each rebuild
        config.plugins.on_config(config)
    messages = infos(records)
    assert len(messages) == 1
    assert messages[0].endswith("add this line under nav: in mkdocs.yml: - Model cards: model-cards/index.md")
    line = messages[0].rsplit(": ", 2)[-2:]
    assert ": ".join(line) == "- Model cards: model-cards/index.md"


def test_no_message_when_the_index_is_in_the_nav_or_the_nav_is_automatic(tmp_path: Path) -> None:
    listed = make_site(tmp_path / "a", SITE, nav=[{"Home": "index.md"}, {"All": [{"Cards": "./model-cards/index.md"}]}])
    automatic = make_site(tmp_path / "b", SITE)
    with captured_mkdocs_logs() as records:
        build_site(listed)
        build_site(automatic)
    assert infos(records) == []


def test_nav_line_quotes_titles_yaml_would_misread() -> None:
    assert nav_line("Model cards", "model-cards/index.md") == "- Model cards: model-cards/index.md"
    assert nav_line("Cards: all", "x.md") == "- 'Cards: all': x.md"
    assert missing_from_nav([{"A": [{"B": "x/../cards.md"}]}], "cards.md") is False
    assert missing_from_nav(None, "cards.md") is False


def test_missing_tooltip_keeps_commas_apart_and_names_the_group_of_shared_labels(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, SITE))
    index = page(site, "model-cards/index.html")
    cell = index.select_one('tr[data-path="models/draft.md"] td.modelcard-col-missing')
    names = cell["title"].removeprefix("Missing: ").split("; ")
    assert "Speeds, Sizes, Times" in names
    assert "Bias, Risks, and Limitations" in names
    assert "License (General Information)" in names and "License (Licensing and Citation)" in names
    assert "Metrics (General Information)" in names and "Metrics (Evaluation)" in names
    assert "Model Name" in names  # a label no other item shares keeps no group


def test_script_only_on_the_index_stylesheet_everywhere(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, SITE, theme={"name": "material"}))
    index = page(site, "model-cards/index.html")
    scripts = [s["src"] for s in index.select("script[src]") if "modelcard" in s["src"]]
    assert scripts == ["../assets/modelcard/modelcard.js"]
    assert (site / "assets/modelcard/modelcard.js").is_file()
    for rel in ["index.html", "models/beetlenet_model_card/index.html"]:
        html = (site / rel).read_text(encoding="utf-8")
        assert "modelcard.js" not in html, rel
        assert html.count("assets/modelcard/modelcard.css") == 1, rel


def test_plugin_stands_in_for_the_extension_in_one_config_for_every_host(tmp_path: Path) -> None:
    """The plugin and the extension both listed, as a site moving to Zensical has them: one badge under MkDocs."""
    extensions = ["toc", {"mkdocs_modelcard.extension": {"fail_under": 10}}]
    for enabled in (True, False):
        plugins = [{"modelcard": {"enabled": enabled}}]
        site = build_site(make_site(tmp_path / str(enabled), SITE, plugins=plugins, markdown_extensions=extensions))
        soup = page(site, "models/beetlenet_model_card/index.html")
        assert len(soup.select(".modelcard-badge")) == (1 if enabled else 0)
        assert len(soup.select("details.modelcard-checklist")) == (1 if enabled else 0)


def test_plugin_replaces_what_the_index_command_wrote(tmp_path: Path) -> None:
    """A site built by Zensical and MkDocs alike: under MkDocs the plugin's index takes the command's place."""
    import io
    import warnings

    from mkdocs_modelcard.cli import main

    config = make_site(tmp_path, SITE)
    docs = tmp_path / "docs"
    assert main(["index", str(docs), "--output", str(docs / "model-cards")], io.StringIO(), io.StringIO()) == 0
    # An edit after the command ran: the plugin's index is the current one.
    (docs / "models/draft.md").write_text(EMPTY_CARD.replace("license:", "license: mit"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        site = build_site(config)
    index = page(site, "model-cards/index.html")
    assert len(index.select(".modelcard-index-page")) == 1
    assert "generated by mkdocs-modelcard index" not in str(index)
    row = index.select_one('tr[data-path="models/draft.md"]')
    assert row.select_one(".modelcard-col-license").get_text() == "mit"
    assert "mit" in (site / "model-cards/cards.json").read_text(encoding="utf-8")


def test_an_authors_own_page_at_the_index_path_still_gets_the_index_appended(tmp_path: Path) -> None:
    files = {**SITE, "model-cards/index.md": "# Our models\n\nHand-written introduction.\n"}
    index = page(build_site(make_site(tmp_path, files)), "model-cards/index.html")
    assert "Hand-written introduction." in index.get_text()
    assert len(index.select(".modelcard-index-page")) == 1
