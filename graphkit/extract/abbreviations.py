"""The ``graphkit_abbreviations`` spaCy component: Schwartz–Hearst "long form (SF)" pairs.

For every parenthesised short form it finds the shortest run of words before
the bracket whose letters spell it (Schwartz & Hearst, 2003). Each pair is
kept in ``doc.spans["graphkit_abbreviations"]`` (the span is the short form,
``kb_id_`` the long form). When either form is already a candidate of some
type, the other form becomes a candidate of the same type, except that a method word
right after the bracket ("X (SF) module") makes both a method whatever the short form's
vocabulary type; when neither is, the long form's head word may give the type ("...
network", "... dataset"), and a novelty word before it ("a novel X (XS)") makes it a method.
A head word right after the bracket ends the name: "click-through rate (CTR)
prediction" is one task.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup, Token

from graphkit.extract.gazetteer import SPANS_KEY, add_candidates
from graphkit.extract.lexicon import GENERIC_WORDS, METHOD_HEADS, NOVEL, head_type
from graphkit.extract.resolve import TEXT_KEY
from graphkit.extract.sentences import doc_sentence_starts
from graphkit.extract.tokens import hyphen_before
from graphkit.extract.vocab import excluded_terms
from graphkit.keys import fold
from graphkit.types import URL_LABELS

ABBREVIATIONS_KEY = "graphkit_abbreviations"
"""The ``doc.spans`` group of short forms; each span's ``kb_id_`` is its long form."""

RULE_LONG = "abbreviation_long"
RULE_SHORT = "abbreviation_short"

_OPEN, _CLOSE = "(", ")"
SHARED_LABELS = frozenset({"METHOD", "DATASET"})
"""The types a typed pair lends to an untyped pair with the same head word."""


