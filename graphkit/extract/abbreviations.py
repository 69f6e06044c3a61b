"""The ``graphkit_abbreviations`` spaCy component: Schwartz–Hearst "long form (SF)" pairs.

For every parenthesised short form it finds the shortest run of words before
the bracket whose letters spell it (Schwartz & Hearst, 2003). Each pair is
kept in ``doc.spans["graphkit_abbreviations"]`` (the span is the short form,
``kb_id_`` the long form). When either form is already a candidate of some
type, the other form becomes a candidate of the same type; when neither is,
the long form's head word may give the type ("... network", "... dataset").
A head word right after the bracket ends the name: "click-through rate (CTR)
prediction" is one task.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit.extract.gazetteer import SPANS_KEY
from graphkit.extract.lexicon import GENERIC_WORDS, head_type
from graphkit.extract.vocab import excluded_terms
from graphkit.scoring import fold

ABBREVIATIONS_KEY = "graphkit_abbreviations"
"""The ``doc.spans`` group of short forms; each span's ``kb_id_`` is its long form."""

RULE_LONG = "abbreviation_long"
RULE_SHORT = "abbreviation_short"

_OPEN, _CLOSE = "(", ")"


def is_short_form(text: str) -> bool:
    """True for a plausible short form: 2-10 characters, starts alphanumeric, has a capital."""
    return (
        2 <= len(text) <= 10
        and text[0].isalnum()
        and any(c.isupper() for c in text)
        and any(c.isalpha() for c in text)
        and " " not in text
    )


def long_form_start(short: str, text: str) -> int | None:
    """Return where the long form of ``short`` starts in ``text`` (the words before it), or None.

    Each letter or digit of the short form is matched right to left in the
    text; the first must start a word. A plural "s" ("SSMs") is not a letter
    of the abbreviation.
    """
    if len(short) > 2 and short.endswith("s") and short[:-1].isupper():
        short = short[:-1]
    s = len(short) - 1
    i = len(text) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (text[i].lower() != c or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return text.rfind(" ", 0, i + 1) + 1


class AbbreviationFinder:
    """Find "long form (SF)" pairs and share types between the two forms."""

    def __init__(
        self,
        nlp: Language,
        name: str = "graphkit_abbreviations",
        *,
        candidates_key: str = SPANS_KEY,
        spans_key: str = ABBREVIATIONS_KEY,
    ) -> None:
        self.name = name
        self.candidates_key = candidates_key
        self.spans_key = spans_key
        self.open_orth = nlp.vocab.strings.add(_OPEN)
        self.excluded = excluded_terms()

    def __call__(self, doc: Doc) -> Doc:
        """Record the pairs and add the candidates they imply."""
        pairs: list[Span] = []
        candidates: list[Span] | None = None
        added: list[Span] = []
        orths = doc.to_array([ORTH]) if len(doc) else numpy.zeros((0, 1), dtype="uint64")
        for i in numpy.flatnonzero(orths == self.open_orth).tolist():
            if i < 1:
                continue
            found = self._pair(doc, i)
            if found is None:
                continue
            long_span, short_span = found
            if fold(long_span.text) in self.excluded:
                continue
            pairs.append(Span(doc, short_span.start, short_span.end, "ABBR", kb_id=long_span.text))
            if candidates is None:
                candidates = list(doc.spans.get(self.candidates_key, []))
            added.extend(self._typed(doc, long_span, short_span, candidates))
        doc.spans[self.spans_key] = pairs
        if self.candidates_key in doc.spans:
            doc.spans[self.candidates_key].extend(added)
        else:
            doc.spans[self.candidates_key] = added
        return doc

    def _pair(self, doc: Doc, open_i: int) -> tuple[Span, Span] | None:
        end = next(
            (j for j in range(open_i + 1, min(open_i + 5, len(doc))) if doc[j].text == _CLOSE),
            None,
        )
        if end is None or end == open_i + 1:
            return None
        short = doc[open_i + 1 : end]
        inner = short.text
        if ";" in inner or "," in inner:
            return None
        if not is_short_form(inner):
            return None
        letters = sum(c.isalnum() for c in inner)
        max_words = min(letters + 5, letters * 2)
        first = open_i
        words = 0
        while first > 0 and words < max_words:
            prev = doc[first - 1]
            if prev.is_sent_end or prev.text in (".", ";", ":", "(", ")", ",") or prev.like_url:
                break
            first -= 1
            if not prev.is_punct:
                words += 1
        window = doc[first:open_i]
        if not len(window):
            return None
        offset = long_form_start(inner, window.text)
        if offset is None:
            return None
        start_char = window.start_char + offset
        long_span = doc.char_span(start_char, window.end_char, alignment_mode="expand")
        if long_span is None or not len(long_span) or long_span.text.lower() == inner.lower():
            return None
        while len(long_span) > 1 and long_span[0].lower_ in GENERIC_WORDS:
            long_span = long_span[1:]
        if len(long_span) < 2 and "-" not in long_span.text and len(long_span.text) < len(inner):
            return None
        return long_span, short

    @staticmethod
    def _typed(doc: Doc, long_span: Span, short: Span, candidates: list[Span]) -> list[Span]:
        def label_of(target: Span) -> str | None:
            for c in candidates:
                if c.start == target.start and c.end == target.end:
                    return c.label_
            for c in candidates:
                if c.end == target.end and c.start > target.start and len(c) >= len(target) - 1:
                    return c.label_
            return None

        after = short.end + 1
        if after < len(doc) and doc[after].is_lower and doc[after].is_alpha:
            outer = head_type(doc[after].lower_)
            if outer == "TASK":
                return [Span(doc, long_span.start, after + 1, outer, span_id=RULE_LONG)]
        long_label = label_of(long_span)
        short_label = label_of(short)
        label = long_label or short_label or head_type(long_span[-1].lower_)
        if label is None or label in ("REPO", "LINK"):
            return []
        spans = []
        if long_label != label:
            spans.append(Span(doc, long_span.start, long_span.end, label, span_id=RULE_LONG))
        if short_label != label:
            spans.append(Span(doc, short.start, short.end, label, span_id=RULE_SHORT))
        return spans


@Language.factory(
    "graphkit_abbreviations",
    default_config={"candidates_key": SPANS_KEY, "spans_key": ABBREVIATIONS_KEY},
)
def make_abbreviations(
    nlp: Language, name: str, candidates_key: str, spans_key: str
) -> AbbreviationFinder:
    """Build the abbreviation component."""
    return AbbreviationFinder(nlp, name, candidates_key=candidates_key, spans_key=spans_key)
