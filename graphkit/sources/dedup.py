"""De-duplication of papers across records and files, with field merging.

A paper is known by its id and by the hash of its folded title; two records
are the same paper when their ids match, or when their titles match and they
do not carry two different given ids. Keys are kept as 64-bit integers so the
index stays compact for millions of papers.
"""

from __future__ import annotations

import dataclasses
import hashlib
from array import array
from typing import BinaryIO

from graphkit.ids import title_id
from graphkit.models import Paper

_MERGED = ("abstract", "date", "author_count", "url", "arxiv_id", "doi")


def _key(text: str) -> int:
    """Return a 63-bit key for one identifier."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big") >> 1


class Index:
    """Which distinct paper each record belongs to, in order of first occurrence."""

    def __init__(self) -> None:
        self._ids: dict[int, int] = {}
        self._titles: dict[int, int] = {}
        self._title_of = array("q")
        self.count = 0

    def add(self, paper: Paper) -> tuple[int, bool, bool]:
        """Return ``(ordinal of the distinct paper, True if this record is its first, True if
        it shares the id of an earlier record but not its title)``; the caller reports such a
        conflict."""
        title = title_id(paper.title)
        has_id = paper.id != title
        id_key = _key(paper.id)
        title_key = _key(title)
        ordinal = self._ids.get(id_key)
        if ordinal is None:
            packed = self._titles.get(title_key)
            if packed is not None and not (has_id and packed & 1):
                ordinal = packed >> 1
        first = ordinal is None
        if first:
            ordinal = self.count
            self.count += 1
            self._title_of.append(title_key)
        self._ids.setdefault(id_key, ordinal)
        self._titles.setdefault(title_key, ordinal << 1 | has_id)
        return ordinal, first, self._title_of[ordinal] != title_key

    def dump(self, handle: BinaryIO) -> None:
        """Write the index to a binary file, so that a later reading can continue it."""
        for table in (self._ids, self._titles):
            array("q", [len(table)]).tofile(handle)
            array("q", table.keys()).tofile(handle)
            array("q", table.values()).tofile(handle)
        array("q", [len(self._title_of)]).tofile(handle)
        self._title_of.tofile(handle)

    @classmethod
    def load(cls, handle: BinaryIO) -> Index:
        """Read an index written by :meth:`dump`; EOFError when the file ends early."""
        index = cls()

        def read(count: int) -> array:
            values = array("q")
            values.fromfile(handle, count)
            return values

        for table in (index._ids, index._titles):
            size = read(1)[0]
            table.update(zip(read(size), read(size), strict=True))
        index._title_of = read(read(1)[0])
        index.count = len(index._title_of)
        return index


def _better_date(current: str | None, other: str | None) -> bool:
    """True when ``other`` says more than ``current`` (a date with a year beats one without)."""
    if not other:
        return False
    if not current:
        return True
    return current[:1].isalpha() and other[:1].isdigit()


def merge(into: Paper, other: Paper) -> Paper:
    """Fill the fields ``into`` lacks from ``other`` (a later record of the same paper)."""
    changes = {}
    for name in _MERGED:
        mine, theirs = getattr(into, name), getattr(other, name)
        if name == "date":
            if _better_date(mine, theirs):
                changes[name] = theirs
        elif mine in (None, "") and theirs not in (None, ""):
            changes[name] = theirs
    if not into.authors and other.authors:
        changes["authors"] = list(other.authors)
    missing = {k: v for k, v in other.extra.items() if k not in into.extra}
    if missing:
        changes["extra"] = {**into.extra, **missing}
    return dataclasses.replace(into, **changes) if changes else into