def is_short_form(text: str) -> bool:
    """True for a plausible short form: 2-10 characters, starts alphanumeric, has a capital."""
    return (
        2 <= len(text) <= 10
        and text[0].isalnum()
        and any(map(str.isupper, text))
        and any(map(str.isalpha, text))
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
    if not (short.isascii() and text.isascii()):
        return _long_form_start_any(short, text)
    # ASCII: lowering keeps every index, so each letter is one search of the lowered text.
    lowered = text.lower()
    i = len(text) - 1
    for s in range(len(short) - 1, -1, -1):
        c = short[s].lower()
        if not c.isalnum():
            continue
        i = lowered.rfind(c, 0, i + 1)
        if s == 0:
            while i > 0 and text[i - 1].isalnum():
                i = lowered.rfind(c, 0, i)
        if i < 0:
            return None
        i -= 1
    return text.rfind(" ", 0, i + 1) + 1


def _long_form_start_any(short: str, text: str) -> int | None:
    """``long_form_start`` for any text, one character at a time (lowering may change lengths)."""
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
        strings = nlp.vocab.strings
        self.open_orth = strings.add(_OPEN)
        self.close_orth = strings.add(_CLOSE)
        self.stop_orths = frozenset(strings.add(t) for t in (".", ";", ":", _OPEN, _CLOSE, ","))
        # One compiled pass finds the brackets: cheaper per doc than a column of token attributes.
        self.brackets = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.brackets.add(_OPEN, [Doc(nlp.vocab, words=[_OPEN])])
        self.brackets.add(_CLOSE, [Doc(nlp.vocab, words=[_CLOSE])])
        self.excluded = excluded_terms()

    def __call__(self, doc: Doc) -> Doc:
        """Record the pairs and add the candidates they imply."""
        pairs: list[Span] = []
        added: list[Span] = []
        matches = self.brackets(doc)
        if matches:
            self._find(doc, matches, pairs, added)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=pairs)
        add_candidates(doc, self.candidates_key, added)
        return doc

    def _find(
        self, doc: Doc, matches: list[tuple[int, int, int]], pairs: list[Span], added: list[Span]
    ) -> None:
        """Fill ``pairs`` and ``added`` from the bracket tokens the matcher found."""
        opens = [start for key, start, _ in matches if key == self.open_orth and start > 0]
        if not opens:
            return
        closes = [start for key, start, _ in matches if key == self.close_orth]
        candidates: list[tuple[int, int, int]] | None = None
        # The pipeline's sentence starts (characters), found once per doc and shared with
        # the components after this one.
        text = doc.user_data.get(TEXT_KEY)
        starts = frozenset(doc_sentence_starts(doc, doc.text if text is None else text))
        heads: dict[str, str] = {}
        untyped: list[tuple[int, int, int, int, Token]] = []
        for i in opens:
            k = bisect_right(closes, i)
            if k == len(closes) or closes[k] >= i + 5 or closes[k] == i + 1:
                continue
            end = closes[k]
            found = self._pair(doc, i, end, starts)
            if found is None:
                continue
            long_start, long_text, last = found
            whole = _capitalised_start(doc, long_start, starts)
            if whole < long_start:
                long_start, long_text = whole, doc[whole:i].text
            if fold(long_text) in self.excluded:
                continue
            pairs.append(Span(doc, i + 1, end, "ABBR", kb_id=long_text))
            task = _task_after(doc, long_start, end)
            if task is not None:
                added.append(task)
                continue
            if candidates is None:
                # Label hashes: reading ``label_`` of every candidate would cost a lookup each.
                group = doc.spans.get(self.candidates_key, [])
                candidates = [(c.start, c.end, c.label) for c in group]
            label, spans = self._typed(doc, long_start, i, i + 1, end, last, candidates)
            if label is None:
                untyped.append((long_start, i, i + 1, end, last))
            else:
                if label in SHARED_LABELS:
                    heads.setdefault(last.lower_, label)
                added.extend(spans)
        for long_start, long_end, short_start, end, last in untyped:
            label = heads.get(last.lower_)
            if label is not None:
                added.extend(
                    self._typed(doc, long_start, long_end, short_start, end, last, [], label)[1]
                )

    def _pair(
        self, doc: Doc, open_i: int, end: int, starts: frozenset[int]
    ) -> tuple[int, str, Token] | None:
        """Return the long form before ``doc[open_i]`` (start, text, last token), or None; it
        starts no earlier than its sentence (``starts``: the characters where sentences start).

        The words are read once, right to left, and the long form's text is cut
        from theirs, so no Span is built for a bracket that has no pair.
        """
        inner = doc[open_i + 1].text if end == open_i + 2 else doc[open_i + 1 : end].text
        if ";" in inner or "," in inner or not is_short_form(inner):
            return None
        letters = sum(map(str.isalnum, inner))
        max_words = min(letters + 5, letters * 2)
        first = open_i
        words = 0
        after = doc[open_i]
        walked: list[Token] = []
        stops = self.stop_orths
        while first > 0 and words < max_words:
            prev = doc[first - 1]
            if after.idx in starts or prev.orth in stops or prev.like_url:
                break
            first -= 1
            walked.append(prev)
            if not prev.is_punct:
                words += 1
            after = prev
        if not walked:
            return None
        walked.reverse()
        starts = []
        parts = []
        size = 0
        for token in walked:
            starts.append(size)
            piece = token.text_with_ws
            parts.append(piece)
            size += len(piece)
        text = "".join(parts)
        if walked[-1].whitespace_:
            text = text[:-1]
        offset = long_form_start(inner, text)
        if offset is None:
            return None
        try:
            k = starts.index(offset)
        except ValueError:
            return self._pair_by_chars(doc, walked[0].idx + offset, open_i, inner)
        long_text = text[offset:]
        if long_text.lower() == inner.lower():
            return None
        while k < len(walked) - 1 and walked[k].lower_ in GENERIC_WORDS:
            k += 1
            long_text = text[starts[k] :]
        if k == len(walked) - 1 and "-" not in long_text and len(long_text) < len(inner):
            return None
        return first + k, long_text, walked[-1]

    @staticmethod
    def _pair_by_chars(
        doc: Doc, start_char: int, open_i: int, inner: str
    ) -> tuple[int, str, Token] | None:
        """``_pair``'s ending for a long form that starts inside a token (whitespace tokens)."""
        long_span = doc.char_span(
            start_char, doc[open_i - 1 : open_i].end_char, alignment_mode="expand"
        )
        if long_span is None or not len(long_span) or long_span.text.lower() == inner.lower():
            return None
        while len(long_span) > 1 and long_span[0].lower_ in GENERIC_WORDS:
            long_span = long_span[1:]
        if len(long_span) < 2 and "-" not in long_span.text and len(long_span.text) < len(inner):
            return None
        return long_span.start, long_span.text, long_span[-1]

    @staticmethod
    def _typed(
        doc: Doc,
        long_start: int,
        long_end: int,
        short_start: int,
        short_end: int,
        last: Token,
        candidates: list[tuple[int, int, int]],
        default: str | None = None,
    ) -> tuple[str | None, list[Span]]:
        """The type of a pair and the spans that give both forms of it the type one of them
        has (or the long form's head word suggests, or else ``default``); ``candidates`` are
        (start, end, label hash) triples."""

        def label_of(start: int, end: int) -> str | None:
            for c_start, c_end, c_label in candidates:
                if c_start == start and c_end == end:
                    return strings[c_label]
            for c_start, c_end, c_label in candidates:
                if c_end == end and c_start > start and c_end - c_start >= end - start - 1:
                    return strings[c_label]
            return None

        strings = doc.vocab.strings
        long_label = label_of(long_start, long_end)
        long_found = any(
            c_start == long_start and c_end == long_end for c_start, c_end, _ in candidates
        )
        short_label = label_of(short_start, short_end)
        after = doc[short_end + 1].lower_ if short_end + 1 < len(doc) else ""
        label = (
            long_label
            or ("METHOD" if after in METHOD_HEADS else None)
            or short_label
            or head_type(last.lower_)
            or ("METHOD" if long_start > 0 and doc[long_start - 1].lower_ in NOVEL else None)
            or default
        )
        if label is None or label in URL_LABELS:
            return None, []
        spans = []
        if long_label != label or not long_found:
            spans.append(Span(doc, long_start, long_end, label, span_id=RULE_LONG))
        if short_label != label:
            spans.append(Span(doc, short_start, short_end, label, span_id=RULE_SHORT))
        return label, spans


