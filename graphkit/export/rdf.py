"""RDF export: the graph (docs/graph-model.md) as triples under the graphkit ontology.

The graph is turned into a stream of N-Triples lines in a fixed order,
grouped by subject. N-Triples is written straight from that stream, and Turtle
rewritten from it line by line (:mod:`graphkit.export.turtle`, the bytes Oxigraph
would write); the other formats, and stores, parse it with Oxigraph, so memory
stays flat.

Each paper -> entity edge becomes one direct triple plus one ``gk:Evidence``
node per evidence record, which reifies that triple (``rdf:subject``,
``rdf:predicate``, ``rdf:object``) and carries the sentence, offsets, field
and rule, ``prov:wasDerivedFrom`` the paper.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from pyoxigraph import RdfFormat, parse, serialize

from graphkit import __version__
from graphkit.atomic import atomic_write
from graphkit.errors import GraphkitError
from graphkit.export import namespaces as ns
from graphkit.export.iri import IriMinter, arxiv_page, vocabulary_iri, web_iri
from graphkit.export.rdfxml import xml_safe_lines
from graphkit.export.results_rdf import result_iri, result_lines
from graphkit.export.turtle import TurtleWriter
from graphkit.graph import schema
from graphkit.graph.results import paper_results, result_record
from graphkit.graph.schema import REPORTS_RESULT

if TYPE_CHECKING:
    import networkx as nx

FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "xml": RdfFormat.RDF_XML,
}
"""RDF formats by the names ``graphkit export --format`` takes."""

QUAD_FORMATS = frozenset({"nq", "trig"})
"""Formats that put the data in a named graph (``<base>graph/<name>``)."""

PAPER_RELATIONS = frozenset(schema.PAPER_RELATIONS)
ENTITY_RELATIONS = frozenset({"co_occurs", "implements"})

_CHUNK = 4096
"""Lines per write when streaming N-Triples."""

SEPARATE_PROCESS_EDGES = 50_000
"""Graphs with more edges than this are serialized (Turtle, TriG, JSON-LD) by a second process."""

_ESCAPES = {
    **{i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)},
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f\ud800-\udfff]')
_TURTLE_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f\ud800-\udfff\ufffe\uffff]')
"""Characters of a string that N-Triples or Turtle (:class:`TurtleWriter`) write escaped."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^\d{4}$")


def _iri(value: str) -> str:
    """An IRI term in N-Triples syntax."""
    return f"<{value}>"


def _gk(name: str) -> str:
    return _iri(ns.GK + name)


_TYPE = _iri(ns.RDF + "type")
_SUBJECT = _iri(ns.RDF + "subject")
_PREDICATE = _iri(ns.RDF + "predicate")
_OBJECT = _iri(ns.RDF + "object")
_PREF_LABEL = _iri(ns.SKOS + "prefLabel")
_ALT_LABEL = _iri(ns.SKOS + "altLabel")
_EXACT_MATCH = _iri(ns.SKOS + "exactMatch")
_DC_TITLE = _iri(ns.PREFIXES["dcterms"] + "title")
_DC_ABSTRACT = _iri(ns.PREFIXES["dcterms"] + "abstract")
_SCHEMA_NAME = _iri(ns.PREFIXES["schema"] + "name")
"""Standard properties written beside graphkit's own, so that linked-data clients find titles,
abstracts and names without inference."""
_DERIVED_FROM = _iri(ns.PROV + "wasDerivedFrom")
_GENERATED_BY = _iri(ns.PROV + "wasGeneratedBy")
_ENDED_AT = _iri(ns.PROV + "endedAtTime")
_CLASS = {kind: _iri(node.value) for kind, node in ns.CLASS_OF_TYPE.items()}
_PROPERTY = {rel: _iri(node.value) for rel, node in ns.PROPERTY_OF_RELATION.items()}
_PROPERTY[REPORTS_RESULT] = _gk("reportsResult")
_P = {
    name: _gk(name)
    for name in (
        "identifier",
        "title",
        "abstract",
        "issued",
        "dateText",
        "arxivId",
        "arxivPage",
        "url",
        "doi",
        "authorName",
        "authorCount",
        "source",
        "hasOfficialCode",
        "vocabularyId",
        "paperCount",
        "mentionText",
        "field",
        "startOffset",
        "endOffset",
        "sentence",
        "rule",
        "softwareVersion",
    )
}
_EVIDENCE = _gk("Evidence")
_RUN = _gk("ExtractionRun")
_XSD_INTEGER = _iri(ns.XSD + "integer")


