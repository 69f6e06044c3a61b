"""Results of one paper: the extract stage's ``ResultMention``s named by the paper's entities.

Each role of a found result points at an entity mention by its character span;
the entity that holds that mention gives the name. "Our method" becomes the
paper's proposed method: the proposed method mentioned first (title first).
"""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.models import FIELDS, Entity, Result, ResultMention


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
    """The ``Result`` records of one paper's found results, in text order.

    A role named by a cue word is overridden by one that points at a mention; the
    paper's proposed method is looked up only for a result that needs it."""
    found = found if isinstance(found, list) else list(found)
    if not found:
        return []
    names: dict[tuple[str, int, int], str] = {}
    for entity in entities:
        name = entity.name
        for m in entity.mentions:
            names[(m.field, m.start, m.end)] = name
    ours: list[str | None] = []
    results = []
    for r in found:
        roles: dict[str, str | None] = dict(r.names)
        field = r.field
        for role, start, end in r.roles:
            roles[role] = names.get((field, start, end))
        method = roles.get("method")
        if r.ours and method is None:
            if not ours:
                ours.append(proposed_method(entities))
            method = ours[0]
        results.append(
            Result(
                r.value,
                r.unit,
                r.kind,
                r.text,
                r.sentence,
                r.start,
                r.end,
                field,
                r.rule,
                roles.get("metric"),
                roles.get("dataset"),
                method,
                roles.get("task"),
                roles.get("compared_to"),
            )
        )
    return results
