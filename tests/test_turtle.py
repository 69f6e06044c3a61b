"""Turtle written from N-Triples lines is byte for byte what Oxigraph writes of the triples."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from test_rdf_fixtures import hand_graph, hostile_graph

from graphkit.errors import GraphkitError
from graphkit.export import namespaces as ns
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import (
    TurtleTerms,
    export_rdf,
    iter_ntriples,
    node_iri,
    paper_runs,
    run_lines,
)
from graphkit.export.turtle import TurtleWriter, local_name
from graphkit.graph import KnowledgeGraph
from graphkit.run.extractor import Extractor
from graphkit.sources import read_papers

PREFIXES = {
    "a": "http://ex.org/a/",
    "ex": "http://ex.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
XSD = "http://www.w3.org/2001/XMLSchema#"

NAMES = [
    "b", "x.y", "x.", ".x", "-x", "_x", "1x", ":x", "x/y", "x%41", "x~y", "x#y", "x?y", "é",
    "x·", "·x", "x(y)", "x'y", "x,y", "x;y", "x=y", "x+y", "x*y", "x!y", "x$y", "x&y", "x@y",
    "x\u0301", "x\u203fy", "x\u00a0y", "", "a.b.c-", "中文",
]  # fmt: skip
"""Local names that hit every rule: plain, escaped, impossible (the full IRI is written)."""

VALUES = [
    ("5", "integer"), ("-05", "integer"), ("+7", "integer"), ("5.0", "integer"),
    ("1.5", "decimal"), (".5", "decimal"), ("1.", "decimal"), ("1e5", "double"),
    ("1.E-3", "double"), (".5e1", "double"), ("e5", "double"), ("true", "boolean"),
    ("True", "boolean"), ("2020", "gYear"), ("2020-01-02", "date"), ('a"b', "gYear"),
]  # fmt: skip
"""Typed literals written bare or quoted."""

TEXT = "".join(chr(i) for i in range(0x20)) + '\x7f"\\ \ufffe\uffff\ufffd é \u2028 \\u0008'


def triples() -> list[ox.Triple]:
    """Triples with every kind of term graphkit writes, subjects grouped, predicates repeated."""
    out = []
    p, q = ox.NamedNode("http://ex.org/p"), ox.NamedNode("http://other.org/q")
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    for name in NAMES:
        s = ox.NamedNode("http://ex.org/a/" + name)
        out += [
            ox.Triple(s, rdf_type, ox.NamedNode("http://ex.org/a/")),
            ox.Triple(s, p, ox.NamedNode("http://ex.org/" + name)),
            ox.Triple(s, p, ox.Literal(TEXT + name)),
            ox.Triple(s, q, ox.NamedNode("http://nowhere.org/" + name)),
        ]
    s = ox.NamedNode("http://ex.org/typed")
    for value, datatype in VALUES:
        out.append(ox.Triple(s, p, ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))))
    return out


def oxigraph_turtle(data: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    return ox.serialize(data, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def converted(lines: list[str], prefixes: dict[str, str]) -> bytes:
    return "".join(TurtleWriter(prefixes).convert(lines)).encode("utf-8")


def test_every_rule_matches_oxigraph() -> None:
    data = triples()
    lines = ox.serialize(data, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    lines = lines.replace("\\b", "\\u0008").replace("\\f", "\\u000C")  # as graphkit writes
    lines = lines.replace("\\uFFFE", "\ufffe").replace("\\uFFFF", "\uffff")
    expected = oxigraph_turtle(data, PREFIXES)
    assert converted([line + "\n" for line in lines.split("\n")[:-1]], PREFIXES) == expected


@pytest.fixture(scope="module")
def sample_graph(sample_dir: Path) -> nx.MultiDiGraph:
    papers = list(read_papers(sorted(sample_dir.iterdir())))
    kg = KnowledgeGraph("sample")
    kg.add_papers(Extractor().extract(papers))
    return kg.graph


def graphkit_turtle(graph: nx.MultiDiGraph, separate_process: bool, tmp_path: Path) -> bytes:
    path = tmp_path / "graph.ttl"
    with path.open("wb") as out:
        export_rdf(graph, out, "ttl", separate_process=separate_process)
    return path.read_bytes()


def expected_turtle(graph: nx.MultiDiGraph) -> bytes:
    lines = "".join(iter_ntriples(graph))
    prefixes = ns.data_prefixes(ns.DEFAULT_BASE_IRI)
    return oxigraph_turtle(list(ox.parse(lines, ox.RdfFormat.N_TRIPLES)), prefixes)


@pytest.mark.parametrize("make", [hand_graph, hostile_graph])
@pytest.mark.parametrize("separate_process", [False, True])
def test_graphs_match_oxigraph(make, separate_process: bool, tmp_path: Path) -> None:
    graph = make()
    assert graphkit_turtle(graph, separate_process, tmp_path) == expected_turtle(graph)


@pytest.mark.slow
@pytest.mark.parametrize("separate_process", [False, True])
def test_sample_matches_oxigraph(
    sample_graph: nx.MultiDiGraph, separate_process: bool, tmp_path: Path
) -> None:
    written = graphkit_turtle(sample_graph, separate_process, tmp_path)
    assert written == expected_turtle(sample_graph)


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(GraphkitError):
        list(TurtleWriter(PREFIXES).convert(["<http://ex.org/a> <http://ex.org/p> _:b .\n"]))


def test_local_names() -> None:
    assert local_name("x.y") == "x.y"
    assert local_name("x.") == "x\\."
    assert local_name("x y") is None


@pytest.mark.parametrize("make", [hand_graph, hostile_graph])
@pytest.mark.parametrize("run", [None, "<https://w3id.org/graphkit/resource/run>"])
def test_papers_written_as_turtle_runs_are_their_lines_converted(make, run: str | None) -> None:
    graph = make()
    minter = IriMinter()
    writer = TurtleWriter(ns.data_prefixes(minter.base))
    terms = TurtleTerms(writer)

    def iri_of(key: str) -> str:
        return node_iri(minter, key, graph.nodes[key])

    papers = [(k, a) for k, a in graph.nodes(data=True) if a["type"] == "paper"]
    assert papers
    for key, attrs in papers:
        s = iri_of(key)
        lines = run_lines(paper_runs(graph, key, attrs, s, iri_of, minter, run))
        runs = paper_runs(graph, key, attrs, s, iri_of, minter, run, terms)
        assert "".join(writer.runs(runs)) == "".join(writer.statements(lines))
