"""``graphkit build --store``: the store is written whole or not at all, kept up to date by
``--update``; ``stats``, ``show``, ``leaderboard`` and ``query`` read a store directory as
they read ``graph.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graphkit
from graphkit.cli import main
from graphkit.errors import OutputError
from graphkit.export import store as store_module
from graphkit.graph.store_queries import StoreGraph
from graphkit.run.pipeline import run_build

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    assert main(["build", "-o", str(out), "--store", str(out / "store"), "-q"]) == 0
    return out


def _out(args: list[str], capsys: pytest.CaptureFixture) -> str:
    capsys.readouterr()
    assert main(args) == 0
    return capsys.readouterr().out


def _sections(text: str) -> tuple[str, list[str]]:
    """``show`` output split into the part before its results and the results' evidence lines
    (the store names a result's roles by their entities, so only those lines are compared)."""
    for heading in ("\nresults:\n", "\nleaderboard (best first per metric):\n"):
        head, found, rest = text.partition(heading)
        if found:
            return head, [line for line in rest.splitlines() if line.startswith("     ")]
    return text, []


def _shown(text: str) -> object:
    """``show`` output as compared between a graph file and a store."""
    if text.startswith("{"):
        data = json.loads(text)
        results = data.pop("results", [])
        keys = ("paper", "field", "start", "end", "value", "kind", "sentence")
        return data, [tuple(row[k] for k in keys) for row in results]
    return _sections(text)


def test_stats_show_and_query_read_a_store_as_the_graph(
    build: Path, capsys: pytest.CaptureFixture
) -> None:
    graph, store = str(build / "graph.json"), str(build / "store")
    assert _out(["stats", store], capsys) == _out(["stats", graph], capsys)
    top = graphkit.load(graph).top("method", 3)
    for entity in top:
        for extra in ([], ["--json"], ["--limit", "1"]):
            args = ["show", "X", entity["name"], *extra]
            assert _shown(_out([*args[:1], store, *args[2:]], capsys)) == _shown(
                _out([*args[:1], graph, *args[2:]], capsys)
            )
    kg = graphkit.load(graph)
    paper = kg.papers(mentioning=top[0]["id"])[0]["key"]
    shown = _out(["show", store, paper], capsys)
    assert _shown(shown) == _shown(_out(["show", graph, paper], capsys))
    assert top[0]["name"] in shown
    with_results = next(r["paper"] for r in kg.results())
    shown = _out(["show", store, f"paper/{with_results}"], capsys)
    assert "\nresults:\n" in shown
    assert _shown(shown) == _shown(_out(["show", graph, f"paper/{with_results}"], capsys))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p a gk:Paper }"
    answer = json.loads(_out(["query", store, count, "--format", "json"], capsys))
    papers = graphkit.load(graph).stats()["papers"]
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == papers


def test_leaderboard_reads_a_store(build: Path, capsys: pytest.CaptureFixture) -> None:
    graph, store = str(build / "graph.json"), str(build / "store")
    kg = graphkit.load(graph)
    dataset = max(kg.entities("dataset"), key=lambda e: len(kg.results(dataset=e["id"])))
    rows = json.loads(_out(["leaderboard", store, "--dataset", dataset["id"], "--json"], capsys))
    assert rows == StoreGraph(build / "store").leaderboard(dataset=dataset["id"])
    expected = kg.leaderboard(dataset=dataset["id"])
    assert rows and len(rows) == len(expected)
    key = ("paper", "field", "start", "value", "metric_id", "method_id")
    assert sorted(tuple(map(str, (r[k] for k in key))) for r in rows) == sorted(
        tuple(map(str, (r[k] for k in key))) for r in expected
    )


def test_update_reloads_the_store(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "out" / "store"
    graphkit.build([FIXTURES / "plain.jsonl"], output_dir=out, store=store)
    before = StoreGraph(store).stats()["papers"]
    graphkit.build([FIXTURES / "papers.csv"], output_dir=out, store=store, update=True)
    kg = graphkit.load(out / "graph.json")
    after = StoreGraph(store)
    assert after.stats() == kg.stats()
    assert after.papers() == kg.papers()
    assert after.stats()["papers"] > before


@pytest.mark.parametrize("stream", [False, True], ids=["in memory", "streamed"])
def test_an_interrupted_store_leaves_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: bool
) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    graphkit.build([FIXTURES / "plain.jsonl"], output_dir=out, store=store)
    expected = StoreGraph(store).papers()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module, "_order_quads", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_build([FIXTURES / "papers.csv"], output_dir=out, store=store, stream=stream)
    assert StoreGraph(store).papers() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "store"]


def test_a_folder_that_is_not_a_store_is_never_replaced(tmp_path: Path) -> None:
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "todo.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError, match="not an Oxigraph store"):
        graphkit.build([FIXTURES / "plain.jsonl"], output_dir=tmp_path / "out", store=keep)
    assert (keep / "todo.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "out").exists()


def test_commands_that_need_the_graph_say_a_store_is_not_one(
    build: Path, capsys: pytest.CaptureFixture
) -> None:
    capsys.readouterr()
    assert main(["top", str(build / "store")]) == 1
    assert "an Oxigraph store: this command reads a graph.json" in capsys.readouterr().err
