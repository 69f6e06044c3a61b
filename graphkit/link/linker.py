"""Linking: group one paper's mentions into entities with stable ids.

Within a paper, mentions of one type that share a canonical key, a
vocabulary entry or an abbreviation pair ("long form (SF)") become one
``Entity``. Its id is ``<type>/<slug>``, stable across papers: the slug comes
from the vocabulary's name when the thing is in a vocabulary, else from the
fullest form in the text; repos are keyed by their root URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from graphkit.extract.rules import builtin_table
from graphkit.extract.urls import repo_root, strip_url
from graphkit.extract.vocab import VocabEntry, Vocabulary, singular
from graphkit.keys import canonical_key, id_letters
from graphkit.link.nesting import fold_shorter_forms
from graphkit.link.scorer import Scorer
from graphkit.link.variants import propose_variants
from graphkit.models import LINK, Entity, Mention
from graphkit.types import RANK, URL_LABELS, URL_TYPES, type_of_label

_NON_ALNUM = re.compile(r"[^a-z0-9\x80-\U0010ffff]+")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_]{2,})")
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def slug(name: str, type: str) -> str:
    """Return the readable, stable slug of an entity name for its id.

    Words are lower-cased and joined by hyphens, letters meet digits with a
    hyphen (``cifar-10``), and the last word is made singular. Letters lose
    their accents; letters with no ASCII form stay, in every script
    (``straße-net``, ``α-net``), so no two names meet by losing letters. A repo's slug
    is its root URL without the scheme, lower-cased. Results are cached.
    """
    if type in URL_TYPES:
        return _SCHEME.sub("", strip_url(name)).lower().rstrip("/")
    text = id_letters(name).lower()
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = _LETTER_DIGIT.sub("-", text)
    words = [w for w in _NON_ALNUM.split(text) if w]
    if words and words[-1].isalpha():
        words[-1] = singular(words[-1]) or words[-1]
    return "-".join(words) or canonical_key(name) or "x"


def entity_id(type: str, name: str) -> str:
    """Return the entity id ``<type>/<slug>``."""
    return f"{type}/{slug(name, type)}"


WEAK_RULES = builtin_table().weak
"""The weak rules of the built-in rule table: they guess a type from a word's shape, and a
surer rule's type wins within a paper."""


