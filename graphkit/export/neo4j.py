"""Neo4j export: the graph as the CSV files ``neo4j-admin database import full`` reads.

Five files go into one folder, each with the header row the import tool reads:

- ``papers.csv``: ``:ID``, ``:LABEL`` (``Paper``) and the paper's attributes;
- ``entities.csv``: ``:ID``, ``:LABEL`` (``Entity`` and the type's class, e.g. ``Method``),
  name, aliases, vocabulary id, URL and paper count;
- ``results.csv``: ``:ID``, ``:LABEL`` (``Result``), the value, unit, kind, the roles as the
  text names them, and the evidence: the number as written, sentence, field, offsets, rule;
- ``evidence.csv``: one ``Evidence`` node per evidence record: the relation it supports, the
  mention, field, offsets, sentence and rule (the ``gk:Evidence`` nodes of the RDF);
- ``relationships.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE``: every edge of the graph
  (``EVALUATES_ON``, ``CO_OCCURS``, ``REPORTS_RESULT``, ``ON_DATASET``, ...), then
  ``HAS_EVIDENCE`` from a paper to each evidence record and ``SUPPORTS`` from the record to
  the entity it names.

Ids are the graph's node keys (``paper/<id>``, ``dataset/imagenet``,
``result/<paper id>/abstract-10-15``) and ``evidence/<hash>``,
the hash of the RDF evidence IRI. Arrays (labels, aliases, authors, paper ids) are separated by
:data:`ARRAY_DELIMITER`, given to the import tool as ``--array-delimiter=U+001F``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.atomic import atomic_write
from graphkit.errors import GraphkitError, OutputError
from graphkit.export.iri import IriMinter
from graphkit.graph.schema import PAPER, PAPER_RELATIONS, RESULT, is_entity
from graphkit.types import BY_NAME

ARRAY_DELIMITER = "\x1f"
"""Separates the elements of an array cell (U+001F, the unit separator; dropped from values)."""

FILES = ("papers.csv", "entities.csv", "results.csv", "evidence.csv", "relationships.csv")
"""The files :func:`write_neo4j` writes, nodes first."""

PAPER_COLUMNS = (
    ("id", "id"),
    ("title", "title"),
    ("abstract", "abstract"),
    ("date", "date"),
    ("arxiv_id", "arxiv_id"),
    ("url", "url"),
    ("doi", "doi"),
    ("authors", "authors:string[]"),
    ("author_count", "author_count:int"),
    ("source", "source"),
)
ENTITY_COLUMNS = (
    ("id", "id"),
    ("type", "type"),
    ("name", "name"),
    ("aliases", "aliases:string[]"),
    ("vocab_id", "vocab_id"),
    ("url", "url"),
    ("paper_count", "paper_count:int"),
)
RESULT_COLUMNS = (
    ("value", "value:double"),
    ("unit", "unit"),
    ("kind", "kind"),
    ("metric", "metric"),
    ("dataset", "dataset"),
    ("method", "method"),
    ("task", "task"),
    ("compared_to", "compared_to"),
    ("text", "text"),
    ("sentence", "sentence"),
    ("field", "field"),
    ("start", "start:int"),
    ("end", "end:int"),
    ("rule", "rule"),
)
EVIDENCE_HEADER = (
    ":ID",
    ":LABEL",
    "relation",
    "text",
    "field",
    "start:int",
    "end:int",
    "sentence",
    "rule",
)
RELATIONSHIP_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "proposed:boolean",
    "count:int",
    "papers:string[]",
)

_MINTER = IriMinter()


def write_neo4j(graph: nx.MultiDiGraph, folder: str | os.PathLike[str]) -> dict[str, int]:
    """Write the import files of ``graph`` into ``folder`` (created if needed).

    Every file is written atomically; returns the number of data rows of each file.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError(target, "it is a file; give a folder for the Neo4j CSV files")
    rows = {
        "papers.csv": _nodes(graph, PAPER, ("Paper",), PAPER_COLUMNS),
        "entities.csv": _entity_rows(graph),
        "results.csv": _nodes(graph, RESULT, ("Result",), RESULT_COLUMNS),
        "evidence.csv": (row for row, _ in _evidence(graph)),
        "relationships.csv": _relationships(graph),
    }
    headers = {
        "papers.csv": (":ID", ":LABEL", *(header for _, header in PAPER_COLUMNS)),
        "entities.csv": (":ID", ":LABEL", *(header for _, header in ENTITY_COLUMNS)),
        "results.csv": (":ID", ":LABEL", *(header for _, header in RESULT_COLUMNS)),
        "evidence.csv": EVIDENCE_HEADER,
        "relationships.csv": RELATIONSHIP_HEADER,
    }
    counts: dict[str, int] = {}
    with ExitStack() as stack:
        for name in FILES:
            handle = stack.enter_context(atomic_write(target / name, newline=""))
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(headers[name])
            counts[name] = 0
            for row in rows[name]:
                writer.writerow(row)
                counts[name] += 1
    return counts


