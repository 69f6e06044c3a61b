"""One type per list: a vocabulary name listed among names of another type takes theirs.

"ViT, MAE, DINO, BERT and GPT2" lists models: a vocabulary that files "MAE" as
a metric (mean absolute error) is overruled by its neighbours. A list is a
run of mentions joined only by commas, "and" and "or"; a name found by the
vocabulary alone takes the type that at least ``MIN_AGREEING`` other items of
its list share and no item of its own type does.
"""

from __future__ import annotations

import re
from collections import Counter

from graphkit.extract.gazetteer import VOCABULARY_RULES
from graphkit.models import Mention

LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)\s*")
"""The text between two items of one list: a comma, "and" or "or", or a comma before them."""
MIN_AGREEING = 2
"""How many other items of a list must share a type for a vocabulary name to take it."""


def _lists(mentions: list[Mention], text: str) -> list[list[int]]:
    """The indices of ``mentions`` (one field's, in text order) that form lists of three
    items or more."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i, m in enumerate(mentions):
        if run and LIST_GAP.fullmatch(text[mentions[run[-1]].end : m.start]):
            run.append(i)
            continue
        if len(run) >= 3:
            runs.append(run)
        run = [i]
    if len(run) >= 3:
        runs.append(run)
    return runs


def one_type_per_list(mentions: list[Mention], text: str) -> list[Mention]:
    """Relabel each vocabulary-found mention that its list's other items overrule (see the
    module's doc); ``mentions`` are one field's, in text order."""
    if len(mentions) < 3:
        return mentions
    result = list(mentions)
    for run in _lists(mentions, text):
        labels = Counter(mentions[i].label for i in run)
        for i in run:
            m = mentions[i]
            if m.rule not in VOCABULARY_RULES or labels[m.label] > 1:
                continue
            (label, count), *_ = (labels - Counter({m.label: labels[m.label]})).most_common(1)
            if count >= MIN_AGREEING and count == len(run) - 1:
                result[i] = Mention(
                    m.text, label, m.field, m.start, m.end, m.sentence, m.rule, m.proposed
                )
    return result
