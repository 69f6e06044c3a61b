"""Shorter forms of a longer name in the same paper: folded into the longer entity as aliases.

A paper names a thing in full once and then shortens it; each shortening would
otherwise become an entity of its own:

- a task named by the last words of a longer task ("place recognition" after
  "visual place recognition");
- a name whose last word is cut ("Hybrid Distill" beside "Hybrid
  Distillation");
- an acronym spelt by the initials of a longer name of the same type, with no
  parentheses to pair them ("WaLLoC" beside "Wavelet Learned Lossy
  Compression");
- a method named with a kind word after it ("X module" beside "X"): the
  bare name stays, the other is its alias.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphkit.extract.words import words
from graphkit.keys import fold
from graphkit.models import Entity

_SPLIT = re.compile(r"[\s\-–]+")
SKIPPED_INITIALS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
"""Words an acronym may skip when it spells a name's initials."""
HYPHEN_SUFFIXES = words("hyphen_suffixes")
KIND_WORDS = words("generic_method_heads") | words("component_words")
"""Words after a method's name that say what kind of thing it is ("module", "network")."""
JOINERS = frozenset({"and", "or", "&"})
"""Words that join two names into one phrase."""


def _words(name: str) -> list[str]:
    return [w for w in _SPLIT.split(name) if w]


def _tail_of(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is the last words of the longer ``long`` ("recognition" of "image
    recognition")."""
    k = len(short)
    return 1 <= k < len(long) and fold(" ".join(long[-k:])) == fold(" ".join(short))


def _cut_from(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is ``long`` with its last word cut ("Hybrid Distill")."""
    if len(short) != len(long) or len(short) < 2:
        return False
    head, last = short[-1].lower(), long[-1].lower()
    return (
        len(head) >= 4
        and last.startswith(head)
        and last != head
        and [w.lower() for w in short[:-1]] == [w.lower() for w in long[:-1]]
    )


def _spaced(name: str) -> list[str]:
    """A name's words split at spaces, with a describing hyphen suffix split off its word
    ("instance-level" gives "instance" and "level"; "image-text" stays one word)."""
    result = []
    for word in name.split():
        head, _, suffix = word.rpartition("-")
        result.extend((head, suffix) if head and suffix.lower() in HYPHEN_SUFFIXES else (word,))
    return result


def _skips_from(short: list[str], long: list[str]) -> bool:
    """True when ``short`` (two words or more) is ``long`` with inner words left out, its
    first and last words kept ("fine-grained recognition" for "fine-grained image
    recognition"). Words are split at spaces (``_spaced``). A long name that joins two
    things ("localization and detection") is not shortened so: its parts are names of their
    own. Used for tasks only: of methods, the shorter is the family of the longer ("graph
    neural networks", "graph convolutional neural networks")."""
    if not 2 <= len(short) < len(long):
        return False
    kept, full = [fold(w) for w in short], [fold(w) for w in long]
    if kept[0] != full[0] or kept[-1] != full[-1] or JOINERS.intersection(full):
        return False
    rest = iter(full[1:-1])
    return all(w in rest for w in kept[1:-1])


def _capitals(short: str) -> str:
    """The capitals of a name that can be an acronym: one word of letters alone with two
    capitals or more (a sign or digit marks a variant: "LoRA+"); else the empty string."""
    if not short.isalpha():
        return ""
    capitals = "".join(c for c in short if c.isupper())
    return capitals.lower() if len(capitals) >= 2 else ""


def _spells(letters: str, words: list[str]) -> bool:
    """True when ``letters`` are the initials of ``words``: a hyphenated word gives its first
    letter or those of its parts, and a small word may be skipped."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in SKIPPED_INITIALS and _spells(letters, rest):
        return True
    parts = [p for p in _SPLIT.split(word) if p]
    options = {parts[0][:1], "".join(p[:1] for p in parts)} if parts else set()
    return any(o and letters.startswith(o) and _spells(letters[len(o) :], rest) for o in options)


class _Form:
    """An entity's name as the tests read it: its words, and its capitals as an acronym."""

    __slots__ = ("capitals", "entity", "last", "words")

    def __init__(self, entity: Entity) -> None:
        self.entity = entity
        self.words = _words(entity.name)
        self.last = self.words[-1].lower() if self.words else ""
        self.capitals = _capitals(entity.name)


def _shortens(etype: str, short: _Form, long: _Form) -> bool:
    """True when ``short`` names ``long`` in a shorter form (see the module's doc)."""
    if etype == "task" and _tail_of(short.words, long.words):
        return True
    if etype == "task" and _skips_from(_spaced(short.entity.name), _spaced(long.entity.name)):
        return True
    if _cut_from(short.words, long.words):
        return True
    spaced = long.entity.name.split()
    return (
        bool(short.capitals)
        and len(spaced) >= 2
        and _spells(short.capitals, [w.lower() for w in spaced])
    )


def shortens(short: Entity, long: Entity) -> bool:
    """True when ``short`` names ``long`` in a shorter form (see the module's doc)."""
    if short.type != long.type or short is long:
        return False
    return _shortens(short.type, _Form(short), _Form(long))


def _fold_kind_words(
    forms: list[_Form], merge: Callable[[Entity, Entity], None], folded: set[int]
) -> None:
    """Fold a method named with a kind word after it ("X module", "X network") into the
    method named without it in the same paper ("X"): the kind word only says what sort of
    thing X is. The name is the form without it."""
    by_words = {tuple(w.lower() for w in f.words): f for f in forms}
    for form in forms:
        if len(form.words) < 2 or form.last not in KIND_WORDS:
            continue
        bare = by_words.get(tuple(w.lower() for w in form.words[:-1]))
        if bare is not None and id(bare.entity) not in folded:
            merge(bare.entity, form.entity)
            folded.add(id(form.entity))


def fold_shorter_forms(
    entities: list[Entity], merge: Callable[[Entity, Entity], None]
) -> list[Entity]:
    """Fold each entity that shortens a longer one of the same paper and type into it with
    ``merge(longer, shorter)``; the others are returned unchanged, in order."""
    by_type: dict[str, list[Entity]] = {}
    for entity in entities:
        by_type.setdefault(entity.type, []).append(entity)
    folded: set[int] = set()
    for etype, group in by_type.items():
        if len(group) < 2:
            continue
        forms = sorted((_Form(e) for e in group), key=lambda f: -len(f.entity.name))
        if etype == "method":
            _fold_kind_words(forms, merge, folded)
        for short in forms:
            for long in forms:
                if len(long.entity.name) <= len(short.entity.name):
                    break
                if not short.capitals and not long.last.startswith(short.last):
                    continue  # neither a tail, a cut nor an acronym
                if id(short.entity) in folded:
                    break
                if id(long.entity) not in folded and _shortens(etype, short, long):
                    merge(long.entity, short.entity)
                    folded.add(id(short.entity))
                    break
    return [e for e in entities if id(e) not in folded] if folded else entities
