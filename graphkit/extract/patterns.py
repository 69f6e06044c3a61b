"""The ``graphkit_patterns`` spaCy component: token rules for names that are in no list.

Every rule is anchored on a rare token that a Matcher finds through lexeme
flags or word lists (never a REGEX predicate); a short Python step then
reads the words around the anchor. Rules and their span ids:

- ``coined``: the name after "we propose / present / introduce ...", after
  "named / called / dubbed / termed", or before ", a novel ...";
- ``name_shape``: CamelCase, mixed-case and acronym-with-digits tokens with
  their hyphenated parts (EfficientViT-M5, MobileNetV3-Large, ResNet-50);
- ``dataset_cue``: names before "dataset / benchmark / corpus" (with lists:
  "X and Y datasets") and after "datasets such as / including";
- ``metric_cue``: "in terms of X", "X score", "X@k", "% X";
- ``task_cue``: "<words> recognition / detection / ..." after "for", "of",
  "on", "in", "to" or before "task";
- ``method_cue``: "<modifier> loss / attention / distillation / ...".

The rules read the words around an anchor through per-word bits (``WordBits``): the lexeme
flags of a word with, above them, the word lists it belongs to, looked up once per word.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import (
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LIKE_URL,
)
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from graphkit.extract import flags
from graphkit.extract.gazetteer import SPANS_KEY, add_candidates
from graphkit.extract.lexicon import (
    EVALUATIVE,
    GENERIC_METHOD_HEADS,
    GENERIC_WORDS,
    METHOD_HEADS,
    METRIC_HEADS,
    NAMED_DATASET_HEADS,
    NOT_NAMES,
    TASK_CUES_AFTER,
    TASK_CUES_BEFORE,
    WEAK_TASK_HEADS,
    head_type,
)

LIST_INTRODUCERS = ["such", "including", "namely", "e.g.", "e.g", "like", "include"]
QUOTES = {'"', "“", "”", "'", "‘", "’", "`", "``", "''"}
SCAN = 10
KNOWN_WORDS = 100_000
"""How many words' bits the component keeps."""
PROPOSERS = frozenset({"we", "paper", "work", "study", "also"})
"""Words before "propose / present / introduce" that make the name after it a coined one."""
PROPOSE_STOPS = frozenset({"that", "which", "to", "for", "by", "with", "where", "and", "."})
"""Words after "we propose" that end the search for the coined name."""
PROPOSE_SKIPS = frozenset({",", ":", "the", "a", "an"})
"""Words after "we propose" that are skipped and not kept as head nouns."""
MAX_MODIFIERS = 3


LABELS = ("DATASET", "METHOD", "METRIC", "TASK")
RULES = (
    "coined",
    "name_shape",
    "dataset_cue",
    "metric_cue",
    "task_cue",
    "method_cue",
    "title_phrase",
)
STRING_IDS = {text: hash_string(text) for text in (*LABELS, *RULES)}
"""The string-store ids of the span labels and rules: a Span made from ids skips the lookups
of its strings (the component adds the strings to the vocab)."""


def _add(spans: list[Span], doc: Doc, start: int, end: int, label: str, rule: str) -> None:
    if 0 <= start < end <= len(doc):
        spans.append(Span(doc, start, end, STRING_IDS[label], span_id=STRING_IDS[rule]))


SENTENCE_ENDS = (".", "!", "?", ":", ";")
HYPHEN_SUFFIXES = frozenset(
    {"based", "like", "style", "free", "aware", "level", "specific", "guided", "driven", "only",
     "wise", "scale", "sized", "size", "inspired", "enhanced", "powered", "assisted", "generated",
     "augmented", "derived", "related", "friendly", "agnostic", "dependent", "independent",
     "oriented", "centric", "to", "and", "or", "the"}
)  # fmt: skip
"""Words after a hyphen that make a modifier of a name ("BERT-based"), not part of it."""
_JOINERS = frozenset({"-", "–", "/", ".", "_"})
_TAILS = frozenset({"+", "++", "*"})
ON_VERBS = frozenset({"based", "built", "relies", "rely", "depends", "depend", "focus", "focuses"})
SIZE_SUFFIX = ("k", "m")
LIST_REACH = 14
"""How far back a name in a list ("on X, Y and Z") looks for the list's cue."""
LIST_JOINERS = frozenset({",", "and", "or", "(", ":", "-"})
"""Words between the names of a list."""
COST_MODIFIERS = frozenset(
    {"peak", "gpu", "cpu", "computational", "computation", "compute", "training", "inference",
     "end-to-end", "runtime", "wall-clock", "convergence", "decoding", "encoding", "search"}
)  # fmt: skip
NOT_PHRASE_WORDS = frozenset(
    {"university", "institute", "inc", "lab", "laboratory", "conference", "workshop",
     "journal", "proceedings", "department", "center", "centre", "challenge", "team",
     "research", "company", "corporation", "google", "microsoft", "meta", "facebook",
     "amazon", "apple", "nvidia", "china", "chinese", "english", "european", "american"}
)  # fmt: skip
"""Words that make a capitalised phrase an organisation, event or place, not a name."""
METRIC_FILLERS = frozenset(
    {"evaluation", "performance", "quality", "accuracy", "error", "distance", "similarity",
     "automatic", "automated", "human", "objective", "subjective", "proxy", "surrogate",
     "intrinsic", "extrinsic"}
)  # fmt: skip
"""Words before "metric" that do not name one ("evaluation metric", "automatic metrics")."""
REPORT_WORDS = frozenset(
    {"metric", "metrics", "measure", "measured", "measures", "evaluated", "evaluate",
     "evaluation", "terms", "higher", "lower", "better", "improves", "improved", "achieves",
     "achieving", "reaching", "reaches", "outperforms", "%", "state-of-the-art", "best",
     "achieve", "reach", "outperform", "improve", "highest", "lowest", "correlation"}
)  # fmt: skip
"""Words near a measure that show it is used to report results."""
TITLE_BREAKS = frozenset(
    {"for", "via", "with", "using", "in", "on", "through", "by", "from", "towards", "toward",
     "to", "of", "under", "without", ":", "?", "!", ".", "(", ")", "-", "–", "—", "based"}
)  # fmt: skip
"""Words that end the task phrase of a title shape."""

