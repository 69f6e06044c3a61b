"""Which numbers of a sentence are results, of which kind, and which entities they belong to.

The rules read one sentence as tokens (words, entity mentions, numbers; see
:mod:`graphkit.extract.results.tokens`) and the word lists of
``graphkit/data/results``:

- a number with a unit (``%``, ``x``, ``dB`` ...) is a result unless the words
  around it make it a setting (``learning rate of``, ``95% CI``, ``10% of the
  data``); a count (``M``, ``B``, ``K``) only when it counts parameters and no
  setup word precedes it ("a 7B model", "up to 175B parameters" are settings);
  a bare number only next to a metric ("mAP of 54.4", "52.7 AP") or in a list
  with one;
- the kind is relative when the unit says so (``x``, points), for a ``+``
  sign, "N% of <performance>", a cue word right after the number ("higher",
  "faster", "reduction"), or, failing that, the nearest cue before it ("by",
  "improves"); "from", "to", "reaching" keep it absolute;
- the metric is the metric mentioned right after or before the number, or
  named by a cue ("faster": speed), else the nearest in the sentence; the
  dataset is mapped by "respectively", else the first after the number, the
  nearest before it, or the only one of a neighbouring sentence; the method
  is the subject ("X achieves", "our method"), the compared method follows a
  comparison word ("than", "outperforms").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from graphkit.extract.results import words
from graphkit.extract.results.tokens import (
    COMPARISON,
    LINK,
    NUM,
    OURS,
    OUTCOME,
    PERCENT_SCALE,
    SETUP_AFTER,
    SIZE_NOUN,
    SUBJECT_VERB,
    Token,
)

RELATIVE, ABSOLUTE = "relative", "absolute"
METRIC, DATASET, METHOD, TASK = "METRIC", "DATASET", "METHOD", "TASK"
APPROXIMATE = frozenset({"about", "around", "approximately", "nearly", "roughly", "~", ">", "<"})
JOINERS = frozenset({",", "/", "and", "or", "&"})


@dataclass
class Found:
    """A result of one sentence while its roles are filled in."""

    token: Token
    index: int
    rule: str
    kind: str
    unit: str | None
    roles: dict[str, Token] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    ours: bool = False


def groups(tokens: Sequence[Token]) -> list[list[int]]:
    """Indexes of number tokens, grouped when only list words join them ("1.2% and 3.4%")."""
    found: list[list[int]] = []
    last = -1
    for index, token in enumerate(tokens):
        if token.label != NUM:
            continue
        between = tokens[last + 1 : index] if last >= 0 else None
        if between is not None and all(not t.label and t.word in JOINERS for t in between):
            found[-1].append(index)
        else:
            found.append([index])
        last = index
    return found


def _after(tokens: Sequence[Token], index: int, limit: int) -> list[Token]:
    """Up to ``limit`` tokens after ``index``, stopping at punctuation or a number."""
    window = []
    for token in tokens[index + 1 : index + 1 + limit]:
        if token.stop or token.label == NUM:
            break
        window.append(token)
    return window


def _before(tokens: Sequence[Token], index: int, limit: int) -> list[Token]:
    """Up to ``limit`` tokens before ``index``, nearest first, stopping as ``_after`` does."""
    window = []
    for token in reversed(tokens[max(0, index - limit) : index]):
        if token.stop or token.label == NUM:
            break
        window.append(token)
    return window


def _adjacent(window: list[Token], label: str) -> Token | None:
    """The first ``label`` mention of ``window`` reached over link and cue words only."""
    for token in window:
        if token.label == label:
            return token
        if token.label or not (token.cues & LINK or token.after):
            return None
    return None


def _setup_before(tokens: Sequence[Token], index: int, size: bool) -> bool:
    before = [t.word for t in reversed(tokens[max(0, index - 5) : index]) if not t.label]
    while before and before[0] in APPROXIMATE:
        before.pop(0)
    return any(tuple(reversed(before[:n])) in phrases for n, phrases in _setup_phrases(size))


@cache
def _setup_phrases(size: bool) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """The phrases of ``setup_before.tsv`` (with the ``size`` ones when asked), by length."""
    table = words.setup_before()
    phrases = table["all"] + (table.get("size", ()) if size else ())
    lengths = sorted({len(p) for p in phrases})
    return tuple((n, frozenset(p for p in phrases if len(p) == n)) for n in lengths)


def _percent_of(tokens: Sequence[Token], index: int) -> bool | None:
    """For "N% of ...": True when a metric or a performance word follows, False when other
    things do (a share of the data); None when no "of" follows."""
    after = tokens[index + 1 : index + 7]
    if not after or after[0].word != "of" or after[0].label:
        return None
    for token in after[1:]:
        if token.stop or token.label == NUM:
            break
        if token.label == METRIC or token.cues & OUTCOME:
            return True
    return False


def _size_result(tokens: Sequence[Token], index: int) -> str | None:
    """The noun a count result counts ("1.5M parameters"), or None for a setting."""
    after = [i for i in range(index + 1, min(index + 4, len(tokens))) if not tokens[i].stop]
    nouns = [i for i in after[:2] if tokens[i].cues & SIZE_NOUN]
    if not nouns or _setup_before(tokens, index, size=True):
        return None
    noun = tokens[nouns[-1]]
    rest = tokens[nouns[-1] + 1 : nouns[-1] + 2]
    if not noun.word.endswith("s") and rest and not rest[0].stop:
        return None
    return noun.word


def classify(tokens: Sequence[Token], group: list[int]) -> list[Found]:
    """The results among the numbers of ``group``, with their kind and unit."""
    last, first = group[-1], group[0]
    after, before = _after(tokens, last, 4), _before(tokens, first, 8)
    metric = _adjacent(after, METRIC) or _adjacent(before, METRIC)
    found = []
    for index in group:
        token = tokens[index]
        number = token.number
        assert number is not None
        rule, unit, kind = "number_unit", number.unit, number.kind
        if number.size:
            noun = _size_result(tokens, index)
            if noun is None:
                continue
            rule = "number_count"
        elif number.bare:
            if metric is None or (number.value.is_integer() and 1900 <= number.value <= 2100):
                continue
            rule = "number_metric"
        if _setup_before(tokens, index, size=False) or any(
            t.cues & SETUP_AFTER for t in tokens[index + 1 : index + 3]
        ):
            continue
        share = _percent_of(tokens, index) if unit == "%" else None
        if share is False:
            continue
        if number.worded:
            rule = "number_words"
            if unit == "%" and (before[0].before if before else None) != RELATIVE:
                continue
        if kind is None:
            kind = RELATIVE if number.signed or share else _kind(after, before)
        if unit is None and kind == RELATIVE and metric is not None and metric.cues & PERCENT_SCALE:
            unit = "pp"
        found.append(Found(token, index, rule, kind, unit))
    return found


def _kind(after: list[Token], before: list[Token]) -> str:
    for token in after[:3]:
        if not token.label and token.after == RELATIVE:
            return RELATIVE
    for token in before:
        if not token.label and (kind := token.before):
            return kind
    return ABSOLUTE


class Sentence:
    """The tokens of one sentence with what the attachment rules look up in them: the
    positions of each entity label, of "our"-words, of comparison words and of
    "respectively", and the methods that follow a comparison word."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.labels: dict[str, list[int]] = {}
        self.ours: list[int] = []
        self.comparisons: list[int] = []
        self.respectively: list[int] = []
        for position, token in enumerate(tokens):
            if token.label:
                self.labels.setdefault(token.label, []).append(position)
            else:
                if token.cues & OURS:
                    self.ours.append(position)
                if token.cues & COMPARISON:
                    self.comparisons.append(position)
            if token.word == "respectively":
                self.respectively.append(position)
        self.compared = _after_comparison(tokens, self.comparisons)

    def at(self, label: str) -> list[int]:
        """The positions of the mentions labelled ``label``."""
        return self.labels.get(label, [])

    def nearest(self, index: int, label: str) -> Token | None:
        """The ``label`` mention nearest to ``index`` (the earlier one on a tie)."""
        positions = self.at(label)
        if not positions:
            return None
        return self.tokens[min(positions, key=lambda p: abs(p - index))]


