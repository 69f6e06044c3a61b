"""``graphkit load GRAPH --store DIR``: put a graph into a persistent Oxigraph store.

Each graph goes into its own named graph, which is cleared first, so loading
the same graph again replaces its data instead of duplicating it.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pyoxigraph import NamedNode

from graphkit.commands._graph_file import checked_base_iri, read_graph
from graphkit.export.iri import IriMinter
from graphkit.export.store import (
    QUAD_SUFFIXES,
    RDF_SUFFIXES,
    load_graph,
    load_rdf_file,
    open_store,
    papers_of_graph,
    papers_of_quads,
    place,
    read_rdf_file,
)

log = logging.getLogger("graphkit.load")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``load``."""
    parser = subparsers.add_parser(
        "load",
        help="load a graph into a persistent Oxigraph store",
        description=(
            "Load GRAPH (a graph.json, or an RDF file: .ttl .nt .nq .trig .jsonld) into the "
            "Oxigraph store in DIR, in the named graph <BASE>graph/<NAME> (N-Quads and TriG "
            "keep their own named graphs). Loading the same NAME again replaces its triples."
        ),
    )
    parser.add_argument("graph", metavar="GRAPH", help="graph.json or an RDF file")
    parser.add_argument("--store", required=True, metavar="DIR", help="store directory")
    parser.add_argument(
        "--name",
        help="dataset name (default: the graph's name attribute, else the file's stem)",
    )
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        help="namespace of the data and the named graph (default https://w3id.org/graphkit/resource/)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Load the graph and report the named graph and its size.

    Without ``--name``, a graph whose papers are exactly those of a named graph
    already in the store (the same build, loaded before from another file) goes
    into that graph; papers that other named graphs hold as well are warned about.
    """
    base_iri = checked_base_iri(args.base_iri)
    source = Path(args.graph)
    if source.suffix.lower() in QUAD_SUFFIXES:
        store = open_store(args.store)
        count = load_rdf_file(store, source)
        store.flush()
        print(f"loaded {count} quads from {source} into {args.store}")
        return 0
    minter = IriMinter(base_iri)
    if source.suffix.lower() in RDF_SUFFIXES:
        quads = read_rdf_file(source)
        papers = papers_of_quads(quads)
        name = args.name or source.stem
    else:
        kg = read_graph(source)
        papers = papers_of_graph(kg.graph, base_iri)
        name = args.name or kg.graph.graph.get("name") or source.stem
    store = open_store(args.store)
    placement = place(store, papers, NamedNode(minter.graph(name)), named=args.name is not None)
    target = placement.target
    if source.suffix.lower() in RDF_SUFFIXES:
        count = load_rdf_file(store, quads, to_graph=target)
    else:
        _, count = load_graph(store, kg.graph, base_iri=base_iri, to_graph=target)
    store.flush()
    if placement.same_build:
        print(f"{source} holds the papers of <{target.value}>: it replaced that graph")
    for other, shared in placement.shared.items():
        log.warning(
            "%d of the %d papers of %s are also in <%s>: queries over the whole store count "
            "them twice (give --name to load into that graph instead)",
            shared,
            len(papers),
            source,
            other,
        )
    print(f"loaded {count} triples into <{target.value}> in {args.store}")
    return 0
