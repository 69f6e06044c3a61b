"""The ``graphkit_entities`` spaCy component: the final, non-overlapping entity spans.

It reads the candidate spans that the other graphkit components left in
``doc.spans["graphkit_candidates"]``, drops the ones the precision filters
reject, resolves overlaps (longer spans first, then the more reliable rule),
decides for each span whether the text proposes it, and writes the result to
``doc.spans["graphkit_entities"]`` with the labels METHOD, DATASET, METRIC,
TASK, REPO and LINK. ``span.id_`` is the rule that fired, ``span.kb_id_`` the
vocabulary id, canonical name or root URL, and ``span._.graphkit_proposed``
says whether the paper introduces the thing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit.extract.cues import proposed
from graphkit.extract.filters import (
    extend_metric,
    extend_task,
    is_reported,
    task_cue,
    trim_dataset,
    trim_edges,
    trim_evaluative,
    weak_task,
)
from graphkit.extract.gazetteer import SPANS_KEY
from graphkit.extract.vocab import excluded_terms
from graphkit.scoring import fold

ENTITIES_KEY = "graphkit_entities"
"""The ``doc.spans`` group holding graphkit's entities."""

PROPOSED_ATTR = "graphkit_proposed"
"""The ``Span._`` attribute that says whether the paper introduces the entity."""

RULE_PRIORITY: dict[str, int] = {
    "url_repo": 100,
    "url_link": 100,
    "abbreviation_long": 60,
    "coined": 55,
    "gazetteer_cased": 50,
    "gazetteer": 45,
    "abbreviation_short": 40,
    "dataset_cue": 35,
    "metric_cue": 34,
    "task_cue": 30,
    "name_shape": 20,
}
"""How far each rule is trusted when two candidates overlap (higher wins)."""

if not Span.has_extension(PROPOSED_ATTR):
    Span.set_extension(PROPOSED_ATTR, default=False)


def _rank(span: Span) -> tuple[int, int, int]:
    return (len(span), RULE_PRIORITY.get(span.id_, 0), -span.start)


class EntityResolver:
    """Choose the final entity spans among the candidates."""

    def __init__(
        self,
        name: str = "graphkit_entities",
        *,
        candidates_key: str = SPANS_KEY,
        spans_key: str = ENTITIES_KEY,
    ) -> None:
        self.name = name
        self.candidates_key = candidates_key
        self.spans_key = spans_key
        self.excluded = excluded_terms()

    def keep(self, span: Span) -> Span | None:
        """Apply the precision filters: return the span (perhaps trimmed) or None."""
        if span.label_ in ("REPO", "LINK"):
            return span
        span = trim_edges(span)
        if span is None:
            return None
        trimmed = trim_evaluative(span)
        if trimmed is None:
            return None
        span = trimmed
        if span.label_ == "DATASET":
            span = trim_dataset(span)
        elif span.label_ == "METRIC":
            span = extend_metric(span)
            if not is_reported(span):
                return None
        elif span.label_ == "TASK":
            if weak_task(span) and span.id_ != "task_cue" and not task_cue(span):
                return None
            span = extend_task(span)
        text = span.text
        if fold(text) in self.excluded or not any(c.isalpha() for c in text):
            return None
        return span

    def __call__(self, doc: Doc) -> Doc:
        """Write the resolved spans to ``doc.spans[spans_key]``."""
        candidates = [
            kept for span in doc.spans.get(self.candidates_key, []) if (kept := self.keep(span))
        ]
        taken = bytearray(len(doc))
        chosen: list[Span] = []
        for span in sorted(candidates, key=_rank, reverse=True):
            if any(taken[span.start : span.end]):
                continue
            taken[span.start : span.end] = b"\x01" * len(span)
            chosen.append(span)
        chosen.sort(key=lambda s: (s.start, s.end))
        for span, is_proposed in zip(chosen, proposed(doc, chosen), strict=True):
            if is_proposed:
                span._.set(PROPOSED_ATTR, True)
        doc.spans[self.spans_key] = chosen
        return doc


@Language.factory(
    "graphkit_entities",
    default_config={"candidates_key": SPANS_KEY, "spans_key": ENTITIES_KEY},
)
def make_resolver(nlp: Language, name: str, candidates_key: str, spans_key: str) -> EntityResolver:
    """Build the resolver that writes the final entity spans."""
    return EntityResolver(name, candidates_key=candidates_key, spans_key=spans_key)
