"""Print SPARQL results: an aligned table for people, SPARQL CSV or JSON for programs."""

from __future__ import annotations

import re
from typing import IO

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    serialize,
)

from graphkit.export.namespaces import PREFIXES, data_prefixes

RESULT_FORMATS = ("table", "csv", "json")
"""Output formats of ``graphkit query``."""

_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-%]*$")
_WS = re.compile(r"\s+")


def write_results(
    result: QuerySolutions | QueryBoolean | QueryTriples,
    output: IO[bytes],
    format: str = "table",
    *,
    base_iri: str,
    max_width: int = 80,
) -> None:
    """Write a query result to ``output``.

    SELECT: ``table`` (IRIs shortened with the graphkit prefixes, long cells
    cut at ``max_width``), ``csv`` (SPARQL 1.1 CSV) or ``json`` (SPARQL 1.1
    JSON). ASK: ``true``/``false`` or its CSV/JSON form. CONSTRUCT and
    DESCRIBE: Turtle (``table``), N-Triples (``csv``) or JSON-LD (``json``).
    """
    if format not in RESULT_FORMATS:
        raise ValueError(f"unknown result format {format!r}; choose from {RESULT_FORMATS}")
    prefixes = {**PREFIXES, **data_prefixes(base_iri)}
    if isinstance(result, QueryTriples):
        rdf_format = {
            "table": RdfFormat.TURTLE,
            "csv": RdfFormat.N_TRIPLES,
            "json": RdfFormat.JSON_LD,
        }[format]
        serialize(result, output, rdf_format, prefixes=prefixes)
        return
    if isinstance(result, QueryBoolean):
        if format == "table":
            output.write(b"true\n" if bool(result) else b"false\n")
        else:
            output.write(result.serialize(format=_results_format(format)))
        return
    if format != "table":
        output.write(result.serialize(format=_results_format(format)))
        return
    _write_table(result, output, prefixes, max_width)


def _results_format(name: str) -> QueryResultsFormat:
    """The SPARQL results format of ``csv`` or ``json``."""
    return QueryResultsFormat.CSV if name == "csv" else QueryResultsFormat.JSON


def _write_table(
    result: QuerySolutions, output: IO[bytes], prefixes: dict[str, str], max_width: int
) -> None:
    """An aligned text table with a header, a rule and a row count."""
    names = [v.value for v in result.variables]
    ordered = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    rows = [[_cell(term, ordered, max_width) for term in solution] for solution in result]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [
        "  ".join(name.ljust(w) for name, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    output.write(("\n".join(lines) + "\n").encode("utf-8"))


def _cell(term: object, prefixes: list[tuple[str, str]], max_width: int) -> str:
    """One term as a short line of text: prefixed name, <IRI>, literal value or _:blank."""
    if term is None:
        text = ""
    elif isinstance(term, NamedNode):
        text = _shorten(term.value, prefixes)
    elif isinstance(term, BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, Literal):
        text = _WS.sub(" ", term.value).strip()
    else:
        text = str(term)
    if len(text) > max_width:
        text = text[: max_width - 1] + "…"
    return text


def _shorten(iri: str, prefixes: list[tuple[str, str]]) -> str:
    """``prefix:local`` for an IRI under a known namespace, else ``<iri>``."""
    for name, namespace in prefixes:
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{name}:{iri[len(namespace) :]}"
    return f"<{iri}>"
