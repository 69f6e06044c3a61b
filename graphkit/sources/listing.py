"""Reader of Daily Papers listings: plain text pages of titles, abstracts and meta blocks.

A listing starts with header lines ("new", "Subscribe", "Daily Papers",
"byAK and the research community", a date such as "Mar 11", ...). Then come
paragraphs separated by blank lines: a title, its abstract, and optionally a
meta block ("• 2 authors", "·", "Dec 15, 2020" or "Aug 10", sometimes followed
by a count). A paragraph after a title is its abstract when it reads like prose
(ends with a full stop or is at least ``PROSE_LENGTH`` characters long);
otherwise the title had no abstract and the paragraph is the next title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphkit.models import Paper
from graphkit.sources.base import MONTH_DAY, Context, normalize_date, read_lines

PROSE_LENGTH = 250
"""A paragraph this long is an abstract, never a title."""

_HEADER = re.compile(
    r"new|get trending papers in your email inbox!?|subscribe|daily papers|trending papers"
    r"|by\s*ak and the research community",
    re.IGNORECASE,
)
_AUTHORS = re.compile(r"[•*·-]?\s*(\d+)\s+authors?", re.IGNORECASE)
_SEPARATOR = re.compile(r"[•·*|-]")
_DATE_COUNT = re.compile(rf"({MONTH_DAY.pattern})(?:\s+(\d+))?", re.IGNORECASE)


def _paragraphs(ctx: Context) -> Iterator[tuple[int, int, list[str]]]:
    """Yield ``(first line, last line, stripped lines)`` of each run of non-blank lines."""
    lines: list[str] = []
    start = end = 0
    for number, text in read_lines(ctx):
        stripped = text.strip()
        if stripped:
            if not lines:
                start = number
            lines.append(stripped)
            end = number
        elif lines:
            yield start, end, lines
            lines = []
    if lines:
        yield start, end, lines


def looks_like_listing(head: str) -> bool:
    """Tell whether the first bytes of a text look like a Daily Papers listing: its first
    line is page furniture ("new", "Daily Papers", ...) or a block reads "• 3 authors"."""
    first = head.lstrip().partition("\n")[0].strip()
    if _HEADER.fullmatch(first) or "trending papers" in first.lower():
        return True
    return any(_AUTHORS.fullmatch(line.strip()) for line in head.splitlines())


def _is_header(lines: list[str]) -> bool:
    """True for a paragraph of page furniture before the first paper."""
    return all(_HEADER.fullmatch(x) or _DATE_COUNT.fullmatch(x) for x in lines)


def _meta(lines: list[str]) -> dict[str, Any] | None:
    """Parse a meta block into ``author_count`` and ``date``; None if it is not one."""
    fields: dict[str, Any] = {}
    for line in lines:
        authors = _AUTHORS.fullmatch(line)
        dated = _DATE_COUNT.fullmatch(line)
        if authors:
            fields["author_count"] = int(authors.group(1))
        elif dated:
            fields["date"] = normalize_date(dated.group(1))
        elif not _SEPARATOR.fullmatch(line):
            return None
    return fields


def _is_prose(text: str) -> bool:
    """True when a paragraph reads as an abstract rather than a title."""
    return len(text) >= PROSE_LENGTH or (text.endswith(".") and not text.endswith(".."))


def read_listing(ctx: Context) -> Iterator[Paper]:
    """Yield the papers of one listing in page order."""
    entry: dict[str, Any] | None = None
    span = (0, 0)
    in_header = True
    listing_date: str | None = None
    for start, end, lines in _paragraphs(ctx):
        if in_header and _is_header(lines):
            for line in lines:
                dated = _DATE_COUNT.fullmatch(line)
                if dated:
                    listing_date = normalize_date(dated.group(1))
            continue
        in_header = False
        text = " ".join(lines)
        meta = _meta(lines)
        if meta is not None:
            if entry is None or "meta" in entry:
                ctx.error("author or date block with no paper before it", start)
            else:
                entry["meta"] = True
                entry.update(meta)
                span = (span[0], end)
            continue
        awaits_abstract = entry is not None and "abstract" not in entry and "meta" not in entry
        if awaits_abstract and _is_prose(text):
            entry["abstract"] = text
            span = (span[0], end)
            continue
        if entry is not None:
            paper = ctx.paper(entry, *span)
            if paper is not None:
                yield paper
            entry = None
        if _is_prose(text):
            ctx.error("abstract with no title before it", start)
            continue
        entry = {"title": text}
        if listing_date:
            entry["extra"] = {"listing_date": listing_date}
        span = (start, end)
    if entry is not None:
        paper = ctx.paper(entry, *span)
        if paper is not None:
            yield paper
