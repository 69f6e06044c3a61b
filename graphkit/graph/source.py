"""One query interface, two sources: the in-memory graph and a store of its RDF.

:class:`GraphQueries` is what :class:`~graphkit.graph.KnowledgeGraph` (the NetworkX
graph, for graphs that fit in memory) and
:class:`~graphkit.graph.store_queries.StoreGraph` (an Oxigraph store, for any size)
both answer, with the same arguments and the same answers on the same build.
:func:`open_graph` gives the one that fits a path.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from graphkit.errors import InputError


class GraphQueries(Protocol):
    """The queries both sources answer (see :class:`~graphkit.graph.KnowledgeGraph`)."""

    def resolve(self, ref: str, type: str | None = None) -> str: ...

    def entity(self, ref: str, type: str | None = None) -> dict[str, Any]: ...

    def papers(self, **filters: Any) -> list[dict[str, Any]]: ...

    def entities(self, type: str | None = None, *, min_papers: int = 1) -> list[dict[str, Any]]: ...

    def top(self, type: str | None = None, n: int = 10) -> list[dict[str, Any]]: ...

    def related(
        self, ref: str, *, type: str | None = None, n: int | None = None
    ) -> list[dict[str, Any]]: ...

    def evidence(self, ref: str) -> list[dict[str, Any]]: ...

    def results(self, **filters: str | None) -> list[dict[str, Any]]: ...

    def leaderboard(
        self,
        *,
        task: str | None = None,
        dataset: str | None = None,
        metric: str | None = None,
        directions: Sequence[str | os.PathLike[str]] = (),
    ) -> list[dict[str, Any]]: ...

    def stats(self) -> dict[str, Any]: ...


def open_graph(path: str | os.PathLike[str]) -> GraphQueries:
    """The graph at ``path``: a StoreGraph when it is an Oxigraph store folder (``graphkit
    build --store``), else the KnowledgeGraph of a ``graph.json``; InputError names a path
    that is neither."""
    from graphkit.export.store import is_store_dir

    source = Path(path)
    if is_store_dir(source):
        from graphkit.graph.store_queries import StoreGraph

        return StoreGraph(source)
    if not source.is_file():
        raise InputError("no such graph file or store", str(source))
    from graphkit.graph.model import KnowledgeGraph

    return KnowledgeGraph.load(source)
