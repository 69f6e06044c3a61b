"""Precision filters and span repairs the resolver applies to each candidate.

- A dataset span loses a trailing "dataset / benchmark / corpus" and gains a
  following split name ("COCO test-dev").
- A metric of one measure word gains its compound modifier ("end-to-end
  latency", "pair-searching accuracy").
- A cost measure (latency, memory, time, parameters, size) counts only where
  it is reported: next to a number or a comparison ("reduces peak memory").
- A task whose head also ends field or method names ("... learning",
  "... modeling") needs a cue ("for X", "X task").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from graphkit.extract import flags
from graphkit.extract.lexicon import (
    EVALUATIVE,
    GENERIC_DATASET_HEADS,
    GENERIC_WORDS,
    TASK_CUES_AFTER,
    WEAK_TASK_HEADS,
)

SPLITS = frozenset(
    {"test-dev", "test-std", "testdev", "val", "val2017", "test2017", "minival", "trainval",
     "indoor", "outdoor", "test-challenge"}
)  # fmt: skip
"""Split and subset names that belong to a dataset's name."""

MEASURE_WORDS = frozenset(
    {"accuracy", "latency", "memory", "error", "time", "cost", "score", "throughput", "speed"}
)  # fmt: skip
"""One-word measures that take a compound modifier into their name."""

COST_WORDS = frozenset(
    {"latency", "memory", "consumption", "usage", "footprint", "time", "cost", "parameters",
     "parameter", "size", "sizes", "throughput", "speed", "flops", "macs", "storage"}
)  # fmt: skip
"""Words of cost measures, which are only metrics where a result is reported."""

REPORT_CUES = frozenset(
    {"lower", "reduce", "reduces", "reduced", "reducing", "reduction", "smaller", "fewer",
     "faster", "less", "saving", "savings", "speedup", "speed-up", "higher", "improves",
     "improved", "improving", "cut", "cuts", "decrease", "decreases", "terms", "achieves",
     "peak", "×", "x", "times", "%", "while", "maintaining", "comparable", "competitive"}
)  # fmt: skip
"""Words near a cost measure that show it is reported as a result."""

TASK_CUES = frozenset({"for", "of", "on", "in", "to", "towards", "toward", "address", "tackle"})
"""Words before a task span that mark it as the problem addressed."""

WINDOW = 6


def resized(span: Span, start: int, end: int) -> Span:
    """A span over tokens ``start:end`` of the same doc, keeping label, kb_id and rule."""
    return Span(span.doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)


EDGE_MARKS = frozenset("{}[]()\"'`“”‘’«»")
"""Brackets and quotes that belong around a name, not in it."""


