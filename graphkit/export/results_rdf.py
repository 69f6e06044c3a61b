"""Results in RDF: each result node of the graph as an ML-Schema model evaluation with evidence.

A result node (``graph/results.py``) becomes ``<base>result/<paper id>/<field>-<start>-<end>``
(the node key, percent-encoded), a ``gk:Result`` (a subclass of ``mls:ModelEvaluation``) with

- ``mls:hasValue``: the value as an ``xsd:decimal``;
- ``gk:unit``: the unit, a ``gk:Unit`` of the controlled list in
  ``graphkit/data/results/unit_terms.tsv`` (matched to QUDT where QUDT has the
  unit), or ``gk:unitText`` for a unit the list does not hold;
- ``gk:resultKind``: ``"absolute"`` or ``"relative"``;
- ``mls:specifiedBy`` the metric, ``gk:onDataset``, ``gk:ofMethod``, ``gk:forTask`` and
  ``gk:comparedTo``: the entities of its roles (``gk:metricName`` when the metric is named
  by a word of the text but is no entity, e.g. "speed" for "faster").

The paper ``gk:reportsResult`` it, and a ``gk:Evidence`` node reifies that statement
with the number as written, its sentence, offsets, field and rule.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.export import namespaces as ns
from graphkit.export.iri import IriMinter, segment
from graphkit.extract.results.words import RESULTS_DATA, read_rows

UNIT_TERMS = RESULTS_DATA / "unit_terms.tsv"
"""The controlled list of units: unit as recorded, ``gk:`` term, QUDT unit (``-``: none)."""

ROLE_PROPERTIES: dict[str, str] = {
    "metric": "http://www.w3.org/ns/mls#specifiedBy",
    "dataset": ns.GK + "onDataset",
    "method": ns.GK + "ofMethod",
    "task": ns.GK + "forTask",
    "compared_to": ns.GK + "comparedTo",
}
"""The property that links a result to the entity of each role."""

_TYPE = f"<{ns.RDF}type>"
_RESULT = f"<{ns.GK}Result>"
_HAS_VALUE = "<http://www.w3.org/ns/mls#hasValue>"


@cache
def unit_terms() -> dict[str, str]:
    """Unit as recorded -> the IRI of its ``gk:Unit``."""
    return {unit: ns.GK + term for unit, term, _ in read_rows(UNIT_TERMS, 3)}


def decimal(value: float) -> str:
    """The ``xsd:decimal`` lexical form of a finite float (no exponent)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"result value must be a finite number, not {value!r}")
    text = format(Decimal(repr(float(value))), "f")
    return text if "." in text else text + ".0"


def result_iri(minter: IriMinter, paper_id: str, record: dict[str, Any]) -> str:
    """The IRI term of a result: ``<base>result/<paper id>/<field>-<start>-<end>``."""
    place = f"{record.get('field')}-{record.get('start')}-{record.get('end')}"
    return f"<{minter.base}result/{segment(paper_id)}/{segment(place)}>"


def result_lines(
    key: str,
    r: str,
    record: dict[str, Any],
    iri_of: Callable[[str], str],
    has_node: Callable[[str], bool],
    string: Callable[[str], str],
) -> list[str]:
    """The triples about one result of the paper node ``key`` (``r`` is its IRI term)."""
    try:
        value, kind = decimal(record["value"]), str(record["kind"])
    except (KeyError, TypeError, ValueError) as exc:
        raise GraphkitError(f"graph node {key!r}: bad result record {record!r}") from exc
    lines = [
        f"{r} {_TYPE} {_RESULT} .\n",
        f'{r} {_HAS_VALUE} "{value}"^^<{ns.XSD}decimal> .\n',
        f"{r} <{ns.GK}resultKind> {string(kind)} .\n",
    ]
    unit = record.get("unit")
    if unit:
        term = unit_terms().get(str(unit))
        if term is not None:
            lines.append(f"{r} <{ns.GK}unit> <{term}> .\n")
        else:
            lines.append(f"{r} <{ns.GK}unitText> {string(str(unit))} .\n")
    for role, prop in ROLE_PROPERTIES.items():
        entity = record.get(f"{role}_id")
        if entity and has_node(entity):
            lines.append(f"{r} <{prop}> {iri_of(entity)} .\n")
        elif role == "metric" and record.get("metric"):
            lines.append(f"{r} <{ns.GK}metricName> {string(str(record['metric']))} .\n")
    return lines
