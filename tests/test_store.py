"""Oxigraph stores and SPARQL: persistent round trips, reloads that replace rather than
duplicate, SPARQL answers equal to answers computed from the graph, and the CLI."""

from __future__ import annotations

import gc
import io
import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_rdf_fixtures import hand_graph

from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import export_rdf, write_rdf
from graphkit.export.results import write_results
from graphkit.export.store import load_graph, load_rdf_file, open_store, run_query

REPO = Path(__file__).resolve().parents[1]
DATA_GRAPH = "https://w3id.org/graphkit/resource/graph/hand"

TOP_DATASETS = """
SELECT ?name (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper gk:evaluatesOn ?dataset .
  ?dataset skos:prefLabel ?name .
} GROUP BY ?name ORDER BY DESC(?papers) ?name
"""
USES_AND_EVALUATES = """
SELECT ?title WHERE {
  ?paper gk:uses/skos:prefLabel "ResNet" ;
         gk:evaluatesOn/skos:prefLabel "ImageNet" ;
         gk:title ?title .
}
"""
METHODS_WITH_CODE = """
SELECT ?name ?repo WHERE {
  ?repo gk:implements ?method .
  ?method skos:prefLabel ?name .
}
"""
METRICS_FOR_DATASET = """
SELECT ?metric (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper gk:evaluatesOn/skos:prefLabel "ImageNet" ;
         gk:measures/skos:prefLabel ?metric .
} GROUP BY ?metric
"""


def triples(store: ox.Store, graph: str | None = None) -> set[tuple]:
    target = ox.NamedNode(graph) if graph else None
    return {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, target)
    }


def expected_triples(graph) -> set[tuple]:
    out = io.BytesIO()
    export_rdf(graph, out, "nt")
    return {
        (q.subject, q.predicate, q.object) for q in ox.parse(out.getvalue(), ox.RdfFormat.N_TRIPLES)
    }


def rows(store: ox.Store, sparql: str) -> list[tuple]:
    result = run_query(store, sparql)
    return [tuple(None if t is None else _python(t) for t in solution) for solution in result]


def _python(term):
    if isinstance(term, ox.Literal):
        return int(term.value) if term.datatype.value.endswith("#integer") else term.value
    return term.value


def test_store_round_trips_across_reopening(tmp_path: Path) -> None:
    graph = hand_graph()
    store = open_store(tmp_path / "store")
    target, count = load_graph(store, graph)
    store.flush()
    assert target.value == DATA_GRAPH
    del store
    gc.collect()
    reopened = open_store(tmp_path / "store", read_only=True)
    assert triples(reopened, DATA_GRAPH) == expected_triples(graph)
    assert count == len(expected_triples(graph)) == len(reopened)


def test_reloading_replaces_instead_of_duplicating(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    graph = hand_graph()
    load_graph(store, graph)
    size = len(store)
    load_graph(store, graph)
    assert len(store) == size
    graph.remove_node("paper/3f2a9c0d1e4b")
    _, count = load_graph(store, graph)
    assert len(store) == count < size
    assert triples(store, DATA_GRAPH) == expected_triples(graph)
    assert not bool(run_query(store, 'ASK { ?p gk:title "A Study of Residual Networks" }'))


def test_datasets_live_in_their_own_named_graphs(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    one, _ = load_graph(store, hand_graph(), name="one")
    two, _ = load_graph(store, hand_graph(), name="two", base_iri="https://example.org/kg/")
    assert {g.value for g in store.named_graphs()} == {one.value, two.value}
    titles = rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p gk:title ?t }")
    assert titles == [(6,)]
    load_graph(store, hand_graph(), name="one")
    assert rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p gk:title ?t }") == [(6,)]


