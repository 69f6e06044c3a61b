"""The queries of :class:`~graphkit.graph.KnowledgeGraph`, answered with SPARQL from an Oxigraph
store of the graph's RDF (``graphkit build --store``, or ``graphkit load``).

:class:`StoreGraph` takes the same arguments and gives the same answers as the
``KnowledgeGraph`` of the same build, without holding the graph in memory: each
query is one SPARQL query over the graphkit ontology (``ontology/graphkit.ttl``, written
by :mod:`graphkit.export.rdf`), and only its
answer is held. Where RDF keeps less than the graph, the answer differs as
docs/performance.md ("Queries from a store") lists: a result's role names are those
of its entities, and a unit that shares its ``gk:Unit`` with another is read back as
the first of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache, cached_property
from typing import Any
from urllib.parse import unquote

import networkx as nx
from pyoxigraph import Literal, Store

from graphkit.export import namespaces as ns
from graphkit.export.results_rdf import ROLE_PROPERTIES, unit_terms
from graphkit.export.store import open_store
from graphkit.graph.merge import evidence_key
from graphkit.graph.resolve import EntityIndex
from graphkit.graph.results import ROLE_TYPES, add_result, text_order
from graphkit.graph.schema import (
    DERIVED_RELATIONS,
    ENTITY_TYPES,
    PAPER,
    PAPER_RELATIONS,
    RELATION_OF_ROLE,
    REPORTS_RESULT,
    RESULT_RELATIONS,
)
from graphkit.graph.source import GraphQueries, check_type
from graphkit.models import RESULT_KINDS

_CLASS = {kind: node.value for kind, node in ns.CLASS_OF_TYPE.items()}
_TYPE_OF_CLASS = {iri: kind for kind, iri in _CLASS.items() if kind != PAPER}
_PROPERTY = {
    **{rel: node.value for rel, node in ns.PROPERTY_OF_RELATION.items()},
    REPORTS_RESULT: ns.GK + "reportsResult",
    **{RELATION_OF_ROLE[role]: prop for role, prop in ROLE_PROPERTIES.items()},
}
_RELATION_OF_PROPERTY = {iri: rel for rel, iri in _PROPERTY.items()}
_LINKS = "(" + "|".join(f"<{_PROPERTY[r]}>" for r in PAPER_RELATIONS) + ")"
"""A property path: any paper -> entity relation."""
_SUMMARY = " ".join(
    f"OPTIONAL {{ ?p {prop} ?{var} }}"
    for prop, var in (
        ("gk:issued", "issued"),
        ("gk:dateText", "dateText"),
        ("gk:url", "url"),
        ("gk:inputOrder", "order"),
    )
)
"""What a paper's summary and build order are read from (the paper is ``?p``)."""
_EVIDENCE = (
    "gk:field ?field ; gk:startOffset ?start ; gk:endOffset ?end ; gk:sentence ?sentence ; "
    "gk:rule ?rule . OPTIONAL { ?ev gk:mentionText ?text }"
)
"""The properties of an evidence node ``?ev`` (after its other properties, ending them)."""
_PREFIXES = "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in ns.PREFIXES.items())


def _values(variable: str, iris: Iterable[str]) -> str:
    """A SPARQL ``VALUES`` block binding ``variable`` to each IRI (Oxigraph starts the join
    from it: for patterns that the IRIs select)."""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in iris)} }}"


def _among(variable: str, iris: Iterable[str]) -> str:
    """A filter keeping the solutions where ``variable`` is one of the IRIs (for variables
    bound by patterns that other terms select)."""
    return f"FILTER(?{variable} IN ({', '.join(f'<{iri}>' for iri in iris)}))"


def _string(text: str) -> str:
    """A SPARQL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\r", "\\r") + '"'


def _python(term: Any) -> Any:
    """The Python value of a term: an IRI's text, a number for numeric literals."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype == ns.XSD + "integer":
            return int(term.value)
        if datatype == ns.XSD + "decimal":
            return float(term.value)
        return term.value
    return term.value


@cache
def _unit_of_term() -> dict[str, str]:
    """The IRI of each ``gk:Unit`` -> the first unit of the controlled list that has it."""
    units: dict[str, str] = {}
    for unit, iri in unit_terms().items():
        units.setdefault(iri, unit)
    return units


