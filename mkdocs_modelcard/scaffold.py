"""Write a new, empty card from a checklist: a heading or field for every item.

Every slot is placed where the checklist's own detectors look, so filling in a
placeholder is all it takes for the item to count; until then the card scores
nothing apart from what was given (the name).
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter

from .checklist import Checklist, Item
from .outline import lexicon
from .text import normalize

PLACEHOLDER = "[More Information Needed]"


def _comment(text: str) -> str:
    """``text`` as an HTML comment that ends where we end it: a ``-->`` inside would close it early."""
    text = text.replace("-->", "-- >").replace("--!>", "--! >").strip()
    return f"<!-- {text} -->" if text else ""


def _placeholder(checklist: Checklist) -> str:
    """The text a slot is left with: ours if the checklist treats it as a placeholder, else nothing.

    A custom checklist need not list ``[More Information Needed]`` among its
    placeholders; then that text would count as content, and a new card would
    score before anything was written in it.
    """
    return PLACEHOLDER if not lexicon(checklist).own_text(PLACEHOLDER).strip(" .") else ""


def _plain_aliases(aliases: tuple[str, ...]) -> list[str]:
    return [a for a in aliases if "*" not in a]


def _slot(item: Item) -> tuple[str, str] | None:
    """("heading" | "field", text) where the item's detectors will find it."""
    detect = item.detect
    if detect.headings:
        if detect.names_heading(normalize(item.label)):
            return "heading", item.label
        plain = _plain_aliases(detect.headings)
        if plain:
            return "heading", plain[0].title() if plain[0].islower() else plain[0]
    if detect.fields:
        if detect.names_field(normalize(item.label)):
            return "field", item.label
        plain = _plain_aliases(detect.fields)
        if plain:
            return "field", plain[0].capitalize()
    if detect.patterns:
        return "heading", item.label
    return None


def scaffold(checklist: Checklist, name: str | None = None) -> str:
    """The text of a new card for ``checklist``; ``name`` fills the title (and the name key)."""
    # Metadata items of the first group (General Information) live in the front matter, as in the
    # Imageomics templates; everything else gets a heading or a field in the body.
    first_group = checklist.groups[0]
    in_meta = {
        item.id
        for item in checklist.items
        if item.group == first_group and item.detect.front_matter and not item.detect.title
    }
    meta: dict[str, Any] = {}
    for item in checklist.items:
        if item.id in in_meta or item.detect.intro:
            key = next((k for k in item.detect.front_matter if "." not in k), None)
            if key is not None:
                meta.setdefault(key, None)
    title_item = next((i for i in checklist.items if i.detect.title), None)
    if name and title_item is not None:
        key = next((k for k in title_item.detect.front_matter if k not in ("title",)), None)
        if key is not None:
            meta[key] = name
    placeholder = _placeholder(checklist)
    kind = checklist.title.title()
    lines = [f"# {kind} for {name or '[' + checklist.title + ' name]'}", ""]
    intro = next((i for i in checklist.items if i.detect.intro), None)
    if intro is not None:
        lines += [_comment(intro.guidance), "", placeholder, ""]
    for group in checklist.groups:
        items = [
            i
            for i in checklist.items
            if i.group == group and not i.detect.title and not i.detect.intro and i.id not in in_meta
        ]
        slotted: list[tuple[Item, tuple[str, str]]] = []
        for item in items:
            slot = _slot(item)
            if slot is not None:
                slotted.append((item, slot))
        if not slotted:
            continue
        lines += [f"## {group}", ""]
        fields = [(i, s) for i, s in slotted if s[0] == "field"]
        for item, (kind, text) in slotted:
            if kind != "heading":
                continue
            same = normalize(text) == normalize(group)
            if not same:
                level = "####" if item.parent else "###"
                lines += [f"{level} {text}", ""]
            suffix = " (optional)" if item.optional else ""
            lines += [_comment(item.guidance + suffix), "", placeholder, ""]
        if fields:
            for item, (_, text) in fields:
                lines.append(f"- **{text}:** {placeholder} {_comment(item.guidance)}".rstrip())
            lines.append("")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"  # empty slots leave no gaps
    post = frontmatter.Post(body, **meta)
    return str(frontmatter.dumps(post, sort_keys=False)) + "\n"