def relation_property(relation: str) -> str:
    """The property (an N-Triples IRI term) of the triples of ``relation``'s edges."""
    return _PROPERTY[relation]


def _string(text: str) -> str:
    """An xsd:string literal in N-Triples syntax; lone surrogates become U+FFFD."""
    if _NEEDS_ESCAPE.search(text):
        text = _SURROGATE.sub("\ufffd", text).translate(_ESCAPES)
    return f'"{text}"'


def _integer(value: int) -> str:
    return f'"{int(value)}"^^{_XSD_INTEGER}'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{ns.XSD}{datatype}>'


def iter_ntriples(
    graph: nx.MultiDiGraph,
    *,
    base_iri: str | None = None,
    run_metadata: bool = False,
    now: dt.datetime | None = None,
) -> Iterator[str]:
    """Yield the triples of ``graph`` as N-Triples lines, in a fixed order, grouped by subject.

    ``run_metadata`` adds a ``gk:ExtractionRun`` with the graphkit version and
    the time of the export (``now``, default the current UTC time), and links
    every evidence node to it with ``prov:wasGeneratedBy``; it is off by
    default so that reruns are byte-identical.
    """
    minter = IriMinter(base_iri)
    run = _iri(minter.run()) if run_metadata else None
    if run is not None:
        version = str(graph.graph.get("created_by") or f"graphkit {__version__}")
        stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
        yield f"{run} {_TYPE} {_RUN} .\n"
        yield f"{run} {_P['softwareVersion']} {_string(version)} .\n"
        yield f"{run} {_ENDED_AT} {_typed(stamp, 'dateTime')} .\n"
    iris: dict[str, str] = {}

    def iri_of(key: str) -> str:
        found = iris.get(key)
        if found is None:
            found = iris[key] = node_iri(minter, key, graph.nodes[key])
        return found

    for key, attrs in graph.nodes(data=True):
        kind = attrs.get("type")
        if kind == schema.PAPER:
            runs = paper_runs(graph, key, attrs, iri_of(key), iri_of, minter, run)
            yield from run_lines(runs)
        elif kind != schema.RESULT:
            edges = ((target, relation) for _, target, relation in graph.out_edges(key, keys=True))
            yield from entity_lines(key, attrs, iri_of(key), edges, iri_of)


def node_iri(minter: IriMinter, key: str, attrs: dict[str, Any]) -> str:
    """The IRI of a node: a paper by its id, an entity by its id (a repository by its URL)."""
    kind = attrs.get("type")
    if kind not in _CLASS:
        raise GraphkitError(f"graph node {key!r} has unknown type {kind!r}")
    try:
        if kind == "paper":
            return _iri(minter.paper(_paper_id(key, attrs)))
        return _iri(minter.entity(key, attrs.get("url")))
    except ValueError as exc:
        raise GraphkitError(f"graph node {key!r}: {exc}") from exc


def _paper_id(key: str, attrs: dict[str, Any]) -> str:
    return str(attrs.get("id") or key.partition("/")[2])


class Terms:
    """How objects are written: here as N-Triples terms; :class:`TurtleTerms` as Turtle."""

    @staticmethod
    def term(term: str) -> str:
        """An N-Triples object term (an IRI or a literal) as these terms write it."""
        return term

    iri = term

    @staticmethod
    def string(text: str) -> str:
        """An xsd:string literal."""
        return _string(text)

    @staticmethod
    def integer(value: int) -> str:
        """An xsd:integer literal."""
        return _integer(value)


