"""Find the source file of a page from the text a Markdown host hands over.

A Python-Markdown extension sees a page's Markdown without its front matter
and, in general, without its path; but detection and scoring need both (front
matter counts, and so does the file name).  So every Markdown file under the
docs folder is indexed by a digest of its body (the text after the front
matter) and of its whole text, and the page's text is looked up there.

The index lives for the whole process and is refreshed lazily: a file is read
again only when its size or modification time changed, and the folder is
walked again only when a lookup misses, so a watching host (``zensical
serve``) sees edits without paying for a walk on every page.  Framework-free,
so the extension and its tests need no host.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .card import split_front_matter

MARKDOWN_SUFFIXES = (".md", ".markdown")


def canonical(text: str) -> str:
    """The text as compared: no BOM, ``\\n`` line ends, no leading or trailing blank space.

    Hosts differ in exactly these details when they cut the front matter off.
    """
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()


def digest(text: str) -> bytes:
    return hashlib.blake2b(canonical(text).encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class _Entry:
    signature: tuple[int, int]
    """(size, mtime_ns) when last read."""
    digests: tuple[bytes, bytes]
    """(body, whole text)."""


@dataclass
class DocsIndex:
    """Every Markdown file of one docs folder, by the digest of its body and of its whole text."""

    root: Path
    entries: dict[str, _Entry] = field(default_factory=dict)
    by_digest: dict[bytes, list[str]] = field(default_factory=dict)
    walks: int = 0
    """How many times the folder was walked: a measure for the tests and the docs."""

    def read(self, rel: str) -> str | None:
        """The file's text (``/``-separated ``rel`` under the root), or None if it cannot be read."""
        if not rel or rel.startswith("/") or ".." in rel.split("/"):
            return None
        try:
            return (self.root / rel).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError):
            return None

    def matches(self, rel: str, text: str) -> bool:
        """Whether the file ``rel`` holds ``text`` as its body or as its whole text."""
        source = self.read(rel)
        return source is not None and digest(text) in _digests(source)

    def find(self, text: str) -> list[str]:
        """The files whose body (or whole text) is ``text``, in path order; walks again on a miss."""
        wanted = digest(text)
        found = [rel for rel in self.by_digest.get(wanted, []) if self._current(rel)]
        if found:
            return found
        self.refresh()
        return sorted(self.by_digest.get(wanted, []))

    def _current(self, rel: str) -> bool:
        """Whether the indexed entry for ``rel`` still describes the file on disk."""
        entry = self.entries.get(rel)
        return entry is not None and _signature(self.root / rel) == entry.signature

    def refresh(self) -> None:
        """Walk the folder; read only files that are new or whose size or mtime changed."""
        self.walks += 1
        entries: dict[str, _Entry] = {}
        for path in _markdown_files(self.root):
            rel = path.relative_to(self.root).as_posix()
            signature = _signature(path)
            if signature is None:
                continue
            old = self.entries.get(rel)
            if old is not None and old.signature == signature:
                entries[rel] = old
                continue
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            entries[rel] = _Entry(signature, _digests(text))
        self.entries = entries
        by_digest: dict[bytes, list[str]] = {}
        for rel in sorted(entries):
            for key in dict.fromkeys(entries[rel].digests):
                by_digest.setdefault(key, []).append(rel)
        self.by_digest = by_digest


def _digests(text: str) -> tuple[bytes, bytes]:
    _, body, _, _ = split_front_matter(text.replace("\r\n", "\n"))
    return digest(body), digest(text)


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _markdown_files(root: Path) -> list[Path]:
    """Markdown files under ``root``, skipping hidden folders (``.git``, editors' caches)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, name) for name in sorted(files) if name.lower().endswith(MARKDOWN_SUFFIXES))
    return found


_INDEXES: dict[Path, DocsIndex] = {}


def docs_index(root: Path) -> DocsIndex:
    """The process-wide index of one docs folder: a host may build a new extension for every page."""
    key = root.resolve()
    index = _INDEXES.get(key)
    if index is None:
        index = _INDEXES[key] = DocsIndex(key)
    return index
