"""The candidate scorer: a small logistic model that decides which linked entities to keep.

The rules propose entities; the scorer reads simple facts about each one
(``features``: the rules that found it, its type, whether a vocabulary knows
it, its shape, the words around its first mention, where and how often it
occurs) and keeps it when the model's probability reaches the threshold.
``scripts/train_scorer.py`` fits the weights on gold sets and measures them on
papers they were not fitted on; ``Linker(scorer=Scorer.load(path))`` applies
them. Prediction is a sum of the weights of the features present, so it needs
no numerical library. Repositories and links are always kept.

The built-in pipeline runs without a scorer: on held-out papers of the two
gold sets it changed micro-F1 by less than 0.01 either way (docs/evaluation.md).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.extract.lexicon import EVALUATIVE, GENERIC_WORDS, head_type
from graphkit.extract.words import endings, words
from graphkit.models import Entity
from graphkit.types import URL_TYPES

CONTEXT_WORDS = words("context_words")
"""The words before or after a mention that the scorer tells apart (others are one class)."""
ADJECTIVE_ENDINGS = endings("adjective_endings")
EARLY = 250
"""A first mention within this many characters of the abstract's start is early."""

_WORD = re.compile(r"[A-Za-z][\w'-]*|\S")


def _shape(name: str) -> list[str]:
    """Features of the name's spelling."""
    tokens = name.split()
    found = [f"words:{min(len(tokens), 4)}"]
    if name.islower():
        found.append("shape:lower")
    elif name.isupper():
        found.append("shape:upper")
    elif any(c.isupper() for t in tokens for c in t[1:]):
        found.append("shape:inner_capital")
    elif all(t[:1].isupper() for t in tokens if t[:1].isalpha()):
        found.append("shape:title")
    else:
        found.append("shape:mixed")
    if any(c.isdigit() for c in name):
        found.append("shape:digit")
    if "-" in name:
        found.append("shape:hyphen")
    first = tokens[0].lower() if tokens else ""
    last = tokens[-1].lower() if tokens else ""
    if len(tokens) > 1:
        if first.endswith(ADJECTIVE_ENDINGS):
            found.append("first:adjective_ending")
        if first in EVALUATIVE or first in GENERIC_WORDS:
            found.append("first:describing")
    if first in GENERIC_WORDS and len(tokens) == 1:
        found.append("generic_word")
    head = head_type(last)
    found.append(f"head:{head or 'none'}")

    return found


def _context(entity: Entity) -> list[str]:
    """Features of the words just before and after the entity's first mention in its
    sentence."""
    mention = entity.mentions[0]
    sentence = mention.sentence
    at = sentence.find(mention.text)
    if at < 0:
        return ["before:?", "after:?"]
    before = _WORD.findall(sentence[:at])
    after = _WORD.findall(sentence[at + len(mention.text) :])
    word_before = before[-1].lower() if before else "^"
    word_after = after[0].lower() if after else "$"
    return [
        f"before:{word_before if word_before in CONTEXT_WORDS or word_before == '^' else '_'}",
        f"after:{word_after if word_after in CONTEXT_WORDS or word_after == '$' else '_'}",
    ]


def features(entity: Entity, *, known: bool) -> list[str]:
    """The names of the features an entity has; ``known`` says whether a vocabulary holds it."""
    rules = sorted({m.rule for m in entity.mentions})
    found = [f"type:{entity.type}", *(f"rule:{r}" for r in rules)]
    found.extend(f"type_rule:{entity.type}:{r}" for r in rules)
    found.append(f"rules:{min(len(rules), 3)}")
    if known:
        found.append(f"known:{entity.type}")
    found.extend(_shape(entity.name))
    found.extend(_context(entity))
    count = len(entity.mentions)
    found.append(f"mentions:{min(count, 4)}")
    fields = {m.field for m in entity.mentions}
    if "title" in fields:
        found.append("in_title")
    first = next((m for m in entity.mentions if m.field != "title"), None)
    if first is not None and first.start < EARLY:
        found.append("early")
    if entity.proposed:
        found.append("proposed")
    if entity.aliases:
        found.append("aliased")
    return found


@dataclass
class Scorer:
    """A logistic model over named binary features, with a keep threshold."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5

    def probability(self, names: Iterable[str]) -> float:
        """The model's probability that an entity with the features ``names`` is right."""
        weights = self.weights
        z = self.bias + sum(weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, entity: Entity, *, known: bool) -> bool:
        """True when the entity is kept: a repository or link, or probable enough."""
        if entity.type in URL_TYPES:
            return True
        return self.probability(features(entity, known=known)) >= self.threshold

    def to_json(self) -> dict:
        """The model as written to its weights file."""
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def load(cls, path: str | Path) -> Scorer:
        """Read a weights file."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))