class TurtleTerms(Terms):
    """Objects as ``writer`` writes them in Turtle (for :meth:`TurtleWriter.runs`)."""

    def __init__(self, writer: TurtleWriter) -> None:
        self.writer = writer
        self.term = writer.term  # type: ignore[method-assign]
        self.iri = writer.iri  # type: ignore[method-assign]
        self._integers: dict[int, str] = {}

    def string(self, text: str) -> str:  # type: ignore[override]
        if _TURTLE_ESCAPE.search(text) is None:
            return f'"{text}"'
        return self.writer.term(_string(text))

    def integer(self, value: int) -> str:  # type: ignore[override]
        found = self._integers.get(value)
        if found is None:
            if len(self._integers) >= _INTEGERS:
                self._integers.clear()
            found = self._integers[value] = self.writer.term(_integer(value))
        return found


_INTEGERS = 1 << 16
"""Integers (evidence offsets, mostly) whose literal :class:`TurtleTerms` keeps."""

_NTRIPLES = Terms()

Run = tuple[str, list[tuple[str, str]]]
"""Triples of one subject: the subject and its (predicate, object) pairs."""


def run_lines(runs: Iterable[Run]) -> Iterator[str]:
    """The N-Triples lines of ``runs`` (their objects N-Triples terms)."""
    for subject, pairs in runs:
        for p, o in pairs:
            yield f"{subject} {p} {o} .\n"


def paper_runs(
    graph: nx.MultiDiGraph,
    key: str,
    attrs: dict[str, Any],
    s: str,
    iri_of: Any,
    minter: IriMinter,
    run: str | None,
    terms: Terms = _NTRIPLES,
) -> list[Run]:
    """The triples about one paper, its edges, then its evidence nodes, as runs of one
    subject (:func:`run_lines` writes them as N-Triples), the objects written by ``terms``
    (for a writer of Turtle, :class:`TurtleTerms`: :meth:`TurtleWriter.runs` then neither
    splits lines nor converts terms)."""
    title = str(attrs.get("title") or "")
    if not title.strip():
        raise GraphkitError(f"graph node {key!r}: a paper needs a non-empty title")
    string, integer, iri = terms.string, terms.integer, terms.iri
    title, abstract = string(title), string(str(attrs.get("abstract") or ""))
    pairs = [
        (_TYPE, iri(_CLASS["paper"])),
        (_P["identifier"], string(_paper_id(key, attrs))),
        (_P["title"], title),
        (_P["abstract"], abstract),
        (_DC_TITLE, title),
        (_SCHEMA_NAME, title),
        (_DC_ABSTRACT, abstract),
    ]
    if attrs.get("date"):
        p, o = _date(str(attrs["date"]))
        pairs.append((p, terms.term(o)))
    if attrs.get("arxiv_id"):
        arxiv = str(attrs["arxiv_id"])
        pairs.append((_P["arxivId"], string(arxiv)))
        page = arxiv_page(arxiv)
        if page:
            pairs.append((_P["arxivPage"], iri(_iri(page))))
    url = web_iri(str(attrs["url"])) if attrs.get("url") else None
    if url:
        pairs.append((_P["url"], iri(_iri(url))))
    if attrs.get("doi"):
        pairs.append((_P["doi"], string(str(attrs["doi"]))))
    for author in attrs.get("authors") or ():
        pairs.append((_P["authorName"], string(str(author))))
    if attrs.get("author_count") is not None:
        pairs.append((_P["authorCount"], integer(attrs["author_count"])))
    if attrs.get("source"):
        pairs.append((_P["source"], string(str(attrs["source"]))))
    runs: list[Run] = [(s, pairs)]
    statements = []
    for target, keyed in graph._succ[key].items():
        for relation, data in keyed.items():
            if relation == REPORTS_RESULT:
                continue
            if relation not in PAPER_RELATIONS:
                raise GraphkitError(
                    f"graph edge {key!r} -> {target!r}: unknown relation {relation!r}"
                )
            o = iri_of(target)
            written = iri(o)
            pairs.append((_PROPERTY[relation], written))
            if relation == "has_code" and data.get("proposed"):
                pairs.append((_P["hasOfficialCode"], written))
            statements.append((target, relation, o, data.get("evidence") or ()))
    seen: set[str] = set()
    evidence = _EvidenceWriter(minter, key, s, run, terms)
    for target, relation, o, records in statements:
        for record in records:
            node = evidence(target, relation, o, record)
            if node[0] not in seen:
                seen.add(node[0])
                runs.append(node)
    for result in paper_results(graph, key):
        record = result_record(graph, result)
        r = result_iri(minter, _paper_id(key, attrs), record)
        runs.append((s, [(_PROPERTY[REPORTS_RESULT], iri(r))]))
        lines = result_lines(key, r, record, iri_of, graph.has_node, _string)
        runs.append((r, [(p, terms.term(o)) for _, p, o in (x[:-3].split(" ", 2) for x in lines)]))
        runs.append(evidence(r, REPORTS_RESULT, r, record))
    return runs


