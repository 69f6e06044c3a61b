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
  dataset is mapped by "respectively", else the first after the number (for a
  count, not one after a later score), the nearest before it, or the only one
  of a neighbouring sentence; the method is the subject ("X achieves", "our
  method"), the compared method follows a comparison word ("than",
  "outperforms").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from graphkit.extract.results import words
from graphkit.extract.results.tokens import (
    COMPARISON,
    LINK,
    MEASURE_NOUN,
    NUM,
    OURS,
    OUTCOME,
    PERCENT_SCALE,
    SETUP_AFTER,
    SETUP_VERB,
    SIZE_NOUN,
    SUBJECT_VERB,
    UNNAMED,
    Token,
)

RELATIVE, ABSOLUTE = "relative", "absolute"
METRIC, DATASET, METHOD, TASK = "METRIC", "DATASET", "METHOD", "TASK"
APPROXIMATE = frozenset({"about", "around", "approximately", "nearly", "roughly", "~", ">", "<"})
JOINERS = frozenset({",", "/", "and", "or", "&"})
Metric = Token | str | None
"""A result's metric: a mention, a name the words give, or none."""
LIST_WORDS = frozenset({",", ";", "and", "or", "to"})
NAMING_WORDS = frozenset({"by", "from", "of"})
"""Words between a measure noun and its number ("reduces storage from 57Gb")."""
BOUNDS = {"to": frozenset({"up"}), "than": frozenset({"more", "less", "fewer"})}
"""Cue words that, after these words, only bound the number ("up to 12%", "more than 2")."""
BOUND_WORDS = APPROXIMATE | {"up", "to", "down", "as", "high", "low", "much"}
"""Words that may stand before a number without saying its kind ("up to", "as high as")."""


@dataclass
class Found:
    """A result of one sentence while its roles are filled in."""

    token: Token
    index: int
    rule: str
    kind: str
    unit: str | None
    metric: Token | None = None
    """The metric mention next to the number, or the one of the list item it continues:
    what keeps a bare number, and what the next item of its list may continue."""
    previous: Found | None = None
    """The result of the list item the number continues ("from 57Gb to 8.2Gb")."""
    roles: dict[str, Token] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    ours: bool = False


def groups(tokens: Sequence[Token]) -> list[list[int]]:
    """Indexes of number tokens, grouped when only list words join them ("1.2% and 3.4%")."""
    found: list[list[int]] = []
    last = -1
    for index in [i for i, token in enumerate(tokens) if token.number is not None]:
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
    finals, lengths = _setup_phrases(size)
    if not before or before[0] not in finals:
        return False
    return any(tuple(reversed(before[:n])) in phrases for n, phrases in lengths)


@cache
def _setup_phrases(
    size: bool,
) -> tuple[frozenset[str], tuple[tuple[int, frozenset[tuple[str, ...]]], ...]]:
    """The phrases of ``setup_before.tsv`` (with the ``size`` ones when asked): the set of
    their last words, which the word right before a number must be for any to match, and
    the phrases by length."""
    table = words.setup_before()
    phrases = table["all"] + (table.get("size", ()) if size else ())
    lengths = sorted({len(p) for p in phrases})
    finals = frozenset(p[-1] for p in phrases if p)
    return finals, tuple((n, frozenset(p for p in phrases if len(p) == n)) for n in lengths)


def _amount_of(tokens: Sequence[Token], index: int) -> bool:
    """True for "N <unit> of <data>" ("330 hours of recordings", "40 GB of text"): an amount
    of data, unless a measure follows "of" ("2 GB of memory")."""
    after = tokens[index + 1 : index + 4]
    if not after or after[0].word != "of":
        return False
    return not any(t.label == METRIC or t.cues & MEASURE_NOUN for t in after[1:])


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