def one_type_per_name(
    mentions: Iterable[Mention], weak_rules: frozenset[str] = WEAK_RULES
) -> list[Mention]:
    """Give every mention of a name the type a surer rule found for it in the same paper.

    "ImageNet-1K" typed a dataset by the vocabulary in one sentence and a
    method by its shape in another is one dataset.
    """
    mentions = list(mentions)
    sure: dict[str, str] = {}
    weak = False
    for m in mentions:
        if m.rule in weak_rules:
            weak = True
        elif m.label not in URL_LABELS:
            sure.setdefault(canonical_key(m.text), m.label)
    if not weak or not sure:
        return mentions
    return [
        m.relabelled(label)
        if m.rule in weak_rules and (label := sure.get(canonical_key(m.text), m.label)) != m.label
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
    return Linker(vocabulary).entities(mentions, abbreviations)


def _type_rank(entity: Entity) -> int:
    return RANK[entity.type]


def _order(mention: Mention) -> tuple[int, int, int]:
    return (0 if mention.field == "title" else 1, mention.start, mention.end)


def _merge(kept: Entity, entity: Entity) -> None:
    """Fold ``entity`` into ``kept``, an entity with the same id."""
    kept.mentions = sorted([*kept.mentions, *entity.mentions], key=_order)
    kept.aliases = _aliases(kept.name, [m.text for m in kept.mentions], entity.type)
    kept.proposed = kept.proposed or entity.proposed


_Fact = tuple[str, str, "VocabEntry | None", str, str]
"""What a mention's label and text alone decide: type, key, vocabulary entry, group key, and
the id of the entity the text names when it is mentioned alone."""


class Linker:
    """Groups mentions into entities against one vocabulary, paper after paper.

    What a mention's label and text alone decide (its type, canonical key,
    vocabulary entry, group key and entity id) is kept, so that a form seen before costs
    one dict lookup; a paper's abbreviations then only remap the key. A
    vocabulary changed in place needs a new ``Linker``.
    """

    max_kept = 1 << 16
    """How many forms' answers are kept before they are dropped and asked again."""

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        *,
        weak_rules: frozenset[str] = WEAK_RULES,
        scorer: Scorer | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.weak_rules = weak_rules
        self.scorer = scorer
        """A candidate scorer that decides which entities to keep (None keeps all)."""
        self._facts: dict[tuple[str, str], _Fact] = {}
        self._answers: dict[tuple[str, str], VocabEntry | None] = {}

    def entities(
        self, mentions: Iterable[Mention], abbreviations: Mapping[str, str] | None = None
    ) -> list[Entity]:
        """Group one paper's mentions into entities, as ``build_entities`` does."""
        if len(self._facts) > self.max_kept or len(self._answers) > self.max_kept:
            self._facts.clear()
            self._answers.clear()
        abbreviations = abbreviations or {}
        mentions = one_type_per_name(mentions, self.weak_rules)
        mentions.sort(key=_order)
        facts = self._facts
        short_to_long: dict[str, str] = {}
        long_keys: set[str] = set()
        if abbreviations:
            short_to_long = {canonical_key(s): canonical_key(lf) for s, lf in abbreviations.items()}
            long_keys = set(short_to_long.values())
        groups: dict[tuple[str, str], list[Mention]] = {}
        for mention in mentions:
            fact = facts.get((mention.label, mention.text)) or self._fact(mention)
            etype, key, entry, group_key, _ = fact
            if short_to_long and etype not in URL_TYPES:
                key = short_to_long.get(key, key)
                group_key = (
                    "vocab:" + entry.name if entry is not None and key not in long_keys else key
                )
            groups.setdefault((etype, group_key), []).append(mention)
        merged: dict[str, Entity] = {}
        for (etype, _), group in groups.items():
            if len(group) == 1 and etype not in URL_TYPES:
                entity = self._alone(etype, group, abbreviations)
            else:
                entity = self._entity(etype, group, abbreviations)
            kept = merged.setdefault(entity.id, entity)
            if kept is not entity:
                _merge(kept, entity)
        # Entities come in order of first appearance, which merging keeps: a stable
        # sort by type alone orders them by type, then first appearance.
        entities = propose_variants(
            fold_shorter_forms(sorted(merged.values(), key=_type_rank), _merge)
        )
        if self.scorer is None:
            return entities
        keep = self.scorer.keep
        return [e for e in entities if keep(e, known=self.lookup(e.type, e.name) is not None)]

    def _fact(self, mention: Mention) -> _Fact:
        """Work out and keep the type, key, entry, group key and entity id of a mention's label
        and text."""
        text = mention.text
        etype = type_of_label(mention.label)
        entry = None
        if etype == "repo":
            key = repo_root(text) or canonical_key(text)
        else:
            key = canonical_key(text)
            if etype != LINK:
                entry = self.lookup(etype, text)
        if entry is None:
            fact = (etype, key, None, key, entity_id(etype, text))
        else:
            fact = (etype, key, entry, "vocab:" + entry.name, entity_id(etype, entry.name))
        self._facts[mention.label, text] = fact
        return fact

    def lookup(self, etype: str, text: str) -> VocabEntry | None:
        """The vocabulary's entry for ``text`` as ``etype``, None without a vocabulary."""
        if self.vocabulary is None:
            return None
        key = (etype, text)
        if key not in self._answers:
            self._answers[key] = self.vocabulary.lookup(etype, text)
        return self._answers[key]

    def _alone(self, etype: str, group: list[Mention], abbreviations: Mapping[str, str]) -> Entity:
        """The entity of a name mentioned once: no choosing among forms."""
        mention = group[0]
        text = mention.text
        name = abbreviations.get(text, text) if abbreviations else text
        if name == text:
            aliases: list[str] = []
            _, _, entry, _, ident = self._facts[mention.label, text]
        else:
            aliases = [text]
            entry = self._entry(etype, name, aliases)
            ident = entity_id(etype, name if entry is None else entry.name)
        if entry is None:
            return Entity(ident, name, etype, bool(mention.proposed), aliases, group)
        return Entity(
            ident,
            name,
            etype,
            bool(mention.proposed),
            aliases,
            group,
            entry.vocab_id or None,
            entry.url or None,
        )

    def _entity(
        self, etype: str, mentions: list[Mention], abbreviations: Mapping[str, str]
    ) -> Entity:
        """The entity of a group of mentions, named by its fullest form."""
        texts = [m.text for m in mentions]
        name = _name(etype, texts, abbreviations)
        entry = self._entry(etype, name, texts)
        id_name = entry.name if entry is not None else name
        return Entity(
            id=entity_id(etype, id_name),
            name=name,
            type=etype,
            proposed=any([m.proposed for m in mentions]),
            aliases=_aliases(name, texts, etype),
            mentions=mentions,
            vocab_id=(entry.vocab_id or None) if entry is not None else None,
            url=(entry.url or None) if entry is not None else (name if etype == "repo" else None),
        )

    def _entry(self, etype: str, name: str, texts: list[str]) -> VocabEntry | None:
        """The vocabulary entry of the name, else of the first other form that has one."""
        if self.vocabulary is None or etype == "repo":
            return None
        entry = self.lookup(etype, name)
        if entry is None and etype != LINK:
            for text in dict.fromkeys(texts):
                if text != name and (entry := self.lookup(etype, text)) is not None:
                    break
        return entry


def _name(etype: str, texts: list[str], abbreviations: Mapping[str, str]) -> str:
    """The fullest form: the root URL, the long form of an abbreviation, else the longest."""
    if etype == "repo":
        return repo_root(texts[0]) or strip_url(texts[0])
    if etype == LINK:
        return strip_url(texts[0])
    for text in texts:
        if text in abbreviations:
            return abbreviations[text]
    if len(texts) == 1:
        return texts[0]
    forms = list(dict.fromkeys(texts))
    if len(forms) == 1:
        return forms[0]
    singulars = [t for t in forms if not any(_is_plural_of(t, o) for o in forms)] or forms
    return max(singulars, key=lambda t: (len(canonical_key(t)), -forms.index(t)))


def _aliases(name: str, texts: list[str], etype: str) -> list[str]:
    """The forms other than the name, once each, in order of appearance."""
    if etype == "repo":
        texts = [strip_url(text) for text in texts]
    if len(texts) == 1:
        return [] if texts[0] == name else [texts[0]]
    seen = {name}
    aliases = []
    for text in texts:
        if text not in seen:
            seen.add(text)
            aliases.append(text)
    return aliases