def test_rdf_files_reload_into_their_named_graph(tmp_path: Path) -> None:
    ttl, trig = tmp_path / "g.ttl", tmp_path / "g.trig"
    write_rdf(hand_graph(), ttl)
    write_rdf(hand_graph(), trig, "trig")
    store = open_store(tmp_path / "store")
    target = ox.NamedNode("https://example.org/graph/g")
    count = load_rdf_file(store, ttl, to_graph=target)
    assert load_rdf_file(store, ttl, to_graph=target) == count == len(store)
    load_rdf_file(store, trig)
    load_rdf_file(store, trig)
    assert len(store) == 2 * count
    assert {g.value for g in store.named_graphs()} == {target.value, DATA_GRAPH}


def test_bad_rdf_files_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    with pytest.raises(InputError, match=r"bad\.ttl"):
        load_rdf_file(open_store(), bad)
    with pytest.raises(InputError, match="unknown RDF file type"):
        load_rdf_file(open_store(), tmp_path / "x.csv")


@pytest.fixture(scope="module")
def hand_store() -> ox.Store:
    store = open_store()
    load_graph(store, hand_graph())
    return store


def _name(graph, key: str) -> str:
    return graph.nodes[key]["name"]


def _targets(graph, paper: str, relation: str) -> set[str]:
    return {t for _, t, r in graph.out_edges(paper, keys=True) if r == relation}


def test_top_datasets_match_the_graph(hand_store: ox.Store) -> None:
    graph = hand_graph()
    counts = Counter(_name(graph, t) for p, t, r in graph.edges(keys=True) if r == "evaluates_on")
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    assert rows(hand_store, TOP_DATASETS) == expected
    assert expected[0] == ("ImageNet", 3)


def test_papers_using_x_and_evaluating_on_y_match_the_graph(hand_store: ox.Store) -> None:
    graph = hand_graph()
    expected = {
        graph.nodes[p]["title"]
        for p in graph
        if graph.nodes[p]["type"] == "paper"
        and "method/resnet" in _targets(graph, p, "uses")
        and "dataset/imagenet" in _targets(graph, p, "evaluates_on")
    }
    assert {r[0] for r in rows(hand_store, USES_AND_EVALUATES)} == expected
    assert len(expected) == 2


def test_methods_with_code_match_the_graph(hand_store: ox.Store) -> None:
    graph = hand_graph()
    minter = IriMinter()
    expected = {
        (_name(graph, m), minter.entity(r, graph.nodes[r]["url"]))
        for r, m, k in graph.edges(keys=True)
        if k == "implements"
    }
    assert set(rows(hand_store, METHODS_WITH_CODE)) == expected
    assert expected == {("EfficientViT", "https://github.com/mit-han-lab/EfficientViT")}


def test_metrics_for_a_dataset_match_the_graph(hand_store: ox.Store) -> None:
    graph = hand_graph()
    counts: Counter[str] = Counter()
    for p in graph:
        if "dataset/imagenet" in _targets(graph, p, "evaluates_on"):
            counts.update(_name(graph, m) for m in _targets(graph, p, "measures"))
    assert dict(rows(hand_store, METRICS_FOR_DATASET)) == dict(counts)
    assert counts == {"top-1 accuracy": 2, "mAP": 2}


def readme_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## RDF and triple stores$(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README has no 'RDF and triple stores' section"
    return re.findall(r"```sparql\n(.*?)```", match.group(1), re.S)


def test_readme_queries_run_and_answer(hand_store: ox.Store) -> None:
    queries = readme_queries()
    assert len(queries) >= 4
    for sparql in queries:
        assert rows(hand_store, sparql), sparql


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_result_formats(hand_store: ox.Store, fmt: str) -> None:
    out = io.BytesIO()
    result = run_query(hand_store, TOP_DATASETS)
    write_results(result, out, fmt, base_iri=IriMinter().base)
    text = out.getvalue().decode("utf-8")
    if fmt == "table":
        lines = text.splitlines()
        assert lines[0].split() == ["name", "papers"]
        assert lines[2].split() == ["ImageNet", "3"]
        assert lines[-1] == "(3 rows)"
    elif fmt == "csv":
        assert text.splitlines()[:2] == ["name,papers", "ImageNet,3"]
    else:
        data = json.loads(text)
        assert data["head"]["vars"] == ["name", "papers"]
        assert data["results"]["bindings"][0]["name"]["value"] == "ImageNet"


