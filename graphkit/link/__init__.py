"""The link stage: one paper's ``Mention``s become ``Entity``s with stable ids.

Mentions of one type that share a folding key (``graphkit.keys``), a
vocabulary entry or an abbreviation pair become one entity.
"""

from graphkit.keys import canonical_key
from graphkit.link.linker import (
    WEAK_RULES,
    Linker,
    build_entities,
    entity_id,
    one_type_per_name,
    slug,
)

__all__ = [
    "WEAK_RULES",
    "Linker",
    "build_entities",
    "canonical_key",
    "entity_id",
    "one_type_per_name",
    "slug",
]
