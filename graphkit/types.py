"""The entity-type registry: every fact about a type, read once from TOML files.

``graphkit/data/types.toml`` holds the built-in types (its header documents the
fields); files named in the ``GRAPHKIT_TYPES`` environment variable (separated
by ``os.pathsep``) add types of their own. The files are read when graphkit is
imported, so every table derived from :data:`TYPES` is a plain constant, and
worker processes, which inherit the environment, see the same types.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError, InputError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

BUILTIN_FILE = Path(__file__).resolve().parent / "data" / "types.toml"
"""The registry of the built-in types."""

ENV_VAR = "GRAPHKIT_TYPES"
"""The environment variable naming the user's registry files."""

_FIELDS = frozenset(
    {
        "name",
        "label",
        "vocabulary",
        "scored",
        "relation",
        "property",
        "class",
        "proposable",
        "noun",
        "plural",
        "legend",
        "title",
        "relation_text",
        "filter",
        "co_occurs_with",
        "colour",
        "shape",
        "pwc_page",
        "url",
    }
)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class EntityType:
    """One entity type and what every stage needs to know about it."""

    name: str
    label: str
    vocabulary: Path | None
    scored: bool
    relation: str | None
    property: str | None
    rdf_class: str | None
    proposable: bool
    noun: str
    plural: str
    legend: str
    title: str
    relation_text: str | None
    filter: str | None
    co_occurs_with: tuple[str, ...]
    colour: str
    shape: str
    pwc_page: str | None
    url: bool


def read_types(path: str | os.PathLike[str]) -> list[EntityType]:
    """Read one registry file; raise InputError naming the file and line of a bad entry."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read entity-type registry: {exc.strerror}", where) from exc
    try:
        tables = tomllib.loads(text).get("type", [])
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML ({exc})", where) from exc
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[type]]"]
    folder = Path(path).resolve().parent
    return [
        _entity_type(table, folder, where, lines[i] if i < len(lines) else None)
        for i, table in enumerate(tables)
    ]


def _entity_type(table: dict[str, Any], folder: Path, where: str, line: int | None) -> EntityType:
    unknown = sorted(set(table) - _FIELDS)
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(unknown)}", where, line)
    name = table.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise InputError("a type needs a name of lower-case letters, digits and _", where, line)
    scored = bool(table.get("scored", True))
    for required in ("relation", "class"):
        if scored and not table.get(required):
            raise InputError(f"type {name!r} is scored and needs a {required!r}", where, line)
    relation = table.get("relation")
    noun = table.get("noun", name)
    plural = table.get("plural", noun + "s")
    vocabulary = table.get("vocabulary")
    return EntityType(
        name=name,
        label=table.get("label", name.upper()),
        vocabulary=folder / vocabulary if vocabulary else None,
        scored=scored,
        relation=relation,
        property=table.get("property") or (_camel(relation) if relation else None),
        rdf_class=table.get("class"),
        proposable=bool(table.get("proposable", False)),
        noun=noun,
        plural=plural,
        legend=table.get("legend", plural.capitalize()),
        title=table.get("title", noun.capitalize()),
        relation_text=table.get("relation_text") or _spaced(relation),
        filter=table.get("filter"),
        co_occurs_with=tuple(table.get("co_occurs_with", ())),
        colour=table.get("colour", "#999999"),
        shape=table.get("shape", "dot"),
        pwc_page=table.get("pwc_page"),
        url=bool(table.get("url", False)),
    )


def _spaced(relation: str | None) -> str | None:
    """``evaluates_on`` -> ``evaluates on``."""
    return relation.replace("_", " ") if relation else None


def _camel(relation: str) -> str:
    """``evaluates_on`` -> ``evaluatesOn``."""
    first, *rest = relation.split("_")
    return first + "".join(word.capitalize() for word in rest)


def load_types(extra: list[str] | tuple[str, ...] = ()) -> tuple[EntityType, ...]:
    """The built-in types followed by those of ``extra`` files; a name given twice is an error."""
    types: dict[str, EntityType] = {}
    for path in (BUILTIN_FILE, *extra):
        for entity_type in read_types(path):
            if entity_type.name in types:
                raise InputError(f"entity type {entity_type.name!r} is defined twice", str(path))
            types[entity_type.name] = entity_type
    return tuple(types.values())


def _extra_files() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p)


TYPES: tuple[EntityType, ...] = load_types(_extra_files())
"""Every entity type, in report order."""

SCORED: tuple[EntityType, ...] = tuple(t for t in TYPES if t.scored)
"""The scored types: evaluated, and given nodes, a relation and a class in the graph."""

PROPOSABLE: frozenset[str] = frozenset(t.name for t in SCORED if t.proposable)
"""Types whose proposed entities are linked by ``proposes``, and scored for ``proposed``."""

BY_NAME: dict[str, EntityType] = {t.name: t for t in TYPES}
"""Each type by its name."""

TYPE_OF_LABEL: dict[str, str] = {t.label: t.name for t in TYPES}
"""The type of each spaCy span label (``METHOD`` -> ``method``)."""

URL_TYPES: frozenset[str] = frozenset(t.name for t in TYPES if t.url)
"""Types whose entities are web addresses, keyed by their URL (``repo``, ``link``)."""

URL_LABELS: frozenset[str] = frozenset(t.label for t in TYPES if t.url)
"""The span labels of :data:`URL_TYPES`."""

RANK: dict[str, int] = {t.name: i for i, t in enumerate(TYPES)}
"""Each type's position in report order."""


def type_of_label(label: str) -> str:
    """The entity type of a spaCy span label; GraphkitError if no registered type has it."""
    name = TYPE_OF_LABEL.get(label)
    if name is None:
        raise GraphkitError(f"span label {label!r} is not the label of a registered entity type")
    return name
