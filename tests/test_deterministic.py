"""Two builds of the same site are byte-identical (the sitemap's dates aside)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitebuild import CHECKLIST_PAGE, EMPTY_CARD, GOOD_CARD, build_site, make_site

FILES = {
    "index.md": "# Home\n",
    "b/zeta_model_card.md": GOOD_CARD.replace("BeetleNet", "Zeta"),
    "a/alpha_model_card.md": EMPTY_CARD.replace("Draft", "Alpha"),
    "a/same-title_model_card.md": GOOD_CARD,
    "c/same-title_model_card.md": GOOD_CARD,
    "guide/checklist.md": CHECKLIST_PAGE,
}


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = digest(build_site(make_site(tmp_path / "one", FILES, theme={"name": "material"})))
    second = digest(
        build_site(make_site(tmp_path / "two", dict(reversed(list(FILES.items()))), theme={"name": "material"}))
    )
    assert first == second
    assert "model-cards/cards.json" in first and "model-cards/badges/a-alpha_model_card.svg" in first


def test_rows_and_items_are_in_a_stable_order(tmp_path: Path) -> None:
    from sitebuild import page

    site = build_site(make_site(tmp_path, FILES))
    rows = [
        r["data-path"] for r in page(site, "model-cards/index.html").select("table.modelcard-index tr.modelcard-row")
    ]
    # by title, then path for equal titles
    assert rows == [
        "a/alpha_model_card.md",
        "a/same-title_model_card.md",
        "c/same-title_model_card.md",
        "b/zeta_model_card.md",
    ]
