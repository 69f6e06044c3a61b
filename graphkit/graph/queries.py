"""Queries over a graph of the graph model; each returns plain lists and dicts.

The functions take entity ids; :class:`graphkit.graph.KnowledgeGraph` resolves
names and aliases to ids before calling them. Results are sorted, so they are
the same on every run.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from graphkit.graph.results import paper_results
from graphkit.graph.schema import (
    DERIVED_RELATIONS,
    ENTITY_TYPES,
    PAPER,
    PAPER_RELATIONS,
    RESULT,
    RESULT_RELATIONS,
    is_entity,
)
from graphkit.models import RESULT_KINDS

PAPER_SUMMARY = ("id", "title", "date", "url")
"""The paper attributes that query results carry."""


def entity_record(graph: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    """A copy of an entity node's attributes (lists copied too)."""
    return {k: list(v) if isinstance(v, list) else v for k, v in graph.nodes[key].items()}


def _summary(graph: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    attrs = graph.nodes[key]
    if attrs.get("type") == PAPER:
        return {"key": key, **{name: attrs.get(name) for name in PAPER_SUMMARY}}
    return {name: attrs.get(name) for name in ("id", "type", "name", "paper_count")}


def paper_links(graph: nx.MultiDiGraph, key: str) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """The (paper key, relation, edge data) of the papers linked to entity ``key``."""
    for paper, _, relation, data in graph.in_edges(key, keys=True, data=True):
        if relation in PAPER_RELATIONS:
            yield paper, relation, data


def papers_with(
    graph: nx.MultiDiGraph,
    conditions: Sequence[tuple[str, frozenset[str]]] = (),
    *,
    with_code: bool | None = None,
) -> list[dict[str, Any]]:
    """Papers linked to every (entity id, allowed relations) in ``conditions``, in graph order.

    ``with_code`` True keeps papers with a code repository, False those without.
    Each paper is ``{"key", "id", "title", "date", "url", "code"}`` (code: repo URLs).
    """
    selected: set[str] | None = None
    for key, relations in conditions:
        linked = {p for p, r, _ in paper_links(graph, key) if r in relations}
        selected = linked if selected is None else selected & linked
    result = []
    for key, attrs in graph.nodes(data=True):
        if attrs.get("type") != PAPER or (selected is not None and key not in selected):
            continue
        code = sorted(
            str(graph.nodes[t].get("url") or t)
            for _, t, r in graph.out_edges(key, keys=True)
            if r == "has_code"
        )
        if with_code is not None and bool(code) != with_code:
            continue
        result.append({**_summary(graph, key), "code": code})
    return result


def entities_of(
    graph: nx.MultiDiGraph, type: str | None = None, *, min_papers: int = 1
) -> list[dict[str, Any]]:
    """Entities (of ``type``, or all) linked to at least ``min_papers`` papers, sorted by id."""
    return [
        _summary(graph, key)
        for key, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0])
        if is_entity(attrs.get("type"))
        and (type is None or attrs.get("type") == type)
        and (attrs.get("paper_count") or 0) >= min_papers
    ]


def top_entities(
    graph: nx.MultiDiGraph, type: str | None = None, n: int = 10, *, since: str | None = None
) -> list[dict]:
    """The ``n`` entities (of ``type``) with the most papers; ties by id.

    With ``since`` (an ISO date or its start: ``2024``, ``2024-01``), only papers
    dated then or later count; papers without a dated year do not.
    """
    found = entities_of(graph, type, min_papers=1)
    if since is not None:
        for entity in found:
            entity["paper_count"] = sum(
                1 for paper in _papers_of(graph, entity["id"]) if _dated_since(graph, paper, since)
            )
        found = [e for e in found if e["paper_count"]]
    found.sort(key=lambda e: (-e["paper_count"], e["id"]))
    return found[:n]


def _dated_since(graph: nx.MultiDiGraph, paper: str, since: str) -> bool:
    """Tell whether a paper's date (``YYYY-MM-DD`` or its start) is ``since`` or later."""
    date = str(graph.nodes[paper].get("date") or "")
    return date[:1].isdigit() and date[: len(since)] >= since


def _papers_of(graph: nx.MultiDiGraph, key: str) -> set[str]:
    return {paper for paper, _, _ in paper_links(graph, key)}


def _paper_id(graph: nx.MultiDiGraph, key: str) -> str:
    return str(graph.nodes[key].get("id") or key.partition("/")[2])


def related_entities(
    graph: nx.MultiDiGraph, key: str, *, type: str | None = None, n: int | None = None
) -> list[dict[str, Any]]:
    """Entities that share papers with ``key``, most shared papers first (ties by id).

    Each is ``{"id", "type", "name", "paper_count", "shared", "papers"}``.
    """
    shared: dict[str, set[str]] = defaultdict(set)
    for paper in _papers_of(graph, key):
        for _, other, relation in graph.out_edges(paper, keys=True):
            wanted = type is None or graph.nodes[other].get("type") == type
            if relation in PAPER_RELATIONS and other != key and wanted:
                shared[other].add(_paper_id(graph, paper))
    result = [
        {**_summary(graph, other), "shared": len(pids), "papers": sorted(pids)}
        for other, pids in shared.items()
    ]
    result.sort(key=lambda e: (-e["shared"], e["id"]))
    return result if n is None else result[:n]


