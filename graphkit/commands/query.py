"""``graphkit query GRAPH SPARQL`` or ``graphkit query --store DIR SPARQL``: run SPARQL
over an exported graph (graph.json or an RDF file) or a persistent store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pyoxigraph import DefaultGraph

from graphkit.commands._graph_file import checked_base_iri, read_graph
from graphkit.errors import InputError, UsageError
from graphkit.export.results import RESULT_FORMATS, write_results
from graphkit.export.store import (
    RDF_SUFFIXES,
    add_graph,
    load_rdf_file,
    open_store,
    run_query,
)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``query``."""
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query over a graph or a store",
        description=(
            "Run a SPARQL query over GRAPH (a graph.json, or an RDF file: .ttl .nt .nq .trig "
            ".jsonld) or over the store in DIR. The prefixes gk:, rdf:, rdfs:, owl:, xsd:, "
            "skos:, prov:, dcterms:, schema:, mls: and fabio: are predeclared. Named graphs "
            "are queried as one default graph."
        ),
        usage="graphkit query [-h] (GRAPH | --store DIR) (SPARQL | -f FILE) [--format FORMAT]",
    )
    parser.add_argument(
        "args", nargs="*", metavar="GRAPH SPARQL", help="the graph file, then the query"
    )
    parser.add_argument("--store", metavar="DIR", help="query this Oxigraph store directory")
    parser.add_argument("-f", "--query-file", metavar="FILE", help="read the query from FILE")
    parser.add_argument(
        "--format",
        choices=RESULT_FORMATS,
        default="table",
        help="table (default), csv or json (SPARQL 1.1 results formats)",
    )
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        help="namespace of the data when GRAPH is a graph.json (default "
        "https://w3id.org/graphkit/resource/)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the query and print its results."""
    base_iri = checked_base_iri(args.base_iri)
    expected = (0 if args.store else 1) + (0 if args.query_file else 1)
    if len(args.args) != expected:
        graph = "" if args.store else "GRAPH "
        query = "" if args.query_file else "SPARQL"
        raise UsageError(f"expected {graph}{query}".strip() + f", got {len(args.args)} arguments")
    if args.query_file:
        source = args.query_file
        try:
            sparql = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read the query: {exc.strerror}", source) from exc
    else:
        source, sparql = "<query>", args.args[-1]
    if args.store:
        if not Path(args.store).is_dir():
            raise InputError("no such store directory", args.store)
        store = open_store(args.store, read_only=True)
    else:
        store = open_store(None)
        graph_file = Path(args.args[0])
        if graph_file.suffix.lower() in RDF_SUFFIXES:
            load_rdf_file(store, graph_file)
        else:
            add_graph(store, read_graph(graph_file).graph, DefaultGraph(), base_iri=base_iri)
    result = run_query(store, sparql, source=source)
    write_results(result, sys.stdout.buffer, args.format, base_iri=base_iri)
    sys.stdout.flush()
    return 0
