"""``graphkit show`` shows papers too, never prints terminal control characters, and
``extract`` draws no progress bar when stderr is not a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_extract_draws_no_bar_when_stderr_is_no_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture
) -> None:
    source = tmp_path / "papers.jsonl"
    source.write_text(json.dumps({"title": "A Paper", "abstract": "We use ResNet."}) + "\n")
    assert cli.main(["extract", str(source), "-o", str(tmp_path / "x.jsonl")]) == 0
    err = capfd.readouterr().err
    assert "extracted 1 papers" in err and "%|" not in err
