"""The vocabulary of the graph model (docs/graph-model.md): node types, relations, derived pairs."""

from __future__ import annotations

from graphkit.models import ENTITY_TYPES, FIELDS
from graphkit.types import PROPOSABLE, SCORED

PAPER = "paper"
"""The ``type`` of paper nodes; their keys are ``paper/<paper id>``."""

RELATION_OF_TYPE: dict[str, str] = {t.name: t.relation for t in SCORED if t.relation}
"""The relation from a paper to an entity of each type that the paper does not propose."""

PAPER_RELATIONS: tuple[str, ...] = tuple(dict.fromkeys(("proposes", *RELATION_OF_TYPE.values())))
"""Relations of paper -> entity edges."""

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
    "RELATION_OF_TYPE",
    "paper_key",
    "relation_for",
]


def paper_key(paper_id: str) -> str:
    """The node key of the paper with id ``paper_id``."""
    return f"{PAPER}/{paper_id}"


def relation_for(entity_type: str, proposed: bool) -> str:
    """The relation of the edge from a paper to an entity of ``entity_type``."""
    if proposed and entity_type in PROPOSABLE:
        return "proposes"
    return RELATION_OF_TYPE[entity_type]
