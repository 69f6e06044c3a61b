"""Format detection: by file extension first, then by the first bytes of the content."""

from __future__ import annotations

import json
import re
from pathlib import Path

from graphkit.errors import InputError, UsageError
from graphkit.sources.base import COMPRESSED_SUFFIXES, open_binary

FORMATS: tuple[str, ...] = ("listing", "json", "jsonl", "atom", "csv", "tsv", "bibtex")
"""The input formats graphkit reads (the names ``--format`` accepts)."""

ALIASES: dict[str, str] = {
    "txt": "listing",
    "daily-papers": "listing",
    "ndjson": "jsonl",
    "xml": "atom",
    "arxiv": "atom",
    "bib": "bibtex",
}

_BY_SUFFIX: dict[str, str] = {
    ".txt": "listing",
    ".xml": "atom",
    ".atom": "atom",
    ".csv": "csv",
    ".tsv": "tsv",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
}
_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
_SNIFF = 1 << 16
_BIB_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def format_name(name: str) -> str:
    """Return the canonical name of a format given by the user, or raise :class:`UsageError`."""
    canonical = ALIASES.get(name.lower(), name.lower())
    if canonical not in FORMATS:
        choices = ", ".join(FORMATS)
        raise UsageError(f"unknown input format {name!r} (choose from {choices})")
    return canonical


def _suffix(path: Path) -> str:
    """Return the format suffix of ``path``, looking through a compression suffix."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _head(path: Path) -> str:
    """Return the first bytes of the file as text (undecodable bytes replaced)."""
    with open_binary(path) as handle:
        raw = handle.read(_SNIFF)
    return raw.decode("utf-8", "replace").lstrip("\ufeff")


def _json_kind(head: str) -> str:
    """Tell JSON Lines (one object per line) from a JSON document."""
    text = head.lstrip()
    if not text.startswith("{"):
        return "json"
    first, _, rest = text.partition("\n")
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return "json"
    return "jsonl" if rest.strip() else "json"


def detect_format(path: Path) -> str | None:
    """Return the format of ``path``, or None for an empty file.

    ``.json``/``.jsonl`` files are told apart by content (arXiv's metadata
    "snapshot.json" is JSON Lines). A file with another suffix is recognised by
    its first bytes; one that matches nothing is an :class:`InputError`.
    """
    suffix = _suffix(path)
    head = _head(path)
    if not head.strip():
        return None
    if suffix in _JSON_SUFFIXES:
        return _json_kind(head)
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return _sniff(path, head)


def _sniff(path: Path, head: str) -> str:
    """Recognise a format from the first bytes of a file with an unknown suffix."""
    text = head.lstrip()
    first_line = text.partition("\n")[0].lower()
    if text[0] in "[{":
        return _json_kind(text)
    if text.startswith("<") and "<feed" in text:
        return "atom"
    if _BIB_ENTRY.search(text):
        return "bibtex"
    if "title" in first_line and ("\t" in first_line or "," in first_line):
        return "tsv" if first_line.count("\t") > first_line.count(",") else "csv"
    if first_line.strip() in ("new", "daily papers") or "trending papers" in first_line:
        return "listing"
    raise InputError(
        "cannot tell the input format (give --format: " + ", ".join(FORMATS) + ")", str(path)
    )