def test_table_shortens_iris_and_flattens_newlines(hand_store: ox.Store) -> None:
    out = io.BytesIO()
    sparql = 'SELECT ?d ?x WHERE { ?d skos:prefLabel "COCO" BIND("a\\nb" AS ?x) }'
    write_results(run_query(hand_store, sparql), out, "table", base_iri=IriMinter().base)
    assert out.getvalue().decode().splitlines()[2].split() == ["dataset:coco", "a", "b"]


def test_bad_sparql_is_an_input_error_with_the_line(hand_store: ox.Store) -> None:
    with pytest.raises(InputError, match=r"<query>:2: invalid SPARQL"):
        run_query(hand_store, "SELECT ?x\nWHERE { ?x ?y }")


def test_cli_load_twice_then_query_the_store(tmp_path: Path, capfd) -> None:
    ttl = tmp_path / "hand.ttl"
    write_rdf(hand_graph(), ttl)
    store = str(tmp_path / "store")
    assert main(["load", str(ttl), "--store", store]) == 0
    assert main(["load", str(ttl), "--store", store]) == 0
    out = capfd.readouterr().out.splitlines()
    assert out[0] == out[1]
    assert re.match(r"loaded \d+ triples into <.*/graph/hand>", out[0])
    assert main(["query", "--store", store, TOP_DATASETS, "--format", "csv"]) == 0
    assert capfd.readouterr().out.splitlines()[:2] == ["name,papers", "ImageNet,3"]
    assert main(["query", "--store", store, "SELECT (COUNT(*) AS ?n) {?s ?p ?o}"]) == 0
    count = int(capfd.readouterr().out.splitlines()[2])
    assert count == len(expected_triples(hand_graph()))


@pytest.mark.parametrize("suffix", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_cli_query_an_rdf_file(tmp_path: Path, capfd, suffix: str) -> None:
    path = tmp_path / f"hand.{suffix}"
    write_rdf(hand_graph(), path, suffix)
    assert main(["query", str(path), METRICS_FOR_DATASET, "--format", "json"]) == 0
    data = json.loads(capfd.readouterr().out)
    found = {b["metric"]["value"]: int(b["papers"]["value"]) for b in data["results"]["bindings"]}
    assert found == {"top-1 accuracy": 2, "mAP": 2}


def test_cli_query_from_a_file(tmp_path: Path, capfd) -> None:
    ttl, rq = tmp_path / "hand.ttl", tmp_path / "q.rq"
    write_rdf(hand_graph(), ttl)
    rq.write_text("ASK { ?p gk:uses ?m }")
    assert main(["query", str(ttl), "-f", str(rq)]) == 0
    assert capfd.readouterr().out == "true\n"


def test_cli_errors(tmp_path: Path, capfd) -> None:
    ttl = tmp_path / "hand.ttl"
    write_rdf(hand_graph(), ttl)
    assert main(["query", str(ttl), "SELEC ?x WHERE {}"]) == 1
    assert "invalid SPARQL" in capfd.readouterr().err
    assert main(["query", str(tmp_path / "missing.ttl"), "ASK {}"]) == 1
    assert "missing.ttl: no such file" in capfd.readouterr().err
    assert main(["query", "--store", str(tmp_path / "nostore"), "ASK {}"]) == 1
    assert "no such store directory" in capfd.readouterr().err
    assert main(["query", "ASK {}"]) == 2
    assert "expected GRAPH SPARQL" in capfd.readouterr().err
    assert main(["load", str(ttl), "--store", str(tmp_path / "s"), "--base-iri", "x y"]) == 2
    assert "base IRI" in capfd.readouterr().err
