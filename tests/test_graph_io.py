"""graph.json, GraphML and GEXF: exact round-trips, byte-identical reruns, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from test_graph_corpus import corpus_graph
from test_rdf_fixtures import hand_graph, hostile_graph

import graphkit
from graphkit.errors import InputError
from graphkit.export.rdf import write_rdf
from graphkit.graph import KnowledgeGraph
from graphkit.graph.io import read_gexf, read_graphml

REPO = Path(__file__).resolve().parents[1]


def same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """Assert equal graph attributes, nodes and edges, with attributes and in the same order."""
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


GRAPHS = {
    "corpus": lambda: corpus_graph().graph,
    "hand": hand_graph,
    "hostile": hostile_graph,
}


@pytest.mark.parametrize("name", GRAPHS)
def test_json_round_trip_is_exact(tmp_path: Path, name: str) -> None:
    kg = KnowledgeGraph.from_graph(GRAPHS[name]())
    kg.save(tmp_path / "graph.json")
    back = graphkit.load(tmp_path / "graph.json")
    same(back.graph, kg.graph)
    back.save(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "graph.json").read_bytes()


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    corpus_graph().save(tmp_path / "a.json")
    corpus_graph().save(tmp_path / "b.json")
    data = (tmp_path / "a.json").read_bytes()
    assert data == (tmp_path / "b.json").read_bytes()
    assert data.isascii() and data.endswith(b"]}\n")


def test_graph_json_is_node_link_json_that_networkx_reads(tmp_path: Path) -> None:
    kg = corpus_graph()
    kg.save(tmp_path / "graph.json")
    data = json.loads((tmp_path / "graph.json").read_text())
    assert data["directed"] is True and data["multigraph"] is True
    assert data["graph"]["name"] == "hand"
    graph = nx.node_link_graph(data, name="key", edges="edges")
    assert list(graph) == list(kg.graph)
    assert list(graph.edges(keys=True)) == list(kg.graph.edges(keys=True))


def test_a_loaded_graph_takes_more_papers(tmp_path: Path) -> None:
    from test_graph_corpus import p1, p2, p3, p4

    first = KnowledgeGraph("hand")
    first.add_papers([p1(), p2()])
    first.save(tmp_path / "graph.json")
    kg = graphkit.load(tmp_path / "graph.json")
    kg.add_papers([p3(), p4(), p1()])
    kg.save(tmp_path / "more.json")
    corpus_graph().save(tmp_path / "all.json")
    assert (tmp_path / "more.json").read_bytes() == (tmp_path / "all.json").read_bytes()


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ('{"directed": true, "graph": {},\n"nodes": [\n{"key"', "ends early", 3),
        ("{not json}", "not a graph.json", 1),
        ("[1, 2]", "no list of nodes", None),
        ('{"nodes": [], "edges": {}}', "no list of edges", None),
        ('{"nodes": [{"id": "x"}], "edges": []}', "node 0 has no 'key'", None),
        ('{"nodes": [], "edges": [{"source": "a", "target": "b"}]}', "not in the graph", None),
    ],
)
def test_bad_graph_files_are_named(
    tmp_path: Path, content: str, message: str, line: int | None
) -> None:
    path = tmp_path / "graph.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message) as caught:
        graphkit.load(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert str(path) in str(caught.value)


def test_a_truncated_save_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    corpus_graph().save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"graph\.json:[0-9]+: not a graph\.json"):
        graphkit.load(path)
    with pytest.raises(InputError, match="no such graph file"):
        graphkit.load(tmp_path / "missing.json")
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(InputError, match="not UTF-8"):
        graphkit.load(path)


def test_a_failed_save_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    kg = corpus_graph()
    kg.save(path)
    before = path.read_bytes()
    kg.graph.nodes["paper/p4"]["author_count"] = float("nan")
    with pytest.raises(ValueError):
        kg.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` with the BEL of HOSTILE made U+FFFD in plain strings (XML cannot hold it)."""

    def fix(attrs: dict) -> dict:
        return {k: v.replace("\a", "\ufffd") if isinstance(v, str) else v for k, v in attrs.items()}

    safe = nx.MultiDiGraph(**fix(graph.graph))
    safe.add_nodes_from((n, fix(a)) for n, a in graph.nodes(data=True))
    safe.add_edges_from((u, v, k, fix(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    return safe


@pytest.mark.parametrize("name", GRAPHS)
def test_graphml_round_trip(tmp_path: Path, name: str) -> None:
    kg = KnowledgeGraph.from_graph(GRAPHS[name]())
    kg.to_graphml(tmp_path / "g.graphml")
    same(read_graphml(tmp_path / "g.graphml"), xml_safe(kg.graph))
    raw = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    for source, target, relation, data in kg.graph.edges(keys=True, data=True):
        if "evidence" in data:
            assert json.loads(raw.edges[source, target, relation]["evidence"]) == data["evidence"]
    for key, data in kg.graph.nodes(data=True):
        safe = xml_safe(kg.graph).nodes[key]
        assert raw.nodes[key]["label"] == (safe.get("name") or safe.get("title"))
        if "aliases" in data:
            assert json.loads(raw.nodes[key]["aliases"]) == data["aliases"]


@pytest.mark.parametrize("name", GRAPHS)
def test_gexf_round_trip(tmp_path: Path, name: str) -> None:
    kg = KnowledgeGraph.from_graph(GRAPHS[name]())
    kg.to_gexf(tmp_path / "g.gexf")
    same(read_gexf(tmp_path / "g.gexf"), xml_safe(kg.graph))
    raw = nx.read_gexf(tmp_path / "g.gexf")
    assert list(raw) == list(kg.graph)
    for key, data in kg.graph.nodes(data=True):
        assert raw.nodes[key]["identifier"] == data["id"]
        if "authors" in data:
            assert json.loads(raw.nodes[key]["authors"]) == data["authors"]


def test_graphml_and_gexf_reruns_are_byte_identical(tmp_path: Path) -> None:
    for suffix in ("graphml", "gexf"):
        a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        getattr(corpus_graph(), f"to_{suffix}")(a)
        getattr(corpus_graph(), f"to_{suffix}")(b)
        assert a.read_bytes() == b.read_bytes()


def test_built_graphs_export_to_rdf_that_meets_the_shapes(tmp_path: Path) -> None:
    import pyshacl

    count = write_rdf(corpus_graph().graph, tmp_path / "graph.ttl")
    data = rdflib.Graph().parse(tmp_path / "graph.ttl")
    assert len(data) == count
    shapes = rdflib.Graph().parse(REPO / "ontology" / "shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report
