"""Reader of CSV and TSV files with a header row naming the columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from graphkit.errors import InputError
from graphkit.models import Paper
from graphkit.sources.base import Context, read_lines

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "arxiv_id", "paper_id"),
    "title": ("title", "paper_title"),
    "abstract": ("abstract", "summary"),
    "date": ("date", "published", "published_date", "publishedat", "update_date"),
    "authors": ("authors", "author"),
    "author_count": ("author_count", "num_authors"),
    "url": ("url", "link"),
    "doi": ("doi",),
}
"""Paper field -> accepted column names (matched without regard to case)."""


def _delimiter(header: str, tab: bool) -> str:
    """Return the delimiter of a header line: tab for TSV, else the most frequent of , ; tab."""
    if tab:
        return "\t"
    return max((",", ";", "\t"), key=header.count)


def read_csv(ctx: Context, *, tab: bool = False) -> Iterator[Paper]:
    """Yield one paper per data row; unknown columns go to ``Paper.extra``.

    The header must name a ``title`` column; a row with more cells than the
    header is a bad record.
    """
    numbered = read_lines(ctx)
    first = next(numbered, None)
    while first is not None and not first[1].strip():
        first = next(numbered, None)
    if first is None:
        return
    line_of = {"n": first[0]}

    def lines() -> Iterator[str]:
        yield first[1] + "\n"
        for number, text in numbered:
            line_of["n"] = number
            yield text + "\n"

    reader = csv.reader(lines(), delimiter=_delimiter(first[1], tab))
    try:
        header = [h.strip().lower() for h in next(reader)]
        columns = {name: _find(header, names) for name, names in COLUMNS.items()}
        if columns["title"] is None:
            raise InputError("the header row has no 'title' column", ctx.name, first[0])
        known = {i for i in columns.values() if i is not None}
        row_start = line_of["n"] + 1
        for row in reader:
            end = line_of["n"]
            start, row_start = row_start, end + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                ctx.error(f"row has {len(row)} cells, the header has {len(header)}", start)
                continue
            fields: dict[str, Any] = {
                name: row[i] if i is not None and i < len(row) else None
                for name, i in columns.items()
            }
            fields["extra"] = {
                header[i]: row[i] for i in range(len(row)) if i not in known and row[i].strip()
            }
            paper = ctx.paper(fields, start, end)
            if paper is not None:
                yield paper
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", ctx.name, line_of["n"]) from exc


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    """Return the index of the first of ``names`` in the header, or None."""
    for name in names:
        if name in header:
            return header.index(name)
    return None
