"""Precision filters and span repairs the resolver applies to each candidate.

- A dataset span loses a trailing "dataset / benchmark / corpus" and gains a
  following split name ("COCO test-dev").
- A metric of one measure word gains its compound modifier ("end-to-end
  latency", "pair-searching accuracy").
- A cost measure (latency, memory, time, parameters, size) counts only where
  it is reported: next to a number or a comparison ("reduces peak memory").
- A measure followed by a loss word is a training objective ("an L1 penalty"),
  not a metric.
- A lower-case vocabulary method takes in the classifying words before it
  ("recurrent convolutional neural networks"); a vocabulary method or dataset
  inside a hyphenated word ("Dyn-Perceiver", "transformer-based") is none.
- A task whose head also ends field or method names ("... learning",
  "... modeling") needs a cue ("for X", "X task").

The filters work on token offsets (``doc``, ``start``, ``end``) rather than on
``Span`` objects, and read only the few tokens a rule needs: the resolver runs
them on every candidate, and building spans or reading whole docs would cost
more than the rules themselves.
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from graphkit.extract import flags
from graphkit.extract.coordination import shared_start
from graphkit.extract.formulation import formulated_as
from graphkit.extract.gazetteer import RULE_ANY_CASE, VOCABULARY_RULES
from graphkit.extract.lexicon import (
    EVALUATIVE,
    GENERIC_DATASET_HEADS,
    GENERIC_WORDS,
    METHOD_HEADS,
    PROBLEM_WORDS,
    STRONG_TASK_CUES_BEFORE,
    TASK_CUES_AFTER,
    TASK_CUES_BEFORE,
    TASK_HEADS,
    WEAK_TASK_HEADS,
)
from graphkit.extract.tokens import hyphen_after, hyphen_before
from graphkit.extract.vocab import name_modifiers
from graphkit.extract.words import endings, words

SPLITS = words("splits")
MEASURE_WORDS = words("measure_words")
COST_WORDS = words("cost_words")
REPORT_WORDS = words("report_words")
PRAISE = words("praise")
MODIFIER_NOUNS = words("modifier_nouns")
LOSS_WORDS = words("loss_words")
ADJECTIVE_ENDINGS = endings("adjective_endings")
EDGE_MARKS = words("edge_marks")
SIZE_WORDS = words("size_words")
MAX_CLASSIFYING = 2
"""How many classifying words a vocabulary method takes in before it."""
_OBJECT_OPENERS = frozenset(get_string_id(w) for w in words("object_openers"))
"""Determiners and object pronouns (as lower-case ids), which open a verb's object."""
_AUXILIARIES = frozenset(get_string_id(w) for w in ("have", "has", "had", "having", "to"))
"""Words (as lower-case ids) after which a word is a verb: "have garnered", "to alleviate"."""
RULE_METHOD_CUE = "method_cue"
RULE_TASK_CUE = "task_cue"
"""The ids of the cue rules (``graphkit/data/rules/rules.jsonl``) whose spans some filters treat
apart: a method cue's phrase may open with a verb, a task cue's phrase needs no other cue."""
_VERB_OPENERS = frozenset(get_string_id(w) for w in ("we", "they", "to"))
"""Words (as lower-case ids) after which a word is a verb ("we query large language
models"), not a modifier."""
WINDOW = 6
"""How many tokens on each side a measure looks at for a number or a report word."""


def repair(doc: Doc, start: int, end: int, label: str, rule: str) -> tuple[int, int] | None:
    """Apply the filters of a ``label`` candidate found by ``rule`` at tokens ``start:end``:
    return its repaired bounds, or None when it is rejected.

    The first and last tokens are read once, and a filter that needs more is called only
    when they show it may apply: most candidates pass every filter unchanged.
    """
    if end <= start:
        return None
    first = last = doc[start]
    edged = first.orth in _EDGE_ORTHS
    if end - start > 1:
        last = doc[end - 1]
        edged = edged or last.orth in _EDGE_ORTHS
    vocabulary = rule in VOCABULARY_RULES
    if start >= 2 and (vocabulary or label == "TASK") and doc[start - 1].orth == _HYPHEN:
        whole = whole_word_start(doc, start)
        if label == "TASK":
            start = whole
            first = doc[start]
        elif whole < start:
            return None
    if label == "METHOD" or (vocabulary and label != "TASK"):
        n = len(doc)
        if end < n:
            after = doc[end]
            if after.orth == _HYPHEN:
                if vocabulary and not last.whitespace_ and _glued_word(doc, end):
                    return None
            elif label == "METHOD" and last.whitespace_:
                if after.orth in _SIZE_ORTHS:
                    end += 1
                    last = after
                else:
                    end = size_end(doc, end)
                    last = doc[end - 1]
        if rule == RULE_ANY_CASE and label == "METHOD" and start > 0:
            if end < n and (takes_object(last, doc[end]) or names_problem(doc, end)):
                return None
            start = classifying_start(doc, start)
            first = doc[start]
    if edged:
        bounds = trim_edges(doc, start, end)
        if bounds is None:
            return None
        start, end = bounds
        first, last = doc[start], doc[end - 1]
    if (end - start > 2 and not first.whitespace_) or (label == "METRIC" and end - start > 1):
        trimmed = trim_evaluative(doc, start, end, label)
        if trimmed is None:
            return None
        start = trimmed
    if rule == RULE_METHOD_CUE and start > 0:
        start = object_start(doc, start, end)
        if start is None:
            return None
    if label == "DATASET":
        end = trim_dataset(doc, start, end)
    elif label == "METRIC":
        start = extend_metric(doc, start, end)
        if trained_on(doc, start, end) or not is_reported(doc, start, end):
            return None
    elif label == "TASK":
        if rule != RULE_TASK_CUE and _uncued_task(doc, start, end, rule):
            return None
        start = shared_start(doc, extend_task(doc, start), end)
    return start, end


