"""Results of one paper: the extract stage's ``ResultMention``s named by the paper's entities.

Each role of a found result points at an entity mention by its character span;
the entity that holds that mention gives the name. "Our method" becomes the
paper's proposed method: the proposed method mentioned first (title first).
"""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.models import FIELDS, RESULT_ROLES, Entity, Result, ResultMention


def proposed_method(entities: Iterable[Entity]) -> str | None:
    """The name of the paper's own method: of the proposed methods, the one mentioned first."""
    order = {name: index for index, name in enumerate(FIELDS)}
    firsts = [
        (min((order.get(m.field, len(order)), m.start) for m in e.mentions), e.name)
        for e in entities
        if e.type == "method" and e.proposed and e.mentions
    ]
    return min(firsts)[1] if firsts else None


def link_results(found: Iterable[ResultMention], entities: list[Entity]) -> list[Result]:
    """The ``Result`` records of one paper's found results, in text order."""
    found = list(found)
    if not found:
        return []
    names = {(m.field, m.start, m.end): e.name for e in entities for m in e.mentions}
    ours = proposed_method(entities)
    results = []
    for r in found:
        roles: dict[str, str | None] = dict.fromkeys(RESULT_ROLES)
        roles.update(r.names)
        for role, start, end in r.roles:
            roles[role] = names.get((r.field, start, end))
        if r.ours and roles["method"] is None:
            roles["method"] = ours
        results.append(
            Result(
                value=r.value,
                unit=r.unit,
                kind=r.kind,
                text=r.text,
                sentence=r.sentence,
                start=r.start,
                end=r.end,
                field=r.field,
                rule=r.rule,
                **roles,
            )
        )
    return results
