"""Format detection: by file extension first, then by the first bytes of the content."""

from __future__ import annotations

import json
import re
from pathlib import Path

from graphkit.errors import InputError, UnknownFormatError, UsageError
from graphkit.sources.base import COMPRESSED_SUFFIXES, check_text, open_binary
from graphkit.sources.listing import looks_like_listing

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
_SNIFF = 1 << 16
_LONGEST_LINE = 1 << 26
"""Bytes of a ``.json`` file's first line read to tell JSON Lines from a JSON document."""
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
    """Return the first bytes of the file as text (undecodable bytes replaced); UTF-16 text
    is an error that says so. Compressed data that breaks off after some text is left for
    the reader to report at its line, so the records before it are kept when skipping."""
    raw = b""
    try:
        with open_binary(path) as handle:
            while len(raw) < _SNIFF and (line := handle.readline(_SNIFF - len(raw))):
                raw += line
    except InputError:
        if not raw.strip():
            raise
    check_text(raw, path)
    return raw.decode("utf-8", "replace").lstrip("\ufeff")


def check_start(path: Path) -> None:
    """Read the first bytes of ``path``, raising :class:`~graphkit.errors.InputError` for
    corrupt compressed data or UTF-16 text (for files whose format is given)."""
    _head(path)


def _first_line(path: Path) -> tuple[str, bool]:
    """Return the first non-blank line of the file (at most ``_LONGEST_LINE`` bytes), decoded,
    and whether anything but white space follows it."""
    with open_binary(path) as handle:
        line = handle.readline(_LONGEST_LINE)
        while line and not line.strip():
            line = handle.readline(_LONGEST_LINE)
        rest = handle.read(_SNIFF)
    return line.decode("utf-8", "replace").lstrip("\ufeff"), bool(rest.strip())


def _json_kind(path: Path, head: str) -> str:
    """Tell JSON Lines (one object per line) from a JSON document.

    The whole first line is read when the head does not hold it, so a first
    record longer than the head is still known for one line of JSON Lines.
    """
    text = head.lstrip()
    if not text.startswith("{"):
        return "json"
    first, newline, rest = text.partition("\n")
    if not newline:
        first, more = _first_line(path)
        rest = "more" if more else ""
    try:
        json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return "json"
    return "jsonl" if rest.strip() else "json"


def detect_format(path: Path, *, in_folder: bool = False) -> str | None:
    """Return the format of ``path``, or None for an empty file.

    The extension decides: ``.jsonl`` and ``.ndjson`` are JSON Lines, ``.json``
    files are told apart by content (arXiv's metadata "snapshot.json" is JSON
    Lines). A file with another suffix is recognised by its first bytes, and so
    is a ``.txt`` file found in a folder (``in_folder``), which must look like a
    Daily Papers listing. A file that matches nothing is an
    :class:`~graphkit.errors.UnknownFormatError`.
    """
    suffix = _suffix(path)
    head = _head(path)
    if not head.strip():
        return None
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return _json_kind(path, head)
    if suffix == ".txt" and in_folder and not looks_like_listing(head):
        raise UnknownFormatError(
            "a .txt file that does not look like a Daily Papers listing "
            "(give --format listing to read it as one)",
            str(path),
        )
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return _sniff(path, head)


def _sniff(path: Path, head: str) -> str:
    """Recognise a format from the first bytes of a file with an unknown suffix."""
    text = head.lstrip()
    first_line = text.partition("\n")[0].lower()
    if text[0] in "[{":
        return _json_kind(path, head)
    if text.startswith("<") and "<feed" in text:
        return "atom"
    if _BIB_ENTRY.search(text):
        return "bibtex"
    if "title" in first_line and ("\t" in first_line or "," in first_line):
        return "tsv" if first_line.count("\t") > first_line.count(",") else "csv"
    if looks_like_listing(text):
        return "listing"
    raise UnknownFormatError(
        "cannot tell the input format (give --format: " + ", ".join(FORMATS) + ")", str(path)
    )