def _glued_word(doc: Doc, hyphen: int) -> bool:
    """True when the hyphen at ``hyphen`` joins the word before it to a word after it."""
    return hyphen_before(doc, hyphen + 1) and doc[hyphen + 1].is_alpha


def size_end(doc: Doc, end: int) -> int:
    """The end of a model's name with the parameter count written after it ("Llama 7B"),
    perhaps after a version number ("Llama 3.1 8B"): the count names the member of the
    family, as "-Large" does."""
    n = len(doc)
    k = end
    if k + 1 < n and _VERSION.fullmatch(doc[k].text) and doc[k].whitespace_:
        k += 1
    if k < n and _COUNT.fullmatch(doc[k].text):
        return k + 1
    return end


def object_start(doc: Doc, start: int, end: int) -> int | None:
    """The start of a cue rule's method phrase past a verb, or None when the phrase is a
    verb's object that names nothing. After a form of "have" or "to" a word is a verb ("have
    garnered widespread attention", "to alleviate attention collapse") unless the
    vocabulary's names use it as a modifier ("to sparse attention"); the words after such a
    verb name a method only when one of them is such a modifier ("has received great
    attention" names none, "to apply sparse attention" does)."""
    s = start
    first = doc[s]
    modifiers = name_modifiers()
    if doc[s - 1].lower in _AUXILIARIES:
        if not first.is_lower or first.lower_ in modifiers:
            return start
        if s + 1 < end and hyphen_after(doc, s):
            return start
        s += 1
    elif not (s >= 2 and doc[s - 2].lower in _AUXILIARIES and doc[s - 1].is_lower):
        return start
    if any(doc[k].lower_ in modifiers for k in range(s, end - 1)):
        return s
    return None


def takes_object(last: Token, after: Token) -> bool:
    """True when a lower-case vocabulary method ending in an "-ing" form (``last``) is
    followed by a determiner or an object pronoun (``after``): "fine-tuning them", "without
    fine-tuning its weights" use the verb on an object, and name no technique."""
    return last.lower_.endswith("ing") and after.lower in _OBJECT_OPENERS


def names_problem(doc: Doc, i: int) -> bool:
    """True when a lower-case vocabulary method is followed by a word for a problem or a
    task head (token ``i``): "linear regression problems", "k-nearest neighbor search" name
    the problem solved, not the technique; a method word after the task head makes the
    whole a method again ("the byte pair encoding compression algorithm")."""
    after = doc[i]
    lower = after.lower_
    if not after.is_lower:
        return False
    if lower in PROBLEM_WORDS:
        return True
    return lower in TASK_HEADS and (i + 1 == len(doc) or doc[i + 1].lower_ not in METHOD_HEADS)


def classifying_start(doc: Doc, start: int) -> int:
    """Take into a lower-case vocabulary method up to two lower-case words before it that
    the vocabulary's names use as modifiers ("recurrent convolutional neural networks",
    "sparse dictionary learning"): they name a kind of the thing, and the longest complete
    name is the one meant. A verb (known, or after "we", "they", "to"), a stop, describing
    or generic word, or a word glued to the one before it ("state-of-the-art") ends the
    modifiers; return the new start."""
    s = start
    while s > 0 and start - s < MAX_CLASSIFYING:
        token = doc[s - 1]
        if not (token.is_alpha and token.is_lower and token.whitespace_) or token.is_stop:
            break
        if (s >= 2 and not doc[s - 2].whitespace_) or token.check_flag(flags.VERB):
            break
        if s >= 2 and doc[s - 2].lower in _VERB_OPENERS:
            break
        lower = token.lower_
        if lower not in name_modifiers() or lower in EVALUATIVE or lower in GENERIC_WORDS:
            break
        s -= 1
    return s


