"""``graph.html`` of a streamed build, from the entity aggregates and a bounded set of papers.

A streamed build (:class:`~graphkit.graph.stream.GraphStream`) holds no graph. A
graph of at most :data:`~graphkit.export.html.LARGE` nodes is small: it is merged
again from ``extractions.jsonl`` and drawn as any graph, so the page is the one
the graph in memory gives. A larger graph opens on the top-entities view, which
needs only the top entities, the derived edges among them, and the papers the
page lists: the first :data:`~graphkit.export.html.PANEL_PAPERS` papers of each
top entity and the :data:`~graphkit.export.html.PAPER_LIST` newest. Those papers
are merged again from ``extractions.jsonl`` into a view graph with every entity
node (their settled attributes) and the corpus totals; so the drawing, names and
paper counts are the whole corpus's, while an entity's papers per month, its
results and the "more papers" count of its panel are those of the papers kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from graphkit.export.html import DEFAULT_TOP, LARGE, PANEL_PAPERS, PAPER_LIST, write_html
from graphkit.graph import KnowledgeGraph
from graphkit.graph.schema import DERIVED_RELATIONS, PAPER, PAPER_RELATIONS, RESULT
from graphkit.graph.stream import GraphStream
from graphkit.models import Extraction


def view_stream(folder: Path, *, name: str = "graphkit") -> GraphStream:
    """A stream in ``folder`` that remembers what :func:`write_stream_html` needs."""
    return GraphStream(folder, name=name, panel=PANEL_PAPERS, newest=PAPER_LIST)


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
    ``extractions``; the view's entities were kept by ``finish(keep=chosen(stream, top))``."""
    if _small(stream, top):
        kg = KnowledgeGraph(name=stream.attributes["name"])
        kg.add_papers(_lines(extractions, None))
        write_html(kg.graph, path, top=top, title=title)
        return
    entities = chosen(stream, top)
    places = set(stream.view_papers(entities))
    kept = KnowledgeGraph(name=stream.attributes["name"])
    kept.add_papers(_lines(extractions, places))
    stats = stream.stats()
    links = sum(stats["edges_by_relation"][relation] for relation in PAPER_RELATIONS)
    view = _view_graph(kept.graph, stream)
    write_html(view, path, top=top, title=title, totals={"papers": stats["papers"], "links": links})


def _view_graph(kept: nx.MultiDiGraph, stream: GraphStream) -> nx.MultiDiGraph:
    """The kept papers and their results and edges, every entity with its settled attributes,
    and the derived edges among the view's entities, in the order of the graph model."""
    view = nx.MultiDiGraph(**kept.graph)
    kinds = kept.nodes(data="type")
    view.add_nodes_from(
        (key, attrs) for key, attrs in kept.nodes(data=True) if attrs["type"] == PAPER
    )
    view.add_nodes_from(stream.entity_nodes())
    view.add_nodes_from(
        (key, attrs) for key, attrs in kept.nodes(data=True) if attrs["type"] == RESULT
    )
    for source, target, relation, data in kept.edges(keys=True, data=True):
        if relation not in DERIVED_RELATIONS and kinds[source] in (PAPER, RESULT):
            view.add_edge(source, target, key=relation, **data)
    for source, target, relation, data in stream.view_edges:
        view.add_edge(source, target, key=relation, **data)
    return view


def _lines(path: Path, places: set[int] | None) -> Iterator[Extraction]:
    """The extractions of the lines of ``path`` at ``places`` (all when None)."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        for place, line in enumerate(handle):
            if places is None or place in places:
                yield Extraction.from_dict(json.loads(line))
