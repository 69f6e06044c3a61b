"""Tokenizer fix: a full stop glued to the next sentence ("ADE20K.Code is ...").

spaCy's English tokenizer splits "word.The" only after a lower-case letter, so
a name ending in a capital or a digit swallows the next sentence's first word
("LSTM.Experiments") and no rule can find the name. A full stop between a
letter or digit and a capitalised word is split off as well.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

GLUED_STOP = r"(?<=[A-Za-z0-9])\.(?=[A-Z][a-z])"
"""A full stop after a letter or digit and before a capitalised word."""


def split_glued_sentences(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split a full stop glued between a name and the next sentence
    (the language's infixes and this one; calling again changes nothing)."""
    infixes = [*(nlp.Defaults.infixes or ()), GLUED_STOP]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
