"""The folding key: how surface forms of one name meet, for linking, vocabularies and scoring.

``fold`` applies the rules of the annotation guidelines (case, separators, a
final plural, a parenthesised part); ``canonical_key`` first normalises the
Unicode form. Every stage that compares names imports them from here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_PAREN = re.compile(r"\s*\([^()]*\)")
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Fold a name for matching: the guidelines' rules, in their order (results are cached)."""
    text = name.strip()
    if "(" in text and not _URL.match(text):
        text = _PAREN.sub("", text)
    text = text.lower()
    if text.startswith(("http", "www")):
        text = _SCHEME.sub("", text)
    text = text.rstrip("/.,;)")
    text = _SEPARATORS.sub("", text)
    if text.endswith("ies"):
        text = text[:-3] + "y"
    elif text.endswith("sses"):
        text = text[:-2]
    elif text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


@lru_cache(maxsize=1 << 16)
def canonical_key(text: str) -> str:
    """Fold a surface form so that spellings of one name meet.

    Case, hyphens, dashes, spaces and a final plural are folded, a
    parenthesised part is dropped, and letters and digits join (``CIFAR10``,
    ``CIFAR-10`` and ``cifar 10`` all give ``cifar10``). Results are cached.
    """
    return fold(unicodedata.normalize("NFKC", text))


def _kept(ch: str) -> bool:
    """Tell whether a non-ASCII character outlives ``id_letters``: a letter, digit or mark
    that has no ASCII form once its accents are gone (``ß``, ``ø``, ``α``, ``中``)."""
    return unicodedata.category(ch)[0] in "LNM"


@lru_cache(maxsize=1 << 16)
def id_letters(name: str) -> str:
    """Return ``name`` with the letters an id keeps, for readable ids in every script.

    Letters lose their accents (``Müller`` gives ``Muller``, as ids have always
    had it); letters, digits and marks with no ASCII form stay, in every script
    (``Straße``, ``α-Net``, ``中文Net``), so that no name loses a letter and
    names in Greek or Chinese do not all fold to their Latin rest.
    Other symbols are dropped. The result is in NFC.
    """
    decomposed = _ACCENTS.sub("", unicodedata.normalize("NFKD", name))
    kept = "".join(ch for ch in decomposed if ch.isascii() or _kept(ch))
    return unicodedata.normalize("NFC", kept)
