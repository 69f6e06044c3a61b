"""RDF namespaces graphkit writes, and terms of its own ontology (``ontology/graphkit.ttl``)."""

from __future__ import annotations

from pyoxigraph import NamedNode

from graphkit.types import SCORED

GK = "https://w3id.org/graphkit/ontology#"
"""The graphkit ontology namespace (a w3id.org permanent identifier)."""

ONTOLOGY_IRI = "https://w3id.org/graphkit/ontology"
"""The IRI of the ontology document itself."""

DEFAULT_BASE_IRI = "https://w3id.org/graphkit/resource/"
"""Where instance data (papers, entities, evidence) is minted unless ``base_iri`` says otherwise."""

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"

PREFIXES: dict[str, str] = {
    "gk": GK,
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "mls": "http://www.w3.org/ns/mls#",
    "fabio": "http://purl.org/spar/fabio/",
}
"""Prefixes of the vocabularies graphkit's ontology, shapes and queries refer to."""

DATA_PREFIXES: tuple[str, ...] = ("gk", "rdf", "xsd", "skos", "prov", "dcterms", "schema")
"""The vocabulary prefixes that exported data uses."""

INSTANCE_PREFIXES: tuple[str, ...] = (
    "paper",
    *(t.name for t in SCORED),
    "evidence",
    "graph",
)
"""Kinds of instance IRIs, each minted under ``<base><kind>/`` and given that prefix."""


def data_prefixes(base_iri: str) -> dict[str, str]:
    """Prefixes for Turtle/TriG output: the vocabularies, ``kg:`` for the base, one per kind."""
    prefixes = {name: PREFIXES[name] for name in DATA_PREFIXES}
    prefixes["kg"] = base_iri
    prefixes.update((kind, f"{base_iri}{kind}/") for kind in INSTANCE_PREFIXES)
    return prefixes


def gk(name: str) -> NamedNode:
    """Return the graphkit ontology term ``gk:name``."""
    return NamedNode(GK + name)


RDF_TYPE = NamedNode(RDF + "type")
RDF_SUBJECT = NamedNode(RDF + "subject")
RDF_PREDICATE = NamedNode(RDF + "predicate")
RDF_OBJECT = NamedNode(RDF + "object")
RDF_STATEMENT = NamedNode(RDF + "Statement")
SKOS_PREF_LABEL = NamedNode(SKOS + "prefLabel")
SKOS_ALT_LABEL = NamedNode(SKOS + "altLabel")
SKOS_EXACT_MATCH = NamedNode(SKOS + "exactMatch")
PROV_WAS_DERIVED_FROM = NamedNode(PROV + "wasDerivedFrom")
PROV_WAS_GENERATED_BY = NamedNode(PROV + "wasGeneratedBy")
PROV_ENDED_AT_TIME = NamedNode(PROV + "endedAtTime")

CLASS_OF_TYPE: dict[str, NamedNode] = {
    "paper": gk("Paper"),
    **{t.name: gk(t.rdf_class) for t in SCORED if t.rdf_class},
}
"""The ontology class of each node ``type`` of the graph model."""

PROPERTY_OF_RELATION: dict[str, NamedNode] = {
    "proposes": gk("proposes"),
    **{t.relation: gk(t.property) for t in SCORED if t.relation and t.property},
    "co_occurs": gk("coOccursWith"),
    "implements": gk("implements"),
}
"""The ontology property of each edge ``relation`` of the graph model."""
