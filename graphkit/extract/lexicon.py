"""The word lists the rules share, read once from their data files, and what derives from them.

Each name below is bound to one file of ``graphkit/data/words``; a list that
joins others (``DATASET_HEADS``) or is generated (``VERBS``) says how here.
"""

from __future__ import annotations

from graphkit.extract.words import words

METHOD_HEADS = words("method_heads")
GENERIC_METHOD_HEADS = words("generic_method_heads")
GENERIC_DATASET_HEADS = words("generic_dataset_heads")
NAMED_DATASET_HEADS = words("named_dataset_heads")
DATASET_HEADS = GENERIC_DATASET_HEADS | NAMED_DATASET_HEADS
"""Words after a name that make it a dataset ("the X dataset"), generic or named."""
METRIC_HEADS = words("metric_heads")
TASK_HEADS = words("task_heads")
WEAK_TASK_HEADS = words("weak_task_heads")
STRONG_METHOD_HEADS = words("strong_method_heads")
GENERIC_WORDS = words("generic_words")
NOT_NAMES = words("not_names")
EVALUATIVE = words("evaluative")
TASK_CUES_BEFORE = words("task_cues_before")
TASK_CUES_AFTER = words("task_cues_after")
PROBLEM_WORDS = words("problem_words")
STRONG_TASK_CUES_BEFORE = TASK_CUES_BEFORE - words("relation_task_cues")
"""The task cues before a phrase that say it is the problem worked on ("for", "address")."""
PROPOSE_VERBS = words("propose_verbs")
NAMING_WORDS = words("naming_words")
NOVEL = words("novel_words")
COST_HEADS = words("cost_heads")
MEASURE_HEADS = words("measure_heads")

FIELD_HEADS = words("field_heads")
LIST_INTRODUCERS = words("list_introducers")
"""The words that open a list of names ("datasets such as", "tasks, e.g.,"): "such" opens
one with the "as" after it."""


def head_type(word: str) -> str | None:
    """Return the span label a phrase's last word suggests, or None."""
    if word in DATASET_HEADS:
        return "DATASET"
    if word in METRIC_HEADS and word not in METHOD_HEADS:
        return "METRIC"
    if word in TASK_HEADS and word not in FIELD_HEADS:
        return "TASK"
    if word in METHOD_HEADS:
        return "METHOD"
    return None


def inflections(base: str) -> set[str]:
    """The base, third person, past and "-ing" forms of a regular English verb."""
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    if base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
        past = base[:-1] + "ied"
    else:
        past = base + "d" if base.endswith("e") else base + "ed"
    return {base, third, past, stem + "ing"}


VERB_BASES = words("verb_bases")
VERBS = (
    words("irregular_verbs") | frozenset(w for b in VERB_BASES for w in inflections(b))
) - words("not_verbs")
"""Verb forms common in abstracts: never a modifier inside a name."""
