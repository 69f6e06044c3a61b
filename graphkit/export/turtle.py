"""Turtle written straight from N-Triples lines, byte for byte as Oxigraph writes it.

Parsing the lines with Oxigraph and serializing them again was most of the time
of ``graph.ttl``. The lines graphkit generates are simple (IRIs and literals, no
blank nodes, one triple per line, grouped by subject), so each one is rewritten
here term by term with the rules of Oxigraph's Turtle serializer: the prelude of
``@prefix`` lines as Oxigraph orders it, the first prefix (in that order) under
which an IRI's local name can be written, ``a`` for ``rdf:type``, bare numbers and
booleans, ``;`` between predicates of one subject and ``,`` between objects of one
predicate. Tests compare the bytes with Oxigraph's on the sample and on terms
chosen to hit every rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from graphkit.errors import GraphkitError

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD = "http://www.w3.org/2001/XMLSchema#"

_BARE: dict[str, re.Pattern[str]] = {
    f"<{_XSD}boolean>": re.compile(r"(?:true|false)\Z"),
    f"<{_XSD}integer>": re.compile(r"[+-]?[0-9]+\Z"),
    f"<{_XSD}decimal>": re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    f"<{_XSD}double>": re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+\Z"),
}
"""Datatypes whose literals Turtle writes bare, when the lexical form has this shape."""

_ESCAPED_IN_NAME = frozenset("_~.-!$&'()*+,;=/?#@%")
"""Characters a local name may hold only escaped with a backslash."""

_PLAIN_NAME = re.compile(r"[A-Za-z0-9_:](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_:-])?\Z")
"""Local names of ASCII letters, digits and ``_:-.`` that need no escape (most of them)."""

_SLASHED_NAME = re.compile(r"[A-Za-z0-9_:/%](?:[A-Za-z0-9_:./%-]*[A-Za-z0-9_:/%-])?\Z")
"""Local names that are plain but for ``/`` and ``%``, which are escaped wherever they stand
(a result's or an encoded entity's, ``result/<paper>/<place>``)."""

_SLASH_ESCAPES = str.maketrans({"/": "\\/", "%": "\\%"})

_TO_FIX = re.compile(r"[\\\ufffe\uffff]")
_FIXES = re.compile(r"\\u0008|\\u000C|\\\\|[\ufffe\uffff]")
_FIXED = {"\\u0008": "\\b", "\\u000C": "\\f", "\ufffe": "\\uFFFE", "\uffff": "\\uFFFF"}
"""Where the escapes of graphkit's N-Triples strings differ from those Oxigraph writes."""

_CHUNK = 4096
"""Lines converted per piece of text yielded."""

_HEADS = 1 << 12
"""IRIs up to their last ``/`` or ``#`` whose prefixes a writer keeps."""


