"""``graphkit export --format neo4j``: the CSV files of ``neo4j-admin database import full``,
evidence included; and RDF/XML as one more RDF syntax of ``graphkit export``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from test_rdf_fixtures import hand_graph

from graphkit.cli import main
from graphkit.export.neo4j import ARRAY_DELIMITER, write_neo4j
from graphkit.export.rdf import write_rdf
from graphkit.graph import KnowledgeGraph

GK = rdflib.Namespace("https://w3id.org/graphkit/ontology#")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    graph = hand_graph()
    entity = next(key for key, kind in graph.nodes(data="type") if kind == "method")
    graph.nodes[entity]["aliases"] = ['say "hi", then\nleave', f"a{ARRAY_DELIMITER}b"]
    path = tmp_path / "graph.json"
    KnowledgeGraph.from_graph(graph).save(path)
    return path


def test_headers_are_those_the_import_tool_reads(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    assert main(["export", str(graph_file), "-o", str(out), "--format", "neo4j"]) == 0
    headers = {name: _read(out / name)[0] for name in sorted(p.name for p in out.iterdir())}
    assert list(headers) == [
        "entities.csv",
        "evidence.csv",
        "papers.csv",
        "relationships.csv",
        "results.csv",
    ]
    for name in ("entities.csv", "evidence.csv", "papers.csv", "results.csv"):
        assert headers[name][:2] == [":ID", ":LABEL"], name
    assert headers["relationships.csv"][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "paper_count:int" in headers["entities.csv"]
    assert "aliases:string[]" in headers["entities.csv"]
    assert {"start:int", "end:int", "sentence", "rule"} <= set(headers["evidence.csv"])


def test_every_node_edge_and_evidence_record_is_written(graph_file: Path, tmp_path: Path) -> None:
    graph = KnowledgeGraph.load(graph_file).graph
    out = tmp_path / "neo4j"
    counts = write_neo4j(graph, out)
    nodes: dict[str, dict[str, str]] = {}
    for name in ("papers.csv", "entities.csv", "evidence.csv"):
        _, rows = _read(out / name)
        assert counts[name] == len(rows)
        for row in rows:
            assert row[":ID"] not in nodes
            nodes[row[":ID"]] = row
    _, relationships = _read(out / "relationships.csv")
    for row in relationships:
        assert row[":START_ID"] in nodes and row[":END_ID"] in nodes, row
    edges = {(r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in relationships}
    for source, target, relation in graph.edges(keys=True):
        assert (source, target, relation.upper()) in edges
    for key, attrs in graph.nodes(data=True):
        label = nodes[key][":LABEL"].split(ARRAY_DELIMITER)
        assert label == ["Paper"] if attrs["type"] == "paper" else label[0] == "Entity"

    write_rdf(graph, tmp_path / "g.nt", "nt")
    rdf = rdflib.Graph().parse(tmp_path / "g.nt")
    sentences = sorted(str(s) for s in rdf.objects(None, GK.sentence))
    evidence = [row for row in nodes.values() if row[":LABEL"] == "Evidence"]
    assert len(evidence) == len(set(rdf.subjects(rdflib.RDF.type, GK.Evidence)))
    assert sorted(row["sentence"] for row in evidence) == sentences
    for row in evidence:
        paper = next(r[":START_ID"] for r in relationships if r[":END_ID"] == row[":ID"])
        entity = next(r[":END_ID"] for r in relationships if r[":START_ID"] == row[":ID"])
        records = graph.edges[paper, entity, row["relation"]]["evidence"]
        assert any(
            (r["text"], r["start"], r["end"])
            == (row["text"], int(row["start:int"]), int(row["end:int"]))
            for r in records
        )


def test_arrays_survive_quotes_commas_and_newlines(graph_file: Path, tmp_path: Path) -> None:
    write_neo4j(KnowledgeGraph.load(graph_file).graph, tmp_path)
    _, entities = _read(tmp_path / "entities.csv")
    aliases = [row["aliases:string[]"].split(ARRAY_DELIMITER) for row in entities]
    assert ['say "hi", then\nleave', "ab"] in aliases
    _, papers = _read(tmp_path / "papers.csv")
    assert ["Xinyu Liu", "Houwen Peng"] in [
        r["authors:string[]"].split(ARRAY_DELIMITER) for r in papers
    ]


def test_a_file_in_place_of_the_folder_is_named(
    graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    assert main(["export", str(graph_file), "-o", str(blocker), "--format", "neo4j"]) == 1
    assert str(blocker) in capsys.readouterr().err
    assert blocker.read_text() == "x"


@pytest.mark.parametrize("how", [["-o", "g.rdf"], ["-o", "g.out", "--format", "xml"]])
def test_rdf_xml_is_one_more_rdf_syntax(tmp_path: Path, how: list[str]) -> None:
    graph_file = tmp_path / "graph.json"
    KnowledgeGraph.from_graph(hand_graph()).save(graph_file)
    target = tmp_path / how[1]
    assert main(["export", str(graph_file), "-o", str(target), *how[2:]]) == 0
    assert main(["export", str(graph_file), "-o", str(tmp_path / "g.nt")]) == 0
    xml = rdflib.Graph().parse(target, format="xml")
    nt = rdflib.Graph().parse(tmp_path / "g.nt", format="nt")
    assert len(xml) > 0 and set(xml) == set(nt)


def test_rdf_xml_replaces_the_characters_xml_cannot_hold(graph_file: Path, tmp_path: Path) -> None:
    assert main(["export", str(graph_file), "-o", str(tmp_path / "g.rdf")]) == 0
    xml = rdflib.Graph().parse(tmp_path / "g.rdf", format="xml")
    labels = {str(label) for label in xml.objects(None, rdflib.SKOS.altLabel)}
    assert {"a\ufffdb", 'say "hi", then\nleave'} <= labels


def test_query_reads_rdf_xml(
    graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["export", str(graph_file), "-o", str(tmp_path / "g.rdf")]) == 0
    capsys.readouterr()
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?p a gk:Paper }"
    assert main(["query", str(tmp_path / "g.rdf"), sparql, "--format", "json"]) == 0
    papers = sum(1 for _, kind in hand_graph().nodes(data="type") if kind == "paper")
    answer = json.loads(capsys.readouterr().out)
    assert answer["results"]["bindings"][0]["n"]["value"] == str(papers)


def test_an_empty_graph_gives_headers_only(tmp_path: Path) -> None:
    counts = write_neo4j(nx.MultiDiGraph(), tmp_path)
    assert set(counts.values()) == {0}
    assert (tmp_path / "relationships.csv").read_text().count("\n") == 1
