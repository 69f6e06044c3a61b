"""Graph files: node-link JSON (``graph.json``), GraphML and GEXF.

``graph.json`` is written with one node or edge per line, keys sorted and
non-ASCII escaped, so the same graph always gives the same bytes and reads
back exactly. GraphML and GEXF cannot hold lists, dicts or nulls: lists and
dicts are written as JSON strings and nulls are left out; :func:`read_graphml`
and :func:`read_gexf` undo both, so a graph reads back exactly unless its plain
strings hold characters that XML cannot (see :func:`exchange_graph`).
"""

from __future__ import annotations

import json
import os
import re
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graphkit.atomic import atomic_write
from graphkit.errors import InputError
from graphkit.graph.derive import canonicalize
from graphkit.graph.results import upgrade_results
from graphkit.graph.schema import PAPER, RESULT, RESULT_ATTRIBUTES

NODE_KEY = "key"
"""The field holding a node's key in ``graph.json`` (``id`` is a node attribute)."""

JSON_ATTRIBUTES = frozenset({"aliases", "authors", "evidence", "papers"})
"""Attributes that GraphML and GEXF hold as JSON strings."""

NULLABLE = {
    PAPER: ("date", "author_count", "url", "arxiv_id", "doi", "source"),
    RESULT: RESULT_ATTRIBUTES,
    "entity": ("vocab_id", "url"),
}
"""Node attributes that are None when a GraphML or GEXF file leaves them out."""

GEXF_NS = "http://www.gexf.net/1.2draft"

GEXF_NAMES = {"id": "identifier", "start": "start_offset", "end": "end_offset"}
"""Node attributes renamed in GEXF: it takes ``id`` as the XML id and ``start`` and ``end``
as the node's lifetime (a result's offsets would turn the graph dynamic)."""


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=True, allow_nan=False)
"""One encoder for every record: ``json.dumps`` with options builds a new one per call."""


def _dumps(value: Any) -> str:
    """``value`` as :data:`_ENCODER` writes it, through the C encoder that its ``encode``
    builds, without the Python steps around it (a tenth of the time of an edge's line)."""
    if c_make_encoder is None or not isinstance(value, dict):
        return _ENCODER.encode(value)
    encode = c_make_encoder(
        {}, _ENCODER.default, encode_basestring_ascii, None, ": ", ", ", True, False, False
    )
    return "".join(encode(value, 0))


JSON_EDGES = '\n],\n"edges": ['
"""What ``graph.json`` holds between its last node and its first edge."""

JSON_END = "\n]}\n"
"""What ``graph.json`` ends with, after its last edge."""


def json_header(attributes: dict[str, Any]) -> str:
    """The start of ``graph.json`` for a graph with these graph ``attributes``, up to the
    first node."""
    return '{"directed": true, "multigraph": true, "graph": ' + _dumps(attributes) + ',\n"nodes": ['


def node_json(key: str, attrs: dict[str, Any]) -> str:
    """One node of ``graph.json`` (without the separator before it)."""
    if NODE_KEY in attrs:
        raise ValueError(f"node {key!r} has an attribute named {NODE_KEY!r}")
    return _dumps({NODE_KEY: key, **attrs})


def edge_json(source: str, target: str, key: str, attrs: dict[str, Any]) -> str:
    """One edge of ``graph.json`` (without the separator before it)."""
    return _dumps({**attrs, "source": source, "target": target, "key": key})


