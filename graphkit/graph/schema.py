"""The vocabulary of the graph model (docs/graph-model.md): node types, relations, derived pairs."""

from __future__ import annotations

from graphkit.models import ENTITY_TYPES, FIELDS, RESULT_ROLES
from graphkit.types import PROPOSABLE, SCORED

PAPER = "paper"
"""The ``type`` of paper nodes; their keys are ``paper/<paper id>``."""

RESULT = "result"
"""The ``type`` of result nodes; their keys are ``result/<paper id>/<field>-<start>-<end>``."""

RELATION_OF_TYPE: dict[str, str] = {t.name: t.relation for t in SCORED if t.relation}
"""The relation from a paper to an entity of each type that the paper does not propose."""

PAPER_RELATIONS: tuple[str, ...] = tuple(dict.fromkeys(("proposes", *RELATION_OF_TYPE.values())))
"""Relations of paper -> entity edges."""

REPORTS_RESULT = "reports_result"
"""The relation of paper -> result edges."""

RELATION_OF_ROLE: dict[str, str] = {
    "metric": "specified_by",
    "dataset": "on_dataset",
    "method": "of_method",
    "task": "for_task",
    "compared_to": "compared_to",
}
"""The relation of the edge from a result to the entity of each of its roles (named after the
RDF properties ``mls:specifiedBy``, ``gk:onDataset``, ``gk:ofMethod``, ...)."""

ROLE_OF_RELATION: dict[str, str] = {relation: role for role, relation in RELATION_OF_ROLE.items()}
"""The role of a result that each result -> entity relation gives."""

RESULT_RELATIONS: tuple[str, ...] = (REPORTS_RESULT, *(RELATION_OF_ROLE[r] for r in RESULT_ROLES))
"""Relations of the edges of result nodes: paper -> result, then result -> entity."""

CO_OCCURS = "co_occurs"
IMPLEMENTS = "implements"
DERIVED_RELATIONS: tuple[str, ...] = (CO_OCCURS, IMPLEMENTS)
"""Relations of entity -> entity edges, recomputed from the paper edges."""

CO_OCCURRING_TYPES: tuple[tuple[str, str], ...] = tuple(
    (t.name, other) for t in SCORED for other in t.co_occurs_with
)
"""The (source type, target type) pairs that get ``co_occurs`` edges (the registry's
``co_occurs_with``)."""

PAPER_ATTRIBUTES: tuple[str, ...] = (
    "title",
    "abstract",
    "date",
    "author_count",
    "authors",
    "url",
    "arxiv_id",
    "doi",
    "source",
)
"""Paper metadata kept on paper nodes, besides ``type`` and ``id``."""

RESULT_ATTRIBUTES: tuple[str, ...] = (
    "value",
    "unit",
    "kind",
    *RESULT_ROLES,
    "text",
    "sentence",
    "start",
    "end",
    "field",
    "rule",
)
"""Attributes of result nodes, besides ``type`` and ``id``: the ``extractions.jsonl`` record
(the roles as the text names them; the entities are the targets of the role edges)."""

__all__ = [
    "CO_OCCURRING_TYPES",
    "CO_OCCURS",
    "DERIVED_RELATIONS",
    "ENTITY_TYPES",
    "FIELDS",
    "IMPLEMENTS",
    "PAPER",
    "PAPER_ATTRIBUTES",
    "PAPER_RELATIONS",
    "PROPOSABLE",
    "RELATION_OF_ROLE",
    "RELATION_OF_TYPE",
    "REPORTS_RESULT",
    "RESULT",
    "RESULT_ATTRIBUTES",
    "RESULT_RELATIONS",
    "ROLE_OF_RELATION",
    "is_entity",
    "paper_key",
    "relation_for",
    "result_key",
]


def paper_key(paper_id: str) -> str:
    """The node key of the paper with id ``paper_id``."""
    return f"{PAPER}/{paper_id}"


def result_key(paper_id: str, field: str, start: int, end: int) -> str:
    """The node key of the result of paper ``paper_id`` over ``field[start:end]``."""
    return f"{RESULT}/{paper_id}/{field}-{start}-{end}"


def is_entity(kind: object) -> bool:
    """Tell whether a node of ``type`` ``kind`` is an entity (neither a paper nor a result)."""
    return kind != PAPER and kind != RESULT


def relation_for(entity_type: str, proposed: bool) -> str:
    """The relation of the edge from a paper to an entity of ``entity_type``."""
    if proposed and entity_type in PROPOSABLE:
        return "proposes"
    return RELATION_OF_TYPE[entity_type]
