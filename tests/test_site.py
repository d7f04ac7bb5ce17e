"""CardSite: a `mkdocs serve` rebuild reuses the outcomes of unchanged pages, and only those."""

from __future__ import annotations

from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.detect import DetectOptions
from mkdocs_modelcard.site import CardSite

CARD = "# Model Card for Beetle\n\nSorts beetles.\n\n## Uses\n\nSorting.\n\n## License\n\nMIT\n"
PAGE = "# About\n\nNothing to see.\n"


def first_build() -> CardSite:
    site = CardSite(load_checklist("model"))
    site.consider("beetle_model_card.md", CARD)
    site.consider("about.md", PAGE)
    return site


def test_unchanged_pages_keep_their_report_and_edited_ones_are_scored_again() -> None:
    earlier = first_build()
    site = CardSite(load_checklist("model"))
    site.reuse(earlier)
    assert site.consider("beetle_model_card.md", CARD) is earlier.reports["beetle_model_card.md"]
    assert site.consider("about.md", PAGE) is None
    edited = site.consider("beetle_model_card.md", CARD + "\n## Citation\n\n@misc{beetle}\n")
    assert edited is not None and edited is not earlier.reports["beetle_model_card.md"]
    assert edited.score.percent > earlier.reports["beetle_model_card.md"].score.percent


def test_nothing_is_reused_when_the_settings_change() -> None:
    earlier = first_build()
    site = CardSite(load_checklist("model"), DetectOptions(exclude=["beetle*"]))
    site.reuse(earlier)
    assert site.consider("beetle_model_card.md", CARD) is None


def test_a_card_naming_its_own_checklist_is_always_scored_again() -> None:
    text = "---\nmodelcard:\n  checklist: dataset\n---\n" + CARD
    earlier = CardSite(load_checklist("model"))
    before = earlier.consider("beetle_model_card.md", text)
    site = CardSite(load_checklist("model"))
    site.reuse(earlier)
    again = site.consider("beetle_model_card.md", text)
    assert before is not None and again is not None and again is not before
    assert again.score.checklist.name == "dataset"
