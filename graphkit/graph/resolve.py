"""Find an entity by id, name or alias (any case), with suggestions when nothing matches."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.graph.schema import is_entity


class UnknownEntityError(GraphkitError, KeyError):
    """No entity has the id, name or alias asked for; ``suggestions`` holds close ones."""

    def __init__(self, ref: str, suggestions: list[str], types: Iterable[str] = ()) -> None:
        self.ref = ref
        self.suggestions = suggestions
        kinds = "/".join(types) or "entity"
        message = f"no {kinds} named {ref!r} in the graph"
        if suggestions:
            message += "; did you mean " + ", ".join(suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousEntityError(GraphkitError, KeyError):
    """A name or alias names more than one entity; ``candidates`` holds their ids."""

    def __init__(self, ref: str, candidates: list[str]) -> None:
        self.ref = ref
        self.candidates = candidates
        super().__init__(
            f"{ref!r} names {len(candidates)} entities: {', '.join(candidates)}; "
            "give the id or the type"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class EntityIndex:
    """Lookup tables from folded ids, names and aliases to entity ids, built once per graph."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self._ids: dict[str, list[str]] = defaultdict(list)
        self._names: dict[str, list[str]] = defaultdict(list)
        self._aliases: dict[str, list[str]] = defaultdict(list)
        for key, attrs in graph.nodes(data=True):
            if not is_entity(attrs.get("type")):
                continue
            self._ids[key.casefold()].append(key)
            self._names[str(attrs.get("name", "")).casefold()].append(key)
            for alias in attrs.get("aliases") or ():
                self._aliases[str(alias).casefold()].append(key)

    def resolve(self, ref: str, types: Iterable[str] = ()) -> str:
        """The id of the entity ``ref`` names (id first, then name, then alias).

        ``types`` narrows the search to entities of those types. Raises
        UnknownEntityError (with suggestions) or AmbiguousEntityError.
        """
        wanted = tuple(types)
        folded = ref.strip().casefold()
        for table in (self._ids, self._names, self._aliases):
            found = sorted(
                {k for k in table.get(folded, ()) if not wanted or self._type(k) in wanted}
            )
            if len(found) == 1:
                return found[0]
            if found:
                raise AmbiguousEntityError(ref, found)
        raise UnknownEntityError(ref, self.suggest(folded, wanted), wanted)

    def suggest(self, folded: str, types: tuple[str, ...] = (), n: int = 5) -> list[str]:
        """Up to ``n`` entities whose id, name or alias is close to ``folded``, as ``name (id)``."""
        forms: dict[str, set[str]] = defaultdict(set)
        for table in (self._ids, self._names, self._aliases):
            for form, keys in table.items():
                forms[form].update(k for k in keys if not types or self._type(k) in types)
        close = difflib.get_close_matches(folded, [f for f, k in forms.items() if k], n=n)
        suggestions: list[str] = []
        for form in close:
            for key in sorted(forms[form]):
                label = f"{self._graph.nodes[key]['name']} ({key})"
                if label not in suggestions:
                    suggestions.append(label)
        return suggestions[:n]

    def _type(self, key: str) -> str:
        return str(self._graph.nodes[key].get("type"))
