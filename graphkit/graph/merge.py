"""Merge extractions into a graph: paper nodes, entity nodes and evidenced paper -> entity edges.

Merging is a union, so adding the same extraction twice changes nothing, and a
duplicate paper only fills what is missing. The derived parts (entity names,
paper counts, entity -> entity edges, node order) are settled afterwards by
:mod:`graphkit.graph.derive`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.graph.results import finite_number, merge_results, text_order
from graphkit.graph.schema import (
    ENTITY_TYPES,
    PAPER,
    PAPER_ATTRIBUTES,
    paper_key,
    relation_for,
)
from graphkit.models import LINK, Entity, Extraction, Paper


def _missing(value: Any) -> bool:
    """True for values that a duplicate record may fill: None, empty strings and lists."""
    return value is None or value == "" or value == []


def merge_paper(graph: nx.MultiDiGraph, paper: Paper) -> str:
    """Add ``paper`` as a node, or fill the missing metadata of the node already there."""
    key = paper_key(paper.id)
    new = {name: getattr(paper, name) for name in PAPER_ATTRIBUTES}
    new["authors"] = list(paper.authors)
    attrs = graph.nodes.get(key)
    if attrs is None:
        graph.add_node(key, type=PAPER, id=paper.id, **new)
        return key
    for name, value in new.items():
        if _missing(attrs.get(name)) and not _missing(value):
            attrs[name] = value
    return key


def smallest(*values: str | None) -> str | None:
    """The smallest present value, so that a conflict resolves the same in any order."""
    present = [v for v in values if v]
    return min(present) if present else None


def merge_entity(graph: nx.MultiDiGraph, entity: Entity, forms: dict[str, set[str]]) -> None:
    """Add the entity node or merge into it; collect its surface forms in ``forms``."""
    url = entity.url or (entity.name if entity.type == "repo" else None)
    attrs = graph.nodes.get(entity.id)
    if attrs is None:
        graph.add_node(
            entity.id,
            type=entity.type,
            id=entity.id,
            name=entity.name,
            aliases=[],
            vocab_id=entity.vocab_id,
            url=url,
            paper_count=0,
        )
    else:
        if attrs.get("type") != entity.type:
            raise GraphkitError(
                f"entity {entity.id!r} is a {entity.type}, but the graph has it as a "
                f"{attrs.get('type')}"
            )
        attrs["vocab_id"] = smallest(attrs.get("vocab_id"), entity.vocab_id)
        attrs["url"] = smallest(attrs.get("url"), url)
    forms.setdefault(entity.id, set()).update([entity.name, *entity.aliases])


def fullest(names: Iterable[str]) -> str:
    """The fullest of several names for one thing: the longest, then the first in code order."""
    return min(names, key=lambda name: (-len(name), name))


def evidence_key(record: dict[str, Any]) -> tuple:
    """Sort key of an evidence record: text order, title before abstract."""
    return (
        *text_order(record),
        str(record.get("rule")),
        str(record.get("text")),
        str(record.get("sentence")),
    )


def union_evidence(*lists: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct evidence records of all ``lists``, in text order."""
    seen: dict[tuple, dict[str, Any]] = {}
    for records in lists:
        for record in records:
            seen.setdefault(evidence_key(record), dict(record))
    return [seen[k] for k in sorted(seen)]


def _distinct(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct records of a fresh list, in text order (:func:`union_evidence` without
    copies)."""
    seen = {evidence_key(record): record for record in reversed(records)}
    return [seen[k] for k in sorted(seen)]


def merge_edge(graph: nx.MultiDiGraph, paper: str, entity: Entity) -> None:
    """Add or merge the paper -> entity edge: proposed if any record says so, evidence unioned.

    A paper has one edge to an entity; when a duplicate record turns it into a
    proposal, the edge is re-keyed (``uses`` -> ``proposes``).
    """
    evidence = [m.evidence() for m in entity.mentions]
    proposed = entity.proposed
    name = entity.name
    old = graph._succ[paper].get(entity.id)
    if old:
        for relation, data in list(old.items()):
            proposed = proposed or bool(data.get("proposed"))
            evidence = union_evidence(data.get("evidence") or (), evidence)
            name = fullest([name, data.get("name") or name])
            graph.remove_edge(paper, entity.id, key=relation)
    else:
        evidence = _distinct(evidence)
    relation = relation_for(entity.type, proposed)
    graph.add_edge(
        paper,
        entity.id,
        key=relation,
        relation=relation,
        proposed=proposed,
        name=name,
        evidence=evidence,
    )


def check_extraction(extraction: Extraction) -> list[Entity]:
    """The graph entities of ``extraction`` (links left out); GraphkitError if one, or a
    result's value, is unusable."""
    entities = []
    for entity in extraction.entities:
        if entity.type == LINK:
            continue
        where = f"paper {extraction.paper.id!r}: entity {entity.id!r}"
        if entity.type not in ENTITY_TYPES:
            raise GraphkitError(f"{where} has unknown type {entity.type!r}")
        if not entity.mentions:
            raise GraphkitError(f"{where} has no evidence (mentions)")
        entities.append(entity)
    for result in extraction.results:
        if not finite_number(result.value):
            where = f"paper {extraction.paper.id!r}: result {result.text!r}"
            raise GraphkitError(f"{where} has no finite value ({result.value!r})")
    return entities


def merge_extraction(
    graph: nx.MultiDiGraph, extraction: Extraction, forms: dict[str, set[str]]
) -> None:
    """Merge one extraction: its paper, its entities (not links) and their evidenced edges.

    The extraction is checked first, so a bad one leaves the graph unchanged.
    """
    entities = check_extraction(extraction)
    paper = merge_paper(graph, extraction.paper)
    for entity in entities:
        merge_entity(graph, entity, forms)
        merge_edge(graph, paper, entity)
    merge_results(graph, paper, extraction)
