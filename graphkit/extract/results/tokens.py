"""A sentence as the result rules read it: words, entity mentions and numbers, one token each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.results.numbers import Number

WORD = re.compile(r"[^\W\d_][\w'^\-]*|\d[\w.,]*|[^\w\s]")
"""A word (letters first, hyphens and ``^`` kept: ``state-of-the-art``, ``R^2``), a run
starting with a digit, or one other character."""

NUM = "NUM"
"""The label of a number token."""

STOPS = frozenset(",;:()[]!?")
"""Punctuation that ends a cue window."""


@dataclass(frozen=True, slots=True)
class Token:
    """A word (``label`` empty), an entity mention (its label) or a number (``NUM``)."""

    start: int
    end: int
    word: str
    label: str = ""
    number: Number | None = None

    @property
    def stop(self) -> bool:
        """True for punctuation that ends a cue window."""
        return not self.label and self.word in STOPS


def tokenize(
    text: str, start: int, end: int, entities: list[tuple[int, int, str]], numbers: list[Number]
) -> list[Token]:
    """The tokens of ``text[start:end]``: each entity span and each number is one token,
    the text between is split into lower-cased words and punctuation."""
    spans: list[tuple[int, int, str, Number | None]] = [
        (s, e, label, None) for s, e, label in entities
    ]
    spans += [(n.start, n.end, NUM, n) for n in numbers]
    spans.sort(key=lambda span: span[0])
    tokens: list[Token] = []
    at = start
    for s, e, label, number in spans:
        if s < at:
            continue
        tokens += _words(text, at, s)
        tokens.append(Token(s, e, text[s:e].lower(), label, number))
        at = e
    tokens += _words(text, at, end)
    return tokens


def _words(text: str, start: int, end: int) -> list[Token]:
    return [
        Token(start + m.start(), start + m.end(), m.group().lower())
        for m in WORD.finditer(text[start:end])
    ]
