"""The rule table: every extraction rule as one record of ``graphkit/data/rules/rules.jsonl``.

One JSON object per line (``#`` lines are comments)::

    {"id": "method_cue", "label": "METHOD", "priority": 10, "strength": "weak",
     "coins": true, "patterns": [{"anchor": {"words": "strong_method_heads"},
                                  "walker": "method_phrase"}]}

- ``id``: the rule's name, written on every span it finds (``Mention.rule``);
- ``label``: the span label (of an entity type of the registry, ``graphkit.types``), or a
  list of the labels its walker chooses among;
- ``priority``: how far the rule is trusted when two candidates overlap (higher wins);
- ``strength``: ``sure``, or ``weak`` when the rule guesses the type from a word's
  shape (a surer rule's type for the same name wins within a paper);
- ``coins``: true when the rule finds names in no vocabulary (listed in a sentence about
  the paper's own work, such a name is one of its parts);
- ``patterns``: what finds it, each one of
  - ``{"tokens": [...]}``: a spaCy ``Matcher`` token pattern; the match is the span;
  - ``{"anchor": A, "walker": W}``: from each token that ``A`` matches, the registered
    walker ``W`` reads the words around and adds spans (``graphkit.extract.walkers``);
    ``"before": A`` and ``"after": A`` ask the same of the tokens just before and after
    the anchor, and ``"where": "heading"`` keeps the pattern to titles and headings;
  - ``{"runs": "capitalised", "walker": W}``: ``W`` gets each run of two or more
    capitalised words;
  an anchor ``A`` is ``{"shape": S}`` (``name_shape``, ``acronym``, ``at_k``,
  ``namelike``), ``{"words": L}`` (word lists of ``graphkit/data/words``, lower case),
  ``{"lower": [...]}`` or ``{"text": [...]}`` (inline words, lower case or as written);
- ``by``: in place of ``patterns``, the component whose own code fires the rule.

A rule file of a user's (``--rules``) has the same records; a record with the
id of a built-in rule replaces it. A record missing a field, or naming an
unknown walker, shape or word list, is an error naming the file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from spacy.strings import hash_string

from graphkit.errors import InputError
from graphkit.extract.flags import SHAPES
from graphkit.extract.words import words
from graphkit.types import TYPE_OF_LABEL

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "rules" / "rules.jsonl"
"""The built-in rule table."""

REQUIRED = ("id", "label", "priority", "strength", "coins")
STRENGTHS = ("sure", "weak")
ANCHOR_KINDS = ("shape", "words", "lower", "text")
PLACES = ("heading",)


@dataclass(frozen=True)
class Pattern:
    """One way a rule finds spans: a token pattern, or an anchor (or runs) and a walker."""

    walker: str | None = None
    anchor: dict[str, Any] | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    where: str | None = None
    runs: str | None = None
    tokens: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class Rule:
    """One record of the rule table."""

    id: str
    labels: tuple[str, ...]
    priority: int
    strength: str
    coins: bool
    patterns: tuple[Pattern, ...] = ()
    by: str | None = None
    source: str = ""

    @property
    def label(self) -> str:
        """The rule's label (the first, when its walker chooses among several)."""
        return self.labels[0]

    @cached_property
    def hash(self) -> int:
        """The string-store id of the rule's name."""
        return hash_string(self.id)

    def to_json(self) -> dict[str, Any]:
        """The record as written in a rule file."""
        record: dict[str, Any] = {
            "id": self.id,
            "label": self.labels[0] if len(self.labels) == 1 else list(self.labels),
            "priority": self.priority,
            "strength": self.strength,
            "coins": self.coins,
        }
        if self.by:
            record["by"] = self.by
        else:
            record["patterns"] = [
                {k: v for k, v in vars(p).items() if v is not None} for p in self.patterns
            ]
        return record