def relationship_type(relation: str) -> str:
    """The Neo4j relationship type of a graph relation: ``evaluates_on`` -> ``EVALUATES_ON``."""
    return relation.upper()


def _cell(value: Any) -> str:
    """A CSV cell: empty for None, arrays joined by :data:`ARRAY_DELIMITER`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(_element(item) for item in value if _element(item))
    return str(value)


def _element(value: Any) -> str:
    return str(value).replace(ARRAY_DELIMITER, "")


def _nodes(
    graph: nx.MultiDiGraph,
    kind: str,
    labels: tuple[str, ...],
    columns: Iterable[tuple[str, str]],
) -> Iterator[list[str]]:
    for key, attrs in graph.nodes(data=True):
        if attrs.get("type") == kind:
            yield [key, _cell(labels), *(_cell(attrs.get(name)) for name, _ in columns)]


def _entity_rows(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    for key, attrs in graph.nodes(data=True):
        kind = attrs.get("type")
        if not is_entity(kind):
            continue
        entity_type = BY_NAME.get(str(kind))
        if entity_type is None:
            raise GraphkitError(f"graph node {key!r} has unknown type {kind!r}")
        label = entity_type.rdf_class or kind.title()
        yield [
            key,
            _cell(("Entity", label)),
            *(_cell(attrs.get(name)) for name, _ in ENTITY_COLUMNS),
        ]


def _evidence(graph: nx.MultiDiGraph) -> Iterator[tuple[list[str], tuple[str, str]]]:
    """Each distinct evidence record as a node row, with the paper and entity it joins."""
    seen: set[str] = set()
    for paper, entity, relation, attrs in graph.edges(keys=True, data=True):
        if relation not in PAPER_RELATIONS:
            continue
        for record in attrs.get("evidence") or ():
            try:
                field, start, end = str(record["field"]), int(record["start"]), int(record["end"])
                rule = str(record["rule"])
            except (KeyError, TypeError, ValueError) as exc:
                raise GraphkitError(
                    f"graph edge {paper!r} -{relation}-> {entity!r}: bad evidence {record!r}"
                ) from exc
            iri = _MINTER.evidence(paper, relation, entity, field, start, end, rule)
            key = iri.removeprefix(_MINTER.base)
            if key in seen:
                continue
            seen.add(key)
            row = [
                key,
                "Evidence",
                relation,
                _cell(record.get("text")),
                field,
                str(start),
                str(end),
                _cell(record.get("sentence")),
                rule,
            ]
            yield row, (paper, entity)


def _relationships(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    for source, target, relation, attrs in graph.edges(keys=True, data=True):
        proposed = attrs.get("proposed") if relation in PAPER_RELATIONS else None
        yield [
            source,
            target,
            relationship_type(relation),
            _cell(proposed),
            _cell(attrs.get("count")),
            _cell(attrs.get("papers")),
        ]
    for row, (paper, entity) in _evidence(graph):
        yield [paper, row[0], "HAS_EVIDENCE", "", "", ""]
        yield [row[0], entity, "SUPPORTS", "", "", ""]
