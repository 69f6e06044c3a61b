"""``graphkit top GRAPH --type T --since DATE``: the most linked entities from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graphkit
from graphkit import cli


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("top")
    records = [
        {"title": "Old Paper", "date": "2023-05-01", "abstract": "We train on ImageNet."},
        {"title": "New Paper", "date": "2024-02-03", "abstract": "We test on CIFAR-10."},
        {"title": "Newer Paper", "date": "2024-06-01", "abstract": "We test on ImageNet."},
        {"title": "Undated Paper", "abstract": "We train on ImageNet and CIFAR-10."},
    ]
    source = folder / "papers.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    graphkit.build([source], output_dir=folder / "out")
    return folder / "out" / "graph.json"


def _top(capsys: pytest.CaptureFixture, *argv: str) -> list[list[str]]:
    assert cli.main(["top", *argv]) == 0
    return [line.split()[:2] for line in capsys.readouterr().out.splitlines()]


def test_top_of_a_type(graph_file: Path, capsys: pytest.CaptureFixture) -> None:
    rows = _top(capsys, str(graph_file), "--type", "dataset")
    assert rows == [["3", "dataset/imagenet"], ["2", "dataset/cifar-10"]]


def test_top_since_a_month(graph_file: Path, capsys: pytest.CaptureFixture) -> None:
    rows = _top(capsys, str(graph_file), "--type", "dataset", "--since", "2024-01")
    assert rows == [["1", "dataset/cifar-10"], ["1", "dataset/imagenet"]]
    assert _top(capsys, str(graph_file), "--since", "2025") == []


def test_bad_since_is_a_usage_error(graph_file: Path) -> None:
    assert cli.main(["top", str(graph_file), "--since", "last year"]) == 2
