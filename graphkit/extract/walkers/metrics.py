"""Walkers for metrics: "in terms of X", "% X", "X score", "4.2M parameters", cost and other
measures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graphkit.extract.filters import reported
from graphkit.extract.lexicon import EVALUATIVE, METRIC_HEADS, NAMING_WORDS
from graphkit.extract.results.numbers import find_numbers
from graphkit.extract.results.words import Cues, setup_before, word_list
from graphkit.extract.walkers import Scan, walkers
from graphkit.extract.wordbits import ACRONYM_BIT, NAME_BIT
from graphkit.extract.words import words

if TYPE_CHECKING:
    from graphkit.extract.rules import Rule

COST_MODIFIERS = words("cost_modifiers")
METRIC_FILLERS = words("metric_fillers")
PERCENT_SKIPS = frozenset({"absolute", "relative", "higher", "lower", "in"})
"""Words between a percentage and its measure that are no part of the measure's name."""


def _metric_phrase(scan: Scan, rule: Rule, j: int) -> int | None:
    """Add the metric at ``j`` (a name or a phrase ending in a measure word); return its end."""
    doc = scan.doc
    if j >= len(doc):
        return None
    token = doc[j]
    if scan.known[token.orth] & (ACRONYM_BIT | NAME_BIT):
        s, e = scan.name_extent(j, token)
        if e < len(doc) and doc[e].lower_ in METRIC_HEADS:
            e += 1
        scan.add(s, e, rule.label, rule)
        return e
    for e in range(j + 1, min(j + 4, len(doc)) + 1):
        last = doc[e - 1]
        if not (last.is_alpha or last.text == "-" or last.like_num) or last.is_stop:
            return None
        if last.lower_ in METRIC_HEADS and doc[j].lower_ not in EVALUATIVE:
            scan.add(j, e, rule.label, rule)
            return e
    return None


