"""Results in the graph: result nodes, queried and ranked into leaderboards.

Each result (the ``extractions.jsonl`` record of DESIGN.md) is a node of type
``result`` keyed ``result/<paper id>/<field>-<start>-<end>``, with the record's
value, unit, kind, role names and evidence as attributes. Its paper links it by
a ``reports_result`` edge, and it links the entity of each role that names an
entity of the paper (``specified_by`` its metric, ``on_dataset``, ``of_method``,
``for_task``, ``compared_to``). Queries return the record with, for each role,
the entity id under ``<role>_id`` (``metric_id``, ``dataset_id``, ...).
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
from graphkit.graph.schema import (
    FIELDS,
    PAPER,
    RELATION_OF_ROLE,
    REPORTS_RESULT,
    RESULT,
    RESULT_ATTRIBUTES,
    ROLE_OF_RELATION,
    result_key,
)
from graphkit.keys import fold
from graphkit.models import RESULT_ROLES, Extraction

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

_FIELD_ORDER = {name: index for index, name in enumerate(FIELDS)}


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


def text_order(attrs: dict[str, Any]) -> tuple:
    """Sort key of a result: title before abstract, then by offsets."""
    field = attrs.get("field")
    order = _FIELD_ORDER.get(field, len(_FIELD_ORDER))
    return (order, str(field), attrs.get("start", 0), attrs.get("end", 0))


def finite_number(value: Any) -> bool:
    """Tell whether ``value`` is a finite int or float (not a bool, NaN or infinity)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def add_result(
    graph: nx.MultiDiGraph, paper: str, record: dict[str, Any], entities: dict[str, str]
) -> str:
    """Add a result node for ``record`` (an ``extractions.jsonl`` result) reported by the
    paper node ``paper``, linked to the ``entities`` of its roles (role -> entity id); a result
    already there (same paper and span) is kept as it is. Return the node key; ValueError for
    a value that is no finite number."""
    value = record.get("value")
    if not finite_number(value):
        raise ValueError(f"result value must be a finite number, not {value!r}")
    paper_id = str(graph.nodes[paper].get("id") or paper.partition("/")[2])
    key = result_key(paper_id, str(record["field"]), int(record["start"]), int(record["end"]))
    if key in graph:
        return key
    attrs = {name: record.get(name) for name in RESULT_ATTRIBUTES}
    attrs["value"] = float(value)
    graph.add_node(key, type=RESULT, id=key, **attrs)
    graph.add_edge(paper, key, key=REPORTS_RESULT, relation=REPORTS_RESULT)
    for role in RESULT_ROLES:
        entity = entities.get(role)
        if entity is not None and entity in graph:
            relation = RELATION_OF_ROLE[role]
            graph.add_edge(key, entity, key=relation, relation=relation)
    return key


def merge_results(graph: nx.MultiDiGraph, paper: str, extraction: Extraction) -> None:
    """Add the extraction's results to the graph, each linked to its paper and to the entities
    of the paper that its roles name."""
    ids = {(e.type, e.name): e.id for e in extraction.entities}
    for result in extraction.results:
        roles = {
            role: ids.get((ROLE_TYPES[role], name))
            for role in RESULT_ROLES
            if (name := getattr(result, role))
        }
        add_result(graph, paper, result.to_dict(), {r: e for r, e in roles.items() if e})


def upgrade_results(graph: nx.MultiDiGraph) -> bool:
    """Turn the ``results`` lists that paper nodes held in graphs written before results were
    nodes (records with ``<role>_id`` entity ids) into result nodes; return whether there were
    any. ValueError or KeyError for a record without a number or span."""
    found = False
    for paper, attrs in list(graph.nodes(data=True)):
        if attrs.get("type") != PAPER or "results" not in attrs:
            continue
        found = True
        for record in attrs.pop("results") or ():
            ids = {role: record.get(f"{role}_id") for role in RESULT_ROLES}
            add_result(graph, paper, record, {r: e for r, e in ids.items() if e})
    return found


def paper_results(graph: nx.MultiDiGraph, paper: str) -> list[str]:
    """The keys of the results that the paper node ``paper`` reports, in text order."""
    keys = [t for _, t, r in graph.out_edges(paper, keys=True) if r == REPORTS_RESULT]
    return sorted(keys, key=lambda key: (text_order(graph.nodes[key]), key))


def reporting_paper(graph: nx.MultiDiGraph, key: str) -> str | None:
    """The key of the paper node that reports the result ``key`` (None for none)."""
    for paper, relations in graph.pred[key].items():
        if REPORTS_RESULT in relations:
            return paper
    return None


def result_record(graph: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    """The result node ``key`` as its ``extractions.jsonl`` record with ``<role>_id`` entity ids
    (None for a role that names no entity)."""
    attrs = graph.nodes[key]
    record = {name: attrs.get(name) for name in RESULT_ATTRIBUTES}
    ids = dict.fromkeys(RESULT_ROLES)
    for target, relations in graph.succ[key].items():
        for relation in relations:
            role = ROLE_OF_RELATION.get(relation)
            if role is not None:
                ids[role] = target
    record.update({f"{role}_id": entity for role, entity in ids.items()})
    return record


def result_row(graph: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    """:func:`result_record` with its paper's id (``paper``) and ``title``."""
    paper = reporting_paper(graph, key)
    attrs = graph.nodes[paper] if paper is not None else {}
    return {**result_record(graph, key), "paper": attrs.get("id"), "title": attrs.get("title")}


def results_of(
    graph: nx.MultiDiGraph, filters: dict[str, str], *, kind: str | None = None
) -> list[dict[str, Any]]:
    """The results whose roles name the given entity ids (``{"dataset": "dataset/imagenet"}``),
    of ``kind`` if given, in graph order; each with its paper's ``paper`` id and ``title``."""
    wanted = {(RELATION_OF_ROLE[role], ref) for role, ref in filters.items()}
    found = []
    for key, attrs in graph.nodes(data=True):
        if attrs.get("type") != RESULT:
            continue
        if kind is not None and attrs.get("kind") != kind:
            continue
        links = {(r, t) for t, relations in graph.succ[key].items() for r in relations}
        if wanted <= links:
            found.append(result_row(graph, key))
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