def attach(
    sentence: Sentence,
    group: list[int],
    found: list[Found],
    neighbours: Callable[[], Token | None],
) -> None:
    """Fill in the metric, dataset, method, task and compared method of a group's results."""
    tokens = sentence.tokens
    first, last = group[0], group[-1]
    after, before = _after(tokens, last, 4), _before(tokens, first, 5)
    metric = _adjacent(after, METRIC) or _adjacent(before, METRIC)
    implied = next(
        (words.implied_metrics()[t.word] for t in after if t.word in words.implied_metrics()),
        None,
    )
    nearest_metric = sentence.nearest(first, METRIC)
    datasets = sentence.at(DATASET)
    respectively = any(p > last for p in sentence.respectively)
    subject, ours = _subject(sentence, first)
    task = sentence.nearest(first, TASK)
    for position, result in enumerate(found):
        index = result.index
        if metric is not None:
            result.roles["metric"] = metric
        elif implied is not None:
            result.names["metric"] = implied
        elif nearest_metric is not None:
            result.roles["metric"] = nearest_metric
        dataset = None
        if respectively and len(found) == len(datasets) > 1:
            dataset = tokens[datasets[position]]
        else:
            later = [p for p in datasets if p > index]
            earlier = [p for p in datasets if p < index]
            if later or earlier:
                dataset = tokens[later[0] if later else earlier[-1]]
        found_roles = {"dataset": dataset or neighbours(), "task": task, "method": subject}
        result.roles.update((role, t) for role, t in found_roles.items() if t is not None)
        result.ours = subject is None and ours
        if result.kind == RELATIVE:
            compared = _compared(sentence, index, subject)
            if compared is not None:
                result.roles["compared_to"] = compared


