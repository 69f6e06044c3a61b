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
