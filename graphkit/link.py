"""Linking: fold surface forms to canonical keys and group one paper's mentions into entities.

Within a paper, mentions of one type that share a canonical key, a
vocabulary entry or an abbreviation pair ("long form (SF)") become one
``Entity``. Its id is ``<type>/<slug>``, stable across papers: the slug comes
from the vocabulary's name when the thing is in a vocabulary, else from the
fullest form in the text; repos are keyed by their root URL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from graphkit.extract.urls import repo_root, strip_url
from graphkit.extract.vocab import VocabEntry, Vocabulary, singular
from graphkit.models import LINK, Entity, Mention
from graphkit.scoring import fold

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z]{2,})")
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def canonical_key(text: str) -> str:
    """Fold a surface form so that spellings of one name meet.

    Case, hyphens, dashes, spaces and a final plural are folded, a
    parenthesised part is dropped, and letters and digits join (``CIFAR10``,
    ``CIFAR-10`` and ``cifar 10`` all give ``cifar10``). Results are cached.
    """
    return fold(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1 << 16)
def slug(name: str, type: str) -> str:
    """Return the readable, stable slug of an entity name for its id.

    Words are lower-cased and joined by hyphens, letters meet digits with a
    hyphen (``cifar-10``), and the last word is made singular. A repo's slug
    is its root URL without the scheme, lower-cased. Results are cached.
    """
    if type in ("repo", LINK):
        return _SCHEME.sub("", strip_url(name)).lower().rstrip("/")
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = _LETTER_DIGIT.sub("-", text)
    words = [w for w in _NON_ALNUM.split(text) if w]
    if words and words[-1].isalpha():
        words[-1] = singular(words[-1]) or words[-1]
    return "-".join(words) or canonical_key(name) or "x"


def entity_id(type: str, name: str) -> str:
    """Return the entity id ``<type>/<slug>``."""
    return f"{type}/{slug(name, type)}"


WEAK_RULES = frozenset({"name_shape", "title_phrase", "method_cue", "title_name"})
"""Rules that guess a type from a word's shape; a surer rule's type wins within a paper."""


def one_type_per_name(mentions: Iterable[Mention]) -> list[Mention]:
    """Give every mention of a name the type a surer rule found for it in the same paper.

    "ImageNet-1K" typed a dataset by the vocabulary in one sentence and a
    method by its shape in another is one dataset.
    """
    mentions = list(mentions)
    sure: dict[str, str] = {}
    for m in mentions:
        if m.rule not in WEAK_RULES and m.label not in ("REPO", "LINK"):
            sure.setdefault(canonical_key(m.text), m.label)
    return [
        replace(m, label=sure[key])
        if m.rule in WEAK_RULES and (key := canonical_key(m.text)) in sure
        else m
        for m in mentions
    ]


def _is_plural_of(form: str, other: str) -> bool:
    return form != other and canonical_key(form) == canonical_key(other) and form.endswith("s")


def build_entities(
    mentions: Sequence[Mention],
    *,
    vocabulary: Vocabulary | None = None,
    abbreviations: Mapping[str, str] | None = None,
) -> list[Entity]:
    """Group one paper's mentions into entities, sorted by type then first appearance.

    ``abbreviations`` maps a short form to its long form as the paper defines
    them; the pair becomes one entity named by the long form.
    """
    abbreviations = dict(abbreviations or {})
    short_to_long = {canonical_key(s): canonical_key(lf) for s, lf in abbreviations.items()}
    lookup = _memo_lookup(vocabulary)
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in sorted(one_type_per_name(mentions), key=_order):
        etype = mention.label.lower()
        key = _group_key(mention, etype, lookup, short_to_long)
        groups.setdefault((etype, key), []).append(mention)
    entities = [
        _entity(etype, group, lookup, abbreviations) for (etype, _), group in groups.items()
    ]
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in merged:
            kept = merged[entity.id]
            kept.mentions = sorted([*kept.mentions, *entity.mentions], key=_order)
            kept.aliases = _aliases(kept.name, [m.text for m in kept.mentions], entity.type)
            kept.proposed = kept.proposed or entity.proposed
        else:
            merged[entity.id] = entity
    return sorted(
        merged.values(), key=lambda e: (_TYPE_ORDER.get(e.type, 9), _order(e.mentions[0]))
    )


_TYPE_ORDER = {"method": 0, "dataset": 1, "metric": 2, "task": 3, "repo": 4, LINK: 5}


def _order(mention: Mention) -> tuple[int, int, int]:
    return (0 if mention.field == "title" else 1, mention.start, mention.end)


Lookup = Callable[[str, str], VocabEntry | None] | None
"""A vocabulary lookup by type and text, or None without a vocabulary."""


def _memo_lookup(vocabulary: Vocabulary | None) -> Lookup:
    """``vocabulary.lookup`` remembering its answers: a paper asks about a form many times."""
    if vocabulary is None:
        return None
    answers: dict[tuple[str, str], VocabEntry | None] = {}

    def lookup(etype: str, text: str) -> VocabEntry | None:
        key = (etype, text)
        if key not in answers:
            answers[key] = vocabulary.lookup(etype, text)
        return answers[key]

    return lookup


def _group_key(
    mention: Mention, etype: str, lookup: Lookup, short_to_long: Mapping[str, str]
) -> str:
    if etype == "repo":
        return repo_root(mention.text) or canonical_key(mention.text)
    if etype == LINK:
        return canonical_key(mention.text)
    key = canonical_key(mention.text)
    key = short_to_long.get(key, key)
    if lookup is not None:
        entry = lookup(etype, mention.text)
        if entry is not None and key not in short_to_long.values():
            return "vocab:" + entry.name
    return key


def _entity(
    etype: str,
    mentions: list[Mention],
    lookup: Lookup,
    abbreviations: Mapping[str, str],
) -> Entity:
    texts = [m.text for m in mentions]
    name = _name(etype, texts, abbreviations)
    entry = lookup(etype, name) if lookup is not None and etype != "repo" else None
    if entry is None and lookup is not None and etype not in ("repo", LINK):
        others = (t for t in dict.fromkeys(texts) if t != name)
        entry = next((e for t in others if (e := lookup(etype, t))), None)
    id_name = entry.name if entry is not None else name
    return Entity(
        id=entity_id(etype, id_name),
        name=name,
        type=etype,
        proposed=any(m.proposed for m in mentions),
        aliases=_aliases(name, texts, etype),
        mentions=list(mentions),
        vocab_id=(entry.vocab_id or None) if entry is not None else None,
        url=(entry.url or None) if entry is not None else (name if etype == "repo" else None),
    )


def _name(etype: str, texts: list[str], abbreviations: Mapping[str, str]) -> str:
    """The fullest form: the root URL, the long form of an abbreviation, else the longest."""
    if etype == "repo":
        return repo_root(texts[0]) or strip_url(texts[0])
    if etype == LINK:
        return strip_url(texts[0])
    longs = [abbreviations[t] for t in texts if t in abbreviations]
    if longs:
        return longs[0]
    forms = list(dict.fromkeys(texts))
    if len(forms) == 1:
        return forms[0]
    singulars = [t for t in forms if not any(_is_plural_of(t, o) for o in forms)] or forms
    return max(singulars, key=lambda t: (len(canonical_key(t)), -forms.index(t)))


def _aliases(name: str, texts: Iterable[str], etype: str) -> list[str]:
    seen = {name}
    aliases = []
    for text in texts:
        if etype == "repo":
            text = strip_url(text)
        if text not in seen:
            seen.add(text)
            aliases.append(text)
    return aliases
