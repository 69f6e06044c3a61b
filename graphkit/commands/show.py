"""``graphkit show GRAPH ENTITY``: an entity, its papers and the sentences that link them."""

from __future__ import annotations

import argparse
import json
from typing import Any

from graphkit.commands._graph_file import (
    STORE_GRAPH_HELP,
    add_graph_command,
    paper_graph,
    read_graph,
)
from graphkit.export.results import printable
from graphkit.models import ENTITY_TYPES


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
    parser.add_argument("--limit", type=int, metavar="N", help="show at most N papers")
    parser.add_argument("--json", action="store_true", help="print the entity and papers as JSON")
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


def format_entity(entity: dict[str, Any], papers: list[dict[str, Any]], graph: Any) -> str:
    """The entity's header, then one block per paper with its evidence lines."""
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
    return "\n".join(lines)


def format_paper(graph: Any, key: str) -> str:
    """A paper's id, title, date and abstract, then each entity it links to with the
    relation and the sentences that support the link."""
    node = graph.nodes[key]
    date = f" ({node['date']})" if node.get("date") else ""
    lines = [f"{node.get('id')}  {node.get('title')}{date}"]
    if node.get("abstract"):
        lines.append(str(node["abstract"]))
    edges = sorted(graph.out_edges(key, keys=True, data=True), key=lambda edge: edge[:3])
    for _, target, relation, data in edges:
        entity = graph.nodes[target]
        if entity.get("type") == "paper" or "evidence" not in data:
            continue
        lines += ["", f"{relation}  {entity.get('name')}  ({target})"]
        for record in data["evidence"]:
            sentence = marked(record["sentence"], record, str(node.get(record["field"]) or ""))
            lines.append(f"    {sentence}  ({record['field']} {record['start']}-{record['end']})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the entity and its evidenced papers, or a paper (``paper/<id>``) and its
    entities."""
    kg = read_graph(args.graph, stores=True)
    graph = paper_graph(kg, [args.entity]) if args.entity.startswith("paper/") else None
    if graph is not None and args.entity in graph:
        node = graph.nodes[args.entity]
        if args.json:
            print(json.dumps(dict(node), indent=2, sort_keys=True))
        else:
            print(printable(format_paper(graph, args.entity)))
        return 0
    entity = kg.entity(args.entity, args.type)
    papers = kg.evidence(entity["id"])
    if args.limit is not None:
        papers = papers[: max(args.limit, 0)]
    if args.json:
        print(json.dumps({"entity": entity, "papers": papers}, indent=2, sort_keys=True))
    else:
        graph = paper_graph(kg, [paper["key"] for paper in papers])
        print(printable(format_entity(entity, papers, graph)))
    return 0
