"""``graphkit export GRAPH -o FILE``: write a graph as RDF (Turtle, N-Triples, N-Quads,
TriG, JSON-LD, RDF/XML) under the graphkit ontology, as GraphML or GEXF, or as the CSV files
of Neo4j's import tool (``-o DIR --format neo4j``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graphkit.commands._graph_file import add_graph_command, checked_base_iri, read_graph
from graphkit.errors import UsageError
from graphkit.export.neo4j import write_neo4j
from graphkit.export.rdf import write_rdf

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml")
GRAPH_FORMATS = ("graphml", "gexf", "neo4j")
SUFFIXES = {
    **{f".{name}": name for name in (*RDF_FORMATS, *GRAPH_FORMATS) if name != "neo4j"},
    ".rdf": "xml",
}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``export``."""
    parser = add_graph_command(
        subparsers,
        "export",
        help="write a graph as RDF, GraphML, GEXF or Neo4j import CSVs",
        description=(
            "Write the graph in GRAPH (a graph.json from 'graphkit build') as RDF under the "
            "graphkit ontology (ttl, nt, nq, trig, jsonld, xml for RDF/XML), as GraphML or "
            "GEXF, or with --format neo4j as the CSV files of 'neo4j-admin database import "
            "full' into the folder FILE."
        ),
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="file to write (neo4j: a folder)"
    )
    parser.add_argument(
        "--format",
        choices=(*RDF_FORMATS, *GRAPH_FORMATS),
        help="output format (default: from the suffix of FILE)",
    )
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        help="namespace of papers, entities and evidence (default https://w3id.org/graphkit/resource/)",
    )
    parser.add_argument(
        "--run-metadata",
        action="store_true",
        help="describe the run (graphkit version, time); the output then differs on every run",
    )
    parser.add_argument(
        "--name", help="named graph for nq/trig (default: the graph's name attribute)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Export the graph; print what was written."""
    fmt = args.format or SUFFIXES.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the format of {args.output!r} from its suffix; give --format"
        )
    if fmt in GRAPH_FORMATS and (args.base_iri or args.run_metadata or args.name):
        raise UsageError(f"--base-iri, --run-metadata and --name apply to RDF, not {fmt}")
    base_iri = checked_base_iri(args.base_iri)
    kg = read_graph(args.graph)
    if fmt == "neo4j":
        counts = write_neo4j(kg.graph, args.output)
        listed = ", ".join(f"{name} {count}" for name, count in counts.items())
        print(f"wrote {args.output} (neo4j: {listed} rows)", file=sys.stderr)
        return 0
    if fmt in GRAPH_FORMATS:
        getattr(kg, f"to_{fmt}")(args.output)
        print(f"wrote {args.output} ({fmt})", file=sys.stderr)
        return 0
    count = write_rdf(
        kg.graph,
        args.output,
        fmt,
        base_iri=base_iri,
        run_metadata=args.run_metadata,
        name=args.name,
    )
    print(f"wrote {args.output} ({fmt}, {count} triples)", file=sys.stderr)
    return 0
