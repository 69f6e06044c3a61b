"""Oxigraph stores: load graphs into a persistent store (one named graph per
dataset, replaced on reload), read RDF files, and run SPARQL over them."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
)

from graphkit.errors import InputError
from graphkit.export.iri import IriMinter
from graphkit.export.namespaces import PREFIXES
from graphkit.export.rdf import graph_name, ntriples_stream

if TYPE_CHECKING:
    import networkx as nx

RDF_SUFFIXES: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
}
"""RDF files that stores read, by file name suffix."""

QUAD_SUFFIXES = frozenset({".nq", ".trig"})
"""RDF files that name their own graphs."""

_POSITION = re.compile(r"\berror at (\d+):\d+")

QueryResult = QuerySolutions | QueryBoolean | QueryTriples


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open (or create) the persistent store in directory ``path``; in memory when None.

    ``read_only`` opens an existing store for queries without taking its write lock.
    """
    if path is None:
        return Store()
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the store: {exc}", str(path)) from exc


def load_graph(
    store: Store,
    graph: nx.MultiDiGraph,
    *,
    name: str | None = None,
    base_iri: str | None = None,
) -> tuple[NamedNode, int]:
    """Put ``graph`` into the named graph ``<base>graph/<name>`` of ``store``, replacing it.

    Returns the named graph and the number of triples now in it. Loading the
    same name again replaces the data instead of adding to it.
    """
    target = NamedNode(IriMinter(base_iri).graph(name or graph_name(graph)))
    store.remove_graph(target)
    add_graph(store, graph, target, base_iri=base_iri)
    return target, _count(store, target)


def add_graph(
    store: Store,
    graph: nx.MultiDiGraph,
    target: NamedNode | DefaultGraph,
    *,
    base_iri: str | None = None,
) -> None:
    """Add the triples of ``graph`` to the graph ``target`` of ``store``.

    The N-Triples stream is parsed and bulk-loaded inside Oxigraph, which is
    several times faster than transactional inserts; an interrupted load is
    repaired by loading again.
    """
    stream = ntriples_stream(graph, base_iri=base_iri)
    store.bulk_load(input=stream, format=RdfFormat.N_TRIPLES, to_graph=target)


def load_rdf_file(
    store: Store,
    path: str | os.PathLike[str],
    *,
    to_graph: NamedNode | None = None,
) -> int:
    """Read an RDF file (by suffix: .ttl .nt .nq .trig .jsonld) into ``store``.

    Triple formats go to ``to_graph`` or the default graph; quad formats keep
    their named graphs. Every named graph written to is cleared first, so a
    reload replaces data. Returns the number of quads read.
    """
    source = Path(path)
    fmt = RDF_SUFFIXES.get(source.suffix.lower())
    if fmt is None:
        raise InputError(
            f"unknown RDF file type {source.suffix!r}; use one of {', '.join(RDF_SUFFIXES)}",
            str(source),
        )
    if not source.is_file():
        raise InputError("no such file", str(source))
    try:
        quads = list(parse(path=str(source), format=fmt, rename_blank_nodes=True))
    except SyntaxError as exc:
        raise InputError(f"not valid {fmt.name}: {exc}", str(source)) from exc
    if to_graph is not None:
        quads = [
            Quad(q.subject, q.predicate, q.object, to_graph)
            if isinstance(q.graph_name, DefaultGraph)
            else q
            for q in quads
        ]
    for name in {q.graph_name.value for q in quads if isinstance(q.graph_name, NamedNode)}:
        store.remove_graph(NamedNode(name))
    store.bulk_extend(quads)
    return len(quads)


def run_query(store: Store, sparql: str, *, source: str = "<query>") -> QueryResult:
    """Run a SPARQL query over all the graphs of ``store`` (the default graph is their union).

    The graphkit prefixes (``gk:``, ``skos:``, ``prov:``, ``dcterms:`` ...) are
    predeclared, so queries may use them without ``PREFIX`` lines.
    """
    try:
        return store.query(
            sparql,
            use_default_graph_as_union=True,
            prefixes=dict(PREFIXES),
        )
    except SyntaxError as exc:
        where = _POSITION.search(str(exc))
        line = int(where.group(1)) if where else None
        raise InputError(f"invalid SPARQL: {exc}", source, line) from exc
    except OSError as exc:
        raise InputError(f"the query failed: {exc}", source) from exc


def _count(store: Store, target: NamedNode) -> int:
    """The number of triples in one named graph of ``store``."""
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}")
    return int(next(iter(result))[0].value)
