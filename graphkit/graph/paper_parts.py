"""One paper of a streamed build, merged alone and rendered: its text in each part file and
what the entity aggregates need of it.

A paper's node, its edges with their evidence and its results, in ``graph.json`` and in
the triples of ``graph.ttl``, depend on that paper's extraction alone (a repository's IRI
aside: it is written as a placeholder, see :data:`REPO_TERM`). :class:`PaperRenderer` turns
one :class:`~graphkit.models.Extraction` into :class:`PaperParts`, a small picklable record,
so that the extraction workers can render their papers and the process that writes the
parts (:class:`~graphkit.graph.stream.GraphStream`) only appends text and counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import networkx as nx

from graphkit.export import namespaces as ns
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import TurtleTerms, node_iri, paper_runs
from graphkit.export.turtle import TurtleWriter
from graphkit.graph.derive import canonicalize
from graphkit.graph.io import edge_json, node_json
from graphkit.graph.merge import merge_extraction
from graphkit.graph.schema import PAPER, PAPER_RELATIONS, RESULT
from graphkit.models import Extraction

PARTS = (
    "papers.json",
    "results.json",
    "paper_edges.json",
    "result_edges.json",
    "papers.ttl",
    "papers.iri",
)
"""The per-paper part files, each appended to as papers come."""

REPO_TERM = re.compile(b"<\x00([^\x00]*)\x00>")
"""A repository's IRI in the papers' Turtle part, written as its key between NUL characters
(which no line of graphkit's RDF holds) until its smallest URL is known: the pattern that
finds it in the part's bytes (see :func:`repo_term`)."""


KNOWN_IRIS = 1 << 17
"""Entities whose IRI a renderer keeps: the papers of a worker name the same ones again."""


def repo_term(key: str) -> str:
    """The placeholder of the IRI of the repository ``key`` (see :data:`REPO_TERM`)."""
    return f"<\x00{key}\x00>"


class EntityUse(NamedTuple):
    """One entity as one paper names it: its node's attributes, its surface forms (sorted),
    the paper's edges to it, and the name each of those that are paper relations gives it
    (None for one without)."""

    key: str
    type: str
    name: str
    vocab_id: str | None
    url: str | None
    forms: tuple[str, ...]
    edges: int
    names: tuple[str | None, ...]


class PaperParts(NamedTuple):
    """One paper rendered: its text for each of :data:`PARTS`, and its facts for the
    aggregates. ``base`` is the base IRI its IRIs were minted under."""

    base: str
    key: str
    id: Any
    date: Any
    texts: tuple[str, ...]
    sections: tuple[int, int, int]
    entities: tuple[EntityUse, ...]
    pairs: tuple[tuple[str, str, str, str], ...]
    relations: tuple[str, ...]
    results: tuple[str, ...]
    evidence: int
    linked: bool


class PaperRenderer:
    """Renders extractions into :class:`PaperParts` under one base IRI.

    It pickles as its base IRI alone (its caches are rebuilt), and renderers of one base
    compare equal, so that a worker keeps the one it has (see
    :func:`graphkit.run.parallel.iter_rendered_with_lines`)."""

    def __init__(self, base_iri: str | None = None) -> None:
        self.minter = IriMinter(base_iri)
        self.turtle = TurtleWriter(ns.data_prefixes(self.minter.base))
        self.terms = TurtleTerms(self.turtle)
        self._iris: dict[tuple[str, Any], str] = {}

    def __getstate__(self) -> str:
        return self.minter.base

    def __setstate__(self, base: str) -> None:
        self.__init__(base)  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PaperRenderer) and other.minter.base == self.minter.base

    def __hash__(self) -> int:
        return hash(self.minter.base)

    def __call__(self, extraction: Extraction) -> PaperParts:
        """Merge ``extraction`` alone, exactly as :class:`~graphkit.graph.KnowledgeGraph`
        merges it, and render it."""
        paper = nx.MultiDiGraph()
        forms: dict[str, set[str]] = {}
        merge_extraction(paper, extraction, forms)
        canonicalize(paper)
        nodes = paper._node
        key, attrs = next(iter(nodes.items()))
        papers_json = node_json(key, attrs)
        results_json: list[str] = []
        result_kinds: list[str] = []
        entities: list[EntityUse] = []
        for node, data in nodes.items():
            kind = data.get("type")
            if kind == RESULT:
                results_json.append(",\n" + node_json(node, data))
                result_kinds.append(str(data.get("kind")))
            elif kind != PAPER:
                edges = paper._pred[node][key]
                names = tuple(
                    edge.get("name") or None
                    for relation, edge in edges.items()
                    if relation in PAPER_RELATIONS
                )
                entities.append(
                    EntityUse(
                        node,
                        data["type"],
                        data["name"],
                        data.get("vocab_id"),
                        data.get("url"),
                        tuple(sorted(forms.get(node, ()))),
                        len(edges),
                        names,
                    )
                )
        edges_json: list[str] = []
        result_edges_json: list[str] = []
        pairs: list[tuple[str, str, str, str]] = []
        relations: list[str] = []
        evidence = 0
        linked = False
        for source, target, relation, data in _edges(paper):
            kind = nodes[source].get("type")
            if kind not in (PAPER, RESULT):
                pairs.extend((source, relation, target, pid) for pid in data["papers"])
                continue
            relations.append(relation)
            if kind == PAPER:
                edges_json.append(",\n" + edge_json(source, target, relation, data))
                if relation in PAPER_RELATIONS:
                    linked = True
                    evidence += len(data.get("evidence") or ())
            else:
                result_edges_json.append(",\n" + edge_json(source, target, relation, data))
        minter, known = self.minter, self._iris

        def iri_of(node: str) -> str:
            data = nodes[node]
            kind = data.get("type")
            if kind == "repo":
                return repo_term(node)
            found = known.get((node, kind))
            if found is None:
                found = node_iri(minter, node, data)
                if kind != PAPER:
                    if len(known) >= KNOWN_IRIS:
                        known.clear()
                    known[node, kind] = found
            return found

        subject = iri_of(key)
        runs = paper_runs(paper, key, attrs, subject, iri_of, minter, None, self.terms)
        texts = (
            ",\n" + papers_json,
            "".join(results_json),
            "".join(edges_json),
            "".join(result_edges_json),
            "".join(self.turtle.runs(runs)),
            subject[1:-1] + "\n",
        )
        return PaperParts(
            minter.base,
            key,
            attrs.get("id"),
            attrs.get("date"),
            texts,
            (len(results_json), len(edges_json), len(result_edges_json)),
            tuple(entities),
            tuple(pairs),
            tuple(relations),
            tuple(result_kinds),
            evidence,
            linked,
        )


def _edges(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``graph.edges(keys=True, data=True)``, in its order, without the views of NetworkX."""
    for source, targets in graph._succ.items():
        for target, keyed in targets.items():
            for relation, data in keyed.items():
                yield source, target, relation, data