@walkers.register("in_terms_of")
def in_terms_of(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "in terms of X, Y and Z": the anchor is "terms"."""
    doc = scan.doc
    j = i + 2
    for _ in range(5):
        if j < len(doc) and doc[j].lower_ in ("the", "both", "its"):
            j += 1
        e = _metric_phrase(scan, rule, j)
        if e is None or e >= len(doc) or doc[e].text not in (",", "and", "or", "/"):
            return
        j = e + 1
        if j < len(doc) and doc[j].text == "and":
            j += 1


@walkers.register("after_percent")
def after_percent(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "% X": the measure after a percentage, past the words that only say how it is read
    ("in absolute normalized score"); none after a setting word ("95% CI", "90% sparsity")."""
    doc = scan.doc
    j = i + 1
    while j < len(doc) and j - i <= 2 and doc[j].lower_ in PERCENT_SKIPS:
        j += 1
    if j < len(doc) and (doc[j].lower_ in ("top-1", "top-5") or doc[j].lower_ in _setup_words()):
        return
    _metric_phrase(scan, rule, j)


def _setup_words() -> Cues:
    """The words after a number that make it a setting (the result rules' list)."""
    return word_list("setup_after.txt")


@walkers.register("cost_measure")
def cost_measure(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "peak memory", "training cost": a cost head after a cost modifier."""
    if i > 0 and scan.doc[i - 1].lower_ in COST_MODIFIERS:
        scan.add(i - 1, i + 1, rule.label, rule)


def _described(doc: Doc, start: int) -> bool:
    """True when an indefinite article opens the phrase at ``start``: "a sound measure"
    describes a measure, a named one takes no article of its own ("the X metric")."""
    return start > 0 and doc[start - 1].lower_ in ("a", "an")


def _named_after(scan: Scan, rule: Rule, j: int) -> None:
    """ "a measure, called X": the lower-case words after a naming word name a measure."""
    doc = scan.doc
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j >= len(doc) or doc[j].lower_ not in NAMING_WORDS:
        return
    s = e = j + 1
    while e < len(doc) and e - s < 4 and doc[e].is_alpha and doc[e].is_lower and not doc[e].is_stop:
        e += 1
    if e > s:
        scan.add(s, e, rule.label, rule)


def _score(scan: Scan, rule: Rule, i: int) -> None:
    """ "X score": a name before "score"."""
    if i == 0:
        return
    prev = scan.doc[i - 1]
    if scan.known[prev.orth] & (ACRONYM_BIT | NAME_BIT):
        s, _ = scan.name_extent(i - 1, prev)
        scan.add(s, i + 1, rule.label, rule)


@walkers.register("measure")
def measure(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "<modifiers> score / metric / measure": a named measure."""
    doc = scan.doc
    end = i + 1
    lower = token.lower_
    if lower in ("score", "scores"):
        _score(scan, rule, i)
    s = scan.modifiers(i, capitals=False)
    while s < i - 1 and (doc[s].lower_ in METRIC_FILLERS or doc[s].lower_ in PERCENT_SKIPS):
        s += 1
    if lower in ("metric", "metrics", "measure", "measures"):
        named = [t for t in doc[s:i] if t.lower_ not in METRIC_FILLERS and t.is_alpha]
        if named and not _described(doc, s):
            scan.add(s, end, rule.label, rule)
        _named_after(scan, rule, end)
        return
    if s < i and reported(doc, s, end):
        scan.add(s, end, rule.label, rule)


SCORE_REACH = 6
"""How many tokens on each side of a measure a score may stand for ``scored_measure``."""


@walkers.register("scored_measure")
def scored_measure(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "(mean boundary distance) by 4.2%": a head that names a metric only beside a score
    (a number with a decimal point or a percentage; "(2)" only numbers a list item) is a
    named measure with its modifiers."""
    doc = scan.doc
    s = scan.modifiers(i, capitals=False)
    if s == i:
        return
    near = range(max(0, s - SCORE_REACH), min(len(doc), i + 1 + SCORE_REACH))
    if any(_score_number(doc, k) for k in near):
        scan.add(s, i + 1, rule.label, rule)


def _score_number(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a score: a number with a decimal point or a percent sign."""
    text = doc[k].text
    if not _digits(text):
        return False
    return "." in text or "%" in text or (k + 1 < len(doc) and doc[k + 1].text == "%")


@walkers.register("by_percent")
def by_percent(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "X rate ... by 43.6%": a phrase ending in a metric word that changes by a percentage
    (the anchor is "by") is a named measure with its modifiers."""
    doc = scan.doc
    head = i - 1
    if head < 1 or i + 2 >= len(doc) or doc[i + 2].text != "%" or not doc[i + 1].like_num:
        return
    lower = doc[head].lower_
    if lower not in METRIC_HEADS and lower[:-1] not in METRIC_HEADS:
        return
    s = scan.modifiers(head, capitals=False)
    while s < head and doc[s].lower_ in EVALUATIVE:
        s += 1
    if s < head:
        scan.add(s, head + 1, rule.label, rule)


COUNT_REACH = 8
"""How many words before a count a setting verb may stand ("trained models with 60M ...")."""
LIST_WORDS = frozenset({",", "and", "or"})
"""Words between the counts of a list ("120M, 410M, and 1.4B")."""


@walkers.register("counted_measure")
def counted_measure(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "with just 4.2M parameters": the noun after a count that reports an outcome names
    the measure; a count given as a setting names none ("a 7B model", "up to 175B
    parameters", "we train models with 60M parameters", also for each count of a list),
    by the result rules' word lists."""
    doc = scan.doc
    start = i - 1
    if start > 0 and doc[start].is_alpha and not doc[start - 1].is_alpha:
        start -= 1  # "4.2 M", "1 million"
    if start < 0 or not _digits(doc[start].text):
        return
    numbers = find_numbers(doc[start:i].text)
    if len(numbers) != 1 or not numbers[0].size:
        return
    last = start - 1
    while last >= 0 and (
        _digits(doc[last].text)
        or doc[last].lower_ in LIST_WORDS
        or (last > 0 and _digits(doc[last - 1].text))  # the unit of "120 M"
    ):
        last -= 1  # the earlier counts of a list ("with 120M, 410M, and 1.4B parameters")
    before = []
    for k in range(last, max(-1, last - COUNT_REACH), -1):
        if doc[k].is_punct:
            break
        before.append(doc[k].lower_)
    verbs = _setup_verbs()
    if any(word in verbs for word in before):
        return
    near = tuple(reversed(before[:3]))
    phrases = setup_before()
    if any(near[-len(p) :] == p for p in (*phrases["all"], *phrases.get("size", ()))):
        return
    scan.add(i, i + 1, rule.label, rule)


def _digits(text: str) -> bool:
    """True when ``text`` holds a digit."""
    return any(c.isdigit() for c in text)


def _setup_verbs() -> Cues:
    """The verbs that make a count before them in its clause a setting."""
    return word_list("setup_verbs.txt")
