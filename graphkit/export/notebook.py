"""The graph as the objects Python users work with: an ``rdflib.Graph`` and a ``pyvis`` Network.

:func:`to_rdflib` parses the N-Triples lines of :mod:`graphkit.export.rdf` (the triples of
``graph.ttl``) into rdflib. :func:`to_pyvis` draws what the view draws (the same nodes,
colours, shapes, positions and options) as a pyvis ``Network`` for notebooks, its text cleaned
and escaped as the view's is.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from graphkit.export import namespaces as ns
from graphkit.export.html import (
    LARGE,
    RELATION_TEXT,
    RELATIONS,
    TITLES,
    TYPES,
    clean_text,
    page_data,
    select_view,
    view_options,
)
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import ntriples_stream

if TYPE_CHECKING:
    import networkx as nx
    import rdflib
    from pyvis.network import Network


def to_rdflib(graph: nx.MultiDiGraph, *, base_iri: str | None = None) -> rdflib.Graph:
    """The triples of ``graph`` (those of ``graph.ttl``) in an ``rdflib.Graph``, prefixes bound."""
    import rdflib

    minter = IriMinter(base_iri)
    result = rdflib.Graph()
    for prefix, namespace in ns.data_prefixes(minter.base).items():
        result.bind(prefix, namespace, override=True)
    result.parse(ntriples_stream(graph, base_iri=minter.base), format="nt")
    return result


def to_pyvis(
    graph: nx.MultiDiGraph,
    *,
    top: int | None = None,
    title: str | None = None,
    notebook: bool = True,
    cdn_resources: str = "in_line",
    height: str = "750px",
    large: int = LARGE,
) -> Network:
    """A pyvis ``Network`` of the nodes the view draws (``top`` as in :func:`write_html`).

    Text loses control characters as in the view. pyvis shows every tooltip as HTML once one
    of them contains ``href`` (and as plain text otherwise), so the tooltips are HTML-escaped
    exactly when that happens, and the heading always is: no text of the graph runs as markup.
    ``cdn_resources="in_line"`` puts vis-network into the page, which then needs no network.
    """
    from pyvis.network import Network

    selection = select_view(graph, top=top, large=large)
    data = page_data(graph, selection)
    name = clean_text(str(graph.graph.get("name") or "graphkit"))
    heading = clean_text(title) if title else f"{name} knowledge graph"
    net = Network(
        height=height,
        width="100%",
        directed=True,
        notebook=notebook,
        cdn_resources=cdn_resources,
        heading=html.escape(heading),
    )
    records = data["nodes"][: data["canvas"]]
    tooltips = [_tooltip(record) for record in records]
    if any("href" in tooltip for tooltip in tooltips):
        tooltips = [html.escape(tooltip).replace("\n", "<br>") for tooltip in tooltips]
    for key, record, tooltip in zip(selection.canvas, records, tooltips, strict=True):
        _, colour, shape = TYPES[record["t"]]
        net.add_node(
            key,
            label=record["l"],
            title=tooltip,
            color=colour,
            shape=shape,
            x=record.get("x", 0.0),
            y=record.get("y", 0.0),
            value=max(1, record.get("c", 1)),
        )
    for source, target, relations in data["edges"]:
        words = [
            RELATION_TEXT.get(RELATIONS[i], RELATIONS[i]) for i in relations if i < len(RELATIONS)
        ]
        net.add_edge(selection.canvas[source], selection.canvas[target], title=", ".join(words))
    net.options = view_options(len(records))
    return net


def _tooltip(record: dict[str, Any]) -> str:
    """The plain-text tooltip of a node record of the view: name, type, papers, aliases."""
    lines = [record["n"], TITLES.get(record["t"], record["t"])]
    if record["t"] == "paper":
        if record.get("d"):
            lines[1] += f" · {record['d']}"
    else:
        count = record.get("c", 0)
        lines[1] += f" · {count} paper{'' if count == 1 else 's'}"
        if record.get("a"):
            lines.append("also: " + ", ".join(record["a"]))
    return "\n".join(lines)
