"""Print SPARQL results: an aligned table for people, SPARQL CSV or JSON for programs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from itertools import islice
from typing import IO, Any

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

TABLE_BLOCK = 1000
"""Rows of a table read before its column widths are fixed and printing starts."""

_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-%]*$")
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def write_results(
    result: QuerySolutions | QueryBoolean | QueryTriples,
    output: IO[bytes],
    format: str = "table",
    *,
    base_iri: str,
    max_width: int = 80,
    limit: int | None = None,
) -> int:
    """Write a query result to ``output`` as it comes; return the rows (or triples) written.

    SELECT: ``table`` (IRIs shortened with the graphkit prefixes, long cells
    cut at ``max_width``), ``csv`` (SPARQL 1.1 CSV, with cells that a
    spreadsheet would run as formulas quoted) or ``json`` (SPARQL 1.1 JSON).
    ASK: ``true``/``false`` or its CSV/JSON form. CONSTRUCT and DESCRIBE:
    Turtle (``table``), N-Triples (``csv``) or JSON-LD (``json``). At most
    ``limit`` rows or triples are written (all when None); rows are written
    while the query runs, so the first come out before the last are found.
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
        triples = list(islice(result, limit))
        serialize(triples, output, rdf_format, prefixes=prefixes)
        return len(triples)
    if isinstance(result, QueryBoolean):
        if format == "table":
            output.write(b"true\n" if bool(result) else b"false\n")
        else:
            output.write(result.serialize(format=_results_format(format)))
        return 1
    names = [v.value for v in result.variables]
    solutions = islice(result, limit)
    if format == "csv":
        return _write_csv(names, solutions, output)
    if format == "json":
        return _write_json(names, solutions, output)
    return _write_table(names, solutions, output, prefixes, max_width)


def _results_format(name: str) -> QueryResultsFormat:
    """The SPARQL results format of ``csv`` or ``json``."""
    return QueryResultsFormat.CSV if name == "csv" else QueryResultsFormat.JSON


def _write_csv(names: list[str], solutions: Iterable[Any], output: IO[bytes]) -> int:
    """SPARQL 1.1 CSV, one row at a time; cells that start like a formula are quoted."""
    output.write((",".join(_csv_field(n) for n in names) + "\r\n").encode("utf-8"))
    count = 0
    for solution in solutions:
        cells = (_csv_cell(_csv_value(term)) for term in solution)
        output.write((",".join(cells) + "\r\n").encode("utf-8"))
        count += 1
    return count


def _csv_value(term: object) -> str:
    """A term as SPARQL CSV writes it: IRIs and literal values bare, blank nodes as ``_:id``."""
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


def _csv_field(text: str) -> str:
    """A CSV field, quoted when it holds a quote, comma or line break."""
    if any(ch in text for ch in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_cell(text: str) -> str:
    """A CSV field for a value. One that a spreadsheet would run as a formula (it starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and is no number) gets a
    ``'`` before it and quotes around it, as OWASP advises against CSV injection."""
    if not text or text[0] not in _FORMULA_STARTS or _NUMBER.fullmatch(text):
        return _csv_field(text)
    return "\"'" + text.replace('"', '""') + '"'


def _write_json(names: list[str], solutions: Iterable[Any], output: IO[bytes]) -> int:
    """SPARQL 1.1 JSON, one binding at a time."""
    head = json.dumps({"vars": names}, separators=(",", ":"), ensure_ascii=False)
    output.write(f'{{"head":{head},"results":{{"bindings":['.encode())
    count = 0
    for solution in solutions:
        binding = {
            name: _json_term(term)
            for name, term in zip(names, solution, strict=True)
            if term is not None
        }
        text = json.dumps(binding, separators=(",", ":"), ensure_ascii=False)
        output.write((b"," if count else b"") + text.encode("utf-8"))
        count += 1
    output.write(b"]}}")
    return count


def _json_term(term: object) -> dict[str, Any]:
    """One term in SPARQL 1.1 JSON."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        found: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            found["datatype"] = term.datatype.value
        return found
    return {"type": "triple", "value": str(term)}


def _write_table(
    names: list[str],
    solutions: Iterable[Any],
    output: IO[bytes],
    prefixes: dict[str, str],
    max_width: int,
) -> int:
    """An aligned text table with a header, a rule and a row count.

    Column widths come from the first ``TABLE_BLOCK`` rows, which are printed
    together; later rows are printed as they come, in those widths.
    """
    ordered = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    rows = ([_cell(term, ordered, max_width) for term in solution] for solution in solutions)
    first = list(islice(rows, TABLE_BLOCK))
    widths = [max([len(name), *(len(row[i]) for row in first)]) for i, name in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"

    output.write((line(names) + "  ".join("-" * w for w in widths) + "\n").encode("utf-8"))
    output.write("".join(line(row) for row in first).encode("utf-8"))
    count = len(first)
    for row in rows:
        output.write(line(row).encode("utf-8"))
        count += 1
    output.write(f"({count} row{'' if count == 1 else 's'})\n".encode())
    return count


def printable(text: str) -> str:
    """``text`` with control characters (terminal escapes among them) shown as U+FFFD, so
    that data printed to a terminal cannot drive it; line breaks stay."""
    return _CONTROL.sub("\ufffd", text)


def _cell(term: object, prefixes: list[tuple[str, str]], max_width: int) -> str:
    """One term as a short line of text: prefixed name, <IRI>, literal value or _:blank."""
    if term is None:
        text = ""
    elif isinstance(term, NamedNode):
        text = _shorten(term.value, prefixes)
    elif isinstance(term, BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, Literal):
        text = printable(_WS.sub(" ", term.value).strip())
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