def trim_edges(span: Span) -> Span | None:
    """Drop brackets and quotes at the edges of a span ("{Zorb Net}" gives "Zorb Net")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].text in EDGE_MARKS:
        start += 1
    while end > start and doc[end - 1].text in EDGE_MARKS and "(" not in doc[start:end].text[:-1]:
        end -= 1
    if start == end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return resized(span, start, end)


PRAISE = frozenset(
    {"final", "overall", "best", "higher", "lower", "better", "worse", "good", "high", "low",
     "strong", "competitive", "significant", "comparable", "superior", "remarkable",
     "improved", "impressive", "promising", "favorable", "state-of-the-art"}
)  # fmt: skip
"""Words that judge a result, never part of a metric's name ("final accuracy"); "average"
and "mean" are ("average precision")."""


def trim_evaluative(span: Span) -> Span | None:
    """Drop a leading compound that only describes ("state-of-the-art tracking"), and a
    leading describing word of a metric ("final accuracy")."""
    doc = span.doc
    end = span.start + 1
    while end + 1 < span.end and doc[end].text == "-" and not doc[end - 1].whitespace_:
        end += 2
    if end == span.start + 1:
        if span.label_ != "METRIC" or len(span) < 2 or doc[span.start].lower_ not in PRAISE:
            return span
    elif doc[span.start : end].text.lower() not in EVALUATIVE:
        return span
    if end >= span.end:
        return None
    return resized(span, end, span.end)


def trim_dataset(span: Span) -> Span:
    """Drop a trailing dataset word; take in a following split name."""
    doc = span.doc
    end = span.end
    if len(span) > 1 and span[-1].lower_ in GENERIC_DATASET_HEADS:
        end -= 1
    split_end = _split_end(doc, span.end)
    if split_end is not None and end == span.end:
        end = split_end
    if end == span.end:
        return span
    return resized(span, span.start, end)


def _split_end(doc: Doc, i: int) -> int | None:
    """Return the end of a split name written at token ``i`` ("test-dev", "val"), or None."""
    if i >= len(doc):
        return None
    end = i + 1
    while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-":
        end += 2
    text = doc[i:end].text.lower()
    return end if text in SPLITS else None


def extend_metric(span: Span) -> Span:
    """Take a compound modifier into a one-word measure ("end-to-end latency")."""
    doc = span.doc
    if len(span) != 1 or span[0].lower_ not in MEASURE_WORDS or span.start == 0:
        return span
    start = span.start
    prev = doc[start - 1]
    if prev.text == "-" or not prev.whitespace_:
        return span
    s = start - 1
    while (
        s >= 2
        and doc[s - 1].text == "-"
        and not doc[s - 2].whitespace_
        and not doc[s - 1].whitespace_
    ):
        s -= 2
    words = doc[s:start]
    if any(not t.is_alpha and t.text != "-" for t in words):
        return span
    first = doc[s]
    if (
        first.is_stop
        or first.lower_ in EVALUATIVE
        or first.lower_ in GENERIC_WORDS
        or first.check_flag(flags.VERB)
        or first.lower_.endswith("ly")
        or not first.is_lower
        or (s == start - 1 and first.lower_ not in MODIFIER_NOUNS)
    ):
        return span
    return resized(span, s, span.end)


MODIFIER_NOUNS = frozenset(
    {"peak", "task", "inference", "training", "decoding", "encoding", "runtime", "wall-clock",
     "gpu", "cpu", "top-1", "top-5", "classification", "detection", "segmentation",
     "retrieval", "test", "validation", "zero-shot", "few-shot", "linear", "probing"}
)  # fmt: skip
"""Single nouns that make a one-word measure a named one ("peak memory", "task accuracy")."""


def is_reported(span: Span) -> bool:
    """True when a cost measure sits next to a number or a comparison."""
    if not any(t.lower_ in COST_WORDS for t in span):
        return True
    doc = span.doc
    window = [*doc[max(0, span.start - WINDOW) : span.start], *doc[span.end : span.end + WINDOW]]
    return any(t.like_num or t.lower_ in REPORT_CUES for t in window)


ADJECTIVE_ENDINGS = ("ly", "ed", "ing", "ent", "ant", "ous", "ive", "ful", "able", "ible", "est")


def extend_task(span: Span) -> Span:
    """Take lower-case noun modifiers into a task ("brain tumour classification")."""
    doc = span.doc
    s = span.start
    words = 0
    while s > 0 and words < 2:
        token = doc[s - 1]
        if not token.is_alpha or not token.is_lower or token.is_stop:
            break
        if token.lower_ in EVALUATIVE or token.lower_ in GENERIC_WORDS:
            break
        if token.check_flag(flags.VERB) or token.lower_.endswith(ADJECTIVE_ENDINGS):
            break
        if s >= 2 and doc[s - 2].text == "-" and not doc[s - 2].whitespace_:
            break
        s -= 1
        words += 1
    if s == span.start:
        return span
    return resized(span, s, span.end)


def task_cue(span: Span) -> bool:
    """True when a word next to a task span marks it as the problem addressed."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in TASK_CUES or after in TASK_CUES_AFTER


def weak_task(span: Span) -> bool:
    """True for a task span whose head also ends field or method names."""
    return span[-1].lower_ in WEAK_TASK_HEADS
