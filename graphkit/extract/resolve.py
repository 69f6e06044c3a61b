"""The ``graphkit_entities`` spaCy component: the final, non-overlapping entity spans.

It reads the candidate spans that the other graphkit components left in
``doc.spans["graphkit_candidates"]``, drops the ones the precision filters
reject, resolves overlaps (longer spans first, then the more reliable rule),
decides for each span whether the text proposes it, and writes the result to
``doc.spans["graphkit_entities"]`` with the labels METHOD, DATASET, METRIC,
TASK, REPO and LINK. ``span.id_`` is the rule that fired, ``span.kb_id_`` the
vocabulary id, canonical name or root URL, and ``span._.graphkit_proposed``
says whether the paper introduces the thing.

The group's ``attrs["proposed"]`` holds the same flags as a list of booleans
aligned with the group's spans, so that code reading every span can take them
without the cost of the ``Span._`` lookup; ``attrs["mentions"]`` holds each
span's ``(start_char, end_char, label, rule)``, so that such code needs no
``Span`` objects at all.

Each candidate's bounds, label and rule are read once, label and rule by their
string-store hashes (their names are looked up once per pair); the filters work
on these plain values, and a new ``Span`` is built only for a repaired candidate.
The name of a candidate that kept its span's bounds is cut from the doc's text
(``doc.user_data[TEXT_KEY]``, left by ``run_pipeline``) by the span's characters,
which spares reading its tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from graphkit.extract.cues import proposed
from graphkit.extract.filters import repair, text
from graphkit.extract.gazetteer import SPANS_KEY, VOCABULARY_RULES
from graphkit.extract.rules import RuleTable, builtin_table
from graphkit.extract.vocab import excluded_terms, name_modifiers
from graphkit.keys import fold
from graphkit.types import URL_LABELS

ENTITIES_KEY = "graphkit_entities"
"""The ``doc.spans`` group holding graphkit's entities."""

PROPOSED_ATTR = "graphkit_proposed"
"""The ``Span._`` attribute that says whether the paper introduces the entity."""

PROPOSED_GROUP_ATTR = "proposed"
"""The key of the entity group's ``attrs`` that lists the spans' proposed flags, in order."""

TEXT_KEY = "graphkit_text"
"""The ``doc.user_data`` key where ``run_pipeline`` leaves the text a doc was made from, which
spares rebuilding text from the tokens."""

MENTIONS_GROUP_ATTR = "mentions"
"""The key of the entity group's ``attrs`` that lists each span's ``(start_char, end_char,
label, rule)``, in order."""

if not Span.has_extension(PROPOSED_ATTR):
    Span.set_extension(PROPOSED_ATTR, default=False)


Candidate = tuple[tuple[int, int, int], int, int, str, str, Span]
"""A repaired candidate: its rank, start, end, label, rule and the span it came from."""

Kind = tuple[str, str, int]
"""A candidate's label, rule and rule priority."""