@dataclass
class RuleTable:
    """The rules in order, with the tables derived from them."""

    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.version = 0

    def add(self, rules: list[Rule]) -> None:
        """Add rules; one with the id of a rule already here replaces it in place."""
        index = {rule.id: n for n, rule in enumerate(self.rules)}
        for rule in rules:
            if rule.id in index:
                self.rules[index[rule.id]] = rule
            else:
                index[rule.id] = len(self.rules)
                self.rules.append(rule)
        self.version += 1

    def reset(self, rules: list[Rule]) -> None:
        """Hold ``rules`` alone (the table object stays, for the components sharing it)."""
        self.rules[:] = rules
        self.version += 1

    def __getitem__(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no rule {rule_id!r} in the rule table")

    @property
    def priorities(self) -> dict[str, int]:
        """The priority of each rule, by id."""
        return {rule.id: rule.priority for rule in self.rules}

    @property
    def weak(self) -> frozenset[str]:
        """The ids of the weak rules."""
        return frozenset(rule.id for rule in self.rules if rule.strength == "weak")

    @property
    def coining(self) -> frozenset[str]:
        """The ids of the rules that find coined names."""
        return frozenset(rule.id for rule in self.rules if rule.coins)


def builtin_table() -> RuleTable:
    """A fresh copy of the built-in rule table."""
    return RuleTable(list(_builtin_rules()))


@cache
def _builtin_rules() -> tuple[Rule, ...]:
    """The built-in rules, read once."""
    return tuple(read_rules(RULES_FILE))


def read_rules(path: str | Path) -> list[Rule]:
    """The rules of a rule file, checked record by record."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"cannot read rule file ({error.strerror or error})", str(path)) from None
    except UnicodeDecodeError:
        raise InputError("rule file is not UTF-8 text", str(path)) from None
    rules = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"not a JSON record ({error.msg})", str(path), number) from None
        try:
            rules.append(parse_rule(record, f"{path}:{number}"))
        except ValueError as error:
            raise InputError(str(error), str(path), number) from None
    return rules


def parse_rule(record: Any, source: str = "") -> Rule:
    """Check one record and make it a ``Rule``; a ``ValueError`` says what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("a rule is a JSON object")
    missing = [name for name in REQUIRED if name not in record]
    if missing:
        raise ValueError(f"rule {record.get('id', '?')!r} has no {', '.join(missing)}")
    rule_id = record["id"]
    if not isinstance(rule_id, str) or not rule_id:
        raise ValueError("a rule's id is a non-empty string")
    labels = record["label"]
    labels = (labels,) if isinstance(labels, str) else tuple(labels or ())
    if not labels or not all(isinstance(label, str) and label for label in labels):
        raise ValueError(f"rule {rule_id!r}: label is a string or a list of strings")
    unknown = [label for label in labels if label not in TYPE_OF_LABEL]
    if unknown:
        known = ", ".join(TYPE_OF_LABEL)
        raise ValueError(f"rule {rule_id!r}: {unknown[0]!r} is no entity type's label ({known})")
    priority = record["priority"]
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise ValueError(f"rule {rule_id!r}: priority is an integer")
    if record["strength"] not in STRENGTHS:
        raise ValueError(f"rule {rule_id!r}: strength is one of {', '.join(STRENGTHS)}")
    if not isinstance(record["coins"], bool):
        raise ValueError(f"rule {rule_id!r}: coins is true or false")
    by = record.get("by")
    if by is None and "patterns" not in record:
        raise ValueError(f"rule {rule_id!r} has no patterns (nor a component in 'by')")
    patterns = tuple(_pattern(rule_id, p) for p in record.get("patterns") or ())
    if by is None and not patterns:
        raise ValueError(f"rule {rule_id!r} has no patterns")
    return Rule(
        rule_id, labels, priority, record["strength"], record["coins"], patterns, by, source
    )


def _pattern(rule_id: str, spec: Any) -> Pattern:
    """Check one pattern of rule ``rule_id``."""
    if not isinstance(spec, dict):
        raise ValueError(f"rule {rule_id!r}: a pattern is a JSON object")
    if "tokens" in spec:
        tokens = spec["tokens"]
        if (
            not isinstance(tokens, list)
            or not tokens
            or not all(isinstance(t, dict) for t in tokens)
        ):
            raise ValueError(f"rule {rule_id!r}: tokens is a non-empty list of token patterns")
        return Pattern(tokens=tokens)
    from graphkit.extract.walkers import walker

    name = spec.get("walker")
    if not isinstance(name, str):
        raise ValueError(f"rule {rule_id!r}: a pattern has tokens, or a walker")
    try:
        walker(name)
    except Exception:
        raise ValueError(f"rule {rule_id!r}: no walker named {name!r}") from None
    if "runs" in spec:
        if spec["runs"] != "capitalised":
            raise ValueError(f"rule {rule_id!r}: runs is 'capitalised'")
        return Pattern(walker=name, runs="capitalised")
    if "anchor" not in spec:
        raise ValueError(f"rule {rule_id!r}: a walker's pattern has an anchor (or runs)")
    where = spec.get("where")
    if where is not None and where not in PLACES:
        raise ValueError(f"rule {rule_id!r}: where is one of {', '.join(PLACES)}")
    anchors = {key: spec.get(key) for key in ("anchor", "before", "after")}
    for key, anchor in anchors.items():
        if anchor is not None:
            _check_anchor(rule_id, key, anchor)
    return Pattern(walker=name, where=where, **anchors)


def _check_anchor(rule_id: str, key: str, anchor: Any) -> None:
    """Check an anchor (or a ``before`` / ``after`` test) of rule ``rule_id``."""
    kinds = [kind for kind in ANCHOR_KINDS if isinstance(anchor, dict) and kind in anchor]
    if len(kinds) != 1 or len(anchor) != 1:
        raise ValueError(f"rule {rule_id!r}: {key} has one of {', '.join(ANCHOR_KINDS)}")
    value = anchor[kinds[0]]
    if kinds[0] == "shape":
        if value not in SHAPES:
            raise ValueError(f"rule {rule_id!r}: no shape {value!r} ({', '.join(SHAPES)})")
    elif kinds[0] == "words":
        for name in [value] if isinstance(value, str) else value:
            try:
                words(name)
            except KeyError as error:
                raise ValueError(f"rule {rule_id!r}: {error.args[0]}") from None
    elif not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise ValueError(f"rule {rule_id!r}: {key}'s {kinds[0]} is a list of strings")