def _size_result(tokens: Sequence[Token], index: int, first: int) -> str | None:
    """The noun a count result counts ("1.5M parameters"), or None for a setting; a setting
    verb before the first count of its list ("train models with 120M, 410M and 1.4B
    parameters") makes every count of the list a setting."""
    after = [i for i in range(index + 1, min(index + 4, len(tokens))) if not tokens[i].stop]
    nouns = [i for i in after[:2] if tokens[i].cues & SIZE_NOUN]
    if not nouns or _setup_before(tokens, index, size=True):
        return None
    if any(t.cues & SETUP_VERB for t in _before(tokens, first, 8)):
        return None
    noun = tokens[nouns[-1]]
    rest = tokens[nouns[-1] + 1 : nouns[-1] + 2]
    if not noun.word.endswith("s") and rest and not rest[0].stop:
        return None
    return noun.word


def classify(
    tokens: Sequence[Token], group: list[int], previous: Found | None = None
) -> list[Found]:
    """The results among the numbers of ``group``, with their kind and unit. ``previous`` is
    the last result kept before the group in its sentence: a group that continues its list
    ("by 1.0% for A, 0.5% for B") takes its kind, and its metric when it names none."""
    last, first = group[-1], group[0]
    after, before = _after(tokens, last, 4), _before(tokens, first, 8)
    metric = _adjacent(after, METRIC) or _adjacent(before, METRIC)
    item = previous if _continues(tokens, first, previous) else None
    scale = metric or (item.metric if item is not None else None)
    found = []
    for index in group:
        token = tokens[index]
        number = token.number
        assert number is not None
        rule, unit, kind = "number_unit", number.unit, number.kind
        if number.size:
            noun = _size_result(tokens, index, first)
            if noun is None:
                continue
            rule = "number_count"
        elif number.bare:
            if scale is None or (number.value.is_integer() and 1900 <= number.value <= 2100):
                continue
            rule = "number_metric"
        if _setup_before(tokens, index, size=False) or any(
            t.cues & SETUP_AFTER for t in tokens[index + 1 : index + 3]
        ):
            continue
        share = _percent_of(tokens, index) if unit == "%" else None
        if share is False or (unit in words.amount_units() and _amount_of(tokens, index)):
            continue
        if number.worded:
            rule = "number_words"
            if unit == "%" and (before[0].before if before else None) != RELATIVE:
                continue
            if " " in token.word and _kind(tokens, index, after, before) is None:
                continue
        if kind is None:
            kind = RELATIVE if number.signed or share else _kind(tokens, first, after, before)
            if kind is None:
                kind = item.kind if item is not None else ABSOLUTE
        if unit is None and kind == RELATIVE and scale is not None and scale.cues & PERCENT_SCALE:
            unit = "pp"
        found.append(Found(token, index, rule, kind, unit, scale, item))
    return found


def _bound(token: Token, before: list[Token]) -> bool:
    """True for the "to" of "up to" and the "than" of "more than": a bound, not a cue."""
    words = BOUNDS.get(token.word)
    return words is not None and bool(before) and before[0].word in words


def _continues(tokens: Sequence[Token], index: int, previous: Found | None) -> bool:
    """True when the number at ``index`` is the next item of the list that ``previous``
    began: of the same unit, with a list word (",", ";", "and", the "to" of "from ... to")
    right before it, at most twelve tokens on."""
    if previous is None or index - previous.index > 12:
        return False
    number, other = tokens[index].number, previous.token.number
    if number is None or other is None or number.unit != other.unit:
        return False
    at = index - 1
    while at > previous.index and tokens[at].word in BOUND_WORDS and not _from_to(tokens, at):
        at -= 1
    return at > previous.index and tokens[at].word in LIST_WORDS


def _from_to(tokens: Sequence[Token], at: int) -> bool:
    """True when the word at ``at`` is the "to" of "from ... to", not of "up to"."""
    return tokens[at].word == "to" and tokens[at - 1].word not in BOUND_WORDS


def _kind(
    tokens: Sequence[Token], index: int, after: list[Token], before: list[Token]
) -> str | None:
    """The kind the cue words give the number at ``index``: a cue after it, else the nearest
    before it ("up to" is a bound, not a cue), looking past an opening parenthesis the
    number stands in ("by a large margin (up to 1.2 dB)"); None when no cue says."""
    for token in after[:3]:
        if not token.label and token.after == RELATIVE:
            return RELATIVE
    window = before
    opening = index - len(before) - 1
    if opening >= 0 and tokens[opening].word == "(" and all(t.word in BOUND_WORDS for t in before):
        window = [*before, *_before(tokens, opening, 5)]
    for position, token in enumerate(window):
        if token.label:
            continue
        if _bound(token, window[position + 1 : position + 2]):
            continue
        if kind := token.before:
            return kind
    return None


