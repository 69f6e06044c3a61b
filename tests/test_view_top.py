"""``graphkit view --top N`` reports what the page draws, not the whole graph's size."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphkit
from graphkit import cli

PAPERS = (
    Path(__file__).resolve().parents[1]
    / "graphkit"
    / "data"
    / "sample"
    / "000_11f171b19cd07a14.txt"
)


def test_view_top_reports_the_drawn_part(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    graphkit.build([PAPERS], output_dir=tmp_path)
    graph = graphkit.load(tmp_path / "graph.json").graph
    page = str(tmp_path / "top.html")
    assert cli.main(["view", str(tmp_path / "graph.json"), "--top", "1", "-o", page]) == 0
    err = capsys.readouterr().err
    assert f"0 of {graph.number_of_nodes():,} nodes drawn: the top 0 of" in err
    assert "(1 more listed, linked to no drawn entity)" in err
    assert cli.main(["view", str(tmp_path / "graph.json"), "--top", "20", "-o", page]) == 0
    err = capsys.readouterr().err
    drawn = int(err.split("(")[1].split(" of ")[0])
    assert 0 < drawn < graph.number_of_nodes()
