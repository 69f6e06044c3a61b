"""``graphkit view GRAPH [ENTITY] -o FILE``: write the interactive HTML view of a graph, or of
the neighbourhood of one entity."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from graphkit.commands._graph_file import add_graph_command, read_graph
from graphkit.errors import UsageError
from graphkit.export.html import DEFAULT_TOP, LARGE, select_view, write_html


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``view``."""
    parser = add_graph_command(
        subparsers,
        "view",
        help="write the interactive HTML view of a graph or of one entity's neighbourhood",
        description=(
            "Write a self-contained HTML page that opens offline: the graph in GRAPH (a "
            "graph.json from 'graphkit build'), or with ENTITY the entity, its papers and what "
            f"they name. Graphs of more than {LARGE:,} nodes open on the {DEFAULT_TOP} entities "
            "with most papers (see --top)."
        ),
    )
    parser.add_argument(
        "entity",
        metavar="ENTITY",
        nargs="?",
        help="id, name or alias of the entity to centre on (or a paper/<id> key)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="HTML file to write")
    parser.add_argument(
        "--top",
        type=int,
        metavar="N",
        help=f"show the N entities with most papers (default: all up to {LARGE:,} nodes, "
        f"else {DEFAULT_TOP})",
    )
    parser.add_argument(
        "--radius",
        type=int,
        default=2,
        metavar="R",
        help="with ENTITY: paper-entity hops to include (1: its papers; 2, the default: also "
        "the entities those papers name)",
    )
    parser.add_argument("--title", help="page title (default: from the graph or the entity)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the page; print what it shows."""
    if args.top is not None and args.top < 1:
        raise UsageError(f"--top must be at least 1, not {args.top}")
    if args.radius < 0:
        raise UsageError(f"--radius must be 0 or more, not {args.radius}")
    if args.entity is None and args.radius != 2:
        raise UsageError("--radius needs an ENTITY")
    kg = read_graph(args.graph)
    graph = kg.graph
    focus = None
    title = args.title
    if args.entity is not None:
        attrs = graph.nodes.get(args.entity)
        if attrs is not None and attrs.get("type") == "paper":
            focus = args.entity
        else:
            focus = kg.resolve(args.entity)
        graph = kg.ego(focus, radius=args.radius).graph
        label = graph.nodes[focus].get("name") or graph.nodes[focus].get("title") or focus
        title = title or f"{label} and its neighbourhood"
    path = write_html(graph, args.output, top=args.top, title=title, focus=focus)
    what = f"neighbourhood of {focus}, " if focus else ""
    print(f"wrote {path} ({what}{_drawn(graph, args.top, focus)})", file=sys.stderr)
    return 0


def _drawn(graph: Any, top: int | None, focus: str | None) -> str:
    """What the page draws: the whole graph, or how much of it the top entities are."""
    selection = select_view(graph, top=top, focus=focus)
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    if selection.papers_on_canvas:
        return f"{nodes:,} nodes, {edges:,} edges"
    drawn = graph.subgraph(selection.canvas)
    listed = (
        f" ({len(selection.unlinked):,} more listed, linked to no drawn entity)"
        if selection.unlinked
        else ""
    )
    return (
        f"{drawn.number_of_nodes():,} of {nodes:,} nodes drawn: the top "
        f"{selection.entities_shown:,} of {selection.entities_total:,} entities{listed}, "
        f"{drawn.number_of_edges():,} of {edges:,} edges"
    )