# -- word bits ---------------------------------------------------------------------------
# Bits 0-63 are a lexeme's flags (spaCy's and graphkit's); the word classes sit above them.

TITLE_BIT = 1 << IS_TITLE
"""The ``IS_TITLE`` bit of a lexeme's flags (spaCy's own flags share the bit field)."""
ALPHA_BIT = 1 << IS_ALPHA
LOWER_BIT = 1 << IS_LOWER
UPPER_BIT = 1 << IS_UPPER
PUNCT_BIT = 1 << IS_PUNCT
STOP_BIT = 1 << IS_STOP
NUM_BIT = 1 << LIKE_NUM
URL_BIT = 1 << LIKE_URL
NAME_BIT = 1 << flags.NAME
ACRONYM_BIT = 1 << flags.ACRONYM
NAMELIKE_BIT = 1 << flags.NAMELIKE
TASK_HEAD_BIT = 1 << flags.TASK_HEAD
METRIC_HEAD_BIT = 1 << flags.METRIC_HEAD
SHAPE_BIT = 1 << flags.SHAPE_WORD
VERB_BIT = 1 << flags.VERB
DATASET_WORD = 1 << flags.DATASET_HEAD
"""A dataset head word ("dataset", "benchmark", ...)."""
TASK_NOUN = 1 << flags.TASK_WORD
"""The words "task" and "tasks"."""

NOT_MODIFIER = 1 << 64
"""The word cannot modify a head word: a stop word, a name, a verb, an evaluative or generic
word, or an adverb in "-ly"."""
METHOD_WORD = 1 << 65
ON_WORD = 1 << 66
ON_VERB = 1 << 67
LIST_JOINER = 1 << 68
HYPHEN_SUFFIX = 1 << 69
WEAK_TASK = 1 << 70
CUE_BEFORE = 1 << 71
CUE_AFTER = 1 << 72
EVALUATIVE_WORD = 1 << 73
GENERIC_WORD = 1 << 74
NOT_PHRASE_WORD = 1 << 75
TITLE_BREAK = 1 << 76
PROPOSER = 1 << 77
PROPOSE_STOP = 1 << 78
PROPOSE_SKIP = 1 << 79
NAMED_DATASET = 1 << 80
SPLITS_TITLE = 1 << 81
"""A word that separates the tasks of a title shape ("and", ",")."""
WORD_CLASSES = (
    (METHOD_WORD, METHOD_HEADS),
    (ON_WORD, frozenset({"on", "onto"})),
    (ON_VERB, ON_VERBS),
    (LIST_JOINER, LIST_JOINERS),
    (HYPHEN_SUFFIX, HYPHEN_SUFFIXES),
    (WEAK_TASK, WEAK_TASK_HEADS),
    (CUE_BEFORE, TASK_CUES_BEFORE),
    (CUE_AFTER, TASK_CUES_AFTER),
    (EVALUATIVE_WORD, EVALUATIVE),
    (GENERIC_WORD, GENERIC_WORDS),
    (NOT_PHRASE_WORD, NOT_PHRASE_WORDS),
    (TITLE_BREAK, TITLE_BREAKS),
    (PROPOSER, PROPOSERS),
    (PROPOSE_STOP, PROPOSE_STOPS),
    (PROPOSE_SKIP, PROPOSE_SKIPS),
    (NAMED_DATASET, NAMED_DATASET_HEADS),
    (SPLITS_TITLE, frozenset({"and", ","})),
)
"""The bits of the word lists a word's lower case can belong to."""

