"""The plugin's options, each documented where it is declared.

docs/configuration.md is the user-facing copy of this file; a test checks that
every option declared here is documented there with its default.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BandsConfig(base.Config):
    good = c.Type((int, float), default=80)
    """Lowest score (percent) shown in the green "good" band."""
    fair = c.Type((int, float), default=50)
    """Lowest score shown in the amber "fair" band; anything lower is red "poor"."""


class ModelCardConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off, e.g. `enabled: !ENV [MODELCARD, true]` for quick local builds."""

    checklist = c.Type(str, default="model")
    """A built-in checklist name (`model`) or the path of a checklist YAML file, relative to `mkdocs.yml`."""

    checklists = c.DictOfItems(c.Type(str), default={})
    """Checklist per path: globs (relative to `docs_dir`) mapped to a checklist name or file, e.g.
    `{"datasets/**": dataset}`. A card's own front matter `modelcard: {checklist: ...}` wins."""

    include = c.ListOfItems(c.Type(str), default=[])
    """Gitignore-style patterns (relative to `docs_dir`, as MkDocs' `exclude_docs`) of pages that are always cards."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Patterns of pages that are never cards. Front matter `modelcard: true|false` overrides both lists."""
    auto_detect = c.Type(bool, default=True)
    """Find cards by file name and by an H1 saying "model card" with several checklist headings."""

    badge = c.Type(bool, default=True)
    """Show the completeness badge under each card's title."""
    show_checklist = c.Type(bool, default=True)
    """Add the collapsible checklist to each card page."""
    checklist_placement = c.Choice(("top", "bottom"), default="top")
    """Where the checklist goes: `top` (right after the badge) or `bottom` (end of the page)."""
    checklist_open = c.Type(bool, default=False)
    """Render the checklist expanded instead of collapsed."""
    show_guidance = c.Type(bool, default=True)
    """Show each missing item's guidance in the checklist."""

    index = c.Type(bool, default=True)
    """Generate an index page listing every card."""
    index_path = c.Type(str, default="model-cards/index.md")
    """Where the index page goes, relative to `docs_dir`. If you keep a page there, the index is appended to it."""
    index_title = c.Type(str, default="Model cards")
    """Title (H1 and navigation label) of a generated index page."""

    badges = c.Type(bool, default=True)
    """Also write each card's badge as `<index folder>/badges/<card-slug>.svg`, for READMEs to embed."""

    fail_under = c.Optional(c.Type((int, float)))
    """When set, every card scoring below this percentage logs a WARNING (fails `mkdocs build --strict`)."""
    jobs = c.Optional(c.Type(int))
    """Worker processes that score the cards while MkDocs renders the pages. Default: one per CPU beside the
    build's own, at most 4; `0` scores in the build process. Sites with fewer than 64 pages to score always
    score in the build process. The pages are the same for every value."""
    bands = c.SubConfig(BandsConfig)
    """Score thresholds of the badge colours."""