def write_json(graph: nx.MultiDiGraph, handle: IO[str]) -> None:
    """Write ``graph`` as node-link JSON to ``handle``, one node or edge per line."""
    handle.write(json_header(graph.graph))
    for index, (key, attrs) in enumerate(graph.nodes(data=True)):
        handle.write(",\n" if index else "\n")
        handle.write(node_json(key, attrs))
    handle.write(JSON_EDGES)
    for index, (source, target, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        handle.write(",\n" if index else "\n")
        handle.write(edge_json(source, target, key, attrs))
    handle.write(JSON_END)


def save_json(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` to ``path`` as node-link JSON, atomically."""
    with atomic_write(path) as handle:
        write_json(graph, handle)


def load_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a ``graph.json``; raise InputError naming the file (and line) when it is bad."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError("no such graph file", where) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", where) from exc
    except OSError as exc:
        raise InputError(f"cannot read the graph: {exc.strerror}", where) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = "the file ends early (truncated?)" if exc.pos >= len(text) else exc.msg
        raise InputError(f"not a graph.json: {problem}", where, exc.lineno) from exc
    return graph_from_data(data, where)


def graph_from_data(data: Any, where: str = "<graph>") -> nx.MultiDiGraph:
    """Build the graph from parsed node-link data, checking its shape; results that an older
    ``graph.json`` keeps as a list on their paper node become result nodes."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise InputError("not a graph.json: no list of nodes", where)
    if not isinstance(data.get("edges"), list) or not isinstance(data.get("graph", {}), dict):
        raise InputError("not a graph.json: no list of edges", where)
    graph = nx.MultiDiGraph(**data.get("graph", {}))
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or not isinstance(node.get(NODE_KEY), str):
            raise InputError(f"node {index} has no {NODE_KEY!r}", where)
        attrs = dict(node)
        graph.add_node(attrs.pop(NODE_KEY), **attrs)
    for index, edge in enumerate(data["edges"]):
        if not isinstance(edge, dict):
            raise InputError(f"edge {index} is not an object", where)
        attrs = dict(edge)
        ends = attrs.pop("source", None), attrs.pop("target", None)
        key = attrs.pop("key", None)
        for end in ends:
            if end not in graph:
                raise InputError(f"edge {index} links a node not in the graph: {end!r}", where)
        graph.add_edge(*ends, key=key, **attrs)
    try:
        if upgrade_results(graph):
            canonicalize(graph)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a graph.json: a bad result record ({exc})", where) from exc
    return graph


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML 1.0 cannot hold at all, even escaped."""


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _exchange_value(value: Any) -> Any:
    """Lists and dicts as JSON (exact, as it is ASCII-escaped); strings fit for XML."""
    if isinstance(value, (list, dict)):
        return _dumps(value)
    return _xml_text(value) if isinstance(value, str) else value


def exchange_graph(graph: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of ``graph`` that GraphML and GEXF can hold, with a display ``label`` per node.

    Characters that XML cannot hold (control characters other than tab and
    newline) become U+FFFD in plain strings; inside JSON strings they stay
    escaped, so evidence and lists round-trip exactly.
    """
    copy = nx.MultiDiGraph(**{k: _exchange_value(v) for k, v in graph.graph.items()})
    for key, attrs in graph.nodes(data=True):
        flat = {k: _exchange_value(v) for k, v in attrs.items() if v is not None}
        label = attrs.get("name") or attrs.get("title") or attrs.get("text") or key
        flat["label"] = _xml_text(str(label))
        if gexf:
            flat = {GEXF_NAMES.get(k, k): v for k, v in flat.items()}
        copy.add_node(_xml_text(key), **flat)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        flat = {k: _exchange_value(v) for k, v in attrs.items() if v is not None}
        copy.add_edge(_xml_text(source), _xml_text(target), key=_xml_text(key), **flat)
    return copy


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as GraphML (for Cytoscape, Gephi, yEd), atomically."""
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(exchange_graph(graph), handle)


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as GEXF 1.2 (for Gephi), atomically and without a date stamp."""
    writer = GEXFWriter(version="1.2draft")
    writer.add_graph(exchange_graph(graph, gexf=True))
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None and graph.graph.get("created_by"):
            creator.text = str(graph.graph["created_by"])
    with atomic_write(path, "wb") as handle:
        writer.write(handle)


def restore_exchange(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Undo :func:`exchange_graph` on a graph read from GraphML or GEXF.

    A GEXF reader returns a simple graph when no two edges share ends; the
    edge key is then the ``relation`` attribute, as the graph model makes it.
    """
    restored = nx.MultiDiGraph(
        **{k: v for k, v in graph.graph.items() if k not in _READER_GRAPH_ATTRIBUTES}
    )
    for key, attrs in graph.nodes(data=True):
        attrs = {k: _restore_value(k, v) for k, v in attrs.items() if k != "label"}
        for name, renamed in GEXF_NAMES.items():
            if renamed in attrs:
                attrs[name] = attrs.pop(renamed)
        kind = attrs.get("type") if attrs.get("type") in (PAPER, RESULT) else "entity"
        for name in NULLABLE[kind]:
            attrs.setdefault(name, None)
        if kind == PAPER:
            attrs.setdefault("abstract", "")
        restored.add_node(key, **attrs)
    if graph.is_multigraph():
        edges = graph.edges(keys=True, data=True)
    else:
        edges = ((u, v, data.get("relation"), data) for u, v, data in graph.edges(data=True))
    for source, target, key, attrs in edges:
        attrs = {k: _restore_value(k, v) for k, v in attrs.items() if k != "id"}
        restored.add_edge(source, target, key=key, **attrs)
    return restored


_READER_GRAPH_ATTRIBUTES = frozenset({"node_default", "edge_default", "mode"})
"""Graph attributes that the networkx readers add on their own."""


def _restore_value(name: str, value: Any) -> Any:
    return json.loads(value) if name in JSON_ATTRIBUTES and isinstance(value, str) else value


def read_graphml(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml` back into the graph model."""
    return restore_exchange(nx.read_graphml(path, force_multigraph=True))


def read_gexf(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a GEXF file written by :func:`write_gexf` back into the graph model.

    ``created_by`` comes back from the file's ``<meta><creator>``.
    """
    graph = restore_exchange(nx.read_gexf(path))
    creator = ElementTree.parse(path).getroot().find(f"{{{GEXF_NS}}}meta/{{{GEXF_NS}}}creator")
    if creator is not None and creator.text and creator.text.startswith("graphkit"):
        graph.graph["created_by"] = creator.text
    return graph
