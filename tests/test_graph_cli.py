"""``graphkit stats`` and ``graphkit show`` on a saved graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_graph_corpus import corpus_graph

from graphkit.cli import main


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.json"
    corpus_graph().save(path)
    return path


def test_stats_prints_the_counts(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(graph_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["graph", "hand"]
    assert lines[1].split() == ["papers", "4", "(3", "with", "entities)"]
    assert ["method", "2"] in [line.split() for line in lines]
    assert lines[-1].split() == ["evidence", "19"]


def test_stats_json(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(graph_file), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats == corpus_graph().stats()


def test_show_lists_papers_with_marked_evidence(
    graph_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(graph_file), "residual network"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        "ResNet  (method/resnet, method)",
        "aliases: ResNets, residual network",
        "vocabulary id: resnet",
        "papers: 3",
    ]
    assert "p2  Residual Networks Revisited" in out
    assert "    We study [ResNets] on ImageNet and COCO" in out
    assert "where a [residual network] (ResNet) reaches" in out
    assert "where a residual network ([ResNet]) reaches" in out


def test_show_limit_type_and_json(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(graph_file), "ResNet", "--limit", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entity"]["id"] == "method/resnet"
    assert [p["id"] for p in data["papers"]] == ["2305.07027"]
    assert data["papers"][0]["evidence"][0]["text"] == "ResNet"
    assert main(["show", str(graph_file), "newset", "--type", "dataset"]) == 0
    out = capsys.readouterr().out
    assert "  proposes" in out
    assert "We introduce [NewSet], a benchmark" in out
    assert "reaches 40 mAP on [NewSet] and COCO." in out


def test_show_unknown_entity_suggests(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(graph_file), "imagenett"]) == 1
    err = capsys.readouterr().err
    assert "graphkit show: error: no entity named 'imagenett'" in err
    assert "did you mean ImageNet (dataset/imagenet)?" in err
    assert main(["show", str(graph_file), "ImageNet", "--type", "method"]) == 1
    assert "no method named 'ImageNet'" in capsys.readouterr().err


def test_bad_graph_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(tmp_path / "none.json")]) == 1
    assert "none.json: no such graph file" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [')
    assert main(["show", str(bad), "x"]) == 1
    assert f"{bad}:1: not a graph.json" in capsys.readouterr().err
