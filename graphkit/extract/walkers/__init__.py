"""Walkers: the procedural part of the token rules, registered by name.

A rule of the rule table names its anchor (the token it starts from) and its
walker, which reads the words around the anchor and adds the spans it finds.
Walkers are registered like spaCy's registered functions and chosen in the
table by name::

    @walkers.register("method_phrase")
    def method_phrase(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None: ...

``Scan`` holds one doc's state: the doc, the word bits, the spans found so
far; its helpers are the steps walkers share (a name's extent, its modifiers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import catalogue
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from graphkit.extract import flags
from graphkit.extract.tokens import hyphen_after, hyphen_before
from graphkit.extract.wordbits import (
    ALPHA_BIT,
    CLAUSE_END,
    DESCRIBING,
    HYPHEN,
    HYPHEN_SUFFIX,
    JOINER,
    LOWER_BIT,
    NOT_MODIFIER,
    PART,
    STOP_BIT,
    TAIL,
    TITLE_BIT,
    TITLED_METHOD,
    VERB_BIT,
    WordBits,
)

if TYPE_CHECKING:
    from graphkit.extract.rules import Rule

walkers = catalogue.create("graphkit", "walkers", entry_points=True)
"""The registry of walkers, by name."""

Walker = Callable[["Rule", "Scan", int, Token, int], None]
"""A walker: called with the rule, the doc's scan, the anchor's index, the anchor token and
its word bits (a walker of capitalised runs: the rule, the scan, the run's start and end)."""

MAX_MODIFIERS = 3
"""How many content words a head word takes as modifiers."""

_LABEL_IDS: dict[str, int] = {}


def label_id(label: str) -> int:
    """The string-store id of a span label (a Span made from ids skips the look-ups)."""
    found = _LABEL_IDS.get(label)
    if found is None:
        found = _LABEL_IDS[label] = hash_string(label)
    return found


def _title_cased(doc: Doc) -> bool:
    """True for a title or heading: no final full stop and most words capitalised."""
    if len(doc) and doc[-1].text == ".":
        return False
    words, titled = doc.to_array([flags.WORD, flags.TITLE_WORD]).T.tolist()
    return titled.count(1) * 2 >= words.count(1) > 0


_SLASH = hash_string("/")
_STOP = hash_string(".")


def _listed(joiner: Token, after: Token) -> bool:
    """True for a slash between two names ("VOC/COCO", "OPT-175B/BLOOM"): a list, not one
    name; a slash before a number stays in the name ("UVG8/17")."""
    return joiner.orth == _SLASH and after.text[:1].isalpha()


def _glued_sentence(joiner: Token, after: Token) -> bool:
    """True for a full stop before a capitalised word ("ADE20K.Code"): a sentence that lost
    its space, not one name ("LLM.int8" is one)."""
    return joiner.orth == _STOP and after.is_title and after.is_alpha


class Scan:
    """One doc under the token rules: the doc, the word bits and the spans found so far."""

    __slots__ = ("_title_case", "doc", "known", "spans")

    def __init__(self, doc: Doc, known: WordBits, spans: list[Span]) -> None:
        self.doc = doc
        self.known = known
        self.spans = spans
        self._title_case: bool | None = None

    def add(self, start: int, end: int, label: str, rule: Rule) -> None:
        """Add the span ``start:end`` found by ``rule`` (when it is inside the doc)."""
        if 0 <= start < end <= len(self.doc):
            self.spans.append(Span(self.doc, start, end, label_id(label), span_id=rule.hash))

    def titled(self) -> bool:
        """True when the doc is a title or heading (computed once per doc)."""
        if self._title_case is None:
            self._title_case = _title_cased(self.doc)
        return self._title_case

    def opens_sentence(self, i: int) -> bool:
        """True when token ``i`` is the first of a sentence (or a clause after a colon)."""
        return i == 0 or bool(self.known[self.doc[i - 1].orth] & CLAUSE_END)

    def glued_hyphen(self, i: int, token: Token) -> bool:
        """True when token ``i`` (``token``) is a hyphen written against both its neighbours
        (its word bits are read first: most tokens are no hyphen)."""
        return (
            not token.whitespace_
            and bool(self.known[token.orth] & HYPHEN)
            and hyphen_after(self.doc, i - 1)
        )

    def name_extent(self, i: int, token: Token) -> tuple[int, int]:
        """Return the tokens of the name at ``i`` (``token``): the run of tokens written
        against it ("ImageNet-1K", "MobileNetV3-Large", "RelationNet++"; a slash before a word
        ends it, and so does a full stop before a capitalised word: "ADE20K.Code" is a
        missing space) and a following capitalised head word ("Swin Transformer")."""
        doc, known = self.doc, self.known
        n = len(doc)
        start, end = i, i + 1
        last = token
        while end < n and not last.whitespace_:
            token = doc[end]
            bits = known[token.orth]
            if bits & PART:
                end += 1
                last = token
            elif bits & JOINER and end + 1 < n and not token.whitespace_:
                after = doc[end + 1]
                bits = known[after.orth]
                if (
                    not bits & PART
                    or bits & HYPHEN_SUFFIX
                    or _listed(token, after)
                    or _glued_sentence(token, after)
                ):
                    break
                end += 2
                last = after
            elif bits & TAIL:
                end += 1
                last = token
            else:
                break
        while start > 0:
            token = doc[start - 1]
            if token.whitespace_:
                break
            bits = known[token.orth]
            if bits & PART:
                start -= 1
            elif bits & JOINER and start >= 2 and not (before := doc[start - 2]).whitespace_:
                if not known[before.orth] & PART or _listed(token, doc[start]):
                    break
                start -= 2
            else:
                break
        if end < n and known[doc[end].orth] & TITLED_METHOD == TITLED_METHOD:
            end += 1
        return start, end

    def modifiers(self, head: int, *, capitals: bool, gerunds: bool = False) -> int:
        """Return the first token of the modifiers before ``head`` (content words only, leading
        describing words dropped); a hyphenated compound is taken whole or not at all. With
        ``gerunds`` a verb's "-ing" form is a modifier too ("a query lifting module")."""
        doc, known = self.doc, self.known
        s = head
        words = 0
        after = 0  # the bits of token s (the head word first, which is no hyphen): a cheap
        # test before reading the tokens around a hyphen
        token = doc[s - 1] if s > 0 else None
        while token is not None and words < MAX_MODIFIERS:
            bits = known[token.orth]
            if not bits & (ALPHA_BIT | HYPHEN):
                break
            before = doc[s - 2] if s >= 2 else None
            if not bits & ALPHA_BIT:
                if before is None or token.whitespace_ or before.whitespace_:
                    break
            elif not (
                (after & HYPHEN and hyphen_after(doc, s - 1))
                or (s >= 3 and self.glued_hyphen(s - 2, before))
            ):
                if bits & NOT_MODIFIER and not (gerunds and _gerund(token, bits)):
                    break
                if not (
                    bits & LOWER_BIT
                    or capitals
                    or (bits & TITLE_BIT and (before is None or known[before.orth] & CLAUSE_END))
                ):
                    break
                words += 1
            s -= 1
            after = bits
            token = before
        while s < head and known[doc[s].orth] & (HYPHEN | DESCRIBING):
            s += 1
        while s < head and hyphen_before(doc, s):
            s += 1
            while s < head and not doc[s - 1].whitespace_:
                s += 1
        return s


def _gerund(token: Token, bits: int) -> bool:
    """True for the "-ing" form of a verb that is no stop word ("lifting", not "being")."""
    return bool(bits & VERB_BIT) and not bits & STOP_BIT and token.lower_.endswith("ing")


def walker(name: str) -> Walker:
    """The walker registered as ``name``."""
    from graphkit.extract.walkers import datasets, metrics, names, tasks  # noqa: F401

    return walkers.get(name)
