"""Rows sorted on disk: a list too long to hold, written in sorted runs and merged back in order.

A streamed build keeps, per ``co_occurs`` or ``implements`` pair, the ids of the
papers that make it; over a large corpus that list grows with the corpus. Here
the rows go to disk in sorted runs of at most ``limit`` rows, and come back as one
sorted stream, each distinct row once.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

SPILL_ROWS = 200_000
"""Rows held in memory before a sorted run is written to disk."""

Row = tuple[str, ...]


class SortedSpill:
    """Rows of strings added in any order, read back sorted and distinct."""

    def __init__(self, folder: Path, *, limit: int = SPILL_ROWS) -> None:
        self._folder = folder
        self._limit = limit
        self._rows: list[Row] = []
        self._runs: list[Path] = []

    def add(self, row: Row) -> None:
        """Keep ``row``; a full buffer is written to disk as a sorted run."""
        self._rows.append(row)
        if len(self._rows) >= self._limit:
            self._spill()

    def _spill(self) -> None:
        path = self._folder / f"run-{len(self._runs):05d}.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            for row in sorted(self._rows):
                handle.write(json.dumps(row) + "\n")
        self._runs.append(path)
        self._rows = []

    def rows(self) -> Iterator[Row]:
        """Every row added, sorted, each distinct row once; the runs are removed after."""
        self._rows.sort()
        handles = [path.open(encoding="utf-8") for path in self._runs]
        try:
            streams = [_read(handle) for handle in handles]
            last = None
            for row in heapq.merge(iter(self._rows), *streams):
                if row != last:
                    yield row
                    last = row
        finally:
            for handle in handles:
                handle.close()
            for path in self._runs:
                path.unlink(missing_ok=True)
            self._runs, self._rows = [], []


def _read(handle: IO[str]) -> Iterator[Row]:
    for line in handle:
        yield tuple(json.loads(line))
