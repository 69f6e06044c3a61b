"""Clusters of the view: communities of co-occurring entities, named, coloured and laid out apart.

Communities come from NetworkX's Louvain method on the entity co-occurrence graph (``co_occurs``
edges weighted by their ``count``) with a fixed seed, so the same graph always gets the same
clusters. The most linked entities, each cluster's top one first, are the candidates for labels.
Each cluster is laid out on its own by :func:`graphkit.export.layout.force_layout` and
the clusters are then packed side by side, largest first, so that they read as regions of a map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.export.layout import force_layout
from graphkit.graph.schema import CO_OCCURS, PAPER

PALETTE: tuple[str, ...] = (
    "#3b75af",
    "#d9731a",
    "#3e9a4a",
    "#c23b3b",
    "#8461b0",
    "#8c5a4b",
    "#cf5fa7",
    "#1f9eae",
    "#a3a02a",
    "#5f6f8a",
)
"""Cluster colours, in cluster order (largest first); later clusters reuse them."""

OTHER_COLOUR = "#9aa5b1"
"""Colour of nodes in no named cluster (small communities, papers between clusters)."""

MIN_CLUSTER = 3
"""Communities with fewer entities than this are not named; their nodes are drawn grey."""

NAME_PARTS = 3
"""Entities named in a cluster's name."""

GAP = 1.5
"""Space between packed clusters, in ideal edge lengths."""


@dataclass
class Cluster:
    """One named community: its colour, name (its top entities) and entity keys, best first."""

    name: str
    colour: str
    members: list[str]


def communities(
    graph: nx.MultiDiGraph, entities: Sequence[str], *, seed: int = 0
) -> list[list[str]]:
    """Louvain communities of ``entities`` on their co-occurrence graph, largest first.

    Each community lists its keys by paper count (most first); ties and the order of equal-sized
    communities go by key, so the result does not depend on set iteration order.
    """
    wanted = set(entities)
    weighted = nx.Graph()
    weighted.add_nodes_from(sorted(wanted))
    for key in sorted(wanted):
        for _, target, relation, attrs in graph.out_edges(key, keys=True, data=True):
            if relation != CO_OCCURS or target not in wanted or target == key:
                continue
            count = attrs.get("count")
            weight = count if isinstance(count, int) and count > 0 else 1
            if weighted.has_edge(key, target):
                weighted[key][target]["weight"] += weight
            else:
                weighted.add_edge(key, target, weight=weight)
    found = nx.community.louvain_communities(weighted, weight="weight", seed=seed)
    ranked = [sorted(group, key=lambda key: (-paper_count(graph, key), key)) for group in found]
    return sorted(ranked, key=lambda group: (-len(group), group[0]))


def name_clusters(graph: nx.MultiDiGraph, groups: list[list[str]]) -> list[Cluster]:
    """Name and colour the communities of at least :data:`MIN_CLUSTER` entities."""
    clusters = []
    for group in groups:
        if len(group) < MIN_CLUSTER:
            continue
        names = [str(graph.nodes[key].get("name") or key) for key in group[:NAME_PARTS]]
        colour = PALETTE[len(clusters) % len(PALETTE)]
        clusters.append(Cluster(" · ".join(names), colour, group))
    return clusters


def grouped_layout(
    count: int, edges: Sequence[tuple[int, int]], group: Sequence[int], *, spacing: float
) -> list[tuple[int, int]]:
    """Positions for nodes ``0..count-1``: each group (``group[i]``) laid out on its own, then
    the groups packed around the largest, nearest to the centre first, without overlapping."""
    members: dict[int, list[int]] = {}
    for node in range(count):
        members.setdefault(group[node], []).append(node)
    inside: dict[int, list[tuple[int, int]]] = {g: [] for g in members}
    local = {node: i for nodes in members.values() for i, node in enumerate(nodes)}
    for a, b in edges:
        if group[a] == group[b]:
            inside[group[a]].append((local[a], local[b]))
    order = sorted(members, key=lambda g: (-len(members[g]), g))
    placed: list[tuple[float, float, float]] = []
    positions: list[tuple[int, int]] = [(0, 0)] * count
    for g in order:
        nodes = members[g]
        points = force_layout(len(nodes), inside[g], spacing=spacing)
        radius = max((math.hypot(x, y) for x, y in points), default=0.0) + spacing * GAP / 2
        cx, cy = _free_spot(placed, radius, spacing)
        placed.append((cx, cy, radius))
        for node, (x, y) in zip(nodes, points, strict=True):
            positions[node] = (round(cx + x), round(cy + y))
    return positions


def _free_spot(
    placed: list[tuple[float, float, float]], radius: float, step: float
) -> tuple[float, float]:
    """The first point on an outward spiral where a circle of ``radius`` overlaps none placed."""
    if not placed:
        return (0.0, 0.0)
    turn = 0.0
    while True:
        distance = step * turn / (2 * math.pi) * 0.5
        x, y = distance * math.cos(turn), distance * math.sin(turn) * 0.7
        if all(math.hypot(x - px, y - py) >= radius + pr for px, py, pr in placed):
            return (x, y)
        turn += 0.25


def paper_count(graph: nx.MultiDiGraph, key: str) -> int:
    """The node's ``paper_count`` (0 when absent)."""
    value = graph.nodes[key].get("paper_count")
    return value if isinstance(value, int) else 0


def layout_groups(
    canvas: Sequence[str],
    edges: Sequence[tuple[int, int]],
    cluster_of: dict[str, int],
    kinds: dict[str, Any],
) -> list[int]:
    """The layout group of each canvas node: its cluster; a paper joins the cluster most of
    its entities are in; the rest form one group per connected piece."""
    groups = [cluster_of.get(key, -1) for key in canvas]
    votes: dict[int, dict[int, int]] = {}
    for a, b in edges:
        if kinds[canvas[a]] == PAPER and groups[b] >= 0:
            tally = votes.setdefault(a, {})
            tally[groups[b]] = tally.get(groups[b], 0) + 1
    for paper, tally in votes.items():
        groups[paper] = min(tally, key=lambda g: (-tally[g], g))
    rest = nx.Graph()
    rest.add_nodes_from(i for i, g in enumerate(groups) if g < 0)
    rest.add_edges_from((a, b) for a, b in edges if groups[a] < 0 and groups[b] < 0)
    base = max(groups, default=-1) + 1
    for number, piece in enumerate(sorted(nx.connected_components(rest), key=min)):
        for node in piece:
            groups[node] = base + number
    return groups


def label_priority(
    graph: nx.MultiDiGraph, entities: Sequence[str], clusters: list[Cluster], *, limit: int
) -> dict[str, int]:
    """Which ``entities`` may carry a label at the default zoom, and in what order: the top
    entity of each cluster first, then the rest by paper count; ``limit`` of them."""
    heads = [cluster.members[0] for cluster in clusters]
    rest = sorted(entities, key=lambda key: (-paper_count(graph, key), key))
    ordered = list(dict.fromkeys([*heads, *rest]))[:limit]
    return {key: rank for rank, key in enumerate(ordered)}
