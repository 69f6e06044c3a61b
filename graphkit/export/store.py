"""Oxigraph stores: load graphs into a persistent store (one named graph per
dataset, replaced on reload), read RDF files, and run SPARQL over them."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
)

from graphkit.atomic import folder_error
from graphkit.errors import InputError, OutputError
from graphkit.export.iri import IriMinter
from graphkit.export.namespaces import CLASS_OF_TYPE, GK, PREFIXES, RDF_TYPE, XSD
from graphkit.export.rdf import graph_name, ntriples_stream
from graphkit.staging import remove_stale, tag

if TYPE_CHECKING:
    import networkx as nx

RDF_SUFFIXES: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
}
"""RDF files that stores read, by file name suffix."""

QUAD_SUFFIXES = frozenset({".nq", ".trig"})
"""RDF files that name their own graphs."""

_POSITION = re.compile(r"\berror at (\d+):\d+")

QueryResult = QuerySolutions | QueryBoolean | QueryTriples
XSD_INTEGER = NamedNode(XSD + "integer")


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
    to_graph: NamedNode | None = None,
) -> tuple[NamedNode, int]:
    """Put ``graph`` into the named graph ``<base>graph/<name>`` (or ``to_graph``) of
    ``store``, replacing it.

    Returns the named graph and the number of triples now in it. Loading the
    same name again replaces the data instead of adding to it.
    """
    target = to_graph or NamedNode(IriMinter(base_iri).graph(name or graph_name(graph)))
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


def read_rdf_file(path: str | os.PathLike[str]) -> list[Quad]:
    """Read the quads of an RDF file (by suffix: .ttl .nt .nq .trig .jsonld .rdf), or raise
    :class:`InputError` naming the file."""
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
        return list(parse(path=str(source), format=fmt, rename_blank_nodes=True))
    except SyntaxError as exc:
        raise InputError(f"not valid {fmt.name}: {exc}", str(source)) from exc


def load_rdf_file(
    store: Store,
    path: str | os.PathLike[str] | list[Quad],
    *,
    to_graph: NamedNode | None = None,
) -> int:
    """Read an RDF file (by suffix: .ttl .nt .nq .trig .jsonld), or the quads
    :func:`read_rdf_file` read from one, into ``store``.

    Triple formats go to ``to_graph`` or the default graph; quad formats keep
    their named graphs. Every named graph written to is cleared first, so a
    reload replaces data. Returns the number of quads read.
    """
    quads = path if isinstance(path, list) else read_rdf_file(path)
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


_PAPER = CLASS_OF_TYPE["paper"]


def papers_of_quads(quads: list[Quad]) -> set[str]:
    """The IRIs of the papers (``a gk:Paper``) among ``quads``."""
    return {q.subject.value for q in quads if q.predicate == RDF_TYPE and q.object == _PAPER}


def papers_of_graph(graph: nx.MultiDiGraph, base_iri: str | None = None) -> set[str]:
    """The IRIs that the papers of ``graph`` get in RDF."""
    return set(_paper_iris(graph, IriMinter(base_iri)))


@dataclass
class Placement:
    """Where a graph goes in a store, and which other named graphs already hold its papers."""

    target: NamedNode
    same_build: bool = False
    """``target`` was chosen because it holds exactly these papers (the same build, loaded
    before from another file or format)."""
    shared: dict[str, int] = field(default_factory=dict)
    """Other named graphs holding some of the papers, with how many: queries over the whole
    store would count those papers twice."""


def place(store: Store, papers: set[str], target: NamedNode, *, named: bool) -> Placement:
    """Choose the named graph for a graph with ``papers``: ``target``, or, unless the name was
    given (``named``), the one named graph that holds exactly the same papers, so that
    loading ``graph.json`` and then ``graph.ttl`` of one build replaces instead of adding."""
    totals: Counter[str] = Counter()
    shared: Counter[str] = Counter()
    for quad in store.quads_for_pattern(None, RDF_TYPE, _PAPER, None):
        if isinstance(quad.graph_name, NamedNode):
            totals[quad.graph_name.value] += 1
            if quad.subject.value in papers:
                shared[quad.graph_name.value] += 1
    same = sorted(g for g, n in shared.items() if n == totals[g] == len(papers))
    placement = Placement(target)
    if not named and same and target.value not in same:
        placement = Placement(NamedNode(same[0]), same_build=True)
    placement.shared = {g: n for g, n in sorted(shared.items()) if g != placement.target.value}
    return placement


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


INPUT_ORDER = GK + "inputOrder"
"""The property of a paper's position in its build (0 for the first paper), kept only in a
build's store, in the named graph :func:`order_graph`: RDF has no order, and the queries
return papers in the order of the build."""

BUILD_STORE_PREFIX = "."
"""Stores in progress are hidden siblings of the store they replace: ``.<name>.build-<tag>``."""


def order_graph(data_graph: NamedNode) -> NamedNode:
    """The named graph of a build's paper order, beside its data graph ``<base>graph/<name>``."""
    return NamedNode(data_graph.value + "/order")


