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

The papers read are kept in :data:`VIEW_CACHE` in the stream's folder, which moves with
the saved stream: an update reads again only the papers it adds to the view (a paper's
lines never change once streamed), and those whose kept edges no longer suffice (a paper
that became one of the newest, or one with an edge to an entity that became a top one).
"""

from __future__ import annotations

import json
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from graphkit.atomic import atomic_write
from graphkit.export.html import DEFAULT_TOP, LARGE, PANEL_PAPERS, PAPER_LIST, write_html
from graphkit.graph import KnowledgeGraph
from graphkit.graph.model import _collector_off
from graphkit.graph.schema import PAPER, PAPER_RELATIONS, REPORTS_RESULT
from graphkit.graph.stream import GraphStream, Section
from graphkit.models import Extraction


def view_stream(folder: Path, *, name: str = "graphkit", resume: bool = False) -> GraphStream:
    """A stream in ``folder`` that remembers what :func:`write_stream_html` needs (or the
    stream saved there, resumed)."""
    return GraphStream(folder, name=name, panel=PANEL_PAPERS, newest=PAPER_LIST, resume=resume)


def chosen(stream: GraphStream, top: int | None) -> frozenset[str]:
    """The entities the view of the streamed graph draws (empty when it is drawn whole)."""
    return _chosen(stream, stream.stats(), top)


def _chosen(stream: GraphStream, stats: dict[str, Any], top: int | None) -> frozenset[str]:
    """:func:`chosen`, given the ``stats`` of ``stream``."""
    if _small(stats, top):
        return frozenset()
    return frozenset(stream.ranked(top if top is not None else DEFAULT_TOP))


def _small(stats: dict[str, Any], top: int | None) -> bool:
    """Whether a stream of these ``stats`` is drawn whole, from its graph merged again."""
    nodes = stats["papers"] + stats["entities"] + stats["results"]
    return nodes <= LARGE and (top is None or top >= stats["entities"])


def write_stream_html(
    stream: GraphStream,
    extractions: Path,
    path: Path,
    *,
    top: int | None = None,
    title: str | None = None,
    extractions_bytes: int | None = None,
) -> None:
    """Write ``graph.html`` of a finished ``stream`` whose papers are the lines of
    ``extractions``; the view's entities were kept by ``finish(keep=chosen(stream, top))``.
    ``extractions_bytes`` is the size of that file when it is not written yet (an update
    appends its lines as it moves the outputs); a large stream's view does not read it.

    The view graph of a large stream (tens of thousands of papers' nodes and edges, no
    reference cycles) is built and drawn with the cyclic garbage collector paused: its full
    collections, walking all of it again and again, were a third of the time. The papers
    read are kept in :data:`VIEW_CACHE` for the next update of the stream."""
    stats = stream.stats()
    if _small(stats, top):
        kg = KnowledgeGraph(name=stream.attributes["name"])
        kg.add_papers(_lines(extractions))
        write_html(kg.graph, path, top=top, title=title)
        return
    entities = _chosen(stream, stats, top)
    newest = set(stream.view_papers(()))
    places = set(stream.view_papers(entities))
    links = sum(stats["edges_by_relation"][relation] for relation in PAPER_RELATIONS)
    totals = {PAPER: stats["papers"], **stats["entities_by_type"], "links": links}
    with _collector_off():
        size = extractions.stat().st_size if extractions_bytes is None else extractions_bytes
        kept = _kept_papers(stream, places, newest, entities, _cached(stream))
        _save_cache(stream, size, kept)
        view = _view_graph(stream, kept, newest, entities)
        write_html(view, path, top=top, title=title, large=0, totals=totals)


VIEW_CACHE = "view.marshal"
"""The file of a stream's folder that keeps the papers its last view read (see
:func:`_save_cache`)."""

_CACHE_FORMAT = 1
"""The layout of :data:`VIEW_CACHE`; a cache of another layout is not used."""


class _Kept(NamedTuple):
    """A paper as the view read it: its sections with the edges it kept, whether those are
    all its edges, and the targets (as JSON text) of those it left out."""

    section: Section
    full: bool
    dropped: frozenset[str]


_TARGET = '"target": '
"""What comes before the target of an edge of ``graph.json``, the last of its keys."""

_RELATIONS = (REPORTS_RESULT, "has_code")
"""The relations of the paper edges the view keeps of every paper it reads."""

_KEPT = tuple(f'"key": "{relation}"' for relation in _RELATIONS)
"""What the JSON text of a paper edge of one of :data:`_RELATIONS` holds."""


def _kept_papers(
    stream: GraphStream,
    places: set[int],
    newest: set[int],
    entities: frozenset[str],
    cached: dict[int, _Kept],
) -> dict[int, _Kept]:
    """The papers at ``places`` in the stream, each with every edge the view may keep of it:
    those of the ``cached`` papers that still hold them, the others read from the parts.
    Of a paper that is not among the ``newest`` (those the Papers tab lists with all their
    entities) only the edges to the view's ``entities``, its results and its code are kept
    (and the targets of the others noted)."""
    targets = frozenset(map(json.dumps, entities))
    kept = {
        place: paper
        for place in places
        if (paper := cached.get(place)) is not None
        and (paper.full or (place not in newest and paper.dropped.isdisjoint(targets)))
    }
    dropped: dict[int, set[str]] = {}
    names: dict[str, str] = {}

    def wanted(place: int, text: str) -> bool:
        """Whether the view may keep a paper edge, from its JSON ``text`` (parsed only then):
        its target, as JSON text, ends it."""
        if place in newest:
            return True
        cut = text.rindex(_TARGET) + len(_TARGET)
        target = text[cut:-1]
        if target in targets or any(key in text for key in _KEPT):
            return True
        dropped.setdefault(place, set()).add(names.setdefault(target, target))
        return False

    missing = places - kept.keys()
    for place, section in zip(sorted(missing), stream.paper_sections(missing, wanted), strict=True):
        section.paper["abstract"] = ""
        section.edges[:] = (_shown(edge, names) for edge in section.edges)
        kept[place] = _Kept(section, place in newest, frozenset(dropped.pop(place, ())))
    return kept


_EDGE_FIELDS = ("source", "target", "key", "relation", "proposed")
"""What the page reads of a paper edge besides its evidence."""


def _shown(edge: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """A paper edge with what the page reads of it: its ends and relation, whether the paper
    proposes the entity, and the first evidence record of each distinct sentence (its
    sentence and text): the page lists each sentence once, with the first text. A sentence
    met before is the string of ``texts`` (kept once in the cache)."""
    shown = {name: edge[name] for name in _EDGE_FIELDS if name in edge}
    sentences: dict[Any, dict[str, Any]] = {}
    for record in edge.get("evidence") or []:
        if record.get("sentence"):
            sentences.setdefault(record["sentence"], record)
    if sentences:
        shown["evidence"] = [
            {"sentence": texts.setdefault(sentence, sentence), "text": record.get("text")}
            for sentence, record in sentences.items()
        ]
    return shown


def _cached(stream: GraphStream) -> dict[int, _Kept]:
    """The papers :data:`VIEW_CACHE` keeps, when the view that wrote it is the one of the
    stream's saved state (the build this one updates), else none. An update that stopped
    after writing its view leaves a cache that the state, not saved, does not match."""
    try:
        with (stream.folder / VIEW_CACHE).open("rb") as handle:
            header = marshal.load(handle)
            if header != {**_cache_header(stream), **_sizes(header)} or not GraphStream.resumable(
                stream.folder,
                extractions_bytes=header["extractions_bytes"],
                papers=header["papers"],
                base_iri=stream.minter.base,
            ):
                return {}
            kept = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {
        place: _Kept(Section(paper, results, edges, result_edges), full, dropped)
        for place, (paper, results, edges, result_edges, full, dropped) in kept.items()
    }


def _save_cache(stream: GraphStream, size: int, kept: dict[int, _Kept]) -> None:
    """Keep the papers the view read in :data:`VIEW_CACHE`, for the stream's next update;
    ``size`` is that of the ``extractions.jsonl`` the stream's papers are the lines of. The
    records are JSON values, kept with :mod:`marshal` (three times as fast to load as pickle)
    for this Python only."""
    header = {**_cache_header(stream), "papers": stream.papers, "extractions_bytes": size}
    body = {place: (*paper.section, paper.full, paper.dropped) for place, paper in kept.items()}
    with atomic_write(stream.folder / VIEW_CACHE, "wb") as handle:
        marshal.dump(header, handle)
        marshal.dump(body, handle)


def _cache_header(stream: GraphStream) -> dict[str, Any]:
    """What :data:`VIEW_CACHE` must have been written by to be read back: this layout, this
    graphkit and this Python (:mod:`marshal`'s format is its own)."""
    return {
        "format": _CACHE_FORMAT,
        "created_by": stream.attributes["created_by"],
        "python": sys.implementation.cache_tag,
    }


def _sizes(header: dict[str, Any]) -> dict[str, Any]:
    """The papers and ``extractions.jsonl`` size a cache's ``header`` gives (None if absent)."""
    return {"papers": header.get("papers"), "extractions_bytes": header.get("extractions_bytes")}


def _view_graph(
    stream: GraphStream, kept: dict[int, _Kept], newest: set[int], entities: frozenset[str]
) -> nx.MultiDiGraph:
    """The ``kept`` papers with their results, the view's ``entities`` and those the kept
    edges name (with their settled attributes), and the derived edges among the view's
    ``entities``, in the order of the graph model. Of a paper that is not among the
    ``newest`` only the edges to the view's entities and its code are kept. The records of
    ``kept`` are used up."""
    view = nx.MultiDiGraph(**stream.attributes)
    results: list[dict[str, Any]] = []
    paper_edges: list[dict[str, Any]] = []
    result_edges: list[dict[str, Any]] = []
    for place in sorted(kept):
        section = kept[place].section
        key = section.paper.pop("key")
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
