"""Card text made safe for one line of a terminal or CI log, and for titles shown anywhere.

A card's title, front matter and even its file name are written by whoever
wrote the card. Printed raw, a line break in them starts a new log line, and
in GitHub Actions a line that starts with ``::`` is a workflow command
(``::error``, ``::add-mask::``); escape sequences recolour or rewrite the
terminal. Both are neutralised here, where everything printed passes.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return match.group(0).encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``): one inert line."""
    return _CONTROL.sub(_escaped, text) if _CONTROL.search(text) else text


def clean(text: str) -> str:
    """``text`` with control characters turned into spaces and runs of spaces collapsed, for titles and summaries."""
    if _CONTROL.search(text):
        text = " ".join(_CONTROL.sub(" ", text).split())
    return text
