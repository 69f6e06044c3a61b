"""``graphkit top GRAPH [--type T] [--since DATE] [-n N]``: the most linked entities."""

from __future__ import annotations

import argparse
import json
import re

from graphkit.commands._graph_file import read_graph
from graphkit.errors import UsageError
from graphkit.export.results import printable
from graphkit.graph.queries import top_entities
from graphkit.models import ENTITY_TYPES

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``top``."""
    parser = subparsers.add_parser(
        "top",
        help="list the entities linked to the most papers",
        description=(
            "List the entities of GRAPH (a graph.json written by 'graphkit build') linked to "
            "the most papers, most first; --type keeps one type and --since counts only papers "
            "dated then or later (YYYY, YYYY-MM or YYYY-MM-DD)."
        ),
    )
    parser.add_argument("graph", metavar="GRAPH", help="graph.json written by 'graphkit build'")
    parser.add_argument("--type", choices=ENTITY_TYPES, help="only entities of this type")
    parser.add_argument("--since", metavar="DATE", help="count only papers from DATE on")
    parser.add_argument("-n", type=int, default=20, metavar="N", help="how many (default 20)")
    parser.add_argument("--json", action="store_true", help="print the entities as JSON")
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the top entities, one per line: papers, id and name."""
    if args.since is not None and not _DATE.fullmatch(args.since):
        raise UsageError(f"--since takes YYYY, YYYY-MM or YYYY-MM-DD, not {args.since!r}")
    if args.n < 1:
        raise UsageError("-n must be at least 1")
    found = top_entities(read_graph(args.graph).graph, args.type, args.n, since=args.since)
    if args.json:
        print(json.dumps(found, indent=2, sort_keys=True))
        return 0
    for entity in found:
        print(printable(f"{entity['paper_count']:>6}  {entity['id']}  {entity['name']}"))
    return 0
