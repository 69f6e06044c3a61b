"""How tokens are written against each other: a glued full stop, a glued hyphen.

spaCy's English tokenizer splits "word.The" only after a lower-case letter, so
a name ending in a capital or a digit swallows the next sentence's first word
("LSTM.Experiments") and no rule can find the name. A full stop between a
letter or digit and a capitalised word is split off as well.

The tokenizer splits hyphens off as tokens of their own; whether one belongs to
the word before it ("vision-") or after it ("-based") is read from the space
after each token, by the one pair of tests below.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from graphkit.extract.words import words

GLUED_STOP = r"(?<=[A-Za-z0-9])\.(?=[A-Z][a-z])"
"""A full stop after a letter or digit and before a capitalised word."""
HYPHENS = frozenset(get_string_id(h) for h in words("hyphens"))
"""The hyphens (as ids) that join the parts of a compound or a name."""


def split_glued_sentences(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split a full stop glued between a name and the next sentence
    (the language's infixes and this one; calling again changes nothing)."""
    infixes = [*(nlp.Defaults.infixes or ()), GLUED_STOP]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def hyphen_after(doc: Doc, i: int) -> bool:
    """True when token ``i`` has a hyphen written against its end ("vision-", "VGG-16")."""
    return i + 1 < len(doc) and not doc[i].whitespace_ and doc[i + 1].orth in HYPHENS


def hyphen_before(doc: Doc, i: int) -> bool:
    """True when token ``i`` has a hyphen written against its start ("-based", "VGG-16")."""
    return 0 < i < len(doc) and doc[i - 1].orth in HYPHENS and not doc[i - 1].whitespace_