def _subject(sentence: Sentence, index: int) -> tuple[Token | None, bool]:
    """The method that obtained the number at ``index``: a method mention followed by a
    verb of achievement nearest before it; else whether "our"/"we" speaks for the paper's
    method; else the first method before it that follows no comparison word."""
    tokens = sentence.tokens
    methods = [p for p in sentence.at(METHOD) if p < index]
    for position in reversed(methods):
        follow = [t for t in tokens[position + 1 : position + 3] if not t.label]
        if any(t.cues & SUBJECT_VERB for t in follow):
            return tokens[position], False
    if sentence.ours and sentence.ours[0] < index:
        return None, True
    compared = {id(t) for t in sentence.compared}
    for position in methods:
        if id(tokens[position]) not in compared:
            return tokens[position], False
    return None, bool(sentence.ours)


def _after_comparison(tokens: Sequence[Token], cues: list[int]) -> list[Token]:
    """The method mentions that follow a comparison word (at ``cues``) within six tokens."""
    found = []
    for position in cues:
        for other in tokens[position + 1 : position + 7]:
            if other.stop or other.label == NUM:
                break
            if other.label == METHOD:
                found.append(other)
                break
    return found


def _compared(sentence: Sentence, index: int, subject: Token | None) -> Token | None:
    """The method a relative result is measured against: the nearest method before it that
    comes after a comparison word, else the first that follows one after it."""
    cues = sentence.comparisons
    if not cues:
        return None
    tokens = sentence.tokens
    for position in reversed(sentence.at(METHOD)):
        if cues[0] < position < index and tokens[position] is not subject:
            return tokens[position]
    later = [t for t in sentence.compared if t.start > tokens[index].end]
    return later[0] if later else None