_NAME_BASE = (
    (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
    (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
)  # fmt: skip
"""The code point ranges of PN_CHARS_BASE beyond ASCII letters."""


def _name_start(c: str) -> bool:
    """PN_CHARS_U: a letter of PN_CHARS_BASE or ``_``."""
    if "A" <= c <= "Z" or "a" <= c <= "z" or c == "_":
        return True
    o = ord(c)
    return any(low <= o <= high for low, high in _NAME_BASE)


def _name_char(c: str) -> bool:
    """PN_CHARS: PN_CHARS_U, ``-``, digits, U+00B7 and two combining ranges."""
    o = ord(c)
    return (
        _name_start(c)
        or c == "-"
        or "0" <= c <= "9"
        or o == 0xB7
        or 0x300 <= o <= 0x36F
        or 0x203F <= o <= 0x2040
    )


def local_name(value: str) -> str | None:
    """``value`` as the local part of a prefixed name, escaped as Oxigraph does; None if it
    cannot be one."""
    if _PLAIN_NAME.match(value):
        return value
    if _SLASHED_NAME.match(value):
        return value.translate(_SLASH_ESCAPES)
    out = []
    last = len(value) - 1
    for index, c in enumerate(value):
        if index == 0:
            plain = _name_start(c) or c == ":" or "0" <= c <= "9"
        else:
            plain = _name_char(c) or c == ":" or (c == "." and index < last)
        if plain:
            out.append(c)
        elif c in _ESCAPED_IN_NAME:
            out.append("\\" + c)
        else:
            return None
    return "".join(out)


def prelude(prefixes: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """The ``@prefix`` lines Oxigraph writes for ``prefixes``, and the prefixes in that order
    (the order in which IRIs are tried against them)."""
    probe = Triple(NamedNode("urn:x"), NamedNode("urn:x"), Literal(""))
    text = serialize([probe], format=RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    lines = [line for line in text.splitlines(keepends=True) if line.startswith("@prefix ")]
    ordered = []
    for line in lines:
        name, _, rest = line[len("@prefix ") :].partition(": <")
        ordered.append((name, rest[: -len("> .\n")]))
    return "".join(lines), ordered


class TurtleWriter:
    """Rewrites graphkit's N-Triples lines as Turtle; :meth:`convert` yields the text.

    ``iri`` writes an IRI term (``<...>``) as this writer writes it: a prefixed name where
    one fits (cached)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.header, self._prefixes = prelude(prefixes)
        self.iri = lru_cache(maxsize=1 << 17)(self._iri_uncached)
        self._heads: dict[str, list[tuple[str, str]]] = {}
        self._term = lru_cache(maxsize=1 << 17)(self._term_uncached)
        self._verbs = {_RDF_TYPE: "a"}

    def _iri_uncached(self, term: str) -> str:
        """An IRI term (``<...>``) as a prefixed name where one fits, else as it is."""
        iri = term[1:-1]
        # a namespace ending in / or # is a start of the IRI only if it is one of its head
        head = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
        prefixes = self._heads.get(head)
        if prefixes is None:
            prefixes = [
                (name, start)
                for name, start in self._prefixes
                if head.startswith(start) or start[-1:] not in ("/", "#")
            ]
            if len(self._heads) >= _HEADS:
                self._heads.clear()
            self._heads[head] = prefixes
        for name, start in prefixes:
            if iri.startswith(start):
                rest = iri[len(start) :]
                if not rest:
                    return f"{name}:"
                escaped = local_name(rest)
                if escaped is not None:
                    return f"{name}:{escaped}"
        return term

    def _term_uncached(self, term: str) -> str:
        """An object that is no plain string: an IRI or a literal with a datatype."""
        if term[0] == "<":
            return self.iri(term)
        if term[0] != '"':
            raise GraphkitError(f"cannot write this RDF term as Turtle: {term[:80]!r}")
        split = term.rindex('"^^<') + 1
        value, datatype = term[:split], term[split + 2 :]
        bare = _BARE.get(datatype)
        if bare is not None and bare.match(value, 1, len(value) - 1):
            return value[1:-1]
        return f"{_string(value)}^^{self.iri(datatype)}"

    def convert(self, lines: Iterable[str]) -> Iterator[str]:
        """The Turtle document of ``lines`` (N-Triples, grouped by subject, with or without
        their line ends), in pieces."""
        yield self.header
        yield from self.statements(lines)

    def statements(self, lines: Iterable[str]) -> Iterator[str]:
        """The statements of the Turtle document of ``lines``, without the ``@prefix`` lines.

        Each subject's statement ends its line, so the statements of two runs of lines
        whose subjects differ where they meet, joined, are those of the lines joined."""
        subject = predicate = None
        out: list[str] = []
        iri, term, to_fix, verbs = self.iri, self._term, _TO_FIX.search, self._verbs
        for line in lines:
            s, p, o = line.split(" ", 2)
            o = o.rstrip("\n .")
            if o[0] != '"' or o[-1] != '"':
                o = term(o)
            elif to_fix(o) is not None:
                o = _string(o)
            if s == subject:
                if p == predicate:
                    out.append(" , " + o)
                    continue
                predicate = p
                verb = verbs.get(p) or verbs.setdefault(p, iri(p))
                out.append(f" ;\n\t{verb} {o}")
                continue
            if subject is not None:
                out.append(" .\n")
                if len(out) >= _CHUNK:
                    yield "".join(out)
                    out = []
            subject, predicate = s, p
            verb = verbs.get(p) or verbs.setdefault(p, iri(p))
            out.append(f"{iri(s)} {verb} {o}")
        if subject is not None:
            out.append(" .\n")
        yield "".join(out)

    def term(self, term: str) -> str:
        """An object of N-Triples (an IRI or a literal) as this writer writes it."""
        if term[0] != '"' or term[-1] != '"':
            return self._term(term)
        return term if _TO_FIX.search(term) is None else _string(term)

    def runs(self, runs: Iterable[tuple[str, Iterable[tuple[str, str]]]]) -> Iterator[str]:
        """:meth:`statements` of runs of triples of one subject each (none empty): the
        subject and the (predicate, object) pairs, subjects and predicates as N-Triples
        terms, objects already as :meth:`term` writes them."""
        subject = predicate = None
        out: list[str] = []
        iri, verbs = self._iri_uncached, self._verbs
        for s, pairs in runs:
            if s != subject:
                if subject is not None:
                    out.append(" .\n")
                    if len(out) >= _CHUNK:
                        yield "".join(out)
                        out = []
                subject, predicate, glue = s, None, " "
                out.append(iri(s))
            for p, o in pairs:
                if p == predicate:
                    out.append(" , " + o)
                    continue
                predicate = p
                verb = verbs.get(p) or verbs.setdefault(p, self.iri(p))
                out.append(f"{glue}{verb} {o}")
                glue = " ;\n\t"
        if subject is not None:
            out.append(" .\n")
        yield "".join(out)


def _string(term: str) -> str:
    """A quoted string of graphkit's N-Triples with Oxigraph's escapes."""
    return _FIXES.sub(lambda m: _FIXED.get(m.group(), m.group()), term)
