"""Rows sorted on disk: a list too long to hold, written in sorted runs and merged back in order.

A streamed build keeps, per ``co_occurs`` or ``implements`` pair, the ids of the
papers that make it; over a large corpus that list grows with the corpus. Here
the rows go to disk in sorted runs of at most ``limit`` rows, and come back as one
sorted stream, each distinct row once. A run is written in pickled blocks of
:data:`BLOCK_ROWS` rows, each block's first row kept in memory, so that the rows of
one range of first fields are read without reading the others (the ranges of a
build's entity sections written by several processes at once).
"""

from __future__ import annotations

import heapq
import pickle
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path

SPILL_ROWS = 200_000
"""Rows held in memory before a sorted run is written to disk."""

BLOCK_ROWS = 2048
"""Rows pickled together in a run: one look-up per block when a range is read."""

Row = tuple[str, ...]


class SortedSpill:
    """Rows of strings added in any order, read back sorted and distinct."""

    def __init__(self, folder: Path, *, limit: int = SPILL_ROWS) -> None:
        self._folder = folder
        self._limit = limit
        self._rows: list[Row] = []
        self._runs: list[tuple[Path, list[str], list[int]]] = []
        """Each run's path, and the first field of each block's first row with the block's
        offset."""

    def add(self, row: Row) -> None:
        """Keep ``row``; a full buffer is written to disk as a sorted run."""
        self._rows.append(row)
        if len(self._rows) >= self._limit:
            self._spill()

    def _spill(self) -> None:
        path = self._folder / f"run-{len(self._runs):05d}.pickle"
        rows = sorted(self._rows)
        firsts: list[str] = []
        offsets: list[int] = []
        with path.open("wb") as handle:
            for start in range(0, len(rows), BLOCK_ROWS):
                firsts.append(rows[start][0])
                offsets.append(handle.tell())
                pickle.dump(rows[start : start + BLOCK_ROWS], handle, pickle.HIGHEST_PROTOCOL)
        self._runs.append((path, firsts, offsets))
        self._rows = []

    def settle(self) -> None:
        """Sort the rows held in memory (done by :meth:`rows`; once before reading ranges of
        them in several processes, so that none sorts them again)."""
        self._rows.sort()

    def rows(self, low: str | None = None, high: str | None = None) -> Iterator[Row]:
        """Every row added, sorted, each distinct row once; only those whose first field is
        at least ``low`` and less than ``high`` when given. The runs stay until
        :meth:`clear`."""
        self.settle()
        held = self._rows
        start = 0 if low is None else bisect_left(held, (low,))
        end = len(held) if high is None else bisect_left(held, (high,))
        streams = [iter(held[start:end])]
        streams += [_read(*run, low, high) for run in self._runs]
        last = None
        for row in heapq.merge(*streams):
            if row != last:
                yield row
                last = row

    def clear(self) -> None:
        """Forget every row and remove the runs."""
        for path, *_ in self._runs:
            path.unlink(missing_ok=True)
        self._runs, self._rows = [], []


def _read(
    path: Path, firsts: list[str], offsets: list[int], low: str | None, high: str | None
) -> Iterator[Row]:
    """The rows of the run at ``path`` whose first field is in [``low``, ``high``)."""
    block = 0 if low is None else max(bisect_left(firsts, low) - 1, 0)
    with path.open("rb") as handle:
        handle.seek(offsets[block])
        for _ in range(block, len(offsets)):
            rows = pickle.load(handle)
            if low is not None and rows[0][0] < low:
                rows = rows[bisect_left(rows, (low,)) :]
            if high is not None and rows and rows[-1][0] >= high:
                yield from rows[: bisect_left(rows, (high,))]
                return
            yield from rows
