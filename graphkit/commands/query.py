"""``graphkit query GRAPH SPARQL`` or ``graphkit query --store DIR SPARQL``: run SPARQL
over an exported graph (graph.json or an RDF file) or a persistent store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graphkit.commands._graph_file import checked_base_iri
from graphkit.errors import InputError, UsageError
from graphkit.export.results import RESULT_FORMATS
from graphkit.run.query import DEFAULT_TIMEOUT, QueryJob, check_query, run_job


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``query``."""
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query over a graph or a store",
        description=(
            "Run a SPARQL query over GRAPH (a graph.json, or an RDF file: .ttl .nt .nq .trig "
            ".jsonld .rdf) or over the store in DIR (a store directory given as GRAPH is read "
            "as --store). The prefixes gk:, rdf:, rdfs:, owl:, xsd:, "
            "skos:, prov:, dcterms:, schema:, mls: and fabio: are predeclared. Named graphs "
            "are queried as one default graph."
        ),
        usage=(
            "graphkit query [-h] (GRAPH | --store DIR) (SPARQL | -f FILE) [--format FORMAT] "
            "[--limit N] [--timeout SECONDS] [--allow-service]"
        ),
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
        "--limit", type=int, metavar="N", help="print at most N rows (default: all)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a query that runs longer (default {DEFAULT_TIMEOUT:g}; 0 for no limit)",
    )
    parser.add_argument(
        "--allow-service",
        action="store_true",
        help="run SERVICE clauses, which send requests to other hosts (refused by default)",
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
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if args.timeout < 0:
        raise UsageError("--timeout must be 0 (no limit) or more seconds")
    from graphkit.export.store import is_store_dir

    given = len(args.args) == (1 if args.query_file else 2)
    if not args.store and given and is_store_dir(args.args[0]):
        args.store = args.args.pop(0)
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
    check_query(sparql, source, allow_service=args.allow_service)
    if args.store and not Path(args.store).is_dir():
        raise InputError("no such store directory", args.store)
    if not args.store and not Path(args.args[0]).is_file():
        raise InputError("no such file", args.args[0])
    job = QueryJob(
        sparql=sparql,
        source=source,
        store=args.store,
        graph_file=None if args.store else args.args[0],
        base_iri=base_iri,
        format=args.format,
        limit=args.limit,
    )
    rows = run_job(job, sys.stdout.buffer, timeout=args.timeout or None)
    sys.stdout.flush()
    if args.limit is not None and rows >= args.limit:
        print(f"graphkit query: stopped at {rows} rows (--limit)", file=sys.stderr)
    return 0
