"""The ontology and the shapes: every term graphkit writes is declared, labelled,
commented and aligned with the vocabularies it extends; every class has a shape."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib
from test_rdf_fixtures import hand_graph, hostile_graph

from graphkit.export.namespaces import (
    CLASS_OF_TYPE,
    GK,
    ONTOLOGY_IRI,
    PREFIXES,
    PROPERTY_OF_RELATION,
)
from graphkit.export.rdf import export_rdf, iter_ntriples

REPO = Path(__file__).resolve().parents[1]
OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = rdflib.Namespace("http://www.w3.org/2000/01/rdf-schema#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
NS = {name: rdflib.Namespace(iri) for name, iri in PREFIXES.items()}
G = NS["gk"]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(REPO / "ontology" / "graphkit.ttl")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(REPO / "ontology" / "shapes.ttl")


def exported_terms() -> set[rdflib.URIRef]:
    """Every gk: class and property that exports of the test graphs use."""
    data = rdflib.Graph()
    for graph in (hand_graph(), hostile_graph()):
        out = io.BytesIO()
        export_rdf(graph, out, "nt")
        data.parse(data=out.getvalue(), format="nt")
    data.parse(data="".join(iter_ntriples(hand_graph(), run_metadata=True)), format="nt")
    terms = set(data.predicates()) | set(data.objects(None, RDF.type))
    return {t for t in terms if str(t).startswith(GK)}


def test_ontology_header(ontology: rdflib.Graph) -> None:
    onto = rdflib.URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert str(ontology.value(onto, OWL.versionIRI)).startswith(ONTOLOGY_IRI + "/")
    assert ontology.value(onto, RDFS.label) and ontology.value(onto, RDFS.comment)
    assert str(ontology.value(onto, NS["dcterms"].license)).startswith("https://")
    assert GK == ONTOLOGY_IRI + "#"
    assert GK.startswith("https://w3id.org/")


def test_every_exported_term_is_declared(ontology: rdflib.Graph) -> None:
    declared = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
    }
    used = exported_terms()
    assert len(used) > 30
    assert used <= declared, sorted(used - declared)


def test_every_term_has_a_label_and_a_comment(ontology: rdflib.Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, rdflib.URIRef) and s.startswith(GK)}
    assert len(terms) >= 38
    for term in terms:
        assert ontology.value(term, RDFS.label), term
        assert ontology.value(term, RDFS.comment), term
        assert ontology.value(term, RDFS.isDefinedBy) == rdflib.URIRef(ONTOLOGY_IRI), term


def test_graph_model_types_and_relations_have_terms(ontology: rdflib.Graph) -> None:
    for node in CLASS_OF_TYPE.values():
        assert (rdflib.URIRef(node.value), RDF.type, OWL.Class) in ontology
    for node in PROPERTY_OF_RELATION.values():
        assert (rdflib.URIRef(node.value), RDF.type, OWL.ObjectProperty) in ontology
    for name in ("Paper", "Method", "Dataset", "Metric", "Task", "Repository", "Evidence"):
        assert (G[name], RDF.type, OWL.Class) in ontology


ALIGNMENTS = [
    ("Paper", RDFS.subClassOf, "schema", "ScholarlyArticle"),
    ("Method", RDFS.subClassOf, "mls", "Algorithm"),
    ("Dataset", RDFS.subClassOf, "mls", "Dataset"),
    ("Dataset", RDFS.subClassOf, "schema", "Dataset"),
    ("Metric", RDFS.subClassOf, "mls", "EvaluationMeasure"),
    ("Task", RDFS.subClassOf, "mls", "Task"),
    ("Repository", RDFS.subClassOf, "mls", "Implementation"),
    ("Repository", RDFS.subClassOf, "schema", "SoftwareSourceCode"),
    ("Evidence", RDFS.subClassOf, "prov", "Entity"),
    ("Evidence", RDFS.subClassOf, "rdf", "Statement"),
    ("ExtractionRun", RDFS.subClassOf, "prov", "Activity"),
    ("title", RDFS.subPropertyOf, "dcterms", "title"),
    ("abstract", RDFS.subPropertyOf, "dcterms", "abstract"),
    ("issued", RDFS.subPropertyOf, "dcterms", "issued"),
    ("identifier", RDFS.subPropertyOf, "dcterms", "identifier"),
    ("arxivId", RDFS.subPropertyOf, "fabio", "hasArXivId"),
    ("hasCode", RDFS.subPropertyOf, "schema", "codeRepository"),
    ("implements", RDFS.subPropertyOf, "mls", "implements"),
    ("arxivPage", RDFS.subPropertyOf, "schema", "url"),
]


@pytest.mark.parametrize(("term", "axiom", "prefix", "target"), ALIGNMENTS)
def test_alignment_axioms(ontology: rdflib.Graph, term, axiom, prefix, target) -> None:
    assert (G[term], axiom, NS[prefix][target]) in ontology


def test_reused_terms_are_declared(ontology: rdflib.Graph) -> None:
    for prefix, name in (("skos", "prefLabel"), ("skos", "altLabel"), ("skos", "exactMatch")):
        assert ontology.value(NS[prefix][name], RDF.type) is not None
    for name in ("wasDerivedFrom", "wasGeneratedBy"):
        assert (NS["prov"][name], RDF.type, OWL.ObjectProperty) in ontology


def test_every_class_has_a_shape(ontology: rdflib.Graph, shapes: rdflib.Graph) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, rdflib.URIRef)}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes <= targeted, sorted(classes - targeted)


def test_every_relation_is_checked_at_both_ends(shapes: rdflib.Graph) -> None:
    subjects = set(shapes.objects(None, SH.targetSubjectsOf))
    objects = set(shapes.objects(None, SH.targetObjectsOf))
    for node in PROPERTY_OF_RELATION.values():
        term = rdflib.URIRef(node.value)
        assert term in subjects and term in objects, term
