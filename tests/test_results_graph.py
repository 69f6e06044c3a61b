"""Results in the graph: leaderboards in Python and on the command line, and round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graphkit.cli import main
from graphkit.graph import KnowledgeGraph, load
from graphkit.graph.io import read_graphml
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


def test_results_round_trip_through_graph_files(kg, tmp_path: Path):
    kg.save(tmp_path / "graph.json")
    again = load(tmp_path / "graph.json")
    assert again.leaderboard(metric="top-1 accuracy") == kg.leaderboard(metric="top-1 accuracy")
    kg.to_graphml(tmp_path / "graph.graphml")
    graph = read_graphml(tmp_path / "graph.graphml")
    assert graph.nodes["paper/p1"]["results"] == kg.graph.nodes["paper/p1"]["results"]


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
