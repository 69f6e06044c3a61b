"""One build in two formats loads into one named graph; papers shared with another named
graph are warned about, since queries over the whole store would count them twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graphkit
from graphkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
COUNT_PAPERS = "SELECT (COUNT(*) AS ?n) WHERE { ?p a gk:Paper }"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    graphkit.build([FIXTURES / "plain.jsonl"], output_dir=out)
    return out


def _papers(store: Path, capsys: pytest.CaptureFixture) -> int:
    capsys.readouterr()
    assert main(["query", "--store", str(store), COUNT_PAPERS, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_json_then_turtle_of_one_build_is_counted_once(
    build_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    store = tmp_path / "store"
    papers = graphkit.load(build_dir / "graph.json").stats()["papers"]
    assert main(["load", str(build_dir / "graph.json"), "--store", str(store)]) == 0
    assert main(["load", str(build_dir / "graph.ttl"), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "replaced that graph" in out and "graph/graphkit>" in out
    assert _papers(store, capsys) == papers


def test_same_papers_under_a_given_name_are_warned_about(
    build_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = tmp_path / "store"
    assert main(["load", str(build_dir / "graph.json"), "--store", str(store)]) == 0
    ttl = build_dir / "graph.ttl"
    assert main(["load", str(ttl), "--store", str(store), "--name", "copy"]) == 0
    assert f"papers of {ttl} are also in <" in caplog.text and "count them twice" in caplog.text
