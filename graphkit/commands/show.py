"""``graphkit show GRAPH ENTITY``: an entity, its papers and the sentences that link them, and
its results (a leaderboard for a dataset, metric or task) with their evidence."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from graphkit.commands._graph_file import (
    STORE_GRAPH_HELP,
    add_graph_command,
    paper_graph,
    read_graph,
)
from graphkit.commands.leaderboard import format_value
from graphkit.export.results import printable
from graphkit.graph.results import paper_results, result_row
from graphkit.graph.schema import is_entity, paper_key
from graphkit.models import ENTITY_TYPES

LEADERBOARD_TYPES = ("dataset", "metric", "task")
"""Entity types whose results are shown as a leaderboard (absolute results, best first)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``show``."""
    parser = add_graph_command(
        subparsers,
        "show",
        graph_help=STORE_GRAPH_HELP,
        help="show an entity's papers with the evidence sentences",
        description=(
            "Show ENTITY (an id such as method/resnet, or a name or alias in any case; or a "
            "paper as paper/<id>) from "
            "GRAPH: its names, and each paper linked to it with the relation and the sentences "
            "that support the link, the mention in [brackets]."
        ),
    )
    parser.add_argument("entity", metavar="ENTITY", help="entity id, name or alias")
    parser.add_argument("--type", choices=ENTITY_TYPES, help="look only at entities of this type")
    parser.add_argument(
        "--limit", type=int, metavar="N", help="show at most N papers and N results"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the entity, papers and results as JSON"
    )
    return parser


def marked(sentence: str, record: dict[str, Any], field_text: str) -> str:
    """``sentence`` with the mention of ``record`` in brackets, found by its offsets if possible."""
    start, end, text = record["start"], record["end"], record.get("text")
    at = field_text.find(sentence)
    while at != -1:
        if at <= start and end <= at + len(sentence):
            begin, stop = start - at, end - at
            return f"{sentence[:begin]}[{sentence[begin:stop]}]{sentence[stop:]}"
        at = field_text.find(sentence, at + 1)
    if text and text in sentence:
        return sentence.replace(text, f"[{text}]", 1)
    return sentence


def entity_results(kg: Any, entity: dict[str, Any]) -> list[dict[str, Any]]:
    """The results to show with ``entity``: the leaderboard of a dataset, metric or task; the
    results a method reports (as the method of the result); none for other types."""
    if entity["type"] in LEADERBOARD_TYPES:
        return kg.leaderboard(**{entity["type"]: entity["id"]})
    if entity["type"] == "method":
        return kg.results(method=entity["id"])
    return []


def format_results(
    rows: list[dict[str, Any]], graph: Any, *, ranked: bool, with_paper: bool = True
) -> list[str]:
    """One block per result: its rank within its metric and unit (or its kind), metric, value,
    method, dataset and what it is compared to; its paper; its sentence with the number in
    [brackets]."""
    lines = []
    place, board = 0, None
    for row in rows:
        place = place + 1 if (row.get("metric"), row.get("unit")) == board else 1
        board = (row.get("metric"), row.get("unit"))
        head = f"{place:3d}." if ranked else f"  {row.get('kind')}"
        against = f"  vs {row['compared_to']}" if row.get("compared_to") else ""
        lines.append(
            f"{head} {row.get('metric') or '-'}  {format_value(row)}  {row.get('method') or '-'}"
            f"  on {row.get('dataset') or '-'}{against}"
        )
        paper = graph.nodes.get(paper_key(str(row["paper"]))) or {}
        if with_paper:
            lines.append(f"     {row['paper']}  {row.get('title') or ''}")
        sentence = marked(str(row.get("sentence") or ""), row, str(paper.get(row["field"]) or ""))
        lines.append(f"     {sentence}")
    return lines


def format_entity(
    entity: dict[str, Any],
    papers: list[dict[str, Any]],
    graph: Any,
    results: Sequence[dict[str, Any]] = (),
) -> str:
    """The entity's header, then one block per paper with its evidence lines, then its results
    (a leaderboard, best first, for a dataset, metric or task)."""
    lines = [f"{entity['name']}  ({entity['id']}, {entity['type']})"]
    if entity.get("aliases"):
        lines.append("aliases: " + ", ".join(entity["aliases"]))
    for label, key in (("vocabulary id", "vocab_id"), ("url", "url")):
        if entity.get(key):
            lines.append(f"{label}: {entity[key]}")
    lines.append(f"papers: {entity.get('paper_count', len(papers))}")
    for paper in papers:
        node = graph.nodes[paper["key"]]
        date = f" ({paper['date']})" if paper.get("date") else ""
        proposed = ", proposed" if paper["proposed"] and paper["relation"] != "proposes" else ""
        lines += ["", f"{paper['id']}  {paper['title']}{date}", f"  {paper['relation']}{proposed}"]
        for record in paper["evidence"]:
            where = f"{record['field']} {record['start']}-{record['end']}, {record['rule']}"
            sentence = marked(record["sentence"], record, str(node.get(record["field"]) or ""))
            lines.append(f"    {sentence}  ({where})")
    if results:
        ranked = entity["type"] in LEADERBOARD_TYPES
        lines += ["", "leaderboard (best first per metric):" if ranked else "results:"]
        lines += format_results(list(results), graph, ranked=ranked)
    return "\n".join(lines)


def format_paper(graph: Any, key: str) -> str:
    """A paper's id, title, date and abstract, then each entity it links to with the
    relation and the sentences that support the link, then its results."""
    node = graph.nodes[key]
    date = f" ({node['date']})" if node.get("date") else ""
    lines = [f"{node.get('id')}  {node.get('title')}{date}"]
    if node.get("abstract"):
        lines.append(str(node["abstract"]))
    edges = sorted(graph.out_edges(key, keys=True, data=True), key=lambda edge: edge[:3])
    for _, target, relation, data in edges:
        entity = graph.nodes[target]
        if not is_entity(entity.get("type")) or "evidence" not in data:
            continue
        lines += ["", f"{relation}  {entity.get('name')}  ({target})"]
        for record in data["evidence"]:
            sentence = marked(record["sentence"], record, str(node.get(record["field"]) or ""))
            lines.append(f"    {sentence}  ({record['field']} {record['start']}-{record['end']})")
    results = [result_row(graph, result) for result in paper_results(graph, key)]
    if results:
        lines += ["", "results:"]
        lines += format_results(results, graph, ranked=False, with_paper=False)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the entity with its evidenced papers and its results, or a paper (``paper/<id>``)
    with its entities and results."""
    kg = read_graph(args.graph, stores=True)
    graph = paper_graph(kg, [args.entity]) if args.entity.startswith("paper/") else None
    if graph is not None and args.entity in graph:
        if args.json:
            results = [result_row(graph, key) for key in paper_results(graph, args.entity)]
            node = {**graph.nodes[args.entity], "results": results}
            print(json.dumps(node, indent=2, sort_keys=True))
        else:
            print(printable(format_paper(graph, args.entity)))
        return 0
    entity = kg.entity(args.entity, args.type)
    papers = kg.evidence(entity["id"])
    results = entity_results(kg, entity)
    if args.limit is not None:
        papers = papers[: max(args.limit, 0)]
        results = results[: max(args.limit, 0)]
    if args.json:
        shown = {"entity": entity, "papers": papers, "results": results}
        print(json.dumps(shown, indent=2, sort_keys=True))
    else:
        keys = [paper["key"] for paper in papers] + [f"paper/{row['paper']}" for row in results]
        graph = paper_graph(kg, keys)
        print(printable(format_entity(entity, papers, graph, results)))
    return 0
