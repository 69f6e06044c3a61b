"""Variants of a proposed name: "X-Tiny", "X-M2" or "X Large" beside a proposed "X".

A paper that proposes X names the sizes and versions it releases after it;
they are its own too, though the cue that presents X is sentences away.
"""

from __future__ import annotations

from graphkit.models import Entity
from graphkit.types import PROPOSABLE

MIN_NAME = 3
"""The shortest proposed name whose variants are looked for (shorter ones prefix too much)."""


def propose_variants(entities: list[Entity]) -> list[Entity]:
    """Mark proposed, in place, each method or dataset named by a proposed name of its type
    followed by a hyphen or space and more ("X-Tiny" after "X"); return ``entities``."""
    own = [
        (e.type, e.name.lower())
        for e in entities
        if e.proposed and e.type in PROPOSABLE and len(e.name) >= MIN_NAME and " " not in e.name
    ]
    if not own:
        return entities
    for e in entities:
        if e.proposed or e.type not in PROPOSABLE:
            continue
        name = e.name.lower()
        if any(
            etype == e.type
            and len(name) > len(base) + 1
            and name.startswith(base)
            and name[len(base)] in "- "
            for etype, base in own
        ):
            e.proposed = True
    return entities
