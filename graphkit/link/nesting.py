"""Shorter forms of a longer name in the same paper: folded into the longer entity as aliases.

A paper names a thing in full once and then shortens it; each shortening would
otherwise become an entity of its own:

- a task named by the last words of a longer task ("place recognition" after
  "visual place recognition");
- a name whose last word is cut ("Hybrid Distill" beside "Hybrid
  Distillation");
- an acronym spelt by the initials of a longer name of the same type, with no
  parentheses to pair them ("WaLLoC" beside "Wavelet Learned Lossy
  Compression").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphkit.keys import fold
from graphkit.models import Entity

_SPLIT = re.compile(r"[\s\-–]+")
SKIPPED_INITIALS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
"""Words an acronym may skip when it spells a name's initials."""


def _words(name: str) -> list[str]:
    return [w for w in _SPLIT.split(name) if w]


def _tail_of(short: list[str], long: list[str]) -> bool:
    """True when ``short`` (two words or more) is the last words of the longer ``long``."""
    k = len(short)
    return 2 <= k < len(long) and fold(" ".join(long[-k:])) == fold(" ".join(short))


def _cut_from(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is ``long`` with its last word cut ("Hybrid Distill")."""
    if len(short) != len(long) or len(short) < 2:
        return False
    head, last = short[-1].lower(), long[-1].lower()
    return (
        [w.lower() for w in short[:-1]] == [w.lower() for w in long[:-1]]
        and len(head) >= 4
        and last.startswith(head)
        and last != head
    )


def _initials_of(short: str, long: str) -> bool:
    """True when the capitals of ``short``, one word of letters alone (a sign or digit marks a
    variant: "LoRA+"), spell the initials of the words of ``long``: a hyphenated word gives
    its first letter or those of its parts, and a small word may be skipped."""
    capitals = "".join(c for c in short if c.isupper())
    words = long.split()
    if not short.isalpha() or len(capitals) < 2 or len(words) < 2:
        return False
    return _spells(capitals.lower(), [w.lower() for w in words])


def _spells(letters: str, words: list[str]) -> bool:
    """True when ``letters`` are the initials of ``words`` (see ``_initials_of``)."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in SKIPPED_INITIALS and _spells(letters, rest):
        return True
    parts = [p for p in _SPLIT.split(word) if p]
    options = {parts[0][:1], "".join(p[:1] for p in parts)} if parts else set()
    return any(o and letters.startswith(o) and _spells(letters[len(o) :], rest) for o in options)


def shortens(short: Entity, long: Entity) -> bool:
    """True when ``short`` names ``long`` in a shorter form (see the module's doc)."""
    if short.type != long.type or short is long:
        return False
    short_words, long_words = _words(short.name), _words(long.name)
    if short.type == "task" and _tail_of(short_words, long_words):
        return True
    return _cut_from(short_words, long_words) or _initials_of(short.name, long.name)


def fold_shorter_forms(
    entities: list[Entity], merge: Callable[[Entity, Entity], None]
) -> list[Entity]:
    """Fold each entity that shortens a longer one of the same paper into it with
    ``merge(longer, shorter)``; the others are returned unchanged, in order."""
    if len(entities) < 2:
        return entities
    longest_first = sorted(entities, key=lambda e: -len(e.name))
    folded: set[int] = set()
    for short in entities:
        for long in longest_first:
            if len(long.name) <= len(short.name) or id(long) in folded:
                continue
            if shortens(short, long):
                merge(long, short)
                folded.add(id(short))
                break
    return [e for e in entities if id(e) not in folded] if folded else entities
