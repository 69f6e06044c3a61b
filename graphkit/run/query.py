"""Run one SPARQL query with limits: in a child process that a time limit or Ctrl-C stops,
its rows streamed back as they come, at most ``limit`` of them, and no outbound requests
(``SERVICE``) unless asked for.

Oxigraph evaluates a query in native code that neither a signal handler nor a
timer can interrupt, so the query runs in a process of its own, which is
killed when time is up or the user presses Ctrl-C.
"""

from __future__ import annotations

import multiprocessing
import re
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import IO

from graphkit.errors import GraphkitError, InputError

DEFAULT_TIMEOUT = 60.0
"""Seconds a query may run before it is stopped."""

_FLUSH_BYTES = 1 << 16
_FLUSH_SECONDS = 0.1
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![?$\w:-])SERVICE(?![\w:-])", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*<>\s*)*", re.IGNORECASE)
_UPDATE = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


class QueryTimeout(GraphkitError):
    """A query that ran longer than its time limit."""


@dataclass(frozen=True)
class QueryJob:
    """One query and what it runs over: a store directory, or a graph file loaded for it."""

    sparql: str
    source: str
    store: str | None
    graph_file: str | None
    base_iri: str
    format: str
    limit: int | None = None


def _bare(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked, so keywords can be looked for."""

    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        return "<>" if text[0] == "<" else " " if text[0] == "#" else '""'

    return _LEXEMES.sub(blank, sparql)


def check_query(sparql: str, source: str, *, allow_service: bool = False) -> None:
    """Refuse updates (the query command is read-only) and, unless ``allow_service``,
    ``SERVICE`` clauses, which make the query engine send requests to other hosts."""
    bare = _bare(sparql)
    if _UPDATE.match(bare, _PROLOGUE.match(bare).end()):
        raise InputError(
            "this is a SPARQL update; graphkit query is read-only (load data with graphkit load)",
            source,
        )
    if not allow_service and _SERVICE.search(bare):
        raise InputError(
            "the query has a SERVICE clause, which would send requests to other hosts; "
            "give --allow-service to allow it",
            source,
        )


def run_job(job: QueryJob, output: IO[bytes], *, timeout: float | None = DEFAULT_TIMEOUT) -> int:
    """Run ``job`` in a child process, writing its results to ``output`` as they come; return
    the rows written.

    Raises :class:`QueryTimeout` after ``timeout`` seconds (None: no limit), the
    child's :class:`GraphkitError` when the query or its data is bad, and
    KeyboardInterrupt on Ctrl-C; the child is stopped in every case.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, sender), daemon=True)
    child.start()
    sender.close()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not receiver.poll(left):
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s and was stopped "
                    "(--timeout SECONDS sets the limit, 0 for none)"
                )
            try:
                kind, payload = receiver.recv()
            except EOFError:
                child.join()
                raise GraphkitError(
                    f"the query process ended unexpectedly (exit code {child.exitcode})"
                ) from None
            if kind == "data":
                output.write(payload)
                output.flush()
            elif kind == "done":
                return payload
            else:
                raise GraphkitError(payload)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


class _Sender:
    """A binary file-like that sends what is written to the parent, in chunks."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.buffer = bytearray()
        self.sent = time.monotonic()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= _FLUSH_BYTES or time.monotonic() - self.sent >= _FLUSH_SECONDS:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.connection.send(("data", bytes(self.buffer)))
            self.buffer.clear()
        self.sent = time.monotonic()


def _child(job: QueryJob, connection: Connection) -> None:
    """Run the query and send its results, then ``done`` with the row count, or ``error``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sender = _Sender(connection)
        rows = _answer(job, sender)
        sender.flush()
        connection.send(("done", rows))
    except GraphkitError as exc:
        connection.send(("error", str(exc)))
    except Exception as exc:
        connection.send(("error", f"the query failed: {type(exc).__name__}: {exc}"))
    finally:
        connection.close()


def _answer(job: QueryJob, output: _Sender) -> int:
    """Open the store or load the graph file, run the query and write its results."""
    from pyoxigraph import DefaultGraph

    from graphkit.commands._graph_file import read_graph
    from graphkit.export.results import write_results
    from graphkit.export.store import RDF_SUFFIXES, add_graph, load_rdf_file, open_store, run_query

    if job.store is not None:
        store = open_store(job.store, read_only=True)
    else:
        store = open_store(None)
        graph_file = str(job.graph_file)
        if graph_file.lower().endswith(tuple(RDF_SUFFIXES)):
            load_rdf_file(store, graph_file)
        else:
            add_graph(store, read_graph(graph_file).graph, DefaultGraph(), base_iri=job.base_iri)
    result = run_query(store, job.sparql, source=job.source)
    return write_results(result, output, job.format, base_iri=job.base_iri, limit=job.limit)