class Sentence:
    """The tokens of one sentence with what the attachment rules look up in them: the
    positions of each entity label, of "our"-words, of comparison words and of
    "respectively", and the methods that follow a comparison word. ``text`` is the text
    the mentions' offsets point into."""

    def __init__(self, tokens: Sequence[Token], text: str = "") -> None:
        self.tokens = tokens
        self.text = text
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
        self._owners: dict[int, int] | None = None

    def at(self, label: str) -> list[int]:
        """The positions of the mentions labelled ``label``."""
        return self.labels.get(label, [])

    def nearest(self, index: int, label: str, free: bool = False) -> Token | None:
        """The ``label`` mention nearest to ``index`` (the earlier one on a tie); with
        ``free``, not one that stands next to a later number ("by 0.8 points on GLUE and
        by 2% top-1 accuracy": the accuracy is the later number's)."""
        positions = self.at(label)
        if free:
            owners = self.owners()
            positions = [p for p in positions if owners.get(p, -1) <= index]
        if not positions:
            return None
        return self.tokens[min(positions, key=lambda p: abs(p - index))]

    def owners(self) -> dict[int, int]:
        """The position of each metric mention next to a number -> the last such number's,
        found once per sentence; a count's measure ("21.5M parameters") is owned past the
        sentence's end, since a count lends its measure to no score."""
        if self._owners is None:
            tokens = self.tokens
            at = {id(tokens[p]): p for p in self.at(METRIC)}
            self._owners = {}
            for position, token in enumerate(tokens):
                if token.label != NUM:
                    continue
                number = token.number
                owner = len(tokens) if number is not None and number.size else position
                for window in (_after(tokens, position, 4), _before(tokens, position, 5)):
                    metric = _adjacent(window, METRIC)
                    if metric is not None:
                        self._owners[at[id(metric)]] = owner
        return self._owners


def attach(
    sentence: Sentence,
    group: list[int],
    found: list[Found],
    neighbours: Callable[[], Token | None],
) -> None:
    """Fill in the metric, dataset, method, task and compared method of a group's results."""
    tokens = sentence.tokens
    first, last = group[0], group[-1]
    datasets = sentence.at(DATASET)
    respectively = any(p > last for p in sentence.respectively)
    choices = _group_metrics(sentence, group, len(found), respectively)
    fallback: Metric = None
    looked = False
    subject, ours = _subject(sentence, first)
    task = sentence.nearest(first, TASK)
    for position, result in enumerate(found):
        index = result.index
        choice = choices[position]
        if choice is None and result.previous is not None:
            previous = result.previous
            choice = previous.roles.get("metric") or previous.names.get("metric")
        if choice is None:
            if not looked:
                named = _named_metric(tokens, first, sentence.text)
                fallback = named or sentence.nearest(first, METRIC, free=True)
                looked = True
            choice = fallback or words.unit_metrics().get(result.unit or "")
        if isinstance(choice, str):
            result.names["metric"] = choice
        elif choice is not None:
            result.roles["metric"] = choice
        dataset = None
        if respectively and len(found) == len(datasets) > 1:
            dataset = tokens[datasets[position]]
        else:
            count = result.rule == "number_count"
            later = [p for p in datasets if p > index and not (count and _score(tokens, group, p))]
            earlier = [p for p in datasets if p < index]
            if later or earlier:
                dataset = tokens[later[0] if later else earlier[-1]]
        if dataset is None and result.rule != "number_count":
            dataset = neighbours()
        found_roles = {"dataset": dataset, "task": task, "method": subject}
        result.roles.update((role, t) for role, t in found_roles.items() if t is not None)
        result.ours = subject is None and ours
        if result.kind == RELATIVE:
            compared = _compared(sentence, index, subject)
            if compared is not None:
                result.roles["compared_to"] = compared