class EntityResolver:
    """Choose the final entity spans among the candidates."""

    def __init__(
        self,
        name: str = "graphkit_entities",
        *,
        candidates_key: str = SPANS_KEY,
        spans_key: str = ENTITIES_KEY,
        table: RuleTable | None = None,
    ) -> None:
        self.name = name
        self.table = table if table is not None else builtin_table()
        self._version = self.table.version
        self._priorities = self.table.priorities
        self._coining = self.table.coining
        self.candidates_key = candidates_key
        self.spans_key = spans_key
        self.excluded = excluded_terms()
        self._kinds: dict[tuple[int, int], Kind] = {}

    def keep(self, span: Span) -> Span | None:
        """Apply the precision filters: return the span (perhaps trimmed) or None."""
        doc = span.doc
        for candidate in self._candidates(doc, (span,)):
            if self._named(doc, candidate, doc.user_data.get(TEXT_KEY)):
                return _span(candidate)
        return None

    def _kind(self, span: Span) -> Kind:
        """Look up, once per pair of label and rule hashes, the span's label, rule and
        priority."""
        rule = span.id_
        kind = self._kinds[span.label, span.id] = (span.label_, rule, self._priorities.get(rule, 0))
        return kind

    def _candidates(self, doc: Doc, spans: Iterable[Span]) -> list[Candidate]:
        """Read each candidate span once and repair it; drop those the filters reject."""
        if self._version != self.table.version:
            self._version = self.table.version
            self._priorities = self.table.priorities
            self._coining = self.table.coining
            self._kinds.clear()
        kinds = self._kinds
        candidates = []
        for span in spans:
            start, end = span.start, span.end
            label, rule, priority = kinds.get((span.label, span.id)) or self._kind(span)
            if label not in URL_LABELS:
                bounds = repair(doc, start, end, label, rule)
                if bounds is None:
                    continue
                start, end = bounds
            candidates.append(((end - start, priority, -start), start, end, label, rule, span))
        return candidates

    def _named(self, doc: Doc, candidate: Candidate, source: str | None) -> bool:
        """True unless the candidate's text is no name: excluded, or without a letter. Links
        are always names. ``source`` is the text the doc was made from, if known.

        The text is only read for candidates that overlap no better one, as only they
        can be chosen.
        """
        _, start, end, label, _, span = candidate
        if label in URL_LABELS:
            return True
        if source is not None and start == span.start and end == span.end:
            name = source[span.start_char : span.end_char]
        else:
            name = text(doc, start, end)
        return (name[0].isalpha() or any(c.isalpha() for c in name)) and (
            fold(name) not in self.excluded
        )

    def _choose(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """Keep the best-ranked named candidates that overlap no better one, in text order.

        Candidates of equal rank keep their order, so the earlier one wins.
        """
        candidates = _without_describing_modifier(doc, candidates)
        candidates.sort(key=itemgetter(0), reverse=True)
        taken = bytearray(len(doc))
        source = doc.user_data.get(TEXT_KEY)
        chosen = []
        for candidate in candidates:
            start, end = candidate[1], candidate[2]
            if 1 in taken[start:end] or not self._named(doc, candidate, source):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(candidate)
        chosen.sort(key=itemgetter(1, 2))
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        """Write the resolved spans, with their proposed flags, to ``doc.spans[spans_key]``."""
        chosen = self._choose(doc, self._candidates(doc, doc.spans.get(self.candidates_key, ())))
        flags = proposed(
            doc,
            [(start, end, label, rule) for _, start, end, label, rule, _ in chosen],
            self._coining,
        )
        spans = []
        mentions = []
        for candidate, is_proposed in zip(chosen, flags, strict=True):
            span = _span(candidate)
            if is_proposed:
                span._.set(PROPOSED_ATTR, True)
            spans.append(span)
            mentions.append((span.start_char, span.end_char, candidate[3], candidate[4]))
        attrs = {PROPOSED_GROUP_ATTR: flags, MENTIONS_GROUP_ATTR: mentions}
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, attrs=attrs, spans=spans)
        return doc


DESCRIBED_LABELS = frozenset({"METHOD"})
"""The labels whose known names a describing word is cut from (a metric keeps its compound
modifier: "registration recall")."""


def _without_describing_modifier(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Drop a cue rule's name that is a vocabulary name with one lower-case word in front
    that no vocabulary name uses as a modifier ("advanced Transformer", "approximate
    gradient descent"): the word describes the known thing, it does not name another."""
    known = {
        (start, end, label)
        for _, start, end, label, rule, _ in candidates
        if rule in VOCABULARY_RULES
    }
    if not known:
        return candidates
    modifiers = name_modifiers()
    return [
        c
        for c in candidates
        if not (
            c[4] not in VOCABULARY_RULES
            and c[3] in DESCRIBED_LABELS
            and (c[1] + 1, c[2], c[3]) in known
            and (first := doc[c[1]]).is_lower
            and first.is_alpha
            and first.whitespace_
            and first.lower_ not in modifiers
        )
    ]


def _span(candidate: Candidate) -> Span:
    """The candidate's span: the one it came from, or a new one when it was repaired."""
    _, start, end, _, _, span = candidate
    if start == span.start and end == span.end:
        return span
    return Span(span.doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)


@Language.factory(
    "graphkit_entities",
    default_config={"candidates_key": SPANS_KEY, "spans_key": ENTITIES_KEY},
)
def make_resolver(nlp: Language, name: str, candidates_key: str, spans_key: str) -> EntityResolver:
    """Build the resolver that writes the final entity spans; it ranks rules by the rule
    table of the pipeline's ``graphkit_patterns`` (the built-in table without one)."""
    patterns = nlp.get_pipe("graphkit_patterns") if "graphkit_patterns" in nlp.pipe_names else None
    table = getattr(patterns, "table", None)
    return EntityResolver(name, candidates_key=candidates_key, spans_key=spans_key, table=table)
