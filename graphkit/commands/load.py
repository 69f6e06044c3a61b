"""``graphkit load GRAPH --store DIR``: put a graph into a persistent Oxigraph store.

Each graph goes into its own named graph, which is cleared first, so loading
the same graph again replaces its data instead of duplicating it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pyoxigraph import NamedNode

from graphkit.commands._graph_file import checked_base_iri, read_graph
from graphkit.export.iri import IriMinter
from graphkit.export.store import QUAD_SUFFIXES, RDF_SUFFIXES, load_graph, load_rdf_file, open_store


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
    """Load the graph and report the named graph and its size."""
    base_iri = checked_base_iri(args.base_iri)
    source = Path(args.graph)
    if source.suffix.lower() in QUAD_SUFFIXES:
        store = open_store(args.store)
        count = load_rdf_file(store, source)
        store.flush()
        print(f"loaded {count} quads from {source} into {args.store}")
        return 0
    if source.suffix.lower() in RDF_SUFFIXES:
        store = open_store(args.store)
        target = NamedNode(IriMinter(base_iri).graph(args.name or source.stem))
        count = load_rdf_file(store, source, to_graph=target)
    else:
        kg = read_graph(source)
        name = args.name or kg.graph.graph.get("name") or source.stem
        store = open_store(args.store)
        target, count = load_graph(store, kg.graph, name=name, base_iri=base_iri)
    store.flush()
    print(f"loaded {count} triples into <{target.value}> in {args.store}")
    return 0
