"""A Python-Markdown extension for the host tests: hides which page Zensical is rendering.

Zensical registers its rendering context before the extensions of
``markdown_extensions``; this one, listed there, takes it away again, as a
host that tells extensions nothing would.  mkdocs_modelcard.extension must then
find each page's file by its text alone.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown


class HidePagePath(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "rendering_context" in md.preprocessors:
            md.preprocessors.deregister("rendering_context")


def makeExtension(**kwargs: Any) -> HidePagePath:
    return HidePagePath(**kwargs)