def _unit(term: str | None, text: str | None) -> str | None:
    """The unit as recorded, from its ``gk:Unit`` term, else its ``gk:unitText``."""
    if term is None:
        return text
    return _unit_of_term().get(term, term.rpartition("#")[2])


class StoreGraph(GraphQueries):
    """The query API of :class:`~graphkit.graph.KnowledgeGraph` over an Oxigraph store.

    ``source`` is a store directory (opened read-only) or an open ``pyoxigraph.Store``.
    Papers come in the order of their build (the ``gk:inputOrder`` that ``graphkit build
    --store`` keeps), else by id.
    """

    def __init__(self, source: str | os.PathLike[str] | Store) -> None:
        self.store = source if isinstance(source, Store) else open_store(source, read_only=True)

    def __repr__(self) -> str:
        stats = self.stats()
        return (
            f"<StoreGraph {stats['name']!r}: {stats['papers']} papers, "
            f"{stats['entities']} entities, {stats['edges']} edges>"
        )

    def _rows(self, sparql: str) -> list[dict[str, Any]]:
        """The solutions of a SELECT query over the union of the store's graphs."""
        solutions = self.store.query(f"{_PREFIXES}\n{sparql}", use_default_graph_as_union=True)
        names = [variable.value for variable in solutions.variables]
        return [{name: _python(row[name]) for name in names} for row in solutions]

    # lookup

    @cached_property
    def _index(self) -> EntityIndex:
        """Names and aliases of every entity, read once (entities only, no papers or
        evidence), for resolving references as the in-memory graph does."""
        labels = nx.MultiDiGraph()
        rows = self._rows(
            f"""SELECT ?id ?class ?name ?alias WHERE {{
              {_values("class", _TYPE_OF_CLASS)}
              ?e a ?class ; gk:identifier ?id ; skos:prefLabel ?name .
              OPTIONAL {{ ?e skos:altLabel ?alias }}
            }}"""
        )
        for row in rows:
            if row["id"] not in labels:
                kind = _TYPE_OF_CLASS[row["class"]]
                labels.add_node(row["id"], type=kind, name=row["name"], aliases=[])
            if row["alias"] is not None:
                labels.nodes[row["id"]]["aliases"].append(row["alias"])
        return EntityIndex(labels)

    def resolve(self, ref: str, type: str | None = None) -> str:
        """The id of the entity named ``ref`` (id, name or alias, any case), of ``type`` if
        given; UnknownEntityError or AmbiguousEntityError as the in-memory graph raises."""
        check_type(type)
        return self._resolve(ref, (type,) if type else ())

    def _resolve(self, ref: str, types: tuple[str, ...]) -> str:
        return self._index.resolve(ref, types)

    def entity(self, ref: str, type: str | None = None) -> dict[str, Any]:
        """The attributes of the entity named ``ref``: id, type, name, aliases, paper_count,
        url and vocab_id."""
        key = self.resolve(ref, type)
        rows = self._rows(
            f"""SELECT ?e ?class ?name ?alias ?vocab ?match ?count WHERE {{
              ?e gk:identifier {_string(key)} ; a ?class ; skos:prefLabel ?name .
              {_among("class", _TYPE_OF_CLASS)}
              OPTIONAL {{ ?e skos:altLabel ?alias }}
              OPTIONAL {{ ?e gk:vocabularyId ?vocab }}
              OPTIONAL {{ ?e skos:exactMatch ?match }}
              OPTIONAL {{ ?e gk:paperCount ?count }}
            }}"""
        )
        first = rows[0]
        kind = _TYPE_OF_CLASS[first["class"]]
        return {
            "aliases": sorted({row["alias"] for row in rows if row["alias"] is not None}),
            "id": key,
            "name": first["name"],
            "paper_count": first["count"],
            "type": kind,
            "url": first["e"] if kind == "repo" else first["match"],
            "vocab_id": first["vocab"],
        }

    def _iri(self, key: str) -> str:
        """The IRI of the entity with id ``key`` (a repository's is its URL)."""
        rows = self._rows(
            f"""SELECT ?e WHERE {{
              ?e gk:identifier {_string(key)} ; a ?class . {_among("class", _TYPE_OF_CLASS)}
            }} LIMIT 1"""
        )
        return str(rows[0]["e"])

    # queries

    def _papers(
        self, conditions: list[tuple[str, frozenset[str]]], *, with_code: bool | None
    ) -> list[dict[str, Any]]:
        patterns = []
        for key, relations in conditions:
            path = "|".join(f"<{_PROPERTY[r]}>" for r in sorted(relations))
            patterns.append(f"?p {path} <{self._iri(key)}> .")
        rows = self._rows(
            f"""SELECT ?p ?id ?title ?issued ?dateText ?url ?order ?code WHERE {{
              ?p a gk:Paper ; gk:identifier ?id ; gk:title ?title .
              {" ".join(patterns)}
              {_SUMMARY}
              OPTIONAL {{ ?p gk:hasCode ?code }}
            }}"""
        )
        found: dict[str, dict[str, Any]] = {}
        for row in rows:
            paper = found.get(row["p"])
            if paper is None:
                paper = found[row["p"]] = {**self._summary(row), "code": [], "_order": row}
            if row["code"] is not None:
                paper["code"].append(row["code"])
        result = []
        for paper in sorted(found.values(), key=lambda p: _order_key(p.pop("_order"))):
            paper["code"].sort()
            if with_code is None or bool(paper["code"]) == with_code:
                result.append(paper)
        return result

    @staticmethod
    def _summary(row: dict[str, Any]) -> dict[str, Any]:
        """``{"key", "id", "title", "date", "url"}`` of a paper from its row."""
        date = row.get("issued") if row.get("issued") is not None else row.get("dateText")
        return {
            "key": f"{PAPER}/{row['id']}",
            "id": row["id"],
            "title": row["title"],
            "date": date,
            "url": row.get("url"),
        }

    def entities(self, type: str | None = None, *, min_papers: int = 1) -> list[dict[str, Any]]:
        """Entities of ``type`` (all if None) in at least ``min_papers`` papers, by id."""
        check_type(type)
        return self._entities(type, f"FILTER(COALESCE(?count, 0) >= {int(min_papers)})")

    def _entities(self, type: str | None, condition: str) -> list[dict[str, Any]]:
        classes = [_CLASS[type]] if type else list(_TYPE_OF_CLASS)
        rows = self._rows(
            f"""SELECT ?id ?class ?name ?count WHERE {{
              {_values("class", classes)}
              ?e a ?class ; gk:identifier ?id ; skos:prefLabel ?name .
              OPTIONAL {{ ?e gk:paperCount ?count }}
              {condition}
            }}"""
        )
        return sorted(map(_entity_summary, rows), key=lambda e: e["id"])

    def top(self, type: str | None = None, n: int = 10) -> list[dict[str, Any]]:
        """The ``n`` entities of ``type`` in the most papers, most first (ties by id)."""
        check_type(type)
        if n <= 0:
            return []
        classes = [_CLASS[type]] if type else list(_TYPE_OF_CLASS)
        counts = self._rows(
            f"""SELECT ?count WHERE {{
              {_values("class", classes)} ?e a ?class ; gk:paperCount ?count .
              FILTER(?count >= 1)
            }} ORDER BY DESC(?count) LIMIT {int(n)}"""
        )
        if not counts:
            return []
        rows = self._rows(
            f"""SELECT ?id ?class ?name ?count WHERE {{
              {_values("class", classes)} ?e a ?class ; gk:paperCount ?count .
              FILTER(?count >= {int(counts[-1]["count"])})
              ?e gk:identifier ?id ; skos:prefLabel ?name .
            }}"""
        )
        found = sorted(map(_entity_summary, rows), key=lambda e: (-e["paper_count"], e["id"]))
        return found[:n]

    def related(
        self, ref: str, *, type: str | None = None, n: int | None = None
    ) -> list[dict[str, Any]]:
        """Entities sharing papers with ``ref``, most shared first; ``type`` keeps one type."""
        check_type(type)
        key = self._resolve(ref, ())
        classes = [_CLASS[type]] if type else list(_TYPE_OF_CLASS)
        entity = self._iri(key)
        rows = self._rows(
            f"""SELECT DISTINCT ?id ?class ?name ?count ?pid WHERE {{
              ?p {_LINKS} <{entity}> ; {_LINKS} ?o ; gk:identifier ?pid .
              FILTER(?o != <{entity}>)
              ?o a ?class ; gk:identifier ?id ; skos:prefLabel ?name .
              {_among("class", classes)}
              OPTIONAL {{ ?o gk:paperCount ?count }}
            }}"""
        )
        shared: dict[str, dict[str, Any]] = {}
        for row in rows:
            other = shared.get(row["id"])
            if other is None:
                other = shared[row["id"]] = {**_entity_summary(row), "papers": set()}
            other["papers"].add(row["pid"])
        result = [
            {**other, "shared": len(other["papers"]), "papers": sorted(other["papers"])}
            for other in shared.values()
        ]
        result.sort(key=lambda e: (-e["shared"], e["id"]))
        return result if n is None else result[:n]

    def evidence(self, ref: str) -> list[dict[str, Any]]:
        """The papers linked to ``ref``, in build order, with the relation, proposed flag and
        evidence records."""
        e = f"<{self._iri(self._resolve(ref, ()))}>"
        relations = ", ".join(f"<{_PROPERTY[r]}>" for r in PAPER_RELATIONS)
        rows = self._rows(
            f"""SELECT ?p ?id ?title ?issued ?dateText ?url ?order ?rel ?official
                       ?ev ?text ?field ?start ?end ?sentence ?rule WHERE {{
              ?p ?rel {e} . FILTER(?rel IN ({relations}))
              ?p gk:identifier ?id ; gk:title ?title .
              {_SUMMARY}
              OPTIONAL {{ ?p gk:hasOfficialCode {e} . BIND(true AS ?official) }}
              OPTIONAL {{
                ?ev rdf:object {e} ; rdf:subject ?p ; rdf:predicate ?rel ; {_EVIDENCE}
              }}
            }}"""
        )
        links: dict[str, dict[str, Any]] = {}
        for row in rows:
            link = links.get(row["p"])
            if link is None:
                relation = _RELATION_OF_PROPERTY[row["rel"]]
                link = links[row["p"]] = {
                    **self._summary(row),
                    "relation": relation,
                    "proposed": relation == "proposes" or bool(row["official"]),
                    "evidence": {},
                    "_order": row,
                }
            if row["ev"] is not None:
                link["evidence"][row["ev"]] = _evidence_record(row)
        result = []
        for link in sorted(links.values(), key=lambda link: _order_key(link.pop("_order"))):
            link["evidence"] = sorted(link["evidence"].values(), key=evidence_key)
            result.append(link)
        return result

    def _results(self, filters: dict[str, str], *, kind: str | None) -> list[dict[str, Any]]:
        patterns = [
            f"?r <{ROLE_PROPERTIES[role]}> <{self._iri(key)}> ." for role, key in filters.items()
        ]
        if kind is not None:
            patterns.append(f"FILTER(?kind = {_string(kind)})")
        return self._result_records(patterns)

    def _result_records(self, patterns: list[str]) -> list[dict[str, Any]]:
        """The result rows that match the SPARQL ``patterns`` (over ``?p``, the paper, ``?r``,
        the result, and ``?kind``), in build order."""
        roles = " ".join(
            f"OPTIONAL {{ ?r <{prop}> ?e_{role} . ?e_{role} gk:identifier ?{role}_id ; "
            f"skos:prefLabel ?{role} . }}"
            for role, prop in ROLE_PROPERTIES.items()
        )
        rows = self._rows(
            f"""SELECT * WHERE {{
              ?p gk:reportsResult ?r ; gk:identifier ?paper ; gk:title ?title .
              ?r mls:hasValue ?value ; gk:resultKind ?kind .
              {" ".join(patterns)}
              OPTIONAL {{ ?p gk:inputOrder ?order }}
              OPTIONAL {{ ?r gk:unit ?unitTerm }}
              OPTIONAL {{ ?r gk:unitText ?unitText }}
              OPTIONAL {{ ?r gk:metricName ?metricName }}
              {roles}
              ?ev rdf:object ?r ; rdf:predicate gk:reportsResult ; {_EVIDENCE}
            }}"""
        )
        found = {}
        for row in rows:
            record = {
                "value": row["value"],
                "unit": _unit(row["unitTerm"], row["unitText"]),
                "kind": row["kind"],
                **{role: row[role] for role in ROLE_PROPERTIES},
                "text": row["text"],
                "sentence": row["sentence"],
                "start": row["start"],
                "end": row["end"],
                "field": row["field"],
                "rule": row["rule"],
                **{f"{role}_id": row[f"{role}_id"] for role in ROLE_PROPERTIES},
                "paper": row["paper"],
                "title": row["title"],
            }
            if record["metric"] is None:
                record["metric"] = row["metricName"]
            found[row["r"]] = (
                (*_order_key({"order": row["order"], "id": row["paper"]}), text_order(record)),
                record,
            )
        return [record for _, record in sorted(found.values(), key=lambda item: item[0])]

    def stats(self) -> dict[str, Any]:
        """Counts: papers, entities (by type), results (by kind), edges (by relation),
        evidence records."""
        entities = dict.fromkeys(ENTITY_TYPES, 0)
        for row in self._rows(
            f"""SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{
              {_values("class", _TYPE_OF_CLASS)} ?e a ?class }} GROUP BY ?class"""
        ):
            entities[_TYPE_OF_CLASS[row["class"]]] = row["n"]
        results = dict.fromkeys(RESULT_KINDS, 0)
        for row in self._rows(
            """SELECT ?kind (COUNT(DISTINCT ?r) AS ?n) WHERE {
              ?r a gk:Result ; gk:resultKind ?kind } GROUP BY ?kind ORDER BY ?kind"""
        ):
            results[row["kind"]] = row["n"]
        relations = dict.fromkeys((*PAPER_RELATIONS, *DERIVED_RELATIONS, *RESULT_RELATIONS), 0)
        for relation in relations:
            (row,) = self._rows(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{_PROPERTY[relation]}> ?o }}"
            )
            relations[relation] = row["n"]
        paper_relations = [_PROPERTY[r] for r in PAPER_RELATIONS]
        (counts,) = self._rows(
            f"""SELECT ?papers ?linked ?evidence WHERE {{
              {{ SELECT (COUNT(DISTINCT ?p) AS ?papers) WHERE {{ ?p a gk:Paper }} }}
              {{ SELECT (COUNT(DISTINCT ?q) AS ?linked) WHERE {{
                  {_values("rel", paper_relations)} ?q ?rel ?o }} }}
              {{ SELECT (COUNT(*) AS ?evidence) WHERE {{
                  {_values("rel", paper_relations)} ?ev rdf:predicate ?rel }} }}
            }}"""
        )
        return {
            "name": self.name,
            "papers": counts["papers"],
            "papers_with_entities": counts["linked"],
            "entities": sum(entities.values()),
            "entities_by_type": entities,
            "results": sum(results.values()),
            "results_by_kind": results,
            "edges": sum(relations.values()),
            "edges_by_relation": relations,
            "evidence": counts["evidence"],
        }

    @cached_property
    def name(self) -> str | None:
        """The name of the dataset: the last segment of the one named graph that holds papers
        (``<base>graph/<name>``); None when there are several or none."""
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a gk:Paper } }")
        if len(rows) != 1:
            return None
        return unquote(str(rows[0]["g"]).rpartition("/")[2])

    def paper(self, key: str) -> dict[str, Any] | None:
        """The attributes of the paper ``paper/<id>`` that RDF keeps (id, title, abstract, date,
        url, arxiv_id, doi, authors, author_count, source), or None if there is none."""
        paper_id = key.partition("/")[2] if key.startswith(f"{PAPER}/") else key
        rows = self._rows(
            f"""SELECT * WHERE {{
              ?p a gk:Paper ; gk:identifier {_string(paper_id)} ; gk:title ?title .
              OPTIONAL {{ ?p gk:abstract ?abstract }}
              OPTIONAL {{ ?p gk:issued ?issued }}
              OPTIONAL {{ ?p gk:dateText ?dateText }}
              OPTIONAL {{ ?p gk:url ?url }}
              OPTIONAL {{ ?p gk:arxivId ?arxiv_id }}
              OPTIONAL {{ ?p gk:doi ?doi }}
              OPTIONAL {{ ?p gk:authorName ?author }}
              OPTIONAL {{ ?p gk:authorCount ?author_count }}
              OPTIONAL {{ ?p gk:source ?source }}
            }}"""
        )
        if not rows:
            return None
        first = {**rows[0], "id": paper_id}
        summary = self._summary(first)
        return {
            **{k: v for k, v in summary.items() if k != "key"},
            "type": PAPER,
            "abstract": first["abstract"],
            "arxiv_id": first["arxiv_id"],
            "doi": first["doi"],
            "authors": sorted({row["author"] for row in rows if row["author"] is not None}),
            "author_count": first["author_count"],
            "source": first["source"],
        }

    def paper_graph(self, keys: Iterable[str]) -> nx.MultiDiGraph:
        """The papers ``paper/<id>`` of ``keys`` with their attributes (:meth:`paper`), their
        entities (id, type, name), their evidenced edges to them and their results, as a small
        graph of the graph model (for printing a paper or an entity's evidence)."""
        graph = nx.MultiDiGraph()
        for key in keys:
            attrs = self.paper(key)
            if attrs is None:
                continue
            graph.add_node(key, **attrs)
            rows = self._rows(
                f"""SELECT ?e ?id ?class ?name ?rel ?official ?ev ?text ?field ?start ?end
                           ?sentence ?rule WHERE {{
                  ?p a gk:Paper ; gk:identifier {_string(attrs["id"])} ; ?rel ?e .
                  {_among("rel", [_PROPERTY[r] for r in PAPER_RELATIONS])}
                  ?e a ?class ; gk:identifier ?id ; skos:prefLabel ?name .
                  OPTIONAL {{ ?p gk:hasOfficialCode ?e . BIND(true AS ?official) }}
                  ?ev rdf:subject ?p ; rdf:predicate ?rel ; rdf:object ?e ; {_EVIDENCE}
                }}"""
            )
            edges: dict[tuple[str, str], dict[str, Any]] = {}
            for row in rows:
                relation = _RELATION_OF_PROPERTY[row["rel"]]
                kind = _TYPE_OF_CLASS[row["class"]]
                graph.add_node(row["id"], id=row["id"], type=kind, name=row["name"])
                edge = edges.setdefault(
                    (row["id"], relation),
                    {"proposed": relation == "proposes" or bool(row["official"]), "records": {}},
                )
                edge["records"][row["ev"]] = _evidence_record(row)
            for (target, relation), edge in sorted(edges.items()):
                evidence = sorted(edge["records"].values(), key=evidence_key)
                graph.add_edge(
                    key,
                    target,
                    key=relation,
                    relation=relation,
                    proposed=edge["proposed"],
                    evidence=evidence,
                )
            for record in self._result_records([f"?p gk:identifier {_string(attrs['id'])} ."]):
                ids = {role: record[f"{role}_id"] for role in ROLE_TYPES if record[f"{role}_id"]}
                for role, entity in ids.items():
                    if entity not in graph:
                        graph.add_node(entity, id=entity, type=ROLE_TYPES[role], name=record[role])
                add_result(graph, key, record, ids)
        return graph


def _evidence_record(row: dict[str, Any]) -> dict[str, Any]:
    """The evidence record of the graph (text, offsets, field, sentence, rule) from a row."""
    return {name: row[name] for name in ("text", "start", "end", "field", "sentence", "rule")}


def _entity_summary(row: dict[str, Any]) -> dict[str, Any]:
    """``{"id", "type", "name", "paper_count"}`` of an entity from its row."""
    return {
        "id": row["id"],
        "type": _TYPE_OF_CLASS[row["class"]],
        "name": row["name"],
        "paper_count": row["count"],
    }


def _order_key(row: dict[str, Any]) -> tuple:
    """Build order: by ``gk:inputOrder`` where the store has it, else by paper id."""
    order = row.get("order")
    return (0, order, "") if order is not None else (1, 0, str(row.get("id")))
