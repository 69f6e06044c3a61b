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
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import IS_ALPHA, IS_LOWER, IS_STOP, IS_TITLE
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from graphkit.extract import flags
from graphkit.extract.gazetteer import SPANS_KEY, add_candidates
from graphkit.extract.lexicon import (
    DATASET_HEADS,
    EVALUATIVE,
    GENERIC_METHOD_HEADS,
    GENERIC_WORDS,
    METHOD_HEADS,
    METRIC_HEADS,
    NAMED_DATASET_HEADS,
    NOT_NAMES,
    STRONG_METHOD_HEADS,
    TASK_CUES_AFTER,
    TASK_CUES_BEFORE,
    TASK_HEADS,
    WEAK_TASK_HEADS,
    head_type,
)

LIST_INTRODUCERS = ["such", "including", "namely", "e.g.", "e.g", "like", "include"]
QUOTES = {'"', "“", "”", "'", "‘", "’", "`", "``", "''"}
SCAN = 10
KNOWN_WORDS = 100_000
"""How many words' lexeme flags the scan keeps."""
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
TITLE_BIT = 1 << IS_TITLE
"""The ``IS_TITLE`` bit of a lexeme's flags (spaCy's own flags share the bit field)."""
ALPHA_BIT = 1 << IS_ALPHA
LOWER_BIT = 1 << IS_LOWER
SHAPE_BIT = 1 << flags.SHAPE_WORD
NOT_MODIFIER_BITS = (1 << IS_STOP) | (1 << flags.NAME) | (1 << flags.VERB)
"""The bits of a word that cannot modify a head word: a stop word, a name or a verb."""
NOT_MODIFIER = 1 << 64
"""A bit above the lexeme flags, kept with them by the scan: the word cannot modify a head
word (``NOT_MODIFIER_BITS``, an evaluative or generic word, or an adverb in "-ly")."""


