"""Where a doc may hold a number: a quick test of its text, then a lexeme flag per token.

``may_hold_number`` tells in a few string searches whether a text has a digit
or a word that makes a number in words at all; most titles have neither and
are done. For the other texts, ``number_spans`` reads the tokens with a digit
or a number word ("twice", "three") from a lexeme flag, computed once per word
when spaCy first meets it: one ``Doc.to_array`` call per doc and no Python work
per token.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphkit.extract.results.numbers import Spans, may_hold_worded
from graphkit.extract.results.words import number_words

NUMBER_FLAG = 19
"""The lexeme flag of words with a digit or that are number words. graphkit's other flags
(:mod:`graphkit.extract.flags`) use ids from 41 up; 19 is the first id spaCy leaves free."""

DIGITS = "0123456789"
"""The digits a text without other than ASCII characters can hold."""


def may_hold_number(text: str) -> bool:
    """False only when ``text`` holds no number: no digit, and no word that makes a number
    in words (``numbers.may_hold_worded``); a text with other than ASCII characters (and so
    perhaps other digits) may always hold one."""
    if not text.isascii() or any(digit in text for digit in DIGITS):
        return True
    return may_hold_worded(text.lower())


def maybe_number(text: str) -> bool:
    """True for a word with a digit, or a number word of ``number_words.tsv``. It runs for
    each word spaCy meets for the first time, most of them letters only: those skip the
    digit test."""
    if not text.isalpha() and any(map(str.isdigit, text)):
        return True
    return text.lower() in number_words()


def register_number_flag(vocab: Vocab) -> None:
    """Give ``vocab``'s lexemes, present and future, the number flag (again is a no-op)."""
    if vocab.lex_attr_getters.get(NUMBER_FLAG) is maybe_number:
        return
    vocab.lex_attr_getters[NUMBER_FLAG] = maybe_number
    for lexeme in vocab:
        lexeme.set_flag(NUMBER_FLAG, maybe_number(lexeme.orth_))


def number_spans(doc: Doc) -> Spans:
    """The character spans of the doc's tokens that have the number flag, in order."""
    register_number_flag(doc.vocab)
    spans = []
    for index in doc.to_array(NUMBER_FLAG).nonzero()[0].tolist():
        token = doc[index]
        spans.append((token.idx, token.idx + len(token)))
    return spans
