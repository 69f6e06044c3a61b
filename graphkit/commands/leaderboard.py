"""``graphkit leaderboard GRAPH``: the absolute results of a task, dataset or metric, best first."""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import Any

from graphkit.commands._graph_file import STORE_GRAPH_HELP, add_graph_command, read_graph

COLUMNS: tuple[str, ...] = (
    "metric",
    "value",
    "unit",
    "method",
    "dataset",
    "task",
    "paper",
    "title",
    "text",
    "sentence",
)
"""The columns of the table, in order."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``leaderboard``."""
    parser = add_graph_command(
        subparsers,
        "leaderboard",
        graph_help=STORE_GRAPH_HELP,
        help="the results of a task, dataset or metric, best first",
        description=(
            "Print the absolute results in GRAPH (a graph.json written by 'graphkit build', or "
            "its store) "
            "whose task, dataset and metric are those given, best first within each metric "
            "(higher or lower is better as graphkit/data/results/metric_direction.tsv says), "
            "each with its method, paper and evidence sentence."
        ),
    )
    parser.add_argument("--task", metavar="T", help="task id, name or alias")
    parser.add_argument("--dataset", metavar="D", help="dataset id, name or alias")
    parser.add_argument("--metric", metavar="M", help="metric id, name or alias")
    parser.add_argument(
        "--directions",
        action="append",
        default=[],
        metavar="FILE",
        help="extra metric directions (TSV: metric, better = higher|lower; repeatable)",
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the rows as JSON")
    out.add_argument("--csv", action="store_true", help="print the rows as CSV")
    return parser


def format_value(row: dict[str, Any]) -> str:
    """A result's value with its unit: ``86.1%``, ``2.5x``, ``12 ms``."""
    unit = row.get("unit") or ""
    return f"{row['value']:g}{'' if unit in ('%', 'x') else ' '}{unit}".strip()


def format_table(rows: list[dict[str, Any]]) -> str:
    """One line per row: rank within its metric and unit, metric, value with unit, method,
    dataset, paper; then the evidence sentence indented."""
    if not rows:
        return "no results"
    lines = []
    ranks: dict[tuple[str, str], int] = {}
    for row in rows:
        group = (str(row.get("metric") or ""), str(row.get("unit") or ""))
        ranks[group] = number = ranks.get(group, 0) + 1
        value = format_value(row)
        who = row.get("method") or "-"
        on = row.get("dataset") or "-"
        lines.append(f"{number:3d}. {row.get('metric') or '-'}  {value}  {who}  on {on}")
        lines.append(f"     {row['paper']}  {row.get('title') or ''}")
        lines.append(f"     {row.get('sentence') or ''}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the leaderboard."""
    kg = read_graph(args.graph, stores=True)
    rows = kg.leaderboard(
        task=args.task, dataset=args.dataset, metric=args.metric, directions=args.directions
    )
    if args.json:
        print(json.dumps(rows, indent=2, sort_keys=True))
    elif args.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        print(buffer.getvalue(), end="")
    else:
        print(format_table(rows))
    return 0
