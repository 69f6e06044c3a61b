"""``graphkit stats GRAPH``: count the papers, entities, results, edges and evidence of a
graph."""

from __future__ import annotations

import argparse
import json
from typing import Any

from graphkit.commands._graph_file import STORE_GRAPH_HELP, add_graph_command, read_graph


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``stats``."""
    parser = add_graph_command(
        subparsers,
        "stats",
        graph_help=STORE_GRAPH_HELP,
        help="count the papers, entities, results, edges and evidence of a graph",
        description=(
            "Print the number of papers, entities by type, results by kind, edges by relation "
            "and evidence "
            "records in GRAPH (a graph.json written by 'graphkit build', or its store)."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    return parser


def format_stats(stats: dict[str, Any]) -> str:
    """The counts as aligned lines of text."""
    rows: list[tuple[str, str]] = [
        ("graph", str(stats["name"])),
        ("papers", f"{stats['papers']} ({stats['papers_with_entities']} with entities)"),
        ("entities", str(stats["entities"])),
        *((f"  {kind}", str(n)) for kind, n in stats["entities_by_type"].items()),
        ("results", str(stats["results"])),
        *((f"  {kind}", str(n)) for kind, n in stats["results_by_kind"].items()),
        ("edges", str(stats["edges"])),
        *((f"  {rel}", str(n)) for rel, n in stats["edges_by_relation"].items()),
        ("evidence", str(stats["evidence"])),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


def run(args: argparse.Namespace) -> int:
    """Print the statistics of the graph."""
    stats = read_graph(args.graph, stores=True).stats()
    if args.json:
        print(json.dumps(stats, indent=2, sort_keys=True))
    else:
        print(format_stats(stats))
    return 0
