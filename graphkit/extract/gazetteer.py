"""The ``graphkit_gazetteer`` spaCy component: known names found by PhraseMatcher.

It appends one candidate span per start and type (the longest match) to
``doc.spans["graphkit_candidates"]``, labelled METHOD, DATASET, METRIC or
TASK, with ``span.id_`` the rule (``gazetteer`` for case-free matches,
``gazetteer_cased`` for exact-case ones) and ``span.kb_id_`` the entry's
vocabulary id or canonical name. Overlaps between types are left to later
components.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphkit.extract.vocab import ANY_CASE, EXACT, Vocabulary, load_vocabulary

SPANS_KEY = "graphkit_candidates"
"""The ``doc.spans`` group the candidate components write to."""

RULE_CASED = "gazetteer_cased"
RULE_ANY_CASE = "gazetteer"

_Words = tuple[tuple[str, ...], tuple[bool, ...]]
_TOKENIZED: dict[tuple[int, str], list[_Words]] = {}


def _tokenized(nlp: Language, vocabulary: Vocabulary, texts: list[str]) -> list[_Words]:
    """Tokenise the pattern texts once per process and vocabulary, as words and spaces."""
    key = (id(vocabulary), nlp.lang)
    cached = _TOKENIZED.get(key)
    if cached is None or len(cached) != len(texts):
        cached = [
            (tuple(t.text for t in doc), tuple(bool(t.whitespace_) for t in doc))
            for doc in nlp.tokenizer.pipe(texts, batch_size=1000)
        ]
        _TOKENIZED[key] = cached
        _flush_tokenizer_cache(nlp)
    return cached


def _flush_tokenizer_cache(nlp: Language) -> None:
    """Empty the tokenizer's cache of the pattern texts, which slows every later document."""
    tokenizer = nlp.tokenizer
    if hasattr(tokenizer, "rules"):
        tokenizer.rules = tokenizer.rules


class Gazetteer:
    """Find the names of a Vocabulary with two PhraseMatchers (exact case, any case)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "graphkit_gazetteer",
        *,
        extra_vocab: Iterable[str] = (),
        builtin: bool = True,
        spans_key: str = SPANS_KEY,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.vocabulary = load_vocabulary(extra_vocab, builtin=builtin)
        self.labels = [e.type.upper() for e in self.vocabulary]
        self.kb_ids = [e.kb_id for e in self.vocabulary]
        self.matchers = {
            EXACT: PhraseMatcher(nlp.vocab, attr=EXACT),
            ANY_CASE: PhraseMatcher(nlp.vocab, attr=ANY_CASE),
        }
        patterns = list(self.vocabulary.patterns())
        words = _tokenized(nlp, self.vocabulary, [p.text for p in patterns])
        grouped: dict[tuple[str, int], list[Doc]] = {}
        for pattern, (tokens, spaces) in zip(patterns, words, strict=True):
            doc = Doc(nlp.vocab, words=list(tokens), spaces=list(spaces))
            grouped.setdefault((pattern.attr, pattern.entry), []).append(doc)
        for (attr, entry), docs in grouped.items():
            self.matchers[attr].add(str(entry), docs)

    def __call__(self, doc: Doc) -> Doc:
        """Add the longest vocabulary match per start and type to the candidate group."""
        best: dict[tuple[int, str], tuple[int, int, str]] = {}
        strings = doc.vocab.strings
        for attr, rule in ((EXACT, RULE_CASED), (ANY_CASE, RULE_ANY_CASE)):
            for match_id, start, end in self.matchers[attr](doc):
                entry = int(strings[match_id])
                if attr == EXACT and _in_capitals(doc, start, end):
                    continue
                key = (start, self.labels[entry])
                if key not in best or end > best[key][0]:
                    best[key] = (end, entry, rule)
        spans = [
            Span(doc, start, end, label=label, kb_id=self.kb_ids[entry], span_id=rule)
            for (start, label), (end, entry, rule) in sorted(best.items())
        ]
        if self.spans_key in doc.spans:
            doc.spans[self.spans_key].extend(spans)
        else:
            doc.spans[self.spans_key] = spans
        return doc


def _in_capitals(doc: Doc, start: int, end: int) -> bool:
    """True when the words around a match are in capitals too: a heading, not a name."""
    window = [*doc[max(0, start - 3) : start], *doc[end : end + 3]]
    return sum(1 for t in window if t.is_alpha and len(t) > 1 and t.is_upper) >= 3


@Language.factory(
    "graphkit_gazetteer",
    default_config={"extra_vocab": [], "builtin": True, "spans_key": SPANS_KEY},
)
def make_gazetteer(
    nlp: Language, name: str, extra_vocab: list[str], builtin: bool, spans_key: str
) -> Gazetteer:
    """Build the gazetteer: the curated vocabulary (if ``builtin``) plus ``extra_vocab`` files."""
    return Gazetteer(nlp, name, extra_vocab=extra_vocab, builtin=builtin, spans_key=spans_key)