JOINER = 1 << 82
"""A token that joins the parts of a name written together ("-", "/", "." or "_")."""
TAIL = 1 << 83
"""A token that can end a name ("+", "++", "*")."""
HYPHEN = 1 << 84
DASH = 1 << 85
CLAUSE_END = 1 << 86
"""A token after which a sentence or clause starts (``SENTENCE_ENDS``)."""
NOT_NAME = 1 << 87
APPOSITION_WORD = 1 << 88
"""A bracket or "and": with names, the words an appositive is looked for after."""
QUOTE = 1 << 89
TEXT_CLASSES = (
    (JOINER, _JOINERS),
    (TAIL, _TAILS),
    (HYPHEN, frozenset({"-"})),
    (DASH, frozenset({"-", "–"})),
    (CLAUSE_END, frozenset(SENTENCE_ENDS)),
    (NOT_NAME, NOT_NAMES),
    (APPOSITION_WORD, frozenset({"(", ")", "and"})),
    (QUOTE, QUOTES),
)
"""The bits of the token lists a word's text can belong to."""
CLASS_WORDS = frozenset().union(*(words for _, words in WORD_CLASSES))
CLASS_TEXTS = frozenset().union(*(texts for _, texts in TEXT_CLASSES))

ALNUM_START = 1 << 90
"""A token that starts with a letter or digit."""
PART = 1 << 91
"""A token that can be part of a name: it starts with a letter or digit and is no URL."""
NOT_PHRASE_PART = 1 << 92
"""A token that cannot be part of a title phrase: no letter first, a known non-name
(``NOT_NAMES``) or an organisation or place word (``NOT_PHRASE_WORDS``)."""
SIZED = 1 << 93
"""A word ending in a digit and "k" or "m": the size of a dataset ("Haze4k", "1M")."""
PLURAL = 1 << 94
"""A word whose lower case ends in "s"."""
HEAD_WORD = 1 << 95
"""A word that suggests a span label (``head_type``)."""
TASK_PART = 1 << 96
"""A lower-case content word that can be part of a task name."""

NOT_MODIFIER_FLAGS = STOP_BIT | NAME_BIT | VERB_BIT
NOT_MODIFIER_WORDS = EVALUATIVE | GENERIC_WORDS | GENERIC_METHOD_HEADS
NAMED_BITS = NAME_BIT | ACRONYM_BIT | TITLE_BIT | NUM_BIT
"""The bits of a word that can be part of a name in a list: a name, an acronym, a capitalised
word or a number."""
TITLED_METHOD = TITLE_BIT | METHOD_WORD
"""The bits of a capitalised method word ("Transformer") that ends a name."""


def word_bits(lexeme_flags: int, text: str, lower: str) -> int:
    """The bits of a word: its lexeme flags and, above them, its classes."""
    bits = lexeme_flags
    if lower in CLASS_WORDS:
        for bit, words in WORD_CLASSES:
            if lower in words:
                bits |= bit
    if text in CLASS_TEXTS:
        for bit, texts in TEXT_CLASSES:
            if text in texts:
                bits |= bit
    if bits & NOT_MODIFIER_FLAGS or lower in NOT_MODIFIER_WORDS or lower.endswith("ly"):
        bits |= NOT_MODIFIER
    if text[:1].isalnum():
        bits |= ALNUM_START if bits & URL_BIT else ALNUM_START | PART
    if not text[:1].isalpha() or bits & (NOT_NAME | NOT_PHRASE_WORD):
        bits |= NOT_PHRASE_PART
    if lower.endswith(SIZE_SUFFIX) and len(lower) >= 2 and lower[-2].isdigit():
        bits |= SIZED
    if lower.endswith("s"):
        bits |= PLURAL
    if head_type(lower):
        bits |= HEAD_WORD
    if bits & (ALPHA_BIT | LOWER_BIT) == ALPHA_BIT | LOWER_BIT and not bits & (
        STOP_BIT | EVALUATIVE_WORD | GENERIC_WORD | TASK_NOUN | VERB_BIT
    ):
        bits |= TASK_PART
    return bits


def _reported(doc: Doc, start: int, end: int) -> bool:
    """True when a number or a reporting word is within a few tokens of ``start:end``."""
    window = [*doc[max(0, start - 6) : start], *doc[end : end + 6]]
    return any(t.like_num or t.lower_ in REPORT_WORDS for t in window)


def _coordinated_head(label: str, head: str | None) -> str | None:
    """The head type that the next name of a coordinated pair gets: a dataset or metric
    types its partner alike."""
    return label if label in ("DATASET", "METRIC") else head


def _heading(doc: Doc) -> bool:
    """True for a short text without a closing full stop: a title or heading."""
    return 0 < len(doc) <= 40 and doc[-1].text not in (".", "!", "?")


def _title_cased(doc: Doc) -> bool:
    """True for a title or heading: no final full stop and most words capitalised."""
    if len(doc) and doc[-1].text == ".":
        return False
    words, titled = doc.to_array([flags.WORD, flags.TITLE_WORD]).T.tolist()
    return titled.count(1) * 2 >= words.count(1) > 0


