"""Time in the view: the months a corpus spans and each entity's papers per month.

Dates are read as ``YYYY-MM`` prefixes; papers whose date has no valid year and month count as
undated and are left out of every timeline, so inputs without dates still give a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graphkit.graph.schema import PAPER

MONTH = re.compile(r"(\d{4})-(\d{2})")

RECENT_MONTHS = 12
"""An entity is new when all its papers are dated and fall in the corpus's last months."""

MIN_SPAN = 24
"""Entities are marked new only in corpora whose dates span at least this many months."""


@dataclass
class Timeline:
    """The corpus's month range and, per entity, its papers per month and first/last dates."""

    first: int | None = None
    last: int | None = None
    months: dict[str, dict[int, int]] = field(default_factory=dict)
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)
    undated: dict[str, int] = field(default_factory=dict)

    def labels(self) -> list[str]:
        """``YYYY-MM`` of every month from the first to the last dated paper."""
        if self.first is None or self.last is None:
            return []
        return [month_label(m) for m in range(self.first, self.last + 1)]

    def series(self, key: str) -> list[int]:
        """Flat ``[month offset, papers, ...]`` of ``key``, offsets from :attr:`first`."""
        counts = self.months.get(key, {})
        base = self.first or 0
        return [n for month in sorted(counts) for n in (month - base, counts[month])]

    def is_new(self, key: str) -> bool:
        """All of ``key``'s papers are dated and within the corpus's last months."""
        if self.first is None or self.last is None or self.last - self.first + 1 < MIN_SPAN:
            return False
        counts = self.months.get(key)
        if not counts or self.undated.get(key):
            return False
        return min(counts) > self.last - RECENT_MONTHS


def month_of(value: object) -> int | None:
    """Months since year 0 of a ``YYYY-MM...`` date, or None when it has no valid month."""
    if not isinstance(value, str):
        return None
    found = MONTH.match(value)
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return int(found.group(1)) * 12 + int(found.group(2)) - 1


def month_label(month: int) -> str:
    """``YYYY-MM`` of a month count from :func:`month_of`."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def timeline(graph: nx.MultiDiGraph, entities: Iterable[str]) -> Timeline:
    """Papers per month and first/last dates of ``entities``, over all papers of the graph."""
    wanted = set(entities)
    found = Timeline()
    for key, attrs in graph.nodes(data=True):
        if attrs.get("type") != PAPER:
            continue
        month = month_of(attrs.get("date"))
        if month is not None:
            found.first = month if found.first is None else min(found.first, month)
            found.last = month if found.last is None else max(found.last, month)
        for target in graph.succ[key]:
            if target not in wanted:
                continue
            if month is None:
                found.undated[target] = found.undated.get(target, 0) + 1
                continue
            counts = found.months.setdefault(target, {})
            counts[month] = counts.get(month, 0) + 1
            date = str(attrs["date"])[:10]
            first, last = found.dates.get(target, (date, date))
            found.dates[target] = (min(first, date), max(last, date))
    return found
