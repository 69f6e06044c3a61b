"""The ``graphkit_gazetteer`` spaCy component: known names found by PhraseMatcher.

It appends one candidate span per start and type (the longest match) to
``doc.spans["graphkit_candidates"]``, labelled with the span label of the
entry's type in the type registry (METHOD, DATASET, METRIC, TASK, ...), with
``span.id_`` the rule (``gazetteer`` for case-free matches, ``gazetteer_cased``
for exact-case ones) and ``span.kb_id_`` the entry's vocabulary id or
canonical name. Overlaps between types are left to later components.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, SpanGroup
from spacy.vocab import Vocab

from graphkit.errors import InputError
from graphkit.extract.pattern_cache import Words, cache_path, read_words, write_words
from graphkit.extract.vocab import (
    ANY_CASE,
    EXACT,
    Pattern,
    Vocabulary,
    load_vocabulary,
    read_vocab_file,
    write_vocab_file,
)
from graphkit.models import SPAN_LABELS

SPANS_KEY = "graphkit_candidates"
"""The ``doc.spans`` group the candidate components write to."""


def add_candidates(doc: Doc, key: str, spans: list[Span]) -> None:
    """Add ``spans`` to the group ``doc.spans[key]``, which is made when missing (even empty,
    so that later components find it)."""
    groups = doc.spans
    if key not in groups:
        # A SpanGroup, not a list: ``doc.spans`` would wrap a list with more calls.
        groups[key] = SpanGroup(doc, name=key, spans=spans)
    elif spans:
        groups[key].extend(spans)


SAVED_VOCABULARY = "vocabulary.tsv"
"""The file ``to_disk`` writes in the component's folder: the entries of the user's files."""

RULE_CASED = "gazetteer_cased"
RULE_ANY_CASE = "gazetteer"
VOCABULARY_RULES = frozenset({RULE_CASED, RULE_ANY_CASE})
"""The rules whose type comes from a vocabulary entry, not from the words around."""

_TOKENIZED: dict[tuple[int, str, bytes], list[Words]] = {}


def pattern_words(
    nlp: Language, vocabulary: Vocabulary, texts: list[str], *, cache: bool = True
) -> list[Words]:
    """The words ``nlp``'s tokenizer splits each pattern text into, once per process,
    vocabulary and tokenizer settings, and kept in a file cache (:mod:`pattern_cache`)
    when ``cache``.

    A copy of the tokenizer on an empty vocab does the splitting: the pattern words then
    make no lexemes in ``nlp.vocab`` (whose flags cost more than the splitting) and leave
    nothing in its tokenizer's cache, which would slow every later document.
    """
    tokenizer = nlp.tokenizer
    settings = tokenizer.to_bytes(exclude=["vocab"]) if isinstance(tokenizer, Tokenizer) else b""
    key = (id(vocabulary), nlp.lang, settings)
    cached = _TOKENIZED.get(key)
    if cached is not None and len(cached) == len(texts):
        return cached
    path = cache_path(texts, settings) if cache and settings else None
    words = read_words(path, texts) if path else None
    if words is None:
        if settings:
            tokenizer = Tokenizer(Vocab()).from_bytes(settings, exclude=["vocab"])
        words = [tuple(t.text for t in doc) for doc in tokenizer.pipe(texts, batch_size=1000)]
        if not settings and hasattr(tokenizer, "rules"):
            tokenizer.rules = tokenizer.rules  # empties the cache of a tokenizer of another kind
        if path:
            write_words(path, words)
    _TOKENIZED[key] = words
    return words


class Gazetteer:
    """Find the names of a Vocabulary with one PhraseMatcher on lower-case forms.

    Exact-case names are in it by their lower-case form too, and a match of one
    is kept when the text has the name's case: one pass over the doc finds both
    kinds. Where two names of a type share a form, the earlier vocabulary entry
    wins, and an exact-case name wins over an any-case one of the same length.

    ``to_disk`` writes the entries of the user's files to ``vocabulary.tsv`` in
    the component's folder and ``from_disk`` reads them back, so a saved pipeline
    loads where those files are not. A user file that is missing when the
    component is made (as in ``spacy.load``) is an error only if ``from_disk``
    does not follow before the first doc.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "graphkit_gazetteer",
        *,
        extra_vocab: Iterable[str] = (),
        builtin: bool = True,
        spans_key: str = SPANS_KEY,
        pattern_cache: bool = True,
    ) -> None:
        self.name = name
        self.pattern_cache = pattern_cache
        self.spans_key = spans_key
        self.builtin = builtin
        self.vocab = nlp.vocab
        self._nlp = nlp
        self._unread: InputError | None = None
        self.matcher: PhraseMatcher | None = None
        paths = list(extra_vocab)
        try:
            self.extra_entries = [e for path in paths for e in read_vocab_file(path)]
        except InputError as exc:
            if not _missing(exc):
                raise
            self.extra_entries = []
            self._unread = exc
            return
        self._build(load_vocabulary(paths, builtin=builtin))

    def _build(self, vocabulary: Vocabulary) -> None:
        """Make the matcher and the tables of span labels, ids and rules for ``vocabulary``."""
        nlp = self._nlp
        self.vocabulary = vocabulary
        self.labels = [SPAN_LABELS[e.type] for e in self.vocabulary]
        self.kb_ids = [e.kb_id for e in self.vocabulary]
        self.matcher = PhraseMatcher(nlp.vocab, attr=ANY_CASE)
        patterns = list(self.vocabulary.patterns())
        texts = [p.text for p in patterns]
        split = pattern_words(nlp, self.vocabulary, texts, cache=self.pattern_cache)
        strings = nlp.vocab.strings
        lower = nlp.vocab.lex_attr_getters.get(LOWER, str.lower)
        # The matcher takes each pattern as the LOWER ids of its words, which is what it
        # would read from a doc of them: no docs (nor lexemes) need making.
        grouped: dict[tuple[str, int], list[tuple[Pattern, Words]]] = {}
        for pattern, words in zip(patterns, split, strict=True):
            if words:
                grouped.setdefault((pattern.attr, pattern.entry), []).append((pattern, words))
        # Flat tuples of ints: the garbage collector stops tracking them.
        self.kinds: dict[int, tuple[int, str, bool]] = {}
        self.cased_forms: set[tuple[int, ...]] = set()
        self.title_forms: set[tuple[int, int]] = set()
        for (attr, entry), found in grouped.items():
            key = str(entry) if attr == ANY_CASE else f"{entry} {EXACT}"
            self.matcher.add(key, [[strings.add(lower(w)) for w in ws] for _, ws in found])
            match_id = strings[key]
            self.kinds[match_id] = (entry, self.labels[entry], attr == EXACT)
            if attr == EXACT:
                self.cased_forms.update(
                    (match_id, *(strings.add(w) for w in ws)) for _, ws in found
                )
                own = set(vocabulary.entries[entry].forms)
                self.title_forms.update(
                    (match_id, strings.add(ws[0]))
                    for pattern, ws in found
                    if len(ws) == 1 and pattern.text.istitle() and pattern.text not in own
                )
        self.label_ids = {label: strings.add(label) for label in set(self.labels)}
        self.kb_id_hashes = [strings.add(kb_id) for kb_id in self.kb_ids]
        self.rule_ids = {rule: strings.add(rule) for rule in (RULE_CASED, RULE_ANY_CASE)}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the entries of the user's vocabulary files to ``path/vocabulary.tsv``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        write_vocab_file(folder / SAVED_VOCABULARY, self.extra_entries)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Gazetteer:
        """Load the user's entries that ``to_disk`` saved (after the built-in ones if
        ``builtin``)."""
        saved = Path(path) / SAVED_VOCABULARY
        self.extra_entries = read_vocab_file(saved)
        self._unread = None
        self._build(load_vocabulary([saved], builtin=self.builtin))
        return self

    def __call__(self, doc: Doc) -> Doc:
        """Add the longest vocabulary match per start and type to the candidate group."""
        if self.matcher is None:
            raise self._unread or InputError("the gazetteer has no vocabulary")
        matches = self.matcher(doc)
        spans = self._spans(doc, self._best(doc, matches)) if matches else []
        add_candidates(doc, self.spans_key, spans)
        return doc

    def _best(
        self, doc: Doc, matches: list[tuple[int, int, int]]
    ) -> dict[tuple[int, str], tuple[tuple[int, bool, int], int]]:
        """Map each (start, label) to its best match's rank and entry.

        The rank (end, exact case, -entry) orders the matches of a start and type:
        the longest wins, then an exact-case one, then the earlier entry. An
        exact-case match counts only when the text has the name's case and is not
        in a heading of capitals.
        """
        kinds = self.kinds
        cased_forms = self.cased_forms
        title_forms = self.title_forms
        best: dict[tuple[int, str], tuple[tuple[int, bool, int], int]] = {}
        for match_id, start, end in matches:
            entry, label, is_cased = kinds[match_id]
            if is_cased:
                form = (
                    (match_id, doc[start].orth)
                    if end - start == 1
                    else (match_id, *_orths(doc, start, end))
                )
                if form not in cased_forms:
                    continue
                if form in title_forms and not _versioned(doc, end):
                    continue
            key = (start, label)
            rank = (end, is_cased, -entry)
            held = best.get(key)
            if held is not None and held[0] >= rank:
                continue
            if is_cased and _in_capitals(doc, start, end):
                continue
            best[key] = (rank, entry)
        return best

    def _spans(
        self, doc: Doc, best: dict[tuple[int, str], tuple[tuple[int, bool, int], int]]
    ) -> list[Span]:
        """The candidate spans of ``best``, in order of start and label."""
        if doc.vocab is self.vocab:
            # The strings are in this vocab already: their hashes make the spans cheaper.
            label_ids, kb_ids, rule_ids = self.label_ids, self.kb_id_hashes, self.rule_ids
            return [
                Span(
                    doc,
                    start,
                    rank[0],
                    label_ids[label],
                    kb_id=kb_ids[entry],
                    span_id=rule_ids[RULE_CASED if rank[1] else RULE_ANY_CASE],
                )
                for (start, label), (rank, entry) in sorted(best.items())
            ]
        return [
            Span(
                doc,
                start,
                rank[0],
                label=label,
                kb_id=self.kb_ids[entry],
                span_id=RULE_CASED if rank[1] else RULE_ANY_CASE,
            )
            for (start, label), (rank, entry) in sorted(best.items())
        ]