def _uncued_task(doc: Doc, start: int, end: int, rule: str) -> bool:
    """True for a task that needs a cue and has none. A weak head ("... learning") needs a
    task cue, "of" only after a word for a problem ("the problem of X", not "a perspective
    of data compression"); a lower-case vocabulary topic (``_headless_task``) needs one that
    says it is the problem worked on, not a relation word ("challenges in efficiency")."""
    first, last = doc[start], doc[end - 1]
    if last.lower_ in WEAK_TASK_HEADS:
        if start > 1 and doc[start - 1].orth == _OF and doc[start - 2].lower_ not in PROBLEM_WORDS:
            return not task_cue(doc, start, end, strong=True)
        return not task_cue(doc, start, end)
    return _headless_task(first, last, rule) and not task_cue(doc, start, end, strong=True)


def _headless_task(first: Token, last: Token, rule: str) -> bool:
    """True for a lower-case vocabulary task whose last word names no activity ("point
    clouds", "inductive bias", "remote sensing"): the leaderboard lists hold such topics
    beside the problems, and only a task cue says that the paper treats one as its task."""
    return rule == RULE_ANY_CASE and first.is_lower and last.lower_ not in TASK_HEADS


def text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens ``start:end``, read token by token: cheaper than building a ``Span``
    for the few tokens of a name."""
    if end - start == 1:
        return doc[start].text
    if end - start == 2:
        return doc[start].text_with_ws + doc[start + 1].text
    return "".join([doc[i].text_with_ws for i in range(start, end - 1)]) + doc[end - 1].text


_EDGE_ORTHS = frozenset(get_string_id(mark) for mark in EDGE_MARKS)
_HYPHEN = get_string_id("-")
_OF = get_string_id("of")
_VERSION = re.compile(r"\d+(?:\.\d+)*")
_COUNT = re.compile(r"\d+(?:\.\d+)?[BM]")
"""A version number ("3.1") and a parameter count ("8B", "1.3B", "350M") after a name."""
_SIZE_ORTHS = frozenset(get_string_id(word) for word in SIZE_WORDS)


def whole_word_start(doc: Doc, start: int) -> int:
    """Move ``start`` back to the first part of a hyphenated word it falls inside
    ("incremental learning" in "class-incremental learning"): a task starts no mid-word."""
    while (
        start >= 2
        and hyphen_before(doc, start)
        and hyphen_after(doc, start - 2)
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start


def trim_edges(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop brackets and quotes at the edges of tokens ``start:end`` ("{Zorb Net}" gives
    "Zorb Net"); return the new bounds, or None when nothing is left."""
    while start < end and doc[start].orth in _EDGE_ORTHS:
        start += 1
    while end > start and doc[end - 1].orth in _EDGE_ORTHS and not _has_paren(doc, start, end - 1):
        end -= 1
    if start == end:
        return None
    return start, end


def _has_paren(doc: Doc, start: int, end: int) -> bool:
    """True when a token of ``start:end`` holds an opening parenthesis."""
    return any("(" in doc[i].text for i in range(start, end))


def trim_evaluative(doc: Doc, start: int, end: int, label: str) -> int | None:
    """Drop a leading compound that only describes ("state-of-the-art tracking"), and a
    leading describing word of a metric ("final accuracy"); return the new start, or None
    when nothing is left."""
    cut = start + 1
    while cut + 1 < end and hyphen_after(doc, cut - 1):
        cut += 2
    if cut == start + 1:
        if label != "METRIC" or end - start < 2 or doc[start].lower_ not in PRAISE:
            return start
    elif text(doc, start, cut).lower() not in EVALUATIVE:
        return start
    return cut if cut < end else None


def trim_dataset(doc: Doc, start: int, end: int) -> int:
    """Drop a trailing dataset word, or else take in a following split name; return the
    new end."""
    if end - start > 1 and doc[end - 1].lower_ in GENERIC_DATASET_HEADS:
        return end - 1
    split_end = _split_end(doc, end)
    return end if split_end is None else split_end


def _split_end(doc: Doc, i: int) -> int | None:
    """Return the end of a split name written at token ``i`` ("test-dev", "val"), or None."""
    if i >= len(doc):
        return None
    end = i + 1
    while end + 1 < len(doc) and hyphen_after(doc, end - 1):
        end += 2
    name = doc[i].lower_ if end == i + 1 else text(doc, i, end).lower()
    return end if name in SPLITS else None


