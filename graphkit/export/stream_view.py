"""``graph.html`` of a streamed build, from the entity aggregates and a bounded set of papers.

A streamed build (:class:`~graphkit.graph.stream.GraphStream`) holds no graph. A
graph of at most :data:`~graphkit.export.html.LARGE` nodes is small: it is merged
again from ``extractions.jsonl`` and drawn as any graph, so the page is the one
the graph in memory gives. A larger graph opens on the top-entities view, which
needs only the top entities, the derived edges among them, and the papers the
page lists: the first :data:`~graphkit.export.html.PANEL_PAPERS` papers of each
top entity and the :data:`~graphkit.export.html.PAPER_LIST` newest. Those papers
are read back from the stream's parts (without abstracts, which the page does not
show) into a view graph with the top entities and those the kept edges name (their
settled attributes), and the page is given the corpus totals; so the drawing,
names, paper counts and totals are the whole corpus's, while an entity's papers
per month, its results and the "more papers" count of its panel are those of the
papers kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.export.html import DEFAULT_TOP, LARGE, PANEL_PAPERS, PAPER_LIST, write_html
from graphkit.graph import KnowledgeGraph
from graphkit.graph.model import _collector_off
from graphkit.graph.schema import PAPER, PAPER_RELATIONS, REPORTS_RESULT
from graphkit.graph.stream import GraphStream
from graphkit.models import Extraction


def view_stream(folder: Path, *, name: str = "graphkit", resume: bool = False) -> GraphStream:
    """A stream in ``folder`` that remembers what :func:`write_stream_html` needs (or the
    stream saved there, resumed)."""
    return GraphStream(folder, name=name, panel=PANEL_PAPERS, newest=PAPER_LIST, resume=resume)


def chosen(stream: GraphStream, top: int | None) -> frozenset[str]:
    """The entities the view of the streamed graph draws (empty when it is drawn whole)."""
    if _small(stream, top):
        return frozenset()
    return frozenset(stream.ranked()[: top if top is not None else DEFAULT_TOP])


def _small(stream: GraphStream, top: int | None) -> bool:
    stats = stream.stats()
    nodes = stats["papers"] + stats["entities"] + stats["results"]
    return nodes <= LARGE and (top is None or top >= stats["entities"])


def write_stream_html(
    stream: GraphStream,
    extractions: Path,
    path: Path,
    *,
    top: int | None = None,
    title: str | None = None,
) -> None:
    """Write ``graph.html`` of a finished ``stream`` whose papers are the lines of
    ``extractions``; the view's entities were kept by ``finish(keep=chosen(stream, top))``.

    The view graph of a large stream (tens of thousands of papers' nodes and edges, no
    reference cycles) is built and drawn with the cyclic garbage collector paused: its full
    collections, walking all of it again and again, were a third of the time."""
    if _small(stream, top):
        kg = KnowledgeGraph(name=stream.attributes["name"])
        kg.add_papers(_lines(extractions))
        write_html(kg.graph, path, top=top, title=title)
        return
    entities = chosen(stream, top)
    newest = set(stream.view_papers(()))
    places = set(stream.view_papers(entities))
    stats = stream.stats()
    links = sum(stats["edges_by_relation"][relation] for relation in PAPER_RELATIONS)
    totals = {PAPER: stats["papers"], **stats["entities_by_type"], "links": links}
    with _collector_off():
        view = _view_graph(stream, places, newest, entities)
        write_html(view, path, top=top, title=title, large=0, totals=totals)


_TARGET = '"target": '
"""What comes before the target of an edge of ``graph.json``, the last of its keys."""

_RELATIONS = (REPORTS_RESULT, "has_code")
"""The relations of the paper edges the view keeps of every paper it reads."""

_KEPT = tuple(f'"key": "{relation}"' for relation in _RELATIONS)
"""What the JSON text of a paper edge of one of :data:`_RELATIONS` holds."""


def _view_graph(
    stream: GraphStream, places: set[int], newest: set[int], entities: frozenset[str]
) -> nx.MultiDiGraph:
    """The papers at ``places`` in the stream with their results, the view's ``entities``
    and those the kept edges name (with their settled attributes), and the derived edges
    among the view's ``entities``, in the order of the graph model. Of a paper that is not
    among the ``newest`` (those the Papers tab lists with all their entities) only the edges
    to the view's entities and its code are kept."""
    view = nx.MultiDiGraph(**stream.attributes)
    results: list[dict[str, Any]] = []
    paper_edges: list[dict[str, Any]] = []
    result_edges: list[dict[str, Any]] = []

    targets = frozenset(map(json.dumps, entities))

    def wanted(place: int, text: str) -> bool:
        """Whether the view may keep a paper edge, from its JSON ``text`` (parsed only then):
        its target, as JSON text, ends it."""
        if place in newest:
            return True
        cut = text.rindex(_TARGET) + len(_TARGET)
        return text[cut:-1] in targets or any(key in text for key in _KEPT)

    for place, section in zip(sorted(places), stream.paper_sections(places, wanted), strict=True):
        key = section.paper.pop("key")
        section.paper["abstract"] = ""
        view.add_node(key, **section.paper)
        results += section.results
        result_edges += section.result_edges
        paper_edges += (
            edge
            for edge in section.edges
            if place in newest or edge["target"] in entities or edge["relation"] in _RELATIONS
        )
    linked = {edge["target"] for edge in (*paper_edges, *result_edges)}
    view.add_nodes_from(stream.entity_nodes(entities | linked))
    for record in results:
        view.add_node(record.pop("key"), **record)
    for edge in paper_edges:
        _add_edge(view, edge)
    for source, target, relation, data in stream.view_edges:
        view.add_edge(source, target, key=relation, **data)
    for edge in result_edges:
        _add_edge(view, edge)
    return view


def _add_edge(graph: nx.MultiDiGraph, record: dict[str, Any]) -> None:
    """Add an edge of ``graph.json`` (parsed) to ``graph``."""
    source, target, key = record.pop("source"), record.pop("target"), record.pop("key")
    graph.add_edge(source, target, key=key, **record)


def _lines(path: Path) -> Iterator[Extraction]:
    """The extractions of the lines of ``path``."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield Extraction.from_dict(json.loads(line))
