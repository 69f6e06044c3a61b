"""The ``graphkit_results`` spaCy component: reported numbers with their metric, dataset and method.

It runs after ``graphkit_entities`` and reads that component's final entity
spans (``doc.spans["graphkit_entities"]``). It finds the numbers of the text
with their units (:mod:`.numbers`), keeps those the abstract reports as
results and decides their kind and roles (:mod:`.rules`), and writes them to
**``doc.spans["graphkit_results"]``**: one span per result over the number as
written, labelled ``ABSOLUTE`` or ``RELATIVE``, ``span.id_`` the rule that
fired. The group's ``attrs["results"]`` holds the ``models.ResultMention``
records in span order: value, unit, kind, sentence and the character spans of
the entity mentions that fill each role. The link stage turns them into
``models.Result`` records that name the paper's entities.

The word lists behind the rules are data files in ``graphkit/data/results``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from graphkit.extract.resolve import ENTITIES_KEY, MENTIONS_GROUP_ATTR, TEXT_KEY
from graphkit.extract.results.candidates import may_hold_number, number_spans
from graphkit.extract.results.numbers import Number, Spans, find_numbers
from graphkit.extract.results.rules import (
    DATASET,
    METHOD,
    METRIC,
    Sentence,
    attach,
    classify,
    groups,
)
from graphkit.extract.results.tokens import Token, tokenize
from graphkit.extract.sentences import doc_sentence_starts, sentence_starts
from graphkit.models import ResultMention

__all__ = [
    "FIELD_KEY",
    "RESULTS_GROUP_ATTR",
    "RESULTS_KEY",
    "TEXT_KEY",
    "ResultFinder",
    "find_results",
    "results_of",
]

RESULTS_KEY = "graphkit_results"
"""The ``doc.spans`` group holding graphkit's results."""

FIELD_KEY = "graphkit_field"
"""The ``doc.user_data`` key of the paper field a doc holds (``run_pipeline`` leaves it when
told): the records are made with their field, not copied to take it later."""

RESULTS_GROUP_ATTR = "results"
"""The key of the result group's ``attrs`` that lists the ``ResultMention`` records, in order."""

EntitySpan = tuple[int, int, str]
"""An entity mention's start and end characters and label."""


def find_results(
    text: str, entities: list[EntitySpan], spans: Spans | None = None
) -> list[ResultMention]:
    """The results reported in ``text``, given its entity mentions, in text order; ``spans``
    are the tokens that may hold a number (all of the text when not given)."""
    numbers = find_numbers(text, spans)
    return results_of(text, numbers, entities) if numbers else []


def results_of(
    text: str,
    numbers: list[Number],
    entities: list[EntitySpan],
    sentences: Callable[[], list[int]] | None = None,
    field: str = "",
) -> list[ResultMention]:
    """The results among the ``numbers`` of ``text`` (``find_numbers``), given its entity
    mentions, in text order; ``sentences`` gives the sentence starts of ``text`` when they
    are needed (found here when not given); ``field`` is the paper field the records name.
    The component finds the numbers first: most texts with a digit hold no number (the
    digits of ``ResNet-50``), and those need no entity mentions read."""
    entities = sorted(entities)
    numbers = [n for n in numbers if not _inside(n, entities)]
    if not numbers:
        return []
    starts = sentences() if sentences is not None else sentence_starts(text)
    stops = [*starts[1:], len(text)]
    firsts = [e[0] for e in entities]
    by_sentence: dict[int, list[Number]] = {}
    for number in numbers:
        by_sentence.setdefault(bisect_right(starts, number.start) - 1, []).append(number)
    results = []
    names: dict[str, tuple[int, int]] | None = None
    for index, found in sorted(by_sentence.items()):
        start, stop = starts[index], stops[index]
        inside = [e for e in _between(entities, firsts, start, stop) if e[1] <= stop]
        if all(n.bare for n in found) and all(label != METRIC for _, _, label in inside):
            continue
        if names is None:
            names = _method_names(text, entities)
        copies = _untagged(text, start, stop, names, inside, found) if names else {}
        if copies:
            inside = sorted([*inside, *((s, e, METHOD) for s, e in copies)])
        tokens = tokenize(text, start, stop, inside, found)
        sentence = text[start:stop].strip()
        looked: list[Token | None] = []

        def neighbour(index: int = index, looked: list[Token | None] = looked) -> Token | None:
            if not looked:
                looked.append(_only_dataset(text, starts, stops, entities, firsts, index))
            return looked[0]

        sentence_index: Sentence | None = None
        previous = None
        for group in groups(tokens):
            kept = classify(tokens, group, previous)
            previous = kept[-1] if kept else previous
            if kept:
                sentence_index = sentence_index or Sentence(tokens, text)
                attach(sentence_index, group, kept, neighbour)
            for item in kept:
                token = item.token
                assert token.number is not None
                results.append(
                    ResultMention(
                        text=text[token.start : token.end],
                        start=token.start,
                        end=token.end,
                        sentence=sentence,
                        rule=item.rule,
                        value=token.number.value,
                        unit=item.unit,
                        kind=item.kind,
                        roles=tuple(
                            (role, *copies.get((t.start, t.end), (t.start, t.end)))
                            for role, t in item.roles.items()
                        ),
                        ours=item.ours,
                        names=tuple(item.names.items()),
                        field=field,
                    )
                )
    return results