class WordBits(dict[int, int]):
    """The ``word_bits`` of the words seen, by orth id: a word's bits are computed from its
    lexeme when first asked for, as reading them through the lexeme costs more than a look-up
    (the store is emptied when it grows past ``KNOWN_WORDS``)."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, orth: int) -> int:
        if len(self) >= KNOWN_WORDS:
            self.clear()
        lexeme = self.vocab[orth]
        bits = self[orth] = word_bits(lexeme.flags, lexeme.orth_, lexeme.lower_)
        return bits


Rule = Callable[[Doc, int, Token, int, list[Span]], None]
"""A token rule: called with the doc, the anchor's index, the anchor token, its word bits and
the spans found so far."""


class PatternFinder:
    """Token rules that propose candidates for names in no vocabulary."""

    def __init__(
        self, nlp: Language, name: str = "graphkit_patterns", *, spans_key: str = SPANS_KEY
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        flags.register_flags(nlp.vocab)
        for text in STRING_IDS:
            nlp.vocab.strings.add(text)
        handlers: dict[int, Rule] = {
            flags.NAME: self._name,
            flags.ACRONYM: self._acronym,
            flags.AT_K: self._at_k,
            flags.NAMING: self._naming,
            flags.PROPOSE: self._propose,
            flags.NOVEL_WORD: self._appositive,
            flags.DATASET_HEAD: self._dataset,
            flags.TERMS: self._terms,
            flags.PERCENT: self._percent,
            flags.TASK_HEAD: self._task,
            flags.TASK_WORD: self._task_list,
            flags.SHAPE_WORD: self._title_shape,
            flags.METHOD_HEAD: self._method,
            flags.COST: self._cost,
            flags.MEASURE: self._measure,
        }
        self.anchors = [(1 << flag_id, handlers[flag_id]) for flag_id in flags.ANCHORS]
        self.anchor_mask = sum(mask for mask, _ in self.anchors)
        self._dispatch: dict[int, tuple[Rule, ...]] = {}
        self._known = WordBits(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        """Add the rules' candidate spans to ``doc.spans[spans_key]``."""
        spans: list[Span] = []
        self._title_case: bool | None = None
        if len(doc):
            self._scan(doc, spans)
        add_candidates(doc, self.spans_key, spans)
        return doc

    def _scan(self, doc: Doc, spans: list[Span]) -> None:
        """Run the rules of each anchor token, then the title phrases of the runs of two or more
        capitalised tokens.

        One ``ANCHOR`` column finds both: the lexeme's flags tell the rules, and its
        ``IS_TITLE`` bit the runs of capitalised words."""
        dispatch = self._dispatch
        known = self._known
        mask = self.anchor_mask if _heading(doc) else self.anchor_mask & ~SHAPE_BIT
        runs: list[tuple[int, int]] = []
        first = last = -2
        for i in doc.to_array(flags.ANCHOR).nonzero()[0].tolist():
            token = doc[i]
            bits = known[token.orth]
            if rules := bits & mask:
                for handler in dispatch.get(rules) or self._handlers(rules):
                    handler(doc, i, token, bits, spans)
            if bits & TITLE_BIT:
                if i != last + 1:
                    if last > first:
                        runs.append((first, last + 1))
                    first = i
                last = i
        if last > first:
            runs.append((first, last + 1))
        for start, end in runs:
            if start == 0 or doc[start - 1].check_flag(flags.SENTENCE_END):
                start += 1
            if end - start >= 2:
                self._title_phrase(doc, start, end, spans)

    def _handlers(self, bits: int) -> tuple[Rule, ...]:
        """The rules a token with the anchor flags ``bits`` starts, in order (cached per set)."""
        handlers = tuple(handler for mask, handler in self.anchors if bits & mask)
        self._dispatch[bits] = handlers
        return handlers

    def _titled(self, doc: Doc) -> bool:
        """True when ``doc`` is a title or heading (computed once per doc)."""
        if self._title_case is None:
            self._title_case = _title_cased(doc)
        return self._title_case

    def _opens_sentence(self, doc: Doc, i: int) -> bool:
        """True when token ``i`` is the first of a sentence (or a clause after a colon)."""
        return i == 0 or bool(self._known[doc[i - 1].orth] & CLAUSE_END)

    # -- names -------------------------------------------------------------------------

    def _name_extent(self, doc: Doc, i: int, token: Token) -> tuple[int, int]:
        """Return the tokens of the name at ``i`` (``token``): the run of tokens written
        against it ("ImageNet-1K", "MobileNetV3-Large", "RelationNet++") and a following
        capitalised head word ("Swin Transformer")."""
        known = self._known
        n = len(doc)
        start, end = i, i + 1
        last = token
        while end < n and not last.whitespace_:
            token = doc[end]
            bits = known[token.orth]
            if bits & PART:
                end += 1
                last = token
            elif bits & JOINER and end + 1 < n and not token.whitespace_:
                after = doc[end + 1]
                bits = known[after.orth]
                if not bits & PART or bits & HYPHEN_SUFFIX:
                    break
                end += 2
                last = after
            elif bits & TAIL:
                end += 1
                last = token
            else:
                break
        while start > 0:
            token = doc[start - 1]
            if token.whitespace_:
                break
            bits = known[token.orth]
            if bits & PART:
                start -= 1
            elif bits & JOINER and start >= 2 and not (before := doc[start - 2]).whitespace_:
                if not known[before.orth] & PART:
                    break
                start -= 2
            else:
                break
        if end < n and known[doc[end].orth] & TITLED_METHOD == TITLED_METHOD:
            end += 1
        return start, end

    def _name_label(self, doc: Doc, s: int, e: int) -> str:
        """Type a name-shaped span by its context: a dataset after "on" (not "based on"),
        before "dataset", or with a size suffix ("Haze4k", "MovieLens-1M"); otherwise a
        method. A name in a list ("on X, Y and Z") looks back for the list's cue."""
        known = self._known
        if e < len(doc):
            bits = known[doc[e].orth]
            if bits & DATASET_WORD:
                return "DATASET"
            if bits & METHOD_WORD:
                return "METHOD"
        if known[doc[e - 1].orth] & SIZED:
            return "DATASET"
        j = s - 1
        while j >= 0 and s - j < LIST_REACH:
            token = doc[j]
            bits = known[token.orth]
            if bits & ON_WORD:
                if j > 0 and known[doc[j - 1].orth] & ON_VERB:
                    return "METHOD"
                return "DATASET"
            if bits & DATASET_WORD:
                return "DATASET" if j == s - 1 or doc[j + 1].text in ("(", ":") else "METHOD"
            if bits & LIST_JOINER or (
                bits & ALNUM_START and (bits & NAMED_BITS or (j > 0 and not doc[j - 1].whitespace_))
            ):
                j -= 1
                continue
            break
        return "METHOD"

    def _shaped_name(
        self, doc: Doc, i: int, token: Token, spans: list[Span], hyphenated: bool
    ) -> None:
        """Add the name-shaped span at ``i``; a ``hyphenated`` acronym needs a second part."""
        s, e = self._name_extent(doc, i, token)
        if e - s < 2 and hyphenated:
            return
        for k in range(s, i):
            if doc[k].check_flag(flags.NAME):
                return
        _add(spans, doc, s, e, self._name_label(doc, s, e), "name_shape")

    def _name(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        self._shaped_name(doc, i, token, spans, hyphenated=False)

    def _acronym(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        if i + 1 < len(doc) and not token.whitespace_ and self._known[doc[i + 1].orth] & HYPHEN:
            self._shaped_name(doc, i, token, spans, hyphenated=True)

    def _at_k(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        _add(spans, doc, i, i + 1, "METRIC", "metric_cue")

    def _coined_at(
        self, doc: Doc, i: int, head: str | None, spans: list[Span], depth: int = 0
    ) -> None:
        """Add a coined name starting at token ``i``, typed by the head noun ``head`` (the
        type of the last typed word seen before it) when nothing closer types it."""
        n = len(doc)
        if i >= n:
            return
        token = doc[i]
        bits = self._known[token.orth]
        if bits & QUOTE:
            i += 1
            if i >= n:
                return
            token = doc[i]
            bits = self._known[token.orth]
        if bits & (GENERIC_WORD | NOT_PHRASE_WORD | EVALUATIVE_WORD) or not bits & NAMELIKE_BIT:
            return
        s, e = self._name_extent(doc, i, token)
        while e < n and e - s < 4:
            bits = self._known[doc[e].orth]
            if bits & (TITLE_BIT | ALPHA_BIT) != TITLE_BIT | ALPHA_BIT or bits & GENERIC_WORD:
                break
            e += 1
        label = head_type(doc[e - 1].lower_) if e - s > 1 else None
        if label not in ("DATASET", "METRIC"):
            label = self._appositive_type(doc, e) or head
        if e < n and self._known[doc[e].orth] & DATASET_WORD:
            label = "DATASET"
        if label not in ("DATASET", "METHOD", "METRIC"):
            label = "METHOD"
        _add(spans, doc, s, e, label, "coined")
        j = e
        if j + 2 < n and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3
        if depth < 3 and j + 1 < n and doc[j].lower_ in ("and", ","):
            bits = self._known[doc[j + 1].orth]
            if bits & (TITLE_BIT | NAME_BIT | ACRONYM_BIT):
                head = _coordinated_head(label, head)
                self._coined_at(doc, j + 1, head, spans, depth + 1)

    def _appositive_type(self, doc: Doc, e: int) -> str | None:
        """The type an appositive after a name gives it: "X (XS) and Y (YS), the first
        measures"."""
        n = len(doc)
        j = e
        while j < n and j - e < 10:
            if not self._known[doc[j].orth] & (APPOSITION_WORD | NAMELIKE_BIT | UPPER_BIT):
                break
            j += 1
        if j + 1 >= n or doc[j].text != "," or doc[j + 1].lower_ not in ("a", "an", "the"):
            return None
        for token in doc[j + 2 : j + 8]:
            bits = self._known[token.orth]
            if bits & PUNCT_BIT:
                return None
            if bits & HEAD_WORD and (found := head_type(token.lower_)) in (
                "DATASET",
                "METRIC",
                "METHOD",
            ):
                return found
        return None

    def _naming(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """ "named / called X": the head type of the words before the anchor types X."""
        head = None
        for k in range(max(0, i - 6), i):
            before = doc[k]
            if self._known[before.orth] & (ALPHA_BIT | HEAD_WORD) == ALPHA_BIT | HEAD_WORD:
                head = head_type(before.lower_)
        j = i + 1
        if j < len(doc) and doc[j].text == ":":
            j += 1
        self._coined_at(doc, j, head, spans)

    def _propose(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """ "we propose X": the name is the first name-like word within ``SCAN`` words, typed
        by the head nouns before it."""
        if i == 0 or not self._known[doc[i - 1].orth] & PROPOSER:
            return
        known = self._known
        head = None
        for j in range(i + 1, min(i + 1 + SCAN, len(doc))):
            before = bits
            token = doc[j]
            bits = known[token.orth]
            if bits & PROPOSE_STOP:
                return
            if bits & PROPOSE_SKIP:
                continue
            if bits & NAMELIKE_BIT and not before & CLAUSE_END:
                self._coined_at(doc, j, head, spans)
                return
            if bits & HEAD_WORD:
                head = head_type(token.lower_)

    def _appositive(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """ "X, a novel ...": the anchor is the adjective; the name is three tokens back."""
        name = i - 3
        if name < 1 or doc[i - 1].lower_ not in ("a", "an") or doc[i - 2].text != ",":
            return
        token = doc[name]
        bits = self._known[token.orth]
        if not bits & TITLE_BIT or self._opens_sentence(doc, name):
            return
        s, e = self._name_extent(doc, name, token)
        if e != name + 1 or bits & (GENERIC_WORD | NOT_NAME):
            return
        label = "METHOD"
        for token in doc[i + 1 : i + 7]:
            if self._known[token.orth] & HEAD_WORD and (found := head_type(token.lower_)) in (
                "DATASET",
                "METHOD",
            ):
                label = found
                break
        _add(spans, doc, s, e, label, "coined")

    # -- datasets ----------------------------------------------------------------------

    def _dataset(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """Names before a dataset word ("X and Y datasets"), and after a plural one ("datasets
        such as X, Y")."""
        if bits & NAMED_DATASET:
            self._named_dataset(doc, i, bits, spans)
            return
        known = self._known
        j = i - 1
        while j >= 0:
            if not known[doc[j].orth] & (NAMELIKE_BIT | NUM_BIT):
                break
            s = j
            while s > 0:
                before = doc[s - 1]
                before_bits = known[before.orth]
                if not before_bits & (NAMELIKE_BIT | NUM_BIT) and before.whitespace_:
                    break
                if before_bits & PUNCT_BIT and not before_bits & HYPHEN:
                    break
                s -= 1
            first = known[doc[s].orth]
            if first & (EVALUATIVE_WORD | GENERIC_WORD):
                break
            shaped = first & (NAME_BIT | ACRONYM_BIT)
            plain_ok = (
                first & NAMELIKE_BIT and not self._opens_sentence(doc, s) and not self._titled(doc)
            )
            if not shaped and not plain_ok:
                break
            _add(spans, doc, s, j + 1, "DATASET", "dataset_cue")
            j = s - 1
            if j >= 0 and doc[j].text in (",", "and", "or", "&"):
                j -= 1
                if j >= 0 and doc[j].text in (",", "and"):
                    j -= 1
                continue
            break
        if bits & PLURAL:
            self._list_after(doc, i + 1, spans)

    def _named_dataset(self, doc: Doc, i: int, bits: int, spans: list[Span]) -> None:
        """A capitalised name ending in a dataset word: "Stanford Sentiment Treebank"."""
        if not bits & TITLE_BIT:
            return
        s = i
        while s > 0 and i - s < 4:
            bits = self._known[doc[s - 1].orth]
            if not bits & NAMELIKE_BIT or self._opens_sentence(doc, s - 1):
                break
            if bits & (GENERIC_WORD | EVALUATIVE_WORD):
                break
            s -= 1
        if s < i:
            _add(spans, doc, s, i + 1, "DATASET", "dataset_cue")

    def _list_after(self, doc: Doc, j: int, spans: list[Span]) -> None:
        if j < len(doc) and doc[j].text in ("(", ":"):
            j += 1
        elif j < len(doc) and doc[j].lower_ in LIST_INTRODUCERS:
            j += 2 if doc[j].lower_ == "such" else 1
            if j < len(doc) and doc[j].text == ",":
                j += 1
        else:
            return
        while j < len(doc):
            token = doc[j]
            if not self._known[token.orth] & (NAMELIKE_BIT | NAME_BIT):
                return
            s, e = self._name_extent(doc, j, token)
            while (
                e < len(doc) and e - s < 3 and self._known[doc[e].orth] & (NAMELIKE_BIT | NUM_BIT)
            ):
                e += 1
            _add(spans, doc, s, e, "DATASET", "dataset_cue")
            j = e
            if j < len(doc) and doc[j].text in (",", "and", "or"):
                j += 1
                if j < len(doc) and doc[j].text == "and":
                    j += 1
                continue
            return

    # -- metrics -----------------------------------------------------------------------

    def _metric_phrase(self, doc: Doc, j: int, spans: list[Span]) -> int | None:
        """Add the metric at ``j`` (a name or a phrase ending in a measure word); return its end."""
        if j >= len(doc):
            return None
        token = doc[j]
        if token.check_flag(flags.ACRONYM) or token.check_flag(flags.NAME):
            s, e = self._name_extent(doc, j, token)
            if e < len(doc) and doc[e].lower_ in METRIC_HEADS:
                e += 1
            _add(spans, doc, s, e, "METRIC", "metric_cue")
            return e
        for e in range(j + 1, min(j + 4, len(doc)) + 1):
            last = doc[e - 1]
            if not (last.is_alpha or last.text == "-" or last.like_num) or last.is_stop:
                return None
            if last.lower_ in METRIC_HEADS and doc[j].lower_ not in EVALUATIVE:
                _add(spans, doc, j, e, "METRIC", "metric_cue")
                return e
        return None

    def _terms(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """ "in terms of X, Y and Z": the anchor is "terms"."""
        end = i + 1
        if i == 0 or doc[i - 1].lower_ != "in" or end >= len(doc) or doc[end].lower_ != "of":
            return
        j = end + 1
        for _ in range(5):
            if j < len(doc) and doc[j].lower_ in ("the", "both", "its"):
                j += 1
            e = self._metric_phrase(doc, j, spans)
            if e is None or e >= len(doc) or doc[e].text not in (",", "and", "or", "/"):
                return
            j = e + 1
            if j < len(doc) and doc[j].text == "and":
                j += 1

    def _percent(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        j = i + 1
        if j < len(doc) and doc[j].lower_ in ("absolute", "relative", "higher", "lower", "in"):
            j += 1
        if j < len(doc) and doc[j].lower_ in ("top-1", "top-5"):
            return
        self._metric_phrase(doc, j, spans)

    def _score(self, doc: Doc, i: int, spans: list[Span]) -> None:
        if i == 0:
            return
        prev = doc[i - 1]
        if prev.check_flag(flags.ACRONYM) or prev.check_flag(flags.NAME):
            s, _ = self._name_extent(doc, i - 1, prev)
            _add(spans, doc, s, i + 1, "METRIC", "metric_cue")

    # -- tasks and methods -------------------------------------------------------------

    def _modifiers(self, doc: Doc, head: int, *, capitals: bool) -> int:
        """Return the first token of the modifiers before ``head`` (content words only); a
        hyphenated compound is taken whole or not at all."""
        known = self._known
        s = head
        words = 0
        after = 0  # the bits of token s: the head word first, which is no hyphen
        token = doc[s - 1] if s > 0 else None
        while token is not None and words < MAX_MODIFIERS:
            bits = known[token.orth]
            if not bits & (ALPHA_BIT | HYPHEN):
                break
            before = doc[s - 2] if s >= 2 else None
            if not bits & ALPHA_BIT:
                if before is None or token.whitespace_ or before.whitespace_:
                    break
            elif not (
                (after & HYPHEN and not token.whitespace_)
                or (s >= 3 and self._glued_hyphen(doc, s - 2, before))
            ):
                if bits & NOT_MODIFIER:
                    break
                if not (
                    bits & LOWER_BIT
                    or capitals
                    or (bits & TITLE_BIT and (before is None or known[before.orth] & CLAUSE_END))
                ):
                    break
                words += 1
            s -= 1
            after = bits
            token = before
        while s < head and known[doc[s].orth] & (HYPHEN | EVALUATIVE_WORD):
            s += 1
        while 0 < s < head and (token := doc[s - 1]).text == "-" and not token.whitespace_:
            s += 1
            while s < head and not doc[s - 1].whitespace_:
                s += 1
        return s

    def _glued_hyphen(self, doc: Doc, i: int, token: Token) -> bool:
        """True when token ``i`` (``token``) is a hyphen written against both its neighbours."""
        return (
            not token.whitespace_
            and bool(self._known[token.orth] & HYPHEN)
            and not doc[i - 1].whitespace_
        )

    def _task(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """ "<modifiers> <task word>" after a task cue, before one, or opening a title."""
        if bits & WEAK_TASK:
            return
        capitals = bool(bits & TITLE_BIT)
        s = self._modifiers(doc, i, capitals=capitals)
        end = i + 1
        if s == i:
            if bits & LOWER_BIT and self._bare_task(doc, i, end):
                _add(spans, doc, i, end, "TASK", "task_cue")
            return
        if (
            (capitals and s == 0)
            or (s > 0 and self._known[doc[s - 1].orth] & CUE_BEFORE)
            or (end < len(doc) and self._known[doc[end].orth] & CUE_AFTER)
        ):
            _add(spans, doc, s, end, "TASK", "task_cue")

    def _title_phrase(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        """A run of two to five capitalised words, typed by its last word (not in titles)."""
        if end - start > 5 or self._titled(doc):
            return
        n = len(doc)
        if end < n and (token := doc[end]).check_flag(flags.ACRONYM) and token.text[-1] == "s":
            end += 1
        known = self._known
        bits = 0
        for k in range(start, end):
            token = doc[k]
            bits = known[token.orth]
            if bits & NOT_PHRASE_PART or (k == start and bits & (GENERIC_WORD | EVALUATIVE_WORD)):
                return
        if (
            start > 0
            and known[doc[start - 1].orth] & TITLE_BIT
            and not self._opens_sentence(doc, start - 1)
        ):
            return
        if bits & DATASET_WORD:
            label = "DATASET"
        elif bits & TASK_HEAD_BIT and not bits & WEAK_TASK:
            label = "TASK"
        elif bits & METRIC_HEAD_BIT:
            label = "METRIC"
        else:
            label = "METHOD"
        _add(spans, doc, start, end, label, "title_phrase")

    def _cost(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        if i > 0 and doc[i - 1].lower_ in COST_MODIFIERS:
            _add(spans, doc, i - 1, i + 1, "METRIC", "metric_cue")

    def _measure(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        end = i + 1
        lower = token.lower_
        if lower in ("score", "scores"):
            self._score(doc, i, spans)
        s = self._modifiers(doc, i, capitals=False)
        while s < i - 1 and doc[s].lower_ in METRIC_FILLERS:
            s += 1
        if lower in ("metric", "metrics", "measure", "measures"):
            named = [t for t in doc[s:i] if t.lower_ not in METRIC_FILLERS and t.is_alpha]
            if named:
                _add(spans, doc, s, end, "METRIC", "metric_cue")
            return
        if s < i and _reported(doc, s, end):
            _add(spans, doc, s, end, "METRIC", "metric_cue")

    def _title_break(self, doc: Doc, i: int) -> bool:
        """True when token ``i`` ends a title's task phrase (a glued hyphen does not)."""
        bits = self._known[doc[i].orth]
        if bits & DASH and i > 0 and not doc[i - 1].whitespace_:
            return False
        return bool(bits & TITLE_BREAK)

    def _title_shape(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """In a title, the task after "for" ("Y for X") and the task before "via" (the scan
        starts this rule in headings only)."""
        end = i + 1
        if token.lower_ == "for":
            e = end
            while e < len(doc) and e - end < 8 and not self._title_break(doc, e):
                e += 1
            s = end
        else:
            s = i
            while s > 0 and i - s < 8 and not self._title_break(doc, s - 1):
                s -= 1
            e = i
        parts = []
        for k in range(s, e + 1):
            if k == e or self._known[doc[k].orth] & SPLITS_TITLE:
                parts.append((s, k))
                s = k + 1
        for a, b in parts:
            while a < b and self._known[doc[a].orth] & (EVALUATIVE_WORD | STOP_BIT):
                a += 1
            if a == b:
                continue
            last = self._known[doc[b - 1].orth]
            if b - a == 1 and last & WEAK_TASK:
                continue
            if last & TASK_HEAD_BIT and all(
                self._known[t.orth] & (ALPHA_BIT | HYPHEN) for t in doc[a:b]
            ):
                _add(spans, doc, a, b, "TASK", "task_cue")

    def _task_list(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """Tasks listed after "tasks such as / including / like / :" and before "tasks"
        ("classification and segmentation tasks")."""
        n = len(doc)
        j = i + 1
        after = doc[j].lower_ if j < n else ""
        if after == "such" and j + 1 < n and doc[j + 1].lower_ == "as":
            j += 2
        elif after in ("including", "like", ":", "(") or (
            j < n and after in ("-", "–") and token.whitespace_
        ):
            j += 1
            if j < n and doc[j].lower_ in ("e.g.", "e.g.,", "i.e.", "i.e.,"):
                j += 1
        else:
            j = -1
        while 0 <= j < n:
            e = j
            while e < n and e - j < 4 and self._known[doc[e].orth] & TASK_PART:
                e += 1
            if e == j:
                break
            _add(spans, doc, j, e, "TASK", "task_cue")
            if e < n and doc[e].text in (",", "and", "or"):
                j = e + 1
                if j < n and doc[j].text in ("and", "or"):
                    j += 1
                continue
            break
        e = i
        while e > 0:
            s = e
            while s > 0 and e - s < 3 and self._known[doc[s - 1].orth] & TASK_PART:
                s -= 1
            if s == e or not self._known[doc[e - 1].orth] & TASK_HEAD_BIT:
                break
            if e - s == 1 and self._known[doc[s].orth] & WEAK_TASK:
                break
            _add(spans, doc, s, e, "TASK", "task_cue")
            if s > 1 and doc[s - 1].text in (",", "and", "or"):
                e = s - 1
                continue
            break

    @staticmethod
    def _bare_task(doc: Doc, start: int, end: int) -> bool:
        """True for a lone task word in a list or after "for" ("for detection and segmentation")."""
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before in ("for", "and", ",", "or") and after in ("task", "tasks", ",", "and", "or"):
            return True
        return before == "for" and after in (".", ",", "tasks", "task")

    def _method(self, doc: Doc, i: int, token: Token, bits: int, spans: list[Span]) -> None:
        """ "<modifiers> <strong method word>" ("contrastive loss"); the anchor is the
        method word."""
        if i + 1 < len(doc) and not token.whitespace_ and self._known[doc[i + 1].orth] & HYPHEN:
            return
        s = self._modifiers(doc, i, capitals=bool(bits & TITLE_BIT))
        while s < i and (first := doc[s]).is_title and first.lower_.endswith("ing"):
            s += 1
        if s < i:
            _add(spans, doc, s, i + 1, "METHOD", "method_cue")


@Language.factory("graphkit_patterns", default_config={"spans_key": SPANS_KEY})
def make_patterns(nlp: Language, name: str, spans_key: str) -> PatternFinder:
    """Build the token-rule component."""
    return PatternFinder(nlp, name, spans_key=spans_key)
