"""The RDF of the bundled sample as ``graphkit build`` writes it: it parses the same in rdflib
and Oxigraph, conforms to the shapes, comes back from ``graph.json`` unchanged, and SPARQL
over it answers what the Python API answers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

import graphkit
from graphkit.cli import main
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import write_rdf
from graphkit.export.store import load_rdf_file, open_store, run_query
from graphkit.graph import KnowledgeGraph

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PREFIXES = """
PREFIX gk: <https://w3id.org/graphkit/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
PAPER_LINKS = "gk:proposes|gk:uses|gk:evaluatesOn|gk:measures|gk:addresses|gk:hasCode"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    assert main(["build", "-o", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def kg(built: Path) -> KnowledgeGraph:
    return graphkit.load(built / "graph.json")


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    store = open_store()
    load_rdf_file(store, built / "graph.ttl")
    return store


def select(store: ox.Store, sparql: str) -> list[tuple]:
    return [
        tuple(None if term is None else term.value for term in solution)
        for solution in run_query(store, PREFIXES + sparql)
    ]


def iri(kg: KnowledgeGraph, key: str) -> str:
    return IriMinter().entity(key, kg.graph.nodes[key].get("url"))


def test_turtle_parses_to_the_same_triples_in_rdflib_and_oxigraph(built: Path) -> None:
    data = (built / "graph.ttl").read_bytes()
    in_rdflib = {
        tuple(term.n3() for term in triple)
        for triple in rdflib.Graph().parse(data=data, format="turtle")
    }
    in_oxigraph = {
        (str(t.subject), str(t.predicate), str(t.object))
        for t in ox.parse(data, ox.RdfFormat.TURTLE)
    }
    assert len(in_rdflib) == len(in_oxigraph) > 10_000
    as_nt = rdflib.Graph().parse(
        data="\n".join(" ".join(t) + " ." for t in sorted(in_oxigraph)), format="nt"
    )
    assert {tuple(term.n3() for term in triple) for triple in as_nt} == in_rdflib


def test_the_sample_conforms_to_the_shapes(built: Path) -> None:
    data = rdflib.Graph().parse(built / "graph.ttl")
    shapes = rdflib.Graph().parse(REPO / "ontology" / "shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report


def test_graph_json_gives_back_the_same_rdf(
    built: Path, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    write_rdf(kg.graph, tmp_path / "again.ttl")
    assert (tmp_path / "again.ttl").read_bytes() == (built / "graph.ttl").read_bytes()


def test_every_paper_is_in_the_rdf(store: ox.Store, kg: KnowledgeGraph) -> None:
    (count,) = select(store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a gk:Paper }")
    assert int(count[0]) == kg.stats()["papers"] == 243


@pytest.mark.parametrize("kind", ["method", "dataset", "metric", "task"])
def test_paper_counts_match_the_python_api(store: ox.Store, kg: KnowledgeGraph, kind: str) -> None:
    cls = kind.capitalize()
    answer = select(
        store,
        f"SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a gk:Paper ; {PAPER_LINKS} ?e . "
        f"?e a gk:{cls} }} GROUP BY ?e",
    )
    expected = {iri(kg, e["id"]): e["paper_count"] for e in kg.entities(kind)}
    assert {e: int(n) for e, n in answer} == expected
    top = kg.top(kind, 5)
    assert [e["paper_count"] for e in top] == sorted(expected.values(), reverse=True)[:5]


def test_papers_using_a_method_on_a_dataset_match_the_python_api(
    store: ox.Store, kg: KnowledgeGraph
) -> None:
    table = kg.cooccurrence("method", "dataset")
    pairs = sorted(
        ((n, m, d) for m, row in table.items() for d, n in row.items()),
        key=lambda t: (-t[0], t[1:]),
    )
    assert pairs, "the sample names no method together with a dataset"
    for _, method, dataset in pairs[:5]:
        answer = select(
            store,
            f"SELECT DISTINCT ?t WHERE {{ ?p gk:uses|gk:proposes <{iri(kg, method)}> ; "
            f"gk:evaluatesOn|gk:proposes <{iri(kg, dataset)}> ; gk:title ?t }}",
        )
        expected = {p["title"] for p in kg.papers(using=method, evaluated_on=dataset)}
        assert {t for (t,) in answer} == expected


def test_papers_with_code_match_the_python_api(store: ox.Store, kg: KnowledgeGraph) -> None:
    answer = select(store, "SELECT DISTINCT ?t WHERE { ?p gk:hasCode ?r ; gk:title ?t }")
    expected = {p["title"] for p in kg.papers(with_code=True)}
    assert {t for (t,) in answer} == expected
    assert len(expected) > 20


def test_methods_with_code_match_the_graph(store: ox.Store, kg: KnowledgeGraph) -> None:
    answer = select(store, "SELECT ?r ?m WHERE { ?r gk:implements ?m }")
    graph = kg.graph
    expected = {
        (iri(kg, r), iri(kg, m)) for r, m, key in graph.edges(keys=True) if key == "implements"
    }
    assert set(answer) == expected
    assert expected


def test_metrics_for_the_top_dataset_match_the_python_api(
    store: ox.Store, kg: KnowledgeGraph
) -> None:
    dataset = kg.top("dataset", 1)[0]["id"]
    answer = select(
        store,
        f"SELECT ?m (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p {PAPER_LINKS} <{iri(kg, dataset)}> ; "
        f"{PAPER_LINKS} ?m . ?m a gk:Metric }} GROUP BY ?m",
    )
    expected = Counter(
        {iri(kg, m): n for m, n in kg.cooccurrence("dataset", "metric").get(dataset, {}).items()}
    )
    assert Counter({m: int(n) for m, n in answer}) == expected
