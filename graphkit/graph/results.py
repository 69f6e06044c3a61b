"""Results in the graph: kept on their paper node, queried and ranked into leaderboards.

A paper node's ``results`` attribute lists its results (the ``extractions.jsonl``
records of DESIGN.md) with, for each role that names an entity of the paper,
the entity id under ``<role>_id`` (``metric_id``, ``dataset_id``, ...), so
results join the entity nodes. The list is present only on papers with
results, distinct by field and span, in text order.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.errors import InputError
from graphkit.graph.schema import PAPER
from graphkit.keys import fold
from graphkit.models import RESULT_ROLES, Extraction

RESULTS_ATTRIBUTE = "results"
"""The paper node attribute that holds the paper's results."""

ROLE_TYPES: dict[str, str] = {
    "metric": "metric",
    "dataset": "dataset",
    "method": "method",
    "task": "task",
    "compared_to": "method",
}
"""The entity type each role of a result names."""


DIRECTIONS = Path(__file__).resolve().parents[1] / "data" / "results" / "metric_direction.tsv"
"""Which value of each metric is better (``metric``, ``better``: ``higher`` or ``lower``)."""


@cache
def metric_directions(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Folded metric name -> ``higher`` or ``lower``, from ``metric_direction.tsv`` and the
    ``extra`` files of the same columns (header row, tab-separated); later files win."""
    table: dict[str, str] = {}
    for path in (DIRECTIONS, *extra):
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()[1:]
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read metric directions: {exc}", str(path)) from exc
        for number, line in enumerate(lines, start=2):
            if not line.strip() or line.startswith("#"):
                continue
            metric, _, better = line.partition("\t")
            if better.strip() not in ("higher", "lower"):
                raise InputError("'better' must be higher or lower", str(path), number)
            table[fold(metric)] = better.strip()
    return table


def _span(record: dict[str, Any]) -> tuple:
    return (record.get("field") != "title", record.get("start", 0), record.get("end", 0))


def merge_results(graph: nx.MultiDiGraph, paper: str, extraction: Extraction) -> None:
    """Add the extraction's results to the paper node, each role joined to its entity id."""
    if not extraction.results:
        return
    ids = {(e.type, e.name): e.id for e in extraction.entities}
    records = {_span(r): r for r in graph.nodes[paper].get(RESULTS_ATTRIBUTE) or []}
    for result in extraction.results:
        record = result.to_dict()
        for role in RESULT_ROLES:
            entity = ids.get((ROLE_TYPES[role], record[role])) if record[role] else None
            record[f"{role}_id"] = entity
        records.setdefault(_span(record), record)
    graph.nodes[paper][RESULTS_ATTRIBUTE] = [records[key] for key in sorted(records)]


def results_of(
    graph: nx.MultiDiGraph, filters: dict[str, str], *, kind: str | None = None
) -> list[dict[str, Any]]:
    """The results whose roles name the given entity ids (``{"dataset": "dataset/imagenet"}``),
    of ``kind`` if given, in graph order; each with its paper's ``paper`` id and ``title``."""
    found = []
    for _, attrs in graph.nodes(data=True):
        if attrs.get("type") != PAPER or not attrs.get(RESULTS_ATTRIBUTE):
            continue
        for record in attrs[RESULTS_ATTRIBUTE]:
            if kind is not None and record.get("kind") != kind:
                continue
            if all(record.get(f"{role}_id") == ref for role, ref in filters.items()):
                found.append({**record, "paper": attrs.get("id"), "title": attrs.get("title")})
    return found


def direction(metric: str | None, directions: dict[str, str]) -> str:
    """``higher`` or ``lower``: which value of ``metric`` is better; by its folded name, else
    by its last word ("linear probing accuracy": accuracy); higher when unknown."""
    if not metric:
        return "higher"
    key = fold(metric)
    if key in directions:
        return directions[key]
    last = fold(metric.split()[-1]) if metric.split() else key
    return directions.get(last, "higher")


def rank(
    results: Iterable[dict[str, Any]], extra_directions: Sequence[str | os.PathLike[str]] = ()
) -> list[dict[str, Any]]:
    """Absolute results with a finite value, best first within each metric and unit (metrics
    by name); each row gets ``better`` (``higher`` or ``lower``)."""
    directions = metric_directions(tuple(str(p) for p in extra_directions))
    rows = []
    for record in results:
        value = record.get("value")
        if record.get("kind") != "absolute" or not isinstance(value, (int, float)):
            continue
        if not math.isfinite(value):
            continue
        better = direction(record.get("metric"), directions)
        rows.append({**record, "better": better})

    def order(row: dict[str, Any]) -> tuple:
        sign = -1 if row["better"] == "higher" else 1
        return (
            str(row.get("metric") or ""),
            str(row.get("unit") or ""),
            sign * row["value"],
            str(row.get("paper")),
            row.get("start", 0),
        )

    return sorted(rows, key=order)
