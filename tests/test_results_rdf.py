"""Results in RDF: ML-Schema model evaluations with decimal values, controlled units and
evidence, valid under the shapes, and the README's SPARQL leaderboard in Oxigraph."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from test_results_graph import ABSTRACTS, build

from graphkit.export.namespaces import GK
from graphkit.export.rdf import export_rdf, iter_ntriples
from graphkit.export.results_rdf import decimal, unit_terms
from graphkit.export.store import load_graph, open_store, run_query
from graphkit.extract.results.words import units
from graphkit.graph import KnowledgeGraph

REPO = Path(__file__).resolve().parents[1]
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
MLS = rdflib.Namespace("http://www.w3.org/ns/mls#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
G = rdflib.Namespace(GK)

PAPERS = [*ABSTRACTS, ("Plain", "We study how people write abstracts.")]
"""The papers of the graph tests, and one without results."""


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return build(PAPERS)


@pytest.fixture(scope="module")
def data(kg: KnowledgeGraph) -> rdflib.Graph:
    out = io.BytesIO()
    export_rdf(kg.graph, out, "nt")
    return rdflib.Graph().parse(data=out.getvalue(), format="nt")


def test_results_are_model_evaluations_with_decimal_values(data: rdflib.Graph) -> None:
    results = set(data.subjects(RDF.type, G.Result))
    assert len(results) == 5
    values = sorted(data.value(r, MLS.hasValue).toPython() for r in results)
    assert [str(v) for v in values] == ["2.5", "10.1", "12.5", "84.3", "86.1"]
    assert {data.value(r, MLS.hasValue).datatype for r in results} == {rdflib.XSD.decimal}
    top = next(r for r in results if str(data.value(r, MLS.hasValue)) == "86.1")
    assert data.value(top, G.unit) == G.Percent
    assert data.value(top, G.resultKind).toPython() == "absolute"
    assert str(data.value(data.value(top, MLS.specifiedBy), SKOS.prefLabel)) == "top-1 accuracy"
    assert str(data.value(data.value(top, G.onDataset), SKOS.prefLabel)) == "ImageNet"
    assert str(data.value(data.value(top, G.ofMethod), SKOS.prefLabel)) == "QuuxNet"


def test_each_result_has_evidence_of_its_paper(data: rdflib.Graph) -> None:
    for result in data.subjects(RDF.type, G.Result):
        paper = data.value(None, G.reportsResult, result)
        evidence = data.value(None, RDF.object, result)
        assert data.value(evidence, RDF.subject) == paper
        assert data.value(evidence, RDF.predicate) == G.reportsResult
        text = str(data.value(evidence, G.mentionText))
        sentence = str(data.value(evidence, G.sentence))
        assert text in sentence and re.match(r"^[\d.]+(%|x)$", text)


def test_relative_result_names_the_compared_method(data: rdflib.Graph) -> None:
    (faster,) = [r for r in data.subjects(G.resultKind, rdflib.Literal("relative"))]
    assert data.value(faster, G.unit) == G.Times
    assert str(data.value(data.value(faster, G.comparedTo), SKOS.prefLabel)) == "ResNet-50"


def test_export_conforms_to_the_shapes(data: rdflib.Graph) -> None:
    shapes = rdflib.Graph().parse(REPO / "ontology" / "shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, meta_shacl=True)
    assert conforms, report


def test_a_paper_without_results_exports_as_before(kg: KnowledgeGraph) -> None:
    lines = list(iter_ntriples(kg.graph))
    plain = "<https://w3id.org/graphkit/resource/paper/p4>"
    assert not any(line.startswith(plain) and "reportsResult" in line for line in lines)
    assert sum(G.reportsResult in line for line in lines) == 10


def test_result_terms_are_declared_with_labels() -> None:
    ontology = rdflib.Graph().parse(REPO / "ontology" / "graphkit.ttl")
    owl = rdflib.OWL
    for term in ("Result", "Unit"):
        assert (G[term], RDF.type, owl.Class) in ontology
    assert (G.Result, rdflib.RDFS.subClassOf, MLS.ModelEvaluation) in ontology
    for term in ("reportsResult", "onDataset", "ofMethod", "forTask", "comparedTo", "unit"):
        assert (G[term], RDF.type, owl.ObjectProperty) in ontology
    for term in ("resultKind", "metricName", "unitText", "unitSymbol"):
        assert (G[term], RDF.type, owl.DatatypeProperty) in ontology
    assert (MLS.hasValue, RDF.type, owl.DatatypeProperty) in ontology
    assert (MLS.specifiedBy, RDF.type, owl.ObjectProperty) in ontology


def test_controlled_units_match_the_ontology_and_the_shapes() -> None:
    ontology = rdflib.Graph().parse(REPO / "ontology" / "graphkit.ttl")
    shapes = rdflib.Graph().parse(REPO / "ontology" / "shapes.ttl")
    for symbol, term in unit_terms().items():
        iri = rdflib.URIRef(term)
        assert (iri, RDF.type, G.Unit) in ontology, term
        assert rdflib.Literal(symbol) in set(ontology.objects(iri, G.unitSymbol)), symbol
    declared = set(ontology.subjects(RDF.type, G.Unit))
    assert declared == {rdflib.URIRef(t) for t in unit_terms().values()}
    listed = {
        item
        for node in shapes.objects(None, rdflib.SH["in"])
        for item in rdflib.collection.Collection(shapes, node)
        if isinstance(item, rdflib.URIRef) and item in declared
    }
    assert listed == declared
    recorded = {u.unit for u in units().values() if u.unit}
    assert recorded <= set(unit_terms()), sorted(recorded - set(unit_terms()))


@pytest.mark.parametrize(
    ("value", "text"),
    [(84.3, "84.3"), (2, "2.0"), (1e-7, "0.0000001"), (1.2e21, "1200000000000000000000.0")],
)
def test_decimal_lexical_forms(value: float, text: str) -> None:
    assert decimal(value) == text


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, "12"])
def test_bad_values_are_refused(value) -> None:
    with pytest.raises(ValueError):
        decimal(value)


def readme_leaderboard_query() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Results$(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README has no 'Results' section"
    (query,) = re.findall(r"```sparql\n(.*?)```", match.group(1), re.S)
    return query


def test_readme_leaderboard_query_runs_in_oxigraph(kg: KnowledgeGraph) -> None:
    store = open_store()
    load_graph(store, kg.graph)
    rows = [
        tuple(term.value if term is not None else None for term in solution)
        for solution in run_query(store, readme_leaderboard_query())
    ]
    assert [(row[0], row[2]) for row in rows] == [("86.1", "QuuxNet"), ("84.3", "ZorbNet")]
    assert rows[0][3] == "QuuxNet" and rows[0][4].startswith("QuuxNet achieves 86.1%")
    assert isinstance(store, ox.Store)
