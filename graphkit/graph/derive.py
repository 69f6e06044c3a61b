"""Settle the derived parts of a graph after merging: names, counts, entity edges, order.

Everything here is a function of the paper -> entity edges and the entities'
surface forms, so the result does not depend on the order papers were added.
Result nodes and their edges are kept as they are and only put in order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import product
from typing import Any

import networkx as nx

from graphkit.graph.results import text_order
from graphkit.graph.schema import (
    CO_OCCURRING_TYPES,
    CO_OCCURS,
    IMPLEMENTS,
    PAPER,
    PAPER_RELATIONS,
    RESULT,
)


def singular(text: str) -> str:
    """``text`` with a final plural made singular (``ies`` -> ``y``, ``sses`` -> ``ss``, ``s``)."""
    if text.endswith("ies") and len(text) > 4:
        return text[:-3] + "y"
    if text.endswith("sses"):
        return text[:-2]
    if text.endswith("s") and not text.endswith("ss") and len(text) > 3:
        return text[:-1]
    return text


def choose_name(counts: Counter[str]) -> str:
    """The display name among per-paper names, with how many papers use each.

    Names that differ only in case or a final plural are one group; the group
    used by most papers wins (ties: the longer, so an expansion beats its
    abbreviation). Within it, a singular form is preferred to a plural one that
    was also written, then the most used form, then the first in code order.
    """
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in counts.items():
        groups[singular(name.casefold())][name] += count
    best = min(groups, key=lambda key: (-sum(groups[key].values()), -len(key), key))
    forms = groups[best]
    folded = {form.casefold() for form in forms}

    def plural(form: str) -> bool:
        return singular(form) != form and singular(form).casefold() in folded

    return min(forms, key=lambda form: (plural(form), -forms[form], form))


def _choose_name(graph: nx.MultiDiGraph, key: str) -> str:
    """The name the papers linked to entity ``key`` give it (see :func:`choose_name`)."""
    attrs = graph.nodes[key]
    counts = Counter(
        data.get("name") or attrs["name"]
        for _, _, data in graph.in_edges(key, data=True)
        if data.get("relation") in PAPER_RELATIONS
    )
    return choose_name(counts) if counts else attrs["name"]


def settle_names(graph: nx.MultiDiGraph, forms: dict[str, set[str]]) -> None:
    """Pick each touched entity's name and keep every other surface form as a sorted alias."""
    for key, new_forms in forms.items():
        attrs = graph.nodes[key]
        every = {attrs["name"], *(attrs.get("aliases") or ()), *new_forms}
        name = _choose_name(graph, key)
        attrs["name"] = name
        attrs["aliases"] = sorted(f for f in every if f.strip() and f != name)


