"""A sentence as the result rules read it: words, entity mentions and numbers, one token each.

Each token knows, from the word lists, which cue classes its word belongs to
(``cues``, a bit set) and which kind a cue before or after a number gives it,
so the rules test a bit rather than look words up. A plain word is the same
``Token`` object wherever it occurs (the last words met are kept), with no
offsets of its own: only mentions and numbers carry offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter

from graphkit.extract.results import words
from graphkit.extract.results.numbers import Number

WORD = re.compile(r"[^\W\d_][\w'^\-]*|\d[\w.,]*|[^\w\s]")
"""A word (letters first, hyphens and ``^`` kept: ``state-of-the-art``, ``R^2``), a run
starting with a digit, or one other character."""

NUM = "NUM"
"""The label of a number token."""

STOPS = frozenset(",;:()[]!?")
"""Punctuation that ends a cue window."""

(
    LINK,
    COMPARISON,
    SUBJECT_VERB,
    OURS,
    OUTCOME,
    SETUP_AFTER,
    SIZE_NOUN,
    PERCENT_SCALE,
    SETUP_VERB,
    MEASURE_NOUN,
    UNNAMED,
) = (1 << bit for bit in range(11))
"""The cue classes of a word, one bit each."""

CUE_FILES: dict[int, str] = {
    LINK: "link_words.txt",
    COMPARISON: "comparison_cues.txt",
    SUBJECT_VERB: "subject_verbs.txt",
    OURS: "ours_words.txt",
    OUTCOME: "outcome_words.txt",
    SETUP_AFTER: "setup_after.txt",
    SIZE_NOUN: "size_outcome_nouns.txt",
    PERCENT_SCALE: "percent_scale_metrics.txt",
    SETUP_VERB: "setup_verbs.txt",
    MEASURE_NOUN: "measure_nouns.txt",
    UNNAMED: "unnamed_words.txt",
}
"""The word list (``graphkit/data/results``) behind each cue class."""

WORD_CACHE = 65536
"""How many distinct words keep their shared token."""


@dataclass(slots=True, eq=False)
class Token:
    """A word (``label`` empty), an entity mention (its label) or a number (``NUM``).

    ``start`` and ``end`` are character offsets of mentions and numbers, -1 for words;
    ``word`` is the lower-cased text; ``stop`` is true for punctuation that ends a cue
    window; ``before`` and ``after`` are the kind a cue gives a number that it precedes or
    follows (None for no cue). Tokens compare by identity.
    """

    start: int
    end: int
    word: str
    label: str = ""
    number: Number | None = None
    cues: int = field(init=False)
    before: str | None = field(init=False)
    after: str | None = field(init=False)
    stop: bool = field(init=False)

    def __post_init__(self) -> None:
        self.cues, self.before, self.after = cue_classes(self.word)
        self.stop = not self.label and self.word in STOPS


@lru_cache(maxsize=WORD_CACHE)
def cue_classes(word: str) -> tuple[int, str | None, str | None]:
    """The cue bits of a lower-cased word, and the kind it gives as a cue before and after a
    number. Most words are no cue at all (every number, most mentions), told by one look-up
    in the union of the lists (``_any_cue``) before the lists are tried one by one."""
    if not _any_cue(word):
        return NO_CUES
    classes, before, after = _cue_tables()
    bits = 0
    for bit, exact, stems in classes:
        if word in exact or word.startswith(stems):
            bits |= bit
    return bits, _kind_cue(word, before), _kind_cue(word, after)


NO_CUES: tuple[int, str | None, str | None] = (0, None, None)
"""What ``cue_classes`` gives a word that no list holds."""


def _any_cue(word: str) -> bool:
    """True when some cue list may hold ``word``: it is one of their words, or starts with
    one of their stems (those are grouped by first character)."""
    words, stems = _cue_union()
    if word in words or "" in stems:
        return True
    first = stems.get(word[:1])
    return first is not None and word.startswith(first)


@cache
def _cue_union() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The words of all cue lists, and their stems by first character (an empty stem, which
    every word starts with, under ``""``)."""
    tables = _cue_tables()
    words = frozenset(w for table in tables for _, exact, _ in table for w in exact)
    stems = {s for table in tables for _, _, found in table for s in found}
    grouped: dict[str, set[str]] = {}
    for stem in stems:
        grouped.setdefault(stem[:1], set()).add(stem)
    return words, {first: tuple(sorted(found)) for first, found in grouped.items()}


Table = tuple[tuple[int | str, frozenset[str], tuple[str, ...]], ...]
"""Cue lists as (what a match gives, exact words, stems), in the order they are tried."""


@cache
def _cue_tables() -> tuple[Table, Table, Table]:
    """The cue classes, and the kind cues before and after a number, read once: the words
    of most numbers and mentions are met once, so ``cue_classes`` runs for each."""
    classes = tuple((bit, *_parts(words.word_list(name))) for bit, name in CUE_FILES.items())
    sides = [
        tuple(
            (kind, *_parts(cues))
            for (cue_side, kind), cues in words.kind_cues().items()
            if cue_side == side
        )
        for side in ("before", "after")
    ]
    return classes, sides[0], sides[1]


def _parts(cues: words.Cues) -> tuple[frozenset[str], tuple[str, ...]]:
    return cues.words, cues.stems


def _kind_cue(word: str, side: Table) -> str | None:
    for kind, exact, stems in side:
        if word in exact or word.startswith(stems):
            return kind
    return None


@lru_cache(maxsize=WORD_CACHE)
def _word(text: str) -> Token:
    return Token(-1, -1, text.lower())


def tokenize(
    text: str, start: int, end: int, entities: list[tuple[int, int, str]], numbers: list[Number]
) -> list[Token]:
    """The tokens of ``text[start:end]``: each entity span and each number is one token,
    the text between is split into lower-cased words and punctuation."""
    spans: list[tuple[int, int, str, Number | None]] = [
        (s, e, label, None) for s, e, label in entities
    ]
    spans += [(n.start, n.end, NUM, n) for n in numbers]
    spans.sort(key=itemgetter(0))
    tokens: list[Token] = []
    at = start
    findall = WORD.findall
    for s, e, label, number in spans:
        if s < at:
            continue
        tokens += map(_word, findall(text, at, s))
        tokens.append(Token(s, e, text[s:e].lower(), label, number))
        at = e
    tokens += map(_word, findall(text, at, end))
    return tokens