def _after_score(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a lower-case noun between a score and a measure ("46.9% box
    mAP"): between a number and its measure a word can only name the measure."""
    if i < 1 or doc[i - 1].text != "%":
        return False
    token = doc[i]
    lower = token.lower_
    return (
        token.is_alpha
        and token.is_lower
        and not token.is_stop
        and lower not in EVALUATIVE
        and lower not in PRAISE
        and lower not in GENERIC_WORDS
        and not lower.endswith(ADJECTIVE_ENDINGS)
        and not token.check_flag(flags.VERB)
    )


def extend_metric(doc: Doc, start: int, end: int) -> int:
    """Take a compound modifier into a one-word measure ("end-to-end latency"), or two
    modifier nouns ("linear probing accuracy"); return the new start."""
    if end - start != 1 or start == 0:
        return start
    if doc[start].lower_ not in MEASURE_WORDS:
        return start - 1 if _after_score(doc, start - 1) else start
    prev = doc[start - 1]
    if prev.text == "-" or not prev.whitespace_:
        return start
    s = start - 1
    while s >= 2 and hyphen_before(doc, s) and hyphen_after(doc, s - 2):
        s -= 2
    if any(not t.is_alpha and t.text != "-" for t in doc[s:start]):
        return start
    first = doc[s]
    lower = first.lower_
    if (
        first.is_stop
        or lower in EVALUATIVE
        or lower in GENERIC_WORDS
        or first.check_flag(flags.VERB)
        or lower.endswith("ly")
        or not first.is_lower
        or (s == start - 1 and lower not in MODIFIER_NOUNS)
    ):
        return start
    outer = doc[s - 1] if s == start - 1 and s > 0 else None
    if outer is not None and outer.is_lower and outer.lower_ in MODIFIER_NOUNS:
        return s - 1
    return s


def trained_on(doc: Doc, start: int, end: int) -> bool:
    """True when a loss word follows the measure at ``start:end`` ("an L1 penalty", "an MSE
    loss"): a measure trained on is a loss, which is a method. After a number the loss word
    tells a drop in the measure ("a 1% accuracy loss"), which reports it."""
    if end >= len(doc) or doc[end].lower_ not in LOSS_WORDS:
        return False
    return start == 0 or not (doc[start - 1].like_num or "%" in doc[start - 1].text)


def _window(doc: Doc, start: int, end: int) -> list[int]:
    """The indices of the tokens within ``WINDOW`` of ``start:end``, on either side."""
    return [*range(max(0, start - WINDOW), start), *range(end, min(end + WINDOW, len(doc)))]


def reported(doc: Doc, start: int, end: int) -> bool:
    """True when a number or a report word is within ``WINDOW`` tokens of ``start:end``."""
    return any((t := doc[i]).like_num or t.lower_ in REPORT_WORDS for i in _window(doc, start, end))


def is_reported(doc: Doc, start: int, end: int) -> bool:
    """True when the measure at ``start:end`` is no cost measure, or is reported: a number
    stands near it, or a report word right before it that is no infinitive ("reduces
    memory" reports a result, "to reduce memory" states an aim)."""
    if not any(doc[i].lower_ in COST_WORDS for i in range(start, end)):
        return True
    if any(
        (t := doc[i]).like_num or "%" in t.text or t.text in ("x", "×")
        for i in _window(doc, start, end)
    ):
        return True
    i = start - 1
    if i > 0 and doc[i].lower_.endswith("ly"):
        i -= 1
    return i >= 0 and doc[i].lower_ in REPORT_WORDS and (i == 0 or doc[i - 1].lower_ != "to")


def extend_task(doc: Doc, start: int) -> int:
    """Take up to two lower-case noun modifiers into a task ("brain tumour classification");
    return the new start."""
    s = start
    while s > 0 and start - s < 2:
        token = doc[s - 1]
        if not token.is_alpha or not token.is_lower or token.is_stop:
            break
        lower = token.lower_
        if lower in EVALUATIVE or lower in GENERIC_WORDS:
            break
        if token.check_flag(flags.VERB) or lower.endswith(ADJECTIVE_ENDINGS):
            break
        if s >= 2 and hyphen_before(doc, s - 1):
            break
        s -= 1
    return s


def task_cue(doc: Doc, start: int, end: int, strong: bool = False) -> bool:
    """True when a word next to a task span marks it as the problem addressed; ``strong``
    leaves out the relation words before it ("in", "of")."""
    cues = STRONG_TASK_CUES_BEFORE if strong else TASK_CUES_BEFORE
    return (start > 0 and doc[start - 1].lower_ in cues) or (
        end < len(doc) and doc[end].lower_ in TASK_CUES_AFTER and not formulated_as(doc, start)
    )
