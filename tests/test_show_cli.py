"""``graphkit show`` shows papers too, lists the results of entities and papers, never prints
terminal control characters, and ``extract`` draws no progress bar when stderr is not a
terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_results_graph import ABSTRACTS, build

import graphkit
from graphkit import cli

TITLE = "Red \x1b[31mAlert\x1b[0m: Sampling"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("show")
    source = folder / "papers.jsonl"
    record = {"id": "p1", "title": TITLE, "abstract": "We use ResNet-50 on ImageNet \x07now."}
    source.write_text(json.dumps(record) + "\n")
    graphkit.build([source], output_dir=folder / "out")
    return folder / "out" / "graph.json"


def test_show_a_paper_with_its_entities(graph_file: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["show", str(graph_file), "paper/p1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("p1  Red")
    assert "uses  ResNet-50  (method/resnet-50)" in out
    assert "[ImageNet]" in out


@pytest.mark.parametrize("ref", ["paper/p1", "imagenet"])
def test_show_prints_no_control_characters(
    graph_file: Path, capsys: pytest.CaptureFixture, ref: str
) -> None:
    assert cli.main(["show", str(graph_file), ref]) == 0
    out = capsys.readouterr().out
    assert "Alert" in out
    assert not any(ch in out for ch in "\x1b\x07")


@pytest.fixture(scope="module")
def results_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("show-results") / "graph.json"
    build(ABSTRACTS).save(path)
    return path


def _show(capsys: pytest.CaptureFixture, *args: str) -> str:
    assert cli.main(["show", *args]) == 0
    return capsys.readouterr().out


def test_a_dataset_shows_its_leaderboard_best_first(
    results_file: Path, capsys: pytest.CaptureFixture
) -> None:
    out = _show(capsys, str(results_file), "imagenet")
    board = out[out.index("leaderboard") :]
    assert board.index("10.1%") < board.index("12.5%")  # error rate: lower first
    assert board.index("86.1%") < board.index("84.3%")  # accuracy: higher first
    assert "  1. top-1 accuracy  86.1%  QuuxNet  on ImageNet" in board
    assert "QuuxNet achieves [86.1%] top-1 accuracy on ImageNet." in board
    assert "p1  QuuxNet" in board
    assert "[2.5x]" not in board  # relative results are no leaderboard rows


def test_a_method_shows_the_results_it_reports(
    results_file: Path, capsys: pytest.CaptureFixture
) -> None:
    out = _show(capsys, str(results_file), "ZorbNet")
    results = out[out.index("\nresults:") :]
    assert "absolute top-1 accuracy  84.3%  ZorbNet  on ImageNet" in results
    assert "relative speed  2.5x  ZorbNet  on ImageNet  vs ResNet-50" in results
    assert "[2.5x] faster than ResNet-50" in results
    assert "86.1%" not in results
    assert "results:" not in _show(capsys, str(results_file), "ResNet-50")


def test_show_json_includes_the_results(results_file: Path, capsys: pytest.CaptureFixture) -> None:
    shown = json.loads(_show(capsys, str(results_file), "top-1 accuracy", "--json"))
    assert [(r["value"], r["paper"]) for r in shown["results"]] == [(86.1, "p1"), (84.3, "p0")]
    assert shown["results"][0]["sentence"] == "QuuxNet achieves 86.1% top-1 accuracy on ImageNet."
    assert shown["results"][0]["dataset_id"] == "dataset/imagenet"
    limited = json.loads(_show(capsys, str(results_file), "imagenet", "--json", "--limit", "1"))
    assert len(limited["results"]) == 1 and len(limited["papers"]) == 1


def test_a_paper_lists_its_results(results_file: Path, capsys: pytest.CaptureFixture) -> None:
    out = _show(capsys, str(results_file), "paper/p0")
    results = out[out.index("\nresults:") :]
    assert results.index("84.3%") < results.index("2.5x")
    assert "ZorbNet reaches [84.3%] top-1 accuracy" in results
    shown = json.loads(_show(capsys, str(results_file), "paper/p0", "--json"))
    assert [r["text"] for r in shown["results"]] == ["84.3%", "2.5x"]
    assert shown["results"][1]["compared_to_id"] == "method/resnet-50"


def test_extract_draws_no_bar_when_stderr_is_no_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture
) -> None:
    source = tmp_path / "papers.jsonl"
    source.write_text(json.dumps({"title": "A Paper", "abstract": "We use ResNet."}) + "\n")
    assert cli.main(["extract", str(source), "-o", str(tmp_path / "x.jsonl")]) == 0
    err = capfd.readouterr().err
    assert "extracted 1 papers" in err and "%|" not in err
