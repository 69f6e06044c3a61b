"""Reader of BibTeX files through bibtexparser, one entry at a time.

The file is cut into blocks at each ``@`` that starts a line outside braces, and
each entry is parsed on its own (with the ``@string`` macros seen so far), so a
large bibliography is never held whole and errors name the entry's line. The
arXiv id (``eprint`` or an arxiv.org ``url``) is the paper's given id; the
citation key is kept in ``extra["key"]``.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from typing import Any

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from graphkit.models import Paper
from graphkit.sources.base import Context, month_number, read_lines

_ENTRY_START = re.compile(r"\s*@\s*([A-Za-z]+)\s*[{(]")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SKIPPED_TYPES = frozenset({"comment", "preamble", "string"})
_SPLITTER_LOG = logging.getLogger("bibtexparser.splitter")


@contextlib.contextmanager
def _quiet_splitter() -> Iterator[None]:
    """Silence bibtexparser's own warning about a bad block; the reader reports it instead."""

    def drop(record: logging.LogRecord) -> bool:
        return False

    _SPLITTER_LOG.addFilter(drop)
    try:
        yield
    finally:
        _SPLITTER_LOG.removeFilter(drop)


def _blocks(ctx: Context) -> Iterator[tuple[int, int, str]]:
    """Yield ``(first line, last line, text)`` of each ``@type{`` block; text before one is
    dropped. A block ends where the next one starts, so one unclosed brace spoils one entry."""
    lines: list[str] = []
    start = end = 0
    for number, text in read_lines(ctx):
        if _ENTRY_START.match(text):
            if lines:
                yield start, end, "\n".join(lines)
            lines, start = [], number
        if lines or _ENTRY_START.match(text):
            lines.append(text)
            end = number
    if lines:
        yield start, end, "\n".join(lines)


def _authors(value: str | None) -> list[str]:
    """Split a BibTeX author list and turn each "Last, First" into "First Last"."""
    if not value:
        return []
    names = []
    for part in _AND.split(value.strip()):
        if "," in part:
            last, _, first = part.partition(",")
            part = f"{first.strip()} {last.strip()}"
        names.append(part.strip())
    return [n for n in names if n and n.lower() != "others"]


def _fields(entry: Any) -> dict[str, Any]:
    """Map one bibtexparser entry to paper fields."""
    values = {k.lower(): f.value for k, f in entry.fields_dict.items()}
    eprint = values.get("eprint")
    prefix = values.get("archiveprefix", "arxiv").lower()
    year, month = values.get("year", "").strip(), month_number(values.get("month"))
    return {
        "id": eprint if eprint and prefix == "arxiv" else None,
        "title": values.get("title"),
        "abstract": values.get("abstract"),
        "date": f"{year}-{month:02d}" if month and year.isdigit() else year,
        "authors": _authors(values.get("author")),
        "url": values.get("url"),
        "doi": values.get("doi"),
        "extra": {"key": entry.key, "entry_type": entry.entry_type.lower()},
    }


def read_bibtex(ctx: Context) -> Iterator[Paper]:
    """Yield one paper per entry (``@article``, ``@inproceedings``, ...) in file order."""
    strings: list[str] = []
    for start, end, text in _blocks(ctx):
        kind = _ENTRY_START.match(text).group(1).lower()
        if kind in ("comment", "preamble"):
            continue
        if kind == "string":
            strings.append(text)
            continue
        with _quiet_splitter():
            library = bibtexparser.parse_string(
                "\n".join([*strings, text]), append_middleware=[LatexDecodingMiddleware()]
            )
        if library.failed_blocks:
            block = library.failed_blocks[-1]
            reason = (
                getattr(block.error, "abort_reason", None) or str(block.error) or "syntax error"
            )
            ctx.error(f"malformed BibTeX entry: {reason}", start)
            continue
        for entry in library.entries:
            if entry.entry_type.lower() in _SKIPPED_TYPES:
                continue
            paper = ctx.paper(_fields(entry), start, end)
            if paper is not None:
                yield paper