def _in_compound(doc: Doc, s: int, token: Token) -> bool:
    """True when ``token`` (token ``s - 1``) is part of a hyphenated compound before token ``s``:
    written against a hyphen after it, or two tokens before a glued hyphen."""
    if not token.whitespace_ and doc[s].text == "-":
        return True
    if s < 3:
        return False
    hyphen = doc[s - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not doc[s - 3].whitespace_


def _opens_sentence(doc: Doc, i: int) -> bool:
    """True when token ``i`` is the first of a sentence (or a clause after a colon)."""
    return i == 0 or doc[i - 1].text in SENTENCE_ENDS


def _glued(doc: Doc, i: int) -> bool:
    """True when token ``i`` is written against token ``i + 1`` (no space between)."""
    return i + 1 < len(doc) and not doc[i].whitespace_


HYPHEN_SUFFIXES = frozenset(
    {"based", "like", "style", "free", "aware", "level", "specific", "guided", "driven", "only",
     "wise", "scale", "sized", "size", "inspired", "enhanced", "powered", "assisted", "generated",
     "augmented", "derived", "related", "friendly", "agnostic", "dependent", "independent",
     "oriented", "centric", "to", "and", "or", "the"}
)  # fmt: skip
"""Words after a hyphen that make a modifier of a name ("BERT-based"), not part of it."""
_JOINERS = frozenset({"-", "–", "/", ".", "_"})
_TAILS = frozenset({"+", "++", "*"})


def _part(token: Token) -> bool:
    return token.text[:1].isalnum() and not token.like_url


def name_extent(doc: Doc, i: int) -> tuple[int, int]:
    """Return the tokens of the name at ``i``: the run of tokens written against it
    ("ImageNet-1K", "MobileNetV3-Large", "RelationNet++") and a following capitalised head
    word ("Swin Transformer")."""
    n = len(doc)
    start, end = i, i + 1
    last = doc[i]
    while end < n and not last.whitespace_:
        token = doc[end]
        if _part(token):
            end += 1
            last = token
        elif token.text in _JOINERS and end + 1 < n and not token.whitespace_:
            after = doc[end + 1]
            if not _part(after):
                break
            if after.lower_ in HYPHEN_SUFFIXES:
                break
            end += 2
            last = after
        elif token.text in _TAILS:
            end += 1
            last = token
        else:
            break
    while start > 0:
        token = doc[start - 1]
        if token.whitespace_:
            break
        if _part(token):
            start -= 1
        elif token.text in _JOINERS and start >= 2 and not (before := doc[start - 2]).whitespace_:
            if not _part(before):
                break
            start -= 2
        else:
            break
    if end < n and (token := doc[end]).is_title and token.lower_ in METHOD_HEADS:
        end += 1
    return start, end


ON_VERBS = frozenset({"based", "built", "relies", "rely", "depends", "depend", "focus", "focuses"})
SIZE_SUFFIX = ("k", "m")


def name_label(doc: Doc, s: int, e: int) -> str:
    """Type a name-shaped span by its context: a dataset after "on" (not "based on"), before
    "dataset", or with a size suffix ("Haze4k", "MovieLens-1M"); otherwise a method."""
    following = doc[e].lower_ if e < len(doc) else ""
    if following in DATASET_HEADS:
        return "DATASET"
    if following in METHOD_HEADS:
        return "METHOD"
    last = doc[e - 1].lower_
    if last.endswith(SIZE_SUFFIX) and len(last) >= 2 and last[-2].isdigit():
        return "DATASET"
    j = s - 1
    while j >= 0 and s - j < LIST_REACH:
        token = doc[j]
        word = token.lower_
        if word in ("on", "onto"):
            return "DATASET" if j == 0 or doc[j - 1].lower_ not in ON_VERBS else "METHOD"
        if word in DATASET_HEADS:
            return "DATASET" if j == s - 1 or doc[j + 1].text in ("(", ":") else "METHOD"
        if word in LIST_JOINERS or (token.text[:1].isalnum() and _named(doc, j, token)):
            j -= 1
            continue
        break
    return "METHOD"


LIST_REACH = 14
"""How far back a name in a list ("on X, Y and Z") looks for the list's cue."""
LIST_JOINERS = frozenset({",", "and", "or", "(", ":", "-"})
"""Words between the names of a list."""


def _named(doc: Doc, j: int, token: Token) -> bool:
    """True for the token ``j`` when it can be part of a name in a list (capitals, digits,
    glued parts)."""
    return (
        token.check_flag(flags.NAME)
        or token.check_flag(flags.ACRONYM)
        or token.is_title
        or token.like_num
        or (j > 0 and not doc[j - 1].whitespace_)
    )


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


def _reported(doc: Doc, start: int, end: int) -> bool:
    """True when a number or a reporting word is within a few tokens of ``start:end``."""
    window = [*doc[max(0, start - 6) : start], *doc[end : end + 6]]
    return any(t.like_num or t.lower_ in REPORT_WORDS for t in window)


def _heads_of(label: str) -> list[str]:
    """A head word of ``label``, to type the next name of a coordinated pair alike."""
    return {"DATASET": ["dataset"], "METRIC": ["metric"]}.get(label, [])


TITLE_BREAKS = frozenset(
    {"for", "via", "with", "using", "in", "on", "through", "by", "from", "towards", "toward",
     "to", "of", "under", "without", ":", "?", "!", ".", "(", ")", "-", "–", "—", "based"}
)  # fmt: skip
"""Words that end the task phrase of a title shape."""


def _title_break(doc: Doc, i: int) -> bool:
    """True when token ``i`` ends a title's task phrase (a glued hyphen does not)."""
    token = doc[i]
    if token.text in ("-", "–") and i > 0 and not doc[i - 1].whitespace_:
        return False
    return token.lower_ in TITLE_BREAKS


def _heading(doc: Doc) -> bool:
    """True for a short text without a closing full stop: a title or heading."""
    return 0 < len(doc) <= 40 and doc[-1].text not in (".", "!", "?")


def _task_word(token: Token) -> bool:
    """True for a lower-case content word that can be part of a task name."""
    return (
        token.is_alpha
        and token.is_lower
        and not token.is_stop
        and token.lower_ not in EVALUATIVE
        and token.lower_ not in GENERIC_WORDS
        and token.lower_ not in ("task", "tasks")
        and not token.check_flag(flags.VERB)
    )


def _appositive_type(doc: Doc, e: int) -> str | None:
    """The type an appositive after a name gives it: "X (XS) and Y (YS), the first measures"."""
    j = e
    while (
        j < len(doc)
        and j - e < 10
        and (
            doc[j].text in ("(", ")", "and") or doc[j].check_flag(flags.NAMELIKE) or doc[j].is_upper
        )
    ):
        j += 1
    if j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("a", "an", "the"):
        return None
    for token in doc[j + 2 : j + 8]:
        if token.is_punct:
            return None
        found = head_type(token.lower_)
        if found in ("DATASET", "METRIC", "METHOD"):
            return found
    return None


def _title_cased(doc: Doc) -> bool:
    """True for a title or heading: no final full stop and most words capitalised."""
    if len(doc) and doc[-1].text == ".":
        return False
    words, titled = doc.to_array([flags.WORD, flags.TITLE_WORD]).sum(axis=0).tolist()
    return words > 0 and titled * 2 >= words


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
        handlers: dict[int, Callable[[Doc, int, int, list[Span]], None]] = {
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
        self._dispatch: dict[int, tuple[Callable[[Doc, int, int, list[Span]], None], ...]] = {}
        self._known: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Add the rules' candidate spans to ``doc.spans[spans_key]``."""
        spans: list[Span] = []
        self._title_case: bool | None = None
        if len(doc):
            self._scan(doc, spans)
        add_candidates(doc, self.spans_key, spans)
        return doc

    def _scan(self, doc: Doc, spans: list[Span]) -> None:
        """Run the rules of each anchor token, then the title phrases of the capitalised runs.

        One ``ANCHOR`` column finds both: the lexeme's flags tell the rules, and its
        ``IS_TITLE`` bit the runs of capitalised words."""
        dispatch = self._dispatch
        known = self._known
        mask = self.anchor_mask if _heading(doc) else self.anchor_mask & ~SHAPE_BIT
        runs: list[list[int]] = []
        last = -2
        for i in doc.to_array(flags.ANCHOR).nonzero()[0].tolist():
            token = doc[i]
            bits = known.get(token.orth)
            if bits is None:
                bits = self._remember(token)
            if rules := bits & mask:
                for handler in dispatch.get(rules) or self._handlers(rules):
                    handler(doc, i, i + 1, spans)
            if bits & TITLE_BIT:
                if i == last + 1:
                    runs[-1][1] = i + 1
                else:
                    runs.append([i, i + 1])
                last = i
        for start, end in runs:
            if start == 0 or doc[start - 1].check_flag(flags.SENTENCE_END):
                start += 1
            if end - start >= 2:
                self._title_phrase(doc, start, end, spans)

    def _remember(self, token: Token) -> int:
        """Keep and return the lexeme flags of ``token`` by its text, with the
        ``NOT_MODIFIER`` bit: reading them through the lexeme costs more than a look-up (the
        store is emptied when it grows past ``KNOWN_WORDS``)."""
        if len(self._known) >= KNOWN_WORDS:
            self._known.clear()
        bits = token.lex.flags
        lower = token.lower_
        if (
            bits & NOT_MODIFIER_BITS
            or lower in EVALUATIVE
            or lower in GENERIC_WORDS
            or lower in GENERIC_METHOD_HEADS
            or lower.endswith("ly")
        ):
            bits |= NOT_MODIFIER
        self._known[token.orth] = bits
        return bits

    def _handlers(self, bits: int) -> tuple[Callable[[Doc, int, int, list[Span]], None], ...]:
        """The rules a token with the anchor flags ``bits`` starts, in order (cached per set)."""
        handlers = tuple(handler for mask, handler in self.anchors if bits & mask)
        self._dispatch[bits] = handlers
        return handlers

    def _titled(self, doc: Doc) -> bool:
        """True when ``doc`` is a title or heading (computed once per doc)."""
        if self._title_case is None:
            self._title_case = _title_cased(doc)
        return self._title_case

    # -- names -------------------------------------------------------------------------

    def _name(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        s, e = name_extent(doc, start)
        if e - s < 2 and end - start > 1:
            return
        for k in range(s, start):
            if doc[k].check_flag(flags.NAME):
                return
        _add(spans, doc, s, e, name_label(doc, s, e), "name_shape")

    def _acronym(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if end < len(doc) and not doc[start].whitespace_ and doc[end].text == "-":
            self._name(doc, start, end + 1, spans)

    def _at_k(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        _add(spans, doc, start, end, "METRIC", "metric_cue")

    def _coined_at(
        self, doc: Doc, i: int, heads: list[str], spans: list[Span], depth: int = 0
    ) -> bool:
        """Add a coined name starting at token ``i``, typed by the head nouns seen before it."""
        n = len(doc)
        if i >= n:
            return False
        token = doc[i]
        if token.text in QUOTES:
            i += 1
            if i >= n:
                return False
            token = doc[i]
        lower = token.lower_
        if lower in GENERIC_WORDS or lower in NOT_PHRASE_WORDS or lower in EVALUATIVE:
            return False
        if not token.check_flag(flags.NAMELIKE):
            return False
        s, e = name_extent(doc, i)
        while e < n and e - s < 4:
            token = doc[e]
            if not token.is_title or not token.is_alpha or token.lower_ in GENERIC_WORDS:
                break
            e += 1
        label = head_type(doc[e - 1].lower_) if e - s > 1 else None
        if label not in ("DATASET", "METRIC"):
            label = _appositive_type(doc, e) or next(
                (lab for h in reversed(heads) if (lab := head_type(h))), None
            )
        if e < len(doc) and doc[e].lower_ in DATASET_HEADS:
            label = "DATASET"
        if label not in ("DATASET", "METHOD", "METRIC"):
            label = "METHOD"
        _add(spans, doc, s, e, label, "coined")
        j = e
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3
        if depth < 3 and j + 1 < len(doc) and doc[j].lower_ in ("and", ","):
            nxt = doc[j + 1]
            if nxt.is_title or nxt.check_flag(flags.NAME) or nxt.check_flag(flags.ACRONYM):
                self._coined_at(doc, j + 1, [*heads, *_heads_of(label)], spans, depth + 1)
        return True

    def _naming(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        heads = [t.lower_ for t in doc[max(0, start - 6) : start] if t.is_alpha]
        j = end
        if j < len(doc) and doc[j].text == ":":
            j += 1
        self._coined_at(doc, j, heads, spans)

    def _propose(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if start == 0 or doc[start - 1].lower_ not in PROPOSERS:
            return
        heads: list[str] = []
        for j in range(end, min(end + SCAN, len(doc))):
            token = doc[j]
            lower = token.lower_
            if lower in PROPOSE_STOPS:
                return
            if lower in PROPOSE_SKIPS:
                continue
            if token.check_flag(flags.NAMELIKE) and not _opens_sentence(doc, j):
                self._coined_at(doc, j, heads, spans)
                return
            heads.append(lower)

    def _appositive(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        """ "X, a novel ...": the anchor is the adjective; the name is three tokens back."""
        name = start - 3
        if name < 1 or doc[start - 1].lower_ not in ("a", "an") or doc[start - 2].text != ",":
            return
        token = doc[name]
        if not token.is_title or _opens_sentence(doc, name):
            return
        s, e = name_extent(doc, name)
        if e != name + 1 or token.lower_ in GENERIC_WORDS or token.text in NOT_NAMES:
            return
        label = "METHOD"
        for token in doc[end : end + 6]:
            found = head_type(token.lower_)
            if found in ("DATASET", "METHOD"):
                label = found
                break
        _add(spans, doc, s, e, label, "coined")

    # -- datasets ----------------------------------------------------------------------

    def _dataset(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if doc[start].lower_ in NAMED_DATASET_HEADS:
            self._named_dataset(doc, start, end, spans)
            return
        j = start - 1
        while j >= 0:
            token = doc[j]
            if not token.check_flag(flags.NAMELIKE) and not token.like_num:
                break
            s = j
            while s > 0 and (
                doc[s - 1].check_flag(flags.NAMELIKE) or doc[s - 1].like_num or _glued(doc, s - 1)
            ):
                if doc[s - 1].is_punct and doc[s - 1].text not in ("-",):
                    break
                s -= 1
            first = doc[s]
            if first.lower_ in EVALUATIVE or first.lower_ in GENERIC_WORDS:
                break
            shaped = first.check_flag(flags.NAME) or first.check_flag(flags.ACRONYM)
            plain_ok = (
                first.check_flag(flags.NAMELIKE)
                and not _opens_sentence(doc, s)
                and not self._titled(doc)
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
        if doc[start].lower_.endswith("s"):
            self._list_after(doc, end, spans)

    def _named_dataset(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        """A capitalised name ending in a dataset word: "Stanford Sentiment Treebank"."""
        if not doc[start].is_title:
            return
        s = start
        while (
            s > 0
            and start - s < 4
            and doc[s - 1].check_flag(flags.NAMELIKE)
            and not _opens_sentence(doc, s - 1)
        ):
            if doc[s - 1].lower_ in GENERIC_WORDS or doc[s - 1].lower_ in EVALUATIVE:
                break
            s -= 1
        if s < start:
            _add(spans, doc, s, end, "DATASET", "dataset_cue")

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
            if not doc[j].check_flag(flags.NAMELIKE) and not doc[j].check_flag(flags.NAME):
                return
            s, e = name_extent(doc, j)
            while (
                e < len(doc)
                and (doc[e].check_flag(flags.NAMELIKE) or doc[e].like_num)
                and e - s < 3
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
            s, e = name_extent(doc, j)
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

    def _terms(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        """ "in terms of X, Y and Z": the anchor is "terms"."""
        if (
            start == 0
            or doc[start - 1].lower_ != "in"
            or end >= len(doc)
            or doc[end].lower_ != "of"
        ):
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

    def _percent(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        j = end
        if j < len(doc) and doc[j].lower_ in ("absolute", "relative", "higher", "lower", "in"):
            j += 1
        if j < len(doc) and doc[j].lower_ in ("top-1", "top-5"):
            return
        self._metric_phrase(doc, j, spans)

    def _score(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if start == 0:
            return
        prev = doc[start - 1]
        if prev.check_flag(flags.ACRONYM) or prev.check_flag(flags.NAME):
            s, _ = name_extent(doc, start - 1)
            _add(spans, doc, s, end, "METRIC", "metric_cue")

    # -- tasks and methods -------------------------------------------------------------

    def _modifiers(self, doc: Doc, head: int, *, capitals: bool) -> int:
        """Return the first token of the modifiers before ``head`` (content words only); a
        hyphenated compound is taken whole or not at all."""
        s = head
        words = 0
        while s > 0 and words < MAX_MODIFIERS:
            token = doc[s - 1]
            bits = self._known.get(token.orth)
            if bits is None:
                bits = self._remember(token)
            if not bits & ALPHA_BIT:
                if token.text != "-" or s < 2 or token.whitespace_ or doc[s - 2].whitespace_:
                    break
                s -= 1
                continue
            if _in_compound(doc, s, token):
                s -= 1
                continue
            if bits & NOT_MODIFIER:
                break
            if not (
                bits & LOWER_BIT or capitals or (bits & TITLE_BIT and _opens_sentence(doc, s - 1))
            ):
                break
            s -= 1
            words += 1
        while s < head and ((token := doc[s]).text == "-" or token.lower_ in EVALUATIVE):
            s += 1
        while 0 < s < head and (token := doc[s - 1]).text == "-" and not token.whitespace_:
            s += 1
            while s < head and not doc[s - 1].whitespace_:
                s += 1
        return s

    def _task(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        head = doc[start]
        if head.lower_ in WEAK_TASK_HEADS:
            return
        capitals = head.is_title
        s = self._modifiers(doc, start, capitals=capitals)
        if s == start:
            if self._bare_task(doc, start, end):
                _add(spans, doc, start, end, "TASK", "task_cue")
            return
        before = doc[s - 1].lower_ if s > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before in TASK_CUES_BEFORE or after in TASK_CUES_AFTER or (capitals and s == 0):
            _add(spans, doc, s, end, "TASK", "task_cue")

    def _title_phrase(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if end - start > 5:
            return
        if self._titled(doc):
            return
        if (
            end < len(doc)
            and (token := doc[end]).check_flag(flags.ACRONYM)
            and token.text[-1] == "s"
        ):
            end += 1
        first = doc[start].lower_
        if first in GENERIC_WORDS or first in EVALUATIVE:
            return
        for k in range(start, end):
            token = doc[k]
            text = token.text
            if not text[:1].isalpha() or text in NOT_NAMES or token.lower_ in NOT_PHRASE_WORDS:
                return
        if start > 0 and doc[start - 1].is_title and not _opens_sentence(doc, start - 1):
            return
        last = token.lower_
        if last in DATASET_HEADS:
            label = "DATASET"
        elif last in TASK_HEADS and last not in WEAK_TASK_HEADS:
            label = "TASK"
        elif last in METRIC_HEADS:
            label = "METRIC"
        else:
            label = "METHOD"
        _add(spans, doc, start, end, label, "title_phrase")

    def _cost(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if start == 0:
            return
        prev = doc[start - 1]
        if prev.lower_ in COST_MODIFIERS:
            _add(spans, doc, start - 1, end, "METRIC", "metric_cue")

    def _measure(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if doc[start].lower_ in ("score", "scores"):
            self._score(doc, start, end, spans)
        s = self._modifiers(doc, start, capitals=False)
        while s < start - 1 and doc[s].lower_ in METRIC_FILLERS:
            s += 1
        if doc[start].lower_ in ("metric", "metrics", "measure", "measures"):
            named = [t for t in doc[s:start] if t.lower_ not in METRIC_FILLERS and t.is_alpha]
            if named:
                _add(spans, doc, s, end, "METRIC", "metric_cue")
            return
        if s < start and _reported(doc, s, end):
            _add(spans, doc, s, end, "METRIC", "metric_cue")

    def _title_shape(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        """In a title, the task after "for" ("Y for X") and the task before "via" (the scan
        starts this rule in headings only)."""
        if doc[start].lower_ == "for":
            e = end
            while e < len(doc) and e - end < 8 and not _title_break(doc, e):
                e += 1
            parts, s = [], end
        else:
            s = start
            while s > 0 and start - s < 8 and not _title_break(doc, s - 1):
                s -= 1
            parts, e = [], start
        for i in range(s, e + 1):
            if i == e or doc[i].lower_ in ("and", ","):
                parts.append((s, i))
                s = i + 1
        for a, b in parts:
            while a < b and (doc[a].lower_ in EVALUATIVE or doc[a].is_stop):
                a += 1
            if b - a == 1 and doc[a].lower_ in WEAK_TASK_HEADS:
                continue
            if (
                a < b
                and doc[b - 1].lower_ in TASK_HEADS
                and all(t.is_alpha or t.text == "-" for t in doc[a:b])
            ):
                _add(spans, doc, a, b, "TASK", "task_cue")

    def _task_list(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        """Tasks listed after "tasks such as / including / like / :" and before "tasks"
        ("classification and segmentation tasks")."""
        j = end
        if j + 1 < len(doc) and doc[j].lower_ == "such" and doc[j + 1].lower_ == "as":
            j += 2
        elif (j < len(doc) and doc[j].lower_ in ("including", "like", ":", "(")) or (
            j < len(doc) and doc[j].text in ("-", "–") and doc[j - 1].whitespace_
        ):
            j += 1
            if j < len(doc) and doc[j].lower_ in ("e.g.", "e.g.,", "i.e.", "i.e.,"):
                j += 1
        else:
            j = -1
        while 0 <= j < len(doc):
            e = j
            while e < len(doc) and e - j < 4 and _task_word(doc[e]):
                e += 1
            if e == j:
                break
            _add(spans, doc, j, e, "TASK", "task_cue")
            if e < len(doc) and doc[e].text in (",", "and", "or"):
                j = e + 1
                if j < len(doc) and doc[j].text in ("and", "or"):
                    j += 1
                continue
            break
        e = start
        while e > 0:
            s = e
            while s > 0 and e - s < 3 and _task_word(doc[s - 1]):
                s -= 1
            if s == e or doc[e - 1].lower_ not in TASK_HEADS:
                break
            if e - s == 1 and doc[s].lower_ in WEAK_TASK_HEADS:
                break
            _add(spans, doc, s, e, "TASK", "task_cue")
            if s > 1 and doc[s - 1].text in (",", "and", "or"):
                e = s - 1
                continue
            break

    @staticmethod
    def _bare_task(doc: Doc, start: int, end: int) -> bool:
        """True for a lone task word in a list or after "for" ("for detection and segmentation")."""
        if not doc[start].is_lower:
            return False
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before in ("for", "and", ",", "or") and after in ("task", "tasks", ",", "and", "or"):
            return True
        return before == "for" and after in (".", ",", "tasks", "task")

    def _method(self, doc: Doc, start: int, end: int, spans: list[Span]) -> None:
        if _glued(doc, start) and doc[end].text == "-":
            return
        s = self._modifiers(doc, start, capitals=doc[start].is_title)
        while s < start and doc[s].is_title and doc[s].lower_.endswith("ing"):
            s += 1
        if s == start or doc[start].lower_ not in STRONG_METHOD_HEADS:
            return
        _add(spans, doc, s, end, "METHOD", "method_cue")


@Language.factory("graphkit_patterns", default_config={"spans_key": SPANS_KEY})
def make_patterns(nlp: Language, name: str, spans_key: str) -> PatternFinder:
    """Build the token-rule component."""
    return PatternFinder(nlp, name, spans_key=spans_key)