class _EvidenceWriter:
    """The ``gk:Evidence`` nodes of one paper's statements, objects written by ``terms``;
    the literals its records repeat (sentences, fields, rules) are written once."""

    def __init__(self, minter: IriMinter, key: str, s: str, run: str | None, terms: Terms) -> None:
        self.minter, self.key, self.terms = minter, key, terms
        iri = terms.iri
        self.s, self.type = iri(s), iri(_EVIDENCE)
        self.run = None if run is None else iri(run)
        self.strings: dict[str, str] = {}

    def _string(self, text: str) -> str:
        found = self.strings.get(text)
        if found is None:
            found = self.strings[text] = self.terms.string(text)
        return found

    def __call__(self, target: str, relation: str, o: str, record: dict[str, Any]) -> Run:
        """One node: the reified statement, its sentence, offsets, field and rule."""
        try:
            field, start, end = str(record["field"]), int(record["start"]), int(record["end"])
            sentence, rule = str(record["sentence"]), str(record["rule"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GraphkitError(
                f"graph edge {self.key!r} -{relation}-> {target!r}: bad evidence record {record!r}"
            ) from exc
        terms, string, s = self.terms, self._string, self.s
        ev = _iri(self.minter.evidence(self.key, relation, target, field, start, end, rule))
        pairs = [
            (_TYPE, self.type),
            (_SUBJECT, s),
            (_PREDICATE, terms.iri(_PROPERTY[relation])),
            (_OBJECT, terms.iri(o)),
        ]
        if record.get("text") is not None:
            pairs.append((_P["mentionText"], string(str(record["text"]))))
        pairs += (
            (_P["field"], string(field)),
            (_P["startOffset"], terms.integer(start)),
            (_P["endOffset"], terms.integer(end)),
            (_P["sentence"], string(sentence)),
            (_P["rule"], string(rule)),
            (_DERIVED_FROM, s),
        )
        if self.run is not None:
            pairs.append((_GENERATED_BY, self.run))
        return ev, pairs


def entity_lines(
    key: str,
    attrs: dict[str, Any],
    s: str,
    edges: Iterable[tuple[str, str]],
    iri_of: Any,
) -> list[str]:
    """The triples about one entity (labels, vocabulary match) and its entity -> entity
    ``edges`` (target, relation), in the order given."""
    kind = attrs["type"]
    name = str(attrs.get("name") or "").strip()
    if not name:
        raise GraphkitError(f"graph node {key!r}: an entity needs a non-empty name")
    lines = [
        f"{s} {_TYPE} {_CLASS[kind]} .\n",
        f"{s} {_P['identifier']} {_string(key)} .\n",
        f"{s} {_PREF_LABEL} {_string(name)} .\n",
        f"{s} {_SCHEMA_NAME} {_string(name)} .\n",
    ]
    seen = {name}
    for alias in attrs.get("aliases") or ():
        alias = str(alias)
        if alias and alias not in seen:
            seen.add(alias)
            lines.append(f"{s} {_ALT_LABEL} {_string(alias)} .\n")
    if attrs.get("vocab_id"):
        lines.append(f"{s} {_P['vocabularyId']} {_string(str(attrs['vocab_id']))} .\n")
    if kind != "repo":
        match = vocabulary_iri(kind, attrs.get("url"), attrs.get("vocab_id"))
        if match:
            lines.append(f"{s} {_EXACT_MATCH} {_iri(match)} .\n")
    if attrs.get("paper_count") is not None:
        lines.append(f"{s} {_P['paperCount']} {_integer(attrs['paper_count'])} .\n")
    for target, relation in edges:
        if relation not in ENTITY_RELATIONS:
            raise GraphkitError(f"graph edge {key!r} -> {target!r}: unknown relation {relation!r}")
        lines.append(f"{s} {_PROPERTY[relation]} {iri_of(target)} .\n")
    return lines


def _date(text: str) -> tuple[str, str]:
    """``gk:issued`` typed xsd:date, gYearMonth or gYear when ISO, else ``gk:dateText``: the
    predicate and the object."""
    value = text.strip()
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return _P["issued"], _typed(value, "date")
    if _YEAR_MONTH.match(value):
        return _P["issued"], _typed(value, "gYearMonth")
    if _YEAR.match(value):
        return _P["issued"], _typed(value, "gYear")
    return _P["dateText"], _string(text)


class _LineStream(io.RawIOBase):
    """A binary reader over a stream of text lines, so that Oxigraph can parse them lazily."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._buffer = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        if self._pos >= len(self._buffer):
            self._buffer = "".join(itertools.islice(self._lines, _CHUNK)).encode("utf-8")
            self._pos = 0
        count = min(len(target), len(self._buffer) - self._pos)
        target[:count] = self._buffer[self._pos : self._pos + count]
        self._pos += count
        return count


def ntriples_stream(
    graph: nx.MultiDiGraph, *, base_iri: str | None = None, run_metadata: bool = False
) -> IO[bytes]:
    """``graph`` as a lazily generated N-Triples byte stream (for ``Store.load`` and parsers)."""
    lines = iter_ntriples(graph, base_iri=base_iri, run_metadata=run_metadata)
    return io.BufferedReader(_LineStream(lines), buffer_size=1 << 16)


def export_rdf(
    graph: nx.MultiDiGraph,
    output: IO[bytes],
    format: str = "ttl",
    *,
    base_iri: str | None = None,
    run_metadata: bool = False,
    name: str | None = None,
    separate_process: bool | None = None,
) -> int:
    """Serialize ``graph`` to the binary stream ``output``; return the number of triples.

    ``name`` names the graph in quad formats (default: the graph's ``name``
    attribute, else ``graph``). ``separate_process`` has Turtle, TriG and JSON-LD
    serialized by a second process while this one generates the triples (default:
    for graphs of more than :data:`SEPARATE_PROCESS_EDGES` edges written to a file);
    the bytes are the same either way.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; choose from {', '.join(FORMATS)}")
    minter = IriMinter(base_iri)
    lines = iter_ntriples(graph, base_iri=minter.base, run_metadata=run_metadata)
    if format in QUAD_FORMATS:
        target = f" {_iri(minter.graph(name or graph_name(graph)))} .\n"
        lines = (line[:-3] + target for line in lines)
    if format == "xml":
        lines = xml_safe_lines(lines)
    count = 0
    if format in ("nt", "nq"):
        while chunk := list(itertools.islice(lines, _CHUNK)):
            count += len(chunk)
            output.write("".join(chunk).encode("utf-8"))
        return count

    def counted() -> Iterator[str]:
        nonlocal count
        for line in lines:
            count += 1
            yield line

    prefixes = ns.data_prefixes(minter.base)
    if separate_process is None:
        separate_process = graph.number_of_edges() > SEPARATE_PROCESS_EDGES
    if separate_process and _has_fileno(output):
        return _serialize_in_child(lines, output, format, prefixes)
    if format == "ttl":
        for text in TurtleWriter(prefixes).convert(counted()):
            output.write(text.encode("utf-8"))
        return count
    quads = parse(io.BufferedReader(_LineStream(counted()), buffer_size=1 << 16), _source(format))
    serialize(quads, output, FORMATS[format], prefixes=prefixes)
    return count


def _source(format: str) -> RdfFormat:
    """The line format the triples of ``format`` are generated in."""
    return RdfFormat.N_QUADS if format in QUAD_FORMATS else RdfFormat.N_TRIPLES


def _has_fileno(output: IO[bytes]) -> bool:
    try:
        output.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _serialize_in_child(
    lines: Iterator[str], output: IO[bytes], format: str, prefixes: dict[str, str]
) -> int:
    """Serialize through a second Python process; return the number of triples.

    Generating the lines and Oxigraph's parse and serialize each take about
    half of the time, and both hold the interpreter lock. Here this process
    generates the lines into a pipe while the child parses them and writes
    ``format`` straight into ``output``, so the two halves run on two cores
    with flat memory. The bytes are those of the in-process path.
    """
    output.flush()
    command = [
        sys.executable,
        "-c",
        "from graphkit.export.rdf import serve_conversion; serve_conversion()",
        format,
        json.dumps(prefixes),
    ]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=output, stderr=subprocess.PIPE)
    count = 0
    try:
        try:
            while chunk := list(itertools.islice(lines, _CHUNK)):
                count += len(chunk)
                child.stdin.write("".join(chunk).encode("utf-8"))  # type: ignore[union-attr]
        except BrokenPipeError:
            pass  # the child stopped early: its error is reported below
        _, errors = child.communicate()
    except BaseException:
        child.kill()
        child.wait()
        raise
    if child.returncode:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        raise GraphkitError(f"RDF serialization failed: {message[-1] if message else 'no reason'}")
    return count


def serve_conversion() -> None:
    """The child of :func:`_serialize_in_child`: N-Triples or N-Quads lines on standard input
    to the format named by the first argument on standard output, with the prefixes (JSON)
    of the second."""
    format, prefixes = sys.argv[1], json.loads(sys.argv[2])
    if format == "ttl":
        for text in TurtleWriter(prefixes).convert(_stdin_lines()):
            sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        quads = parse(sys.stdin.buffer, _source(format))
        serialize(quads, sys.stdout.buffer, FORMATS[format], prefixes=prefixes)
    sys.stdout.buffer.flush()


def _stdin_lines() -> Iterator[str]:
    """The lines of standard input (split at ``\\n`` only), read and decoded a block at a time:
    a text stream read line by line took a third of the child's time."""
    rest = b""
    while block := sys.stdin.buffer.read1(1 << 20):
        block = rest + block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        lines = block[:cut].decode("utf-8").split("\n")
        lines.pop()
        yield from lines
    if rest:
        yield rest.decode("utf-8")


def write_rdf(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    format: str = "ttl",
    *,
    base_iri: str | None = None,
    run_metadata: bool = False,
    name: str | None = None,
    separate_process: bool | None = None,
) -> int:
    """Write ``graph`` as RDF to ``path`` atomically (``graph.ttl`` of ``graphkit build``).

    Returns the number of triples written. See :func:`export_rdf` for the options.
    """
    with atomic_write(path, "wb") as handle:
        return export_rdf(
            graph,
            handle,
            format,
            base_iri=base_iri,
            run_metadata=run_metadata,
            name=name,
            separate_process=separate_process,
        )


def graph_name(graph: nx.MultiDiGraph) -> str:
    """The dataset name of a graph: its ``name`` attribute, else ``graph``."""
    return str(graph.graph.get("name") or "graph")