def _score(tokens: Sequence[Token], group: list[int], position: int) -> bool:
    """True when a score (a number that counts nothing) stands between ``group`` and
    ``position``: a dataset after it is the score's, not a count's ("85% on A with 22M
    parameters, 82% on B")."""
    return any(
        (number := tokens[p].number) is not None and not number.size
        for p in range(group[-1] + 1, position)
    )


def _group_metrics(
    sentence: Sentence, group: list[int], count: int, respectively: bool
) -> list[Metric]:
    """The metric of each of a group's ``count`` results as the words at the group give it:
    the metric mention next to it (with the word before it, "46.9% box mAP"), the metrics
    before it in order when "respectively" follows, or a word after it that names one
    ("faster": speed); None where they give none."""
    tokens = sentence.tokens
    first, last = group[0], group[-1]
    after = _after(tokens, last, 4)
    metric = _adjacent(after, METRIC) or _adjacent(_before(tokens, first, 5), METRIC)
    if metric is None and len(after) > 1 and _plain(after[0]) and after[1].label == METRIC:
        modified = _modified(sentence.text, after[0].word, after[1])
        if modified is not None:
            return [modified] * count
    metrics = [p for p in sentence.at(METRIC) if p < first]
    if respectively and count == len(metrics) > 1 and metric in (None, tokens[metrics[-1]]):
        return [tokens[p] for p in metrics]
    if metric is not None:
        return [metric] * count
    implied = words.implied_metrics()
    return [next((implied[t.word] for t in after if t.word in implied), None)] * count


def _modified(text: str, word: str, metric: Token) -> str | None:
    """The metric's name with the word written right before it ("46.9% box mAP"), as the
    text writes both; None unless one space stands between them and the word is whole."""
    start = metric.start - len(word) - 1
    if start < 1 or text[start - 1].isalnum() or text[metric.start - 1] != " ":
        return None
    if text[start : metric.start - 1].lower() != word:
        return None
    return text[start : metric.end]


def _named_metric(tokens: Sequence[Token], index: int, text: str) -> str | None:
    """A metric the words before the number name when no mention does: a measure noun
    with at most one word (or metric or task mention) before it, followed by "by", "from"
    or "of"
    ("reduces storage from 57Gb", "a success rate of 80%")."""
    at = index - 1
    while at >= 0 and tokens[at].word in BOUND_WORDS:
        at -= 1
    if at < 1 or tokens[at].word not in NAMING_WORDS:
        return None
    head = tokens[at - 1]
    if not _plain(head) or not head.cues & MEASURE_NOUN:
        return None
    modifier = tokens[at - 2] if at >= 2 else None
    if modifier is not None and modifier.label in (METRIC, TASK):
        end = modifier.end + 1 + len(head.word)
        if text[modifier.end : end].lower() != f" {head.word}":
            return head.word
        return text[modifier.start : end]
    if modifier is not None and _plain(modifier):
        return f"{modifier.word} {head.word}"
    return head.word


def _plain(token: Token) -> bool:
    """True for a word that may be part of a metric's name: letters, no cue, no mention."""
    return (
        not token.label
        and token.word not in STOP_WORDS
        and token.word.replace("-", "").isalpha()
        and not token.cues & (LINK | OURS | COMPARISON | SUBJECT_VERB)
        and token.before is None
        and token.after is None
    )


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
    """The method mentions that follow a comparison word (at ``cues``) within six tokens,
    unless a word that names no method comes first ("than other methods for ResNet-50")."""
    found = []
    for position in cues:
        for other in tokens[position + 1 : position + 7]:
            if other.stop or other.label == NUM or other.cues & UNNAMED:
                break
            if other.label == METHOD:
                found.append(other)
                break
    return found


def _compared(sentence: Sentence, index: int, subject: Token | None) -> Token | None:
    """The method a relative result is measured against: the nearest method before it that
    comes after a comparison word and not after a word that names none ("by 1.0% for
    ResNet-32"), else the first that follows a comparison word after it."""
    cues = sentence.comparisons
    if not cues:
        return None
    tokens = sentence.tokens
    for position in reversed(sentence.at(METHOD)):
        named = not tokens[position - 1].cues & UNNAMED
        if cues[0] < position < index and tokens[position] is not subject and named:
            return tokens[position]
    later = [t for t in sentence.compared if t.start > tokens[index].end]
    return later[0] if later else None