def _method_names(text: str, entities: list[EntitySpan]) -> dict[str, tuple[int, int]]:
    """Each method name of the text written with a capital letter (``Mugs``, ``TIGER``) ->
    its first mention's span: a name the text has once tagged names that method wherever it
    stands, and so a result's method where a later mention went untagged."""
    names: dict[str, tuple[int, int]] = {}
    for start, end, label in entities:
        if label == METHOD:
            surface = text[start:end]
            if len(surface) > 1 and any(map(str.isupper, surface)):
                names.setdefault(surface, (start, end))
    return names


def _untagged(
    text: str,
    start: int,
    stop: int,
    names: dict[str, tuple[int, int]],
    mentions: list[EntitySpan],
    numbers: list[Number],
) -> dict[tuple[int, int], tuple[int, int]]:
    """The whole-word occurrences in ``text[start:stop]`` of the method ``names`` that none
    of the sentence's ``mentions`` and ``numbers`` covers -> the span of the name's first
    mention."""
    copies: dict[tuple[int, int], tuple[int, int]] = {}
    taken: list[tuple[int, int]] = []
    for name, first in names.items():
        at = text.find(name, start, stop)
        while at >= 0:
            end = at + len(name)
            if not taken:
                taken = [(s, e) for s, e, _ in mentions] + [(n.start, n.end) for n in numbers]
            if (
                not _joined(text[at - 1 : at])
                and not _joined(text[end : end + 1])
                and not any(s < end and at < e for s, e in (*taken, *copies))
            ):
                copies[(at, end)] = first
            at = text.find(name, end, stop)
    return copies


def _joined(char: str) -> bool:
    """True for a character that joins a name to its neighbour (a word character or a
    hyphen): the name then stands inside a longer word."""
    return char.isalnum() or char in "_-"


def _inside(number: Number, entities: list[EntitySpan]) -> bool:
    """True when the number's digits overlap an entity mention (``ResNet-50``, ``top-1``); a
    unit that is itself a metric mention (``30 FPS``) does not count."""
    stop = number.digits_end if number.digits_end >= 0 else number.end
    at = bisect_right(entities, (number.start, float("inf"), "")) - 1
    for start, end, _ in entities[max(0, at - 1) : at + 2]:
        if start < stop and number.start < end:
            return True
    return False


def _between(
    entities: list[EntitySpan], firsts: list[int], start: int, stop: int
) -> list[EntitySpan]:
    """The mentions of the sorted ``entities`` (their starts: ``firsts``) that start in
    ``start:stop``."""
    return entities[bisect_left(firsts, start) : bisect_left(firsts, stop)]


def _only_dataset(
    text: str,
    starts: list[int],
    stops: list[int],
    entities: list[EntitySpan],
    firsts: list[int],
    index: int,
) -> Token | None:
    """The dataset of the previous sentence, else of the next, when that sentence names only
    one (the neighbours of a sentence that names none)."""
    for other in (index - 1, index + 1):
        if not 0 <= other < len(starts):
            continue
        found = {
            (s, e)
            for s, e, label in _between(entities, firsts, starts[other], stops[other])
            if label == DATASET
        }
        names = {text[s:e].lower() for s, e in found}
        if len(names) == 1:
            start, end = min(found)
            return Token(start, end, text[start:end].lower(), DATASET)
    return None


class ResultFinder:
    """Find the results of a doc and write them to ``doc.spans[spans_key]``."""

    def __init__(
        self,
        name: str = "graphkit_results",
        *,
        entities_key: str = ENTITIES_KEY,
        spans_key: str = RESULTS_KEY,
    ) -> None:
        self.name = name
        self.entities_key = entities_key
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Write the doc's results, with their records in the group's attrs."""
        text = doc.user_data.get(TEXT_KEY)
        if text is None:
            text = doc.text
        spans = number_spans(doc) if may_hold_number(text) else []
        numbers = find_numbers(text, spans) if spans else []
        found = []
        if numbers:
            found = results_of(
                text,
                numbers,
                self._entities(doc),
                lambda: doc_sentence_starts(doc, text),
                doc.user_data.get(FIELD_KEY, ""),
            )
        doc.spans[self.spans_key] = SpanGroup(
            doc,
            name=self.spans_key,
            attrs={RESULTS_GROUP_ATTR: found},
            spans=[
                doc.char_span(
                    r.start, r.end, label=r.kind.upper(), span_id=r.rule, alignment_mode="expand"
                )
                for r in found
            ],
        )
        return doc

    def _entities(self, doc: Doc) -> list[EntitySpan]:
        """The doc's entity mentions, from the entity group's records where they are kept."""
        group = doc.spans.get(self.entities_key)
        if group is None:
            return []
        records = group.attrs.get(MENTIONS_GROUP_ATTR)
        if records is not None and len(records) == len(group):
            return [(start, end, label) for start, end, label, _ in records]
        return [(s.start_char, s.end_char, s.label_) for s in group]


@Language.factory(
    "graphkit_results",
    default_config={"entities_key": ENTITIES_KEY, "spans_key": RESULTS_KEY},
)
def make_results(nlp: Language, name: str, entities_key: str, spans_key: str) -> ResultFinder:
    """Build the component that finds reported results."""
    return ResultFinder(name, entities_key=entities_key, spans_key=spans_key)