def _order_quads(papers: Iterable[str], target: NamedNode) -> Iterator[Quad]:
    """``<paper> gk:inputOrder n`` for each paper IRI of ``papers``, in that order."""
    order = NamedNode(INPUT_ORDER)
    for position, paper in enumerate(papers):
        yield Quad(NamedNode(paper), order, Literal(str(position), datatype=XSD_INTEGER), target)


def _paper_iris(graph: nx.MultiDiGraph, minter: IriMinter) -> Iterator[str]:
    """The IRI of each paper of ``graph``, in graph order."""
    for key, attrs in graph.nodes(data=True):
        if attrs.get("type") == "paper":
            yield minter.paper(str(attrs.get("id") or key.partition("/")[2]))


def write_build_store(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    base_iri: str | None = None,
) -> NamedNode:
    """Bulk-load ``graph`` (the triples of ``graph.ttl``) and its paper order into a new
    Oxigraph store that replaces the one at ``path``; return the data's named graph.

    See :func:`load_build_store`, which this calls with the graph's N-Triples stream.
    """
    minter = IriMinter(base_iri)
    return load_build_store(
        path,
        ntriples_stream(graph, base_iri=base_iri),
        _paper_iris(graph, minter),
        name=name or graph_name(graph),
        base_iri=base_iri,
    )


def load_build_store(
    path: str | os.PathLike[str],
    triples: IO[bytes] | Path,
    papers: Iterable[str],
    *,
    name: str,
    base_iri: str | None = None,
    format: RdfFormat = RdfFormat.N_TRIPLES,
) -> NamedNode:
    """Bulk-load triples (a byte stream or a file, N-Triples or the Turtle of ``format``) as
    the dataset ``name`` and the order of its ``papers`` (their IRIs) into a new Oxigraph
    store that replaces the one at ``path``; return the data's named graph.

    The store is compacted once loaded (``Store.optimize``: the joins of the queries of
    :mod:`graphkit.graph.store_queries` then run several times faster). It is built in a
    hidden sibling folder and renamed into place only when
    complete, so an error or Ctrl-C leaves the previous store as it was (between the two
    renames, for an instant, the previous store sits at ``.<name>.old-<tag>`` beside it).
    A folder at ``path`` that is not an Oxigraph store is an OutputError, never replaced.
    """
    target = check_store_target(path)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        prefix = f"{BUILD_STORE_PREFIX}{target.name}."
        remove_stale(parent, prefix + "build-")
        remove_stale(parent, prefix + "old-")
        fresh = Path(tempfile.mkdtemp(prefix=f"{prefix}build-{tag()}", dir=parent))
    except OSError as exc:
        raise folder_error(parent, exc) from exc
    try:
        data = NamedNode(IriMinter(base_iri).graph(name))
        store = Store(str(fresh))
        if isinstance(triples, Path):
            store.bulk_load(path=triples, format=format, to_graph=data)
        else:
            store.bulk_load(input=triples, format=format, to_graph=data)
        store.bulk_extend(_order_quads(papers, order_graph(data)))
        store.flush()
        store.optimize()
        del store
        _swap(fresh, target, prefix)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return data


def _swap(fresh: Path, target: Path, prefix: str) -> None:
    """Move the store at ``fresh`` to ``target``, removing the store that was there."""
    old = None
    if target.exists():
        old = fresh.with_name(fresh.name.replace(".build-", ".old-", 1))
        os.replace(target, old)
    os.replace(fresh, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_store_target(path: str | os.PathLike[str]) -> Path:
    """``path`` as a place a build may write its store: absent, an empty folder or an
    Oxigraph store; else OutputError (a file, or a folder of other things, is never
    replaced)."""
    target = Path(path)
    if target.exists() and not is_store_dir(target):
        if not target.is_dir():
            raise OutputError(target, "it exists and is not a folder")
        if any(target.iterdir()):
            raise OutputError(target, "it is a folder that is not an Oxigraph store")
    return target


def is_store_dir(path: str | os.PathLike[str]) -> bool:
    """Tell whether ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    folder = Path(path)
    return folder.is_dir() and (folder / "CURRENT").is_file()