def canonicalize(graph: nx.MultiDiGraph) -> None:
    """Recompute paper counts and derived edges, and put nodes and edges in canonical order.

    Papers keep their order; entities follow sorted by id, then results by paper
    and in text order. Paper -> entity edges are sorted by target and come
    before the paper's results; derived edges are sorted by (source, relation,
    target), result -> entity edges by target. The graph is rebuilt in place,
    so references to it stay valid.
    """
    papers: list[tuple[str, dict[str, Any]]] = []
    entities: list[tuple[str, dict[str, Any]]] = []
    results: dict[str, dict[str, Any]] = {}
    for key, attrs in graph.nodes(data=True):
        kind = attrs.get("type")
        if kind == PAPER:
            papers.append((key, attrs))
        elif kind == RESULT:
            results[key] = attrs
        else:
            entities.append((key, attrs))
    entities.sort(key=lambda item: item[0])
    paper_edges: list[tuple[str, str, str, dict[str, Any]]] = []
    result_edges: list[tuple[str, str, str, dict[str, Any]]] = []
    ordered: dict[str, dict[str, Any]] = {}
    succ = graph._succ
    for key, _ in papers:
        targets = succ[key]
        reported = []
        for target in sorted(targets):
            if target in results:
                reported.append(target)
                continue
            relations = targets[target]
            paper_edges.extend((key, target, r, relations[r]) for r in sorted(relations))
        for target in sorted(reported, key=lambda k: (text_order(results[k]), k)):
            relations = targets[target]
            result_edges.extend((key, target, r, relations[r]) for r in sorted(relations))
            ordered.setdefault(target, results[target])
    for key in sorted(results):
        ordered.setdefault(key, results[key])
    for key in ordered:
        targets = succ[key]
        for target in sorted(targets):
            relations = targets[target]
            result_edges.extend((key, target, r, relations[r]) for r in sorted(relations))
    derived = derived_edges(graph, papers, paper_edges)
    counts = Counter(target for _, target, _, _ in paper_edges)
    for key, attrs in entities:
        attrs["paper_count"] = counts.get(key, 0)
    attributes = dict(graph.graph)
    graph.clear()
    graph.graph.update(attributes)
    _add_new_nodes(graph, papers)
    _add_new_nodes(graph, entities)
    _add_new_nodes(graph, ordered.items())
    _add_new_edges(graph, paper_edges)
    _add_new_edges(graph, derived)
    _add_new_edges(graph, result_edges)


def _add_new_nodes(graph: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Add distinct new nodes with a copy of their attributes, as ``add_nodes_from`` does,
    without its attempt to hash each (node, attributes) pair, which fails, at every node."""
    node, succ, pred = graph._node, graph._succ, graph._pred
    for key, attrs in nodes:
        succ[key] = graph.adjlist_inner_dict_factory()
        pred[key] = graph.adjlist_inner_dict_factory()
        node[key] = graph.node_attr_dict_factory(attrs)


def _add_new_edges(
    graph: nx.MultiDiGraph, edges: list[tuple[str, str, str, dict[str, Any]]]
) -> None:
    """Add distinct edges between existing nodes, keeping their attribute dicts as they are.

    ``add_edges_from`` copies every attribute dict and checks each edge through
    the adjacency views; on a rebuild of a large graph that is most of the time,
    so the edges go straight into the adjacency of the NetworkX data structure.
    """
    succ, pred = graph._succ, graph._pred
    for source, target, key, data in edges:
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = pred[target][source] = graph.edge_key_dict_factory()
        keys[key] = data


def derived_edges(
    graph: nx.MultiDiGraph,
    papers: list[tuple[str, dict[str, Any]]],
    paper_edges: list[tuple[str, str, str, dict[str, Any]]],
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The ``co_occurs`` and ``implements`` edges implied by the paper edges, sorted."""
    linked: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for paper, target, relation, data in paper_edges:
        linked[paper].append((target, relation, data))
    kinds: dict[str, str] = dict(graph.nodes(data="type"))
    together: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for paper, attrs in papers:
        pid = str(attrs.get("id") or paper.partition("/")[2])
        by_type: dict[str, set[str]] = defaultdict(set)
        for target, _, _ in linked[paper]:
            by_type[kinds[target]].add(target)
        for source_type, target_type in CO_OCCURRING_TYPES:
            for a, b in product(by_type.get(source_type, ()), by_type.get(target_type, ())):
                together[a, CO_OCCURS, b].add(pid)
        own_code = [t for t, r, d in linked[paper] if r == "has_code" and d.get("proposed")]
        proposed = [t for t, r, _ in linked[paper] if r == "proposes" and kinds[t] == "method"]
        for repo, method in product(own_code, proposed):
            together[repo, IMPLEMENTS, method].add(pid)
    edges = []
    for (source, relation, target), pids in sorted(together.items()):
        data: dict[str, Any] = {"relation": relation}
        if relation == CO_OCCURS:
            data["count"] = len(pids)
        data["papers"] = sorted(pids)
        edges.append((source, target, relation, data))
    return edges