def cooccurrence(
    graph: nx.MultiDiGraph, row_type: str, column_type: str, *, min_count: int = 1
) -> dict[str, dict[str, int]]:
    """How many papers link each entity of ``row_type`` with each of ``column_type``.

    Returns ``{row id: {column id: papers}}`` with only counts >= ``min_count``,
    rows and columns sorted by id. An entity is never paired with itself.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for paper, attrs in graph.nodes(data=True):
        if attrs.get("type") != PAPER:
            continue
        linked = {t for _, t, r in graph.out_edges(paper, keys=True) if r in PAPER_RELATIONS}
        rows = [t for t in linked if graph.nodes[t].get("type") == row_type]
        columns = [t for t in linked if graph.nodes[t].get("type") == column_type]
        counts.update((r, c) for r in rows for c in columns if r != c)
    table: dict[str, dict[str, int]] = {}
    for (row, column), count in sorted(counts.items()):
        if count >= min_count:
            table.setdefault(row, {})[column] = count
    return table


def paper_entity_view(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected paper–entity graph (derived entity edges and results left out)."""
    view = nx.Graph()
    view.add_nodes_from(graph.nodes)
    view.add_edges_from((u, v) for u, v, r in graph.edges(keys=True) if r in PAPER_RELATIONS)
    return view


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[dict[str, Any]]:
    """The nodes on a shortest path from ``source`` to ``target`` through papers, or ``[]``.

    Each node is ``{"key", "type", "name"}`` (a paper's name is its title);
    entities and papers alternate along the path.
    """
    try:
        keys = nx.shortest_path(paper_entity_view(graph), source, target)
    except nx.NetworkXNoPath:
        return []
    return [
        {
            "key": key,
            "type": graph.nodes[key].get("type"),
            "name": graph.nodes[key].get("name") or graph.nodes[key].get("title"),
        }
        for key in keys
    ]


def ego_graph(graph: nx.MultiDiGraph, key: str, radius: int = 2) -> nx.MultiDiGraph:
    """A copy of the part of ``graph`` within ``radius`` paper–entity hops of ``key``, with
    the results of its papers (linked to the entities of their roles that are in it).

    Nodes and edges keep the order (and attributes) they have in ``graph``.
    """
    near = set(nx.single_source_shortest_path_length(paper_entity_view(graph), key, radius))
    near.update(
        result
        for node in list(near)
        if graph.nodes[node].get("type") == PAPER
        for result in paper_results(graph, node)
    )
    ego = nx.MultiDiGraph(**copy.deepcopy(graph.graph))
    ego.add_nodes_from((n, copy.deepcopy(a)) for n, a in graph.nodes(data=True) if n in near)
    ego.add_edges_from(
        (u, v, k, copy.deepcopy(d))
        for u, v, k, d in graph.edges(keys=True, data=True)
        if u in near and v in near
    )
    return ego


def entity_evidence(graph: nx.MultiDiGraph, key: str) -> list[dict[str, Any]]:
    """The papers linked to entity ``key``, in graph order, each with its edge's evidence.

    Each is ``{"key", "id", "title", "date", "url", "relation", "proposed", "evidence"}``.
    """
    order = {node: index for index, node in enumerate(graph.nodes)}
    links = sorted(paper_links(graph, key), key=lambda link: order[link[0]])
    return [
        {
            **_summary(graph, paper),
            "relation": relation,
            "proposed": bool(data.get("proposed")),
            "evidence": [dict(record) for record in data.get("evidence") or ()],
        }
        for paper, relation, data in links
    ]


def graph_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of papers, entities by type, results by kind, edges by relation and evidence
    records."""
    entities = dict.fromkeys(ENTITY_TYPES, 0)
    results = dict.fromkeys(RESULT_KINDS, 0)
    papers = 0
    for _, attrs in graph.nodes(data=True):
        kind = attrs.get("type")
        if kind == PAPER:
            papers += 1
        elif kind == RESULT:
            result_kind = str(attrs.get("kind"))
            results[result_kind] = results.get(result_kind, 0) + 1
        else:
            entities[kind] = entities.get(kind, 0) + 1
    relations = dict.fromkeys((*PAPER_RELATIONS, *DERIVED_RELATIONS, *RESULT_RELATIONS), 0)
    evidence = 0
    linked_papers = set()
    for source, _, relation, data in graph.edges(keys=True, data=True):
        relations[relation] = relations.get(relation, 0) + 1
        if relation in PAPER_RELATIONS:
            evidence += len(data.get("evidence") or ())
            linked_papers.add(source)
    return {
        "name": graph.graph.get("name"),
        "papers": papers,
        "papers_with_entities": len(linked_papers),
        "entities": sum(entities.values()),
        "entities_by_type": entities,
        "results": sum(results.values()),
        "results_by_kind": results,
        "edges": graph.number_of_edges(),
        "edges_by_relation": relations,
        "evidence": evidence,
    }
