"""KnowledgeGraph: the NetworkX graph of papers and entities, and the API to build and query it."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphkit import __version__
from graphkit.graph import io, queries
from graphkit.graph.derive import canonicalize, settle_names
from graphkit.graph.merge import merge_extraction
from graphkit.graph.resolve import EntityIndex
from graphkit.graph.results import results_of
from graphkit.graph.schema import PAPER
from graphkit.graph.source import GraphQueries, check_type
from graphkit.models import Extraction

if TYPE_CHECKING:
    import rdflib
    from pyvis.network import Network


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """Pause the cyclic garbage collector while the derived parts are recomputed.

    Settling makes millions of dicts, tuples and sets and no reference cycles,
    so the collector would only walk the whole graph again and again (a third
    of the time on 100,000 papers); reference counting frees all the garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class KnowledgeGraph(GraphQueries):
    """Papers, the methods, datasets, metrics, tasks and repositories they name, and the
    results they report.

    ``kg.graph`` is a ``networkx.MultiDiGraph`` laid out as docs/graph-model.md
    says. Papers are added with :meth:`add_papers`; derived parts (entity names,
    paper counts, ``co_occurs`` and ``implements`` edges, node order) are
    recomputed when the graph is next read, so adding in batches stays cheap.
    Entities may be named by id, name or alias, in any case.
    """

    def __init__(self, name: str = "graphkit") -> None:
        self._graph = nx.MultiDiGraph(name=name, created_by=f"graphkit {__version__}")
        self._forms: dict[str, set[str]] = {}
        self._dirty = False
        self._index: EntityIndex | None = None

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph) -> KnowledgeGraph:
        """Wrap an existing graph of the graph model (used as is, not copied)."""
        kg = cls()
        kg._graph = graph
        return kg

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The underlying ``networkx.MultiDiGraph``, with derived parts up to date."""
        if self._dirty:
            with _collector_off():
                settle_names(self._graph, self._forms)
                canonicalize(self._graph)
            self._forms = {}
            self._dirty = False
        return self._graph

    def __repr__(self) -> str:
        stats = self.stats()
        return (
            f"<KnowledgeGraph {stats['name']!r}: {stats['papers']} papers, "
            f"{stats['entities']} entities, {stats['results']} results, {stats['edges']} edges>"
        )

    # building

    def add_papers(self, extractions: Iterable[Extraction]) -> int:
        """Merge extractions into the graph; return how many were read.

        Adding a paper already present fills its missing metadata and unions
        its entities and evidence, so adding the same extraction twice changes
        nothing. ``link`` entities are not graph nodes. A bad extraction (an
        entity without evidence or of unknown type) raises GraphkitError and
        leaves the graph as it was before that extraction.
        """
        count = 0
        for extraction in extractions:
            self._dirty = True
            self._index = None
            merge_extraction(self._graph, extraction, self._forms)
            count += 1
        return count

    # files

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write node-link JSON (``graph.json``) atomically; the same graph gives the same bytes."""
        io.save_json(self.graph, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> KnowledgeGraph:
        """Read a ``graph.json`` written by :meth:`save`; InputError names a bad file."""
        return cls.from_graph(io.load_json(path))

    def to_graphml(self, path: str | os.PathLike[str]) -> None:
        """Write GraphML; lists and evidence become JSON strings (see :mod:`graphkit.graph.io`)."""
        io.write_graphml(self.graph, path)

    def to_gexf(self, path: str | os.PathLike[str]) -> None:
        """Write GEXF 1.2; lists and evidence become JSON strings, ``id`` becomes ``identifier``."""
        io.write_gexf(self.graph, path)

    def to_rdflib(self, *, base_iri: str | None = None) -> rdflib.Graph:
        """An ``rdflib.Graph`` of the graph's triples (those of ``graph.ttl``)."""
        from graphkit.export.notebook import to_rdflib

        return to_rdflib(self.graph, base_iri=base_iri)

    def to_pyvis(self, *, top: int | None = None, **options: Any) -> Network:
        """A ``pyvis`` Network of what the view draws, for notebooks (``net.show("kg.html")``)."""
        from graphkit.export.notebook import to_pyvis

        return to_pyvis(self.graph, top=top, **options)

    # lookup

    def resolve(self, ref: str, type: str | None = None) -> str:
        """The id of the entity named ``ref`` (id, name or alias, any case), of ``type`` if given.

        Raises UnknownEntityError (a KeyError, with close names as suggestions)
        or AmbiguousEntityError when the name fits several entities.
        """
        check_type(type)
        return self._resolve(ref, (type,) if type else ())

    def _resolve(self, ref: str, types: tuple[str, ...]) -> str:
        graph = self.graph
        if self._index is None:
            self._index = EntityIndex(graph)
        return self._index.resolve(ref, types)

    def _node(self, ref: str) -> str:
        """A paper key as is, else the resolved entity id."""
        attrs = self.graph.nodes.get(ref)
        if attrs is not None and attrs.get("type") == PAPER:
            return ref
        return self._resolve(ref, ())

    def entity(self, ref: str, type: str | None = None) -> dict[str, Any]:
        """The attributes of the entity named ``ref`` (a copy)."""
        return queries.entity_record(self.graph, self.resolve(ref, type))

    # queries

    def _papers(
        self, conditions: list[tuple[str, frozenset[str]]], *, with_code: bool | None
    ) -> list[dict[str, Any]]:
        return queries.papers_with(self.graph, conditions, with_code=with_code)

    def entities(self, type: str | None = None, *, min_papers: int = 1) -> list[dict[str, Any]]:
        """Entities of ``type`` (all types if None) in at least ``min_papers`` papers, by id.

        Each is ``{"id", "type", "name", "paper_count"}``.
        """
        check_type(type)
        return queries.entities_of(self.graph, type, min_papers=min_papers)

    def top(self, type: str | None = None, n: int = 10) -> list[dict[str, Any]]:
        """The ``n`` entities of ``type`` in the most papers, most first (ties by id)."""
        check_type(type)
        return queries.top_entities(self.graph, type, n)

    def related(
        self, ref: str, *, type: str | None = None, n: int | None = None
    ) -> list[dict[str, Any]]:
        """Entities sharing papers with ``ref``, most shared first; ``type`` keeps one type.

        Each is ``{"id", "type", "name", "paper_count", "shared", "papers"}``.
        """
        check_type(type)
        return queries.related_entities(self.graph, self._resolve(ref, ()), type=type, n=n)

    def cooccurrence(
        self, row_type: str, column_type: str, *, min_count: int = 1
    ) -> dict[str, dict[str, int]]:
        """``{row id: {column id: papers naming both}}`` for two entity types."""
        check_type(row_type)
        check_type(column_type)
        return queries.cooccurrence(self.graph, row_type, column_type, min_count=min_count)

    def path(self, source: str, target: str) -> list[dict[str, Any]]:
        """A shortest chain of papers and entities from ``source`` to ``target``; ``[]`` if none.

        Either end may be an entity reference or a paper key (``paper/<id>``).
        Each step is ``{"key", "type", "name"}``.
        """
        return queries.shortest_path(self.graph, self._node(source), self._node(target))

    def ego(self, ref: str, radius: int = 2) -> KnowledgeGraph:
        """The subgraph within ``radius`` paper–entity hops of ``ref``, as a new KnowledgeGraph.

        Radius 1 is the entity and its papers; radius 2 adds every entity those
        papers name. The results of its papers come along. Attributes (paper counts
        too) are those of the whole graph.
        """
        return KnowledgeGraph.from_graph(queries.ego_graph(self.graph, self._node(ref), radius))

    def evidence(self, ref: str) -> list[dict[str, Any]]:
        """The papers linked to ``ref`` with the relation, proposed flag and evidence records."""
        return queries.entity_evidence(self.graph, self._resolve(ref, ()))

    def _results(self, filters: dict[str, str], *, kind: str | None) -> list[dict[str, Any]]:
        return results_of(self.graph, filters, kind=kind)

    def stats(self) -> dict[str, Any]:
        """Counts: papers, entities (by type), results (by kind), edges (by relation),
        evidence records."""
        return queries.graph_stats(self.graph)


def load(path: str | os.PathLike[str]) -> KnowledgeGraph:
    """Read a ``graph.json`` written by :meth:`KnowledgeGraph.save`."""
    return KnowledgeGraph.load(path)