def _capitalised_start(doc: Doc, start: int, starts: frozenset[int]) -> int:
    """Move the start of a capitalised long form back over a capitalised compound written
    right before it ("Spatial-Spectral Morphological Mamba (MorpMamba)", where the short
    form spells only the last words): a name is not cut inside its run of capitalised words
    and hyphens. A compound that opens a sentence (``starts``: the characters where
    sentences start) is not taken in, except at the start of the text."""
    if not doc[start].is_title:
        return start
    s = start
    while s >= 3 and doc[s - 1].is_title and hyphen_before(doc, s - 1):
        if not doc[s - 3].is_title or doc[s - 3].whitespace_:
            break
        s -= 3
        if s > 0 and doc[s].idx in starts:
            return start
    return s


def _task_after(doc: Doc, long_start: int, short_end: int) -> Span | None:
    """The TASK span of a long form, its short form and the task word right after the
    bracket ("click-through rate (CTR) prediction"), or None when no such word follows."""
    after = short_end + 1
    if after < len(doc):
        token = doc[after]
        if token.is_lower and token.is_alpha and head_type(token.lower_) == "TASK":
            return Span(doc, long_start, after + 1, "TASK", span_id=RULE_LONG)
    return None


@Language.factory(
    "graphkit_abbreviations",
    default_config={"candidates_key": SPANS_KEY, "spans_key": ABBREVIATIONS_KEY},
)
def make_abbreviations(
    nlp: Language, name: str, candidates_key: str, spans_key: str
) -> AbbreviationFinder:
    """Build the abbreviation component."""
    return AbbreviationFinder(nlp, name, candidates_key=candidates_key, spans_key=spans_key)
