"""Walkers for datasets: names before a dataset word and lists after one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graphkit.extract.lexicon import LIST_INTRODUCERS
from graphkit.extract.walkers import Scan, walkers
from graphkit.extract.wordbits import (
    ACRONYM_BIT,
    EVALUATIVE_WORD,
    GENERIC_WORD,
    HYPHEN,
    NAME_BIT,
    NAMED_DATASET,
    NAMELIKE_BIT,
    NUM_BIT,
    PLURAL,
    PUNCT_BIT,
    TITLE_BIT,
)

if TYPE_CHECKING:
    from graphkit.extract.rules import Rule


@walkers.register("dataset_names")
def dataset_names(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """Names before a dataset word ("X and Y datasets"), and after a plural one ("datasets
    such as X, Y")."""
    if bits & NAMED_DATASET:
        _named_dataset(scan, rule, i, bits)
        return
    doc, known = scan.doc, scan.known
    j = i - 1
    while j >= 0:
        if not known[doc[j].orth] & (NAMELIKE_BIT | NUM_BIT):
            break
        s = j
        while s > 0:
            before = doc[s - 1]
            before_bits = known[before.orth]
            if not before_bits & (NAMELIKE_BIT | NUM_BIT) and before.whitespace_:
                break
            if before_bits & PUNCT_BIT and not before_bits & HYPHEN:
                break
            s -= 1
        first = known[doc[s].orth]
        if first & (EVALUATIVE_WORD | GENERIC_WORD):
            break
        shaped = first & (NAME_BIT | ACRONYM_BIT)
        plain_ok = first & NAMELIKE_BIT and not scan.opens_sentence(s) and not scan.titled()
        if not shaped and not plain_ok:
            break
        scan.add(s, j + 1, rule.label, rule)
        j = s - 1
        if j >= 0 and doc[j].text in (",", "and", "or", "&"):
            j -= 1
            if j >= 0 and doc[j].text in (",", "and"):
                j -= 1
            continue
        break
    if bits & PLURAL:
        _list_after(scan, rule, i + 1)


def _named_dataset(scan: Scan, rule: Rule, i: int, bits: int) -> None:
    """A capitalised name ending in a dataset word: "Stanford Sentiment Treebank"."""
    if not bits & TITLE_BIT:
        return
    doc, known = scan.doc, scan.known
    s = i
    while s > 0 and i - s < 4:
        bits = known[doc[s - 1].orth]
        if not bits & NAMELIKE_BIT or scan.opens_sentence(s - 1):
            break
        if bits & (GENERIC_WORD | EVALUATIVE_WORD):
            break
        s -= 1
    if s < i:
        scan.add(s, i + 1, rule.label, rule)


def _list_after(scan: Scan, rule: Rule, j: int) -> None:
    """The names listed after a plural dataset word: "datasets such as X, Y and Z"."""
    doc, known = scan.doc, scan.known
    if j < len(doc) and doc[j].text in ("(", ":"):
        j += 1
    elif j < len(doc) and doc[j].lower_ in LIST_INTRODUCERS:
        j += 2 if doc[j].lower_ == "such" else 1
        if j < len(doc) and doc[j].text == ",":
            j += 1
    else:
        return
    while j < len(doc):
        token = doc[j]
        if not known[token.orth] & (NAMELIKE_BIT | NAME_BIT):
            return
        s, e = scan.name_extent(j, token)
        while e < len(doc) and e - s < 3 and known[doc[e].orth] & (NAMELIKE_BIT | NUM_BIT):
            e += 1
        scan.add(s, e, rule.label, rule)
        j = e
        if j < len(doc) and doc[j].text in (",", "and", "or"):
            j += 1
            if j < len(doc) and doc[j].text == "and":
                j += 1
            continue
        return
