"""Modifiers shared by coordination: "ECG and speech time series classification".

When two modifiers are joined by "and" or "or" before one head ("long-term and
short-term time series forecasting", "speech- and text-based classification"),
the head phrase after them is the name both share; the modifier next to it
belongs to the coordination, not to the name. A word before the joiner that is
itself a task head ("object detection and instance segmentation") ends a name
of its own, so there the phrase after the joiner is a second name, kept whole.
"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Doc

from graphkit.extract.lexicon import TASK_HEADS
from graphkit.extract.tokens import hyphen_after

_JOINERS = frozenset(get_string_id(w) for w in ("and", "or"))


def _headless_word(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a content word that is no task head: before "and" it may be a
    modifier whose head comes after the joiner ("ECG and speech ...")."""
    token = doc[i]
    return token.text[:1].isalnum() and not (token.is_stop or token.lower_ in TASK_HEADS)


def _first_word_end(doc: Doc, start: int, end: int) -> int:
    """The index after the first word of ``start:end``, a hyphenated word taken whole."""
    k = start + 1
    while k + 1 < end and hyphen_after(doc, k - 1):
        if doc[k].whitespace_:
            break
        k += 2
    return k


def shared_start(doc: Doc, start: int, end: int) -> int:
    """The start of the name a phrase ``start:end`` shares with a coordinated modifier before
    it ("time series forecasting" in "long-term and short-term time series forecasting"):
    past its first word when "and" or "or" comes right before it and, before that, a
    content word that is no task head (two words or more left: in "robustness and image
    classification" the first word may end a phrase of its own); else ``start``."""
    if start < 2 or doc[start - 1].orth not in _JOINERS:
        return start
    cut = _first_word_end(doc, start, end)
    if cut >= end:
        return start
    if _headless_word(doc, start - 2) and _first_word_end(doc, cut, end) < end:
        return cut
    return start
