"""Results for the view: each entity's results and each dataset's leaderboard.

Results are read only through :func:`graphkit.graph.results.results_of` and ranked by
:func:`graphkit.graph.results.rank`, so the view shows what ``graphkit leaderboard`` prints.
A dataset's or metric's rows are its leaderboard (absolute results, best first per metric);
a method's rows are the results it reports, ranked ones first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.graph.results import rank, results_of
from graphkit.graph.schema import paper_key

BOARD_ROLES: dict[str, str] = {"dataset": "dataset_id", "metric": "metric_id"}
"""Entity types whose panel shows a leaderboard, and the role that names them."""

REPORT_ROLES: dict[str, str] = {"method": "method_id"}
"""Entity types whose panel lists the results they report."""

ROWS_PER_ENTITY = 50
"""Result rows kept per entity at most."""


@dataclass
class Boards:
    """Result rows and, per entity key, the indices of its rows in display order."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    of: dict[str, list[int]] = field(default_factory=dict)


def entity_boards(graph: nx.MultiDiGraph, entities: Iterable[str]) -> Boards:
    """The leaderboard or reported results of each of ``entities`` that has any."""
    types = {key: graph.nodes[key].get("type") for key in entities}
    every = results_of(graph, {})
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in every:
        for kind, role in (*BOARD_ROLES.items(), *REPORT_ROLES.items()):
            key = row.get(role)
            if key is not None and types.get(key) == kind:
                grouped.setdefault(key, []).append(row)
    found = Boards()
    seen: dict[tuple, int] = {}
    for key in types:
        rows = grouped.get(key)
        if not rows:
            continue
        ranked = rank(rows)
        if types[key] in REPORT_ROLES:
            ranked = ranked + [row for row in rows if row.get("kind") != "absolute"]
        indices = []
        for row in ranked[:ROWS_PER_ENTITY]:
            ident = (row.get("paper"), row.get("field"), row.get("start"), row.get("end"))
            if ident not in seen:
                seen[ident] = len(found.rows)
                found.rows.append(row)
            indices.append(seen[ident])
        found.of[key] = indices
    return found


def row_paper(row: dict[str, Any]) -> str:
    """The node key of the paper a result row comes from."""
    return paper_key(str(row.get("paper")))