def _missing(error: InputError) -> bool:
    """True when ``error`` says a vocabulary file could not be opened at all."""
    return isinstance(error.__cause__, OSError)


def _orths(doc: Doc, start: int, end: int) -> tuple[int, ...]:
    """The ORTH ids of ``doc[start:end]``."""
    return tuple(doc[i].orth for i in range(start, end))


def _versioned(doc: Doc, end: int) -> bool:
    """True when a version or size follows a match ("Llama 3.1 8B"): what makes the title-case
    spelling of a mixed-case name ("Llama" for "LLaMA") that name and not an ordinary word."""
    return end < len(doc) and doc[end].text[:1].isdigit()


def _in_capitals(doc: Doc, start: int, end: int) -> bool:
    """True when three of the words around a match are in capitals too: a heading, not a name.

    The scan stops as soon as too few words are left to make three.
    """
    first = max(0, start - 3)
    last = min(end + 3, len(doc))
    spare = (start - first) + (last - end) - 3
    if spare < 0:
        return False
    for i in (*range(first, start), *range(end, last)):
        token = doc[i]
        if not (token.is_upper and token.is_alpha and len(token) > 1):
            spare -= 1
            if spare < 0:
                return False
    return True


@Language.factory(
    "graphkit_gazetteer",
    default_config={
        "extra_vocab": [],
        "builtin": True,
        "spans_key": SPANS_KEY,
        "pattern_cache": True,
    },
)
def make_gazetteer(
    nlp: Language,
    name: str,
    extra_vocab: list[str],
    builtin: bool,
    spans_key: str,
    pattern_cache: bool,
) -> Gazetteer:
    """Build the gazetteer: the curated vocabulary (if ``builtin``) plus ``extra_vocab`` files;
    ``pattern_cache`` keeps the words of its patterns in a file cache (:mod:`pattern_cache`)."""
    return Gazetteer(
        nlp,
        name,
        extra_vocab=extra_vocab,
        builtin=builtin,
        spans_key=spans_key,
        pattern_cache=pattern_cache,
    )
