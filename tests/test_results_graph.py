"""Results in the graph: result nodes and their edges, leaderboards in Python and on the
command line, round trips through the graph files, and the queries and exports that leave
result nodes out of the entities."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from pathlib import Path

import pytest

from graphkit.cli import main
from graphkit.errors import GraphkitError, InputError
from graphkit.export.neo4j import write_neo4j
from graphkit.graph import KnowledgeGraph, load
from graphkit.graph.io import (
    graph_from_data,
    read_gexf,
    read_graphml,
    save_json,
    write_gexf,
    write_graphml,
)
from graphkit.graph.results import paper_results, result_record
from graphkit.graph.schema import ENTITY_TYPES
from graphkit.models import Paper
from graphkit.run.extractor import Extractor

ABSTRACTS = [
    ("ZorbNet: Fast Sampling", "We propose ZorbNet. ZorbNet reaches 84.3% top-1 accuracy on "
     "ImageNet, 2.5x faster than ResNet-50."),
    ("QuuxNet", "We propose QuuxNet. QuuxNet achieves 86.1% top-1 accuracy on ImageNet."),
    ("BlorpNet", "We propose BlorpNet. BlorpNet achieves a 12.5% error rate on ImageNet."),
    ("BlargNet", "We propose BlargNet. BlargNet achieves a 10.1% error rate on ImageNet."),
]  # fmt: skip


def build(abstracts: list[tuple[str, str]]) -> KnowledgeGraph:
    """The graph of papers ``p0``, ``p1`` ... with these titles and abstracts."""
    papers = [Paper(id=f"p{i}", title=t, abstract=a) for i, (t, a) in enumerate(abstracts)]
    graph = KnowledgeGraph()
    graph.add_papers(Extractor().extract(papers))
    return graph


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return build(ABSTRACTS)


def test_leaderboard_is_best_first(kg):
    rows = kg.leaderboard(dataset="ImageNet", metric="top-1 accuracy")
    assert [(r["value"], r["method"], r["paper"]) for r in rows] == [
        (86.1, "QuuxNet", "p1"),
        (84.3, "ZorbNet", "p0"),
    ]
    assert rows[0]["sentence"].startswith("QuuxNet achieves")
    errors = kg.leaderboard(metric="error rate")
    assert [r["value"] for r in errors] == [10.1, 12.5] and errors[0]["better"] == "lower"


def test_results_filter_by_entities_and_kind(kg):
    relative = kg.results(method="ZorbNet", kind="relative")
    assert [(r["value"], r["unit"], r["compared_to_id"]) for r in relative] == [
        (2.5, "x", "method/resnet-50")
    ]
    assert len(kg.results(dataset="ImageNet")) == 5


def test_directions_file_can_turn_a_metric(kg, tmp_path: Path):
    extra = tmp_path / "directions.tsv"
    extra.write_text("metric\tbetter\ntop-1 accuracy\tlower\n")
    rows = kg.leaderboard(metric="top-1 accuracy", directions=[extra])
    assert [r["value"] for r in rows] == [84.3, 86.1]


def _results(graph) -> list[str]:
    return [key for key, kind in graph.nodes(data="type") if kind == "result"]


def test_results_are_nodes_linked_to_their_paper_and_entities(kg):
    graph = kg.graph
    keys = _results(graph)
    assert keys[:2] == ["result/p0/abstract-36-41", "result/p0/abstract-70-74"]
    assert len(keys) == 5
    node = graph.nodes["result/p0/abstract-70-74"]
    assert (node["value"], node["unit"], node["kind"], node["text"]) == (
        2.5,
        "x",
        "relative",
        "2.5x",
    )
    abstract = graph.nodes["paper/p0"]["abstract"]
    assert (
        abstract[node["start"] : node["end"]] == node["text"] and node["text"] in node["sentence"]
    )
    assert node["metric"] == "speed" and node["rule"]
    assert list(graph.in_edges("result/p0/abstract-70-74", keys=True)) == [
        ("paper/p0", "result/p0/abstract-70-74", "reports_result")
    ]
    assert {(t, r) for _, t, r in graph.out_edges("result/p0/abstract-70-74", keys=True)} == {
        ("dataset/imagenet", "on_dataset"),
        ("method/zorbnet", "of_method"),
        ("method/resnet-50", "compared_to"),
    }
    absolute = {t: r for _, t, r in graph.out_edges("result/p0/abstract-36-41", keys=True)}
    assert absolute["metric/top-1-accuracy"] == "specified_by"
    assert all(not isinstance(v, list | dict) for k in keys for v in graph.nodes[k].values())


def test_result_nodes_are_no_entities(kg):
    graph = kg.graph
    assert {e["type"] for e in kg.entities()} <= set(ENTITY_TYPES)
    assert not [e for e in kg.top(n=100) if e["id"].startswith("result/")]
    stats = kg.stats()
    assert stats["entities"] == sum(1 for _, t in graph.nodes(data="type") if t in ENTITY_TYPES)
    assert stats["results"] == 5 and stats["results_by_kind"] == {"absolute": 4, "relative": 1}
    assert stats["edges_by_relation"]["reports_result"] == 5
    assert kg.entity("ImageNet")["paper_count"] == 4
    assert "result/p0/abstract-36-41" not in kg.cooccurrence("method", "dataset")
    with pytest.raises(KeyError):
        kg.resolve("result/p0/abstract-36-41")
    path = kg.path("QuuxNet", "BlorpNet")
    assert [step["type"] for step in path] == ["method", "paper", "dataset", "paper", "method"]


def test_ego_graph_keeps_the_results_of_its_papers(kg):
    ego = kg.ego("QuuxNet", radius=1)
    assert _results(ego.graph) == ["result/p1/abstract-37-42"]
    assert [r["value"] for r in ego.results()] == [86.1]
    assert ego.results()[0]["method_id"] == "method/quuxnet"


def test_results_round_trip_through_graph_files(kg, tmp_path: Path):
    kg.save(tmp_path / "graph.json")
    again = load(tmp_path / "graph.json")
    assert again.leaderboard(metric="top-1 accuracy") == kg.leaderboard(metric="top-1 accuracy")
    assert list(again.graph.nodes(data=True)) == list(kg.graph.nodes(data=True))
    assert list(again.graph.edges(keys=True, data=True)) == list(
        kg.graph.edges(keys=True, data=True)
    )
    for write, read, name in (
        (write_graphml, read_graphml, "g.graphml"),
        (write_gexf, read_gexf, "g.gexf"),
    ):
        write(kg.graph, tmp_path / name)
        graph = read(tmp_path / name)
        assert dict(graph.nodes(data=True)) == dict(kg.graph.nodes(data=True)), name
        assert KnowledgeGraph.from_graph(graph).results() == kg.results(), name
        assert "&quot;value&quot;" not in (tmp_path / name).read_text()  # no JSON records
    assert 'attr.name="value" attr.type="double"' in (tmp_path / "g.graphml").read_text()
    assert 'mode="static"' in (tmp_path / "g.gexf").read_text()


def test_results_listed_on_paper_nodes_read_as_result_nodes(kg, tmp_path: Path):
    """A graph.json written when results were a list on their paper node reads as today's."""
    legacy = kg.graph.copy()
    for paper in [key for key, kind in legacy.nodes(data="type") if kind == "paper"]:
        legacy.nodes[paper]["results"] = [
            result_record(legacy, r) for r in paper_results(legacy, paper)
        ]
    legacy.remove_nodes_from(_results(legacy))
    save_json(legacy, tmp_path / "old.json")
    load(tmp_path / "old.json").save(tmp_path / "again.json")
    kg.save(tmp_path / "graph.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "graph.json").read_bytes()
    nan = {"value": float("nan"), "field": "abstract", "start": 0, "end": 1}
    for bad in ({"value": 1.0}, nan, {**nan, "value": "1"}, "1.0%"):
        data = json.loads((tmp_path / "old.json").read_text())
        next(n for n in data["nodes"] if n["key"] == "paper/p1")["results"] = [bad]
        with pytest.raises(InputError, match=r"old\.json: not a graph\.json: a bad result record"):
            graph_from_data(data, "old.json")


def test_a_result_without_a_finite_value_is_refused_and_changes_nothing():
    kg = build(ABSTRACTS[:1])
    before = (list(kg.graph.nodes(data=True)), list(kg.graph.edges(keys=True, data=True)))
    [extraction] = Extractor().extract([Paper(id="p9", title="QuuxNet", abstract=ABSTRACTS[1][1])])
    extraction.results = [dataclasses.replace(extraction.results[0], value=math.nan)]
    with pytest.raises(GraphkitError, match=r"'p9'.*no finite value"):
        kg.add_papers([extraction])
    assert (list(kg.graph.nodes(data=True)), list(kg.graph.edges(keys=True, data=True))) == before


def test_neo4j_writes_result_nodes_and_their_relationships(kg, tmp_path: Path):
    counts = write_neo4j(kg.graph, tmp_path)
    assert counts["results.csv"] == 5
    with (tmp_path / "results.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0][":ID"] == "result/p0/abstract-36-41" and rows[0][":LABEL"] == "Result"
    assert (rows[0]["value:double"], rows[0]["unit"], rows[0]["start:int"]) == ("84.3", "%", "36")
    with (tmp_path / "entities.csv").open(newline="") as handle:
        assert not [r for r in csv.DictReader(handle) if r[":ID"].startswith("result/")]
    with (tmp_path / "relationships.csv").open(newline="") as handle:
        links = {(r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in csv.DictReader(handle)}
    assert ("paper/p0", "result/p0/abstract-70-74", "REPORTS_RESULT") in links
    assert ("result/p0/abstract-70-74", "method/resnet-50", "COMPARED_TO") in links
    assert ("result/p1/abstract-37-42", "metric/top-1-accuracy", "SPECIFIED_BY") in links


def test_results_do_not_depend_on_the_order_papers_come_in():
    backwards = build(ABSTRACTS[::-1])
    rows = {(r["value"], r["method_id"], r["dataset_id"]) for r in backwards.results()}
    assert rows == {
        (r["value"], r["method_id"], r["dataset_id"]) for r in build(ABSTRACTS).results()
    }


def test_adding_twice_changes_nothing(kg):
    before = kg.results()
    kg.add_papers(
        Extractor().extract([Paper(id="p1", title=ABSTRACTS[1][0], abstract=ABSTRACTS[1][1])])
    )
    assert kg.results() == before


def test_leaderboard_cli(kg, tmp_path: Path, capsys):
    kg.save(tmp_path / "graph.json")
    graph = str(tmp_path / "graph.json")
    assert main(["leaderboard", graph, "--dataset", "imagenet", "--metric", "top-1 accuracy"]) == 0
    text = capsys.readouterr().out
    assert text.index("86.1%") < text.index("84.3%") and "QuuxNet achieves" in text
    assert main(["leaderboard", graph, "--metric", "error rate", "--json"]) == 0
    assert [r["value"] for r in json.loads(capsys.readouterr().out)] == [10.1, 12.5]
    assert main(["leaderboard", graph, "--metric", "top-1 accuracy", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["value"] for r in rows] == ["86.1", "84.3"] and rows[0]["paper"] == "p1"
    assert main(["leaderboard", graph, "--dataset", "no such thing"]) == 1


def test_leaderboard_table_ranks_within_each_metric(kg, tmp_path: Path, capsys):
    kg.save(tmp_path / "graph.json")
    assert main(["leaderboard", str(tmp_path / "graph.json")]) == 0
    ranked = [line.split()[:2] for line in capsys.readouterr().out.splitlines() if "." in line[:5]]
    firsts = [rank for rank, _ in ranked if rank == "1."]
    assert len(firsts) >= 2 and ranked[0][0] == "1."
