"""One type per list: the members of a list share the type its head word or its members give.

- A list right after a type word and a list introducer ("datasets such as X,
  Y and Z", "two benchmarks for scene parsing, i.e., X and Y", "metrics: X,
  Y") names things of that type: each member takes it, whatever a member's
  shape or a vocabulary entry said (a name's shape makes it a method by
  default; "MAE" is a model after "models such as"). Two members make such a
  list.
- Without a head, "ViT, MAE, DINO, BERT and GPT2" lists models: a vocabulary
  that files "MAE" as a metric (mean absolute error) is overruled by its
  neighbours. A name found by the vocabulary alone takes the type that at
  least ``MIN_AGREEING`` other items of its list share and no item of its own
  type does.

A list is a run of mentions joined only by commas, "and" and "or".
"""

from __future__ import annotations

import re
from collections import Counter

from graphkit.extract.gazetteer import VOCABULARY_RULES
from graphkit.extract.lexicon import LIST_INTRODUCERS, head_type
from graphkit.extract.words import words
from graphkit.models import Mention

LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)\s*")
"""The text between two items of one list: a comma, "and" or "or", or a comma before them."""
MAX_GAP = len(", and ")
"""The longest text between two items of one list (more spaces make no list)."""
MIN_AGREEING = 2
"""How many other items of a list must share a type for a vocabulary name to take it."""
HEAD_REACH = 100
"""How many characters before a list its head word is looked for in."""
_INTRODUCER = (
    r"\s*[,(]?\s*(?:"
    + "|".join(
        r"such\s+as" if word == "such" else re.escape(word)
        for word in sorted(LIST_INTRODUCERS, key=len, reverse=True)
    )
    + r"|:)\s*,?\s*$"
)
INTRODUCED = re.compile(r"(?P<head>[A-Za-z][\w-]*)" + _INTRODUCER)
"""The text before a list that names its type: a head word and a list introducer ("datasets
such as", "metrics:")."""
INTRODUCED_FOR = re.compile(
    r"(?P<head>[A-Za-z][\w-]*)\s+(?:for|on|in|of|across)\s+"
    r"(?:(?!\b(?:for|on|in|of|across)\b)[^,.;:()]){1,60}?" + _INTRODUCER
)
"""The same with a phrase after the head word that says what for ("benchmarks for scene
parsing, i.e.,"); the head is the word before the phrase's only preposition."""
TASK_NOUNS = words("task_nouns")
INTRODUCER_REACH = 16
"""How many characters before a list its introducer is looked for in."""
INTRODUCER_MARKS = (":", *sorted(LIST_INTRODUCERS))
"""Text that an introducer holds: a list without any of it just before has no head."""
HEAD_LABELS = frozenset({"DATASET", "METRIC", "METHOD"})
"""The types a list's head word gives its members."""


def _lists(mentions: list[Mention], text: str, least: int) -> list[list[int]]:
    """The indices of ``mentions`` (one field's, in text order) that form lists of ``least``
    items or more."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i, m in enumerate(mentions):
        end = mentions[run[-1]].end if run else 0
        if run and m.start - end <= MAX_GAP and LIST_GAP.fullmatch(text[end : m.start]):
            run.append(i)
            continue
        if len(run) >= least:
            runs.append(run)
        run = [i]
    if len(run) >= least:
        runs.append(run)
    return runs


def _head_label(text: str, start: int) -> str | None:
    """The type that the head word of a list starting at ``start`` gives, or None: the word
    right before the introducer, else the word before a phrase saying what for (unless the
    word before the introducer is "tasks": a list of tasks)."""
    tail = text[max(0, start - INTRODUCER_REACH) : start]
    if not any(mark in tail for mark in INTRODUCER_MARKS):
        return None  # no introducer: spare the searches
    reach = max(0, start - HEAD_REACH)
    found = INTRODUCED.search(text, reach, start)
    if found is None:
        return None
    head = found["head"].lower()
    label = head_type(head)
    if label not in HEAD_LABELS and head not in TASK_NOUNS:
        found = INTRODUCED_FOR.search(text, reach, start)
        label = None if found is None else head_type(found["head"].lower())
    return label if label in HEAD_LABELS else None


def one_type_per_list(mentions: list[Mention], text: str) -> list[Mention]:
    """Relabel the list members that their list's head or other items overrule (see the
    module's doc); ``mentions`` are one field's, in text order."""
    if len(mentions) < 2:
        return mentions
    result = list(mentions)
    for run in _lists(mentions, text, 2):
        label = _head_label(text, mentions[run[0]].start)
        if label is not None:
            for i in run:
                m = mentions[i]
                if m.label != label and m.label in HEAD_LABELS:
                    result[i] = m.relabelled(label)
        elif len(run) >= 3:
            _by_neighbours(mentions, run, result)
    return result


def _by_neighbours(mentions: list[Mention], run: list[int], result: list[Mention]) -> None:
    """Relabel in ``result`` each vocabulary name of a headless list that its other items
    overrule."""
    labels = Counter(mentions[i].label for i in run)
    for i in run:
        m = mentions[i]
        if m.rule not in VOCABULARY_RULES or labels[m.label] > 1:
            continue
        (label, count), *_ = (labels - Counter({m.label: labels[m.label]})).most_common(1)
        if count >= MIN_AGREEING and count == len(run) - 1:
            result[i] = m.relabelled(label)
