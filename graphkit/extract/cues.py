"""Proposed-versus-used cues: does the sentence around a span introduce it?

A span is proposed when a cue ("we propose", "we introduce", "named",
"dubbed", "our", "the proposed") comes shortly before it in its sentence with
no verb of use or preposition in between, when an appositive "X, a novel ..."
follows it, or when the paper's own code is linked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.attrs import IS_PUNCT, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

CUES_BEFORE = frozenset(
    {
        "propose", "proposes", "proposed", "introduce", "introduces", "present", "presents",
        "named", "dubbed", "called", "termed", "coined", "our", "develop", "develops",
        "design", "designs", "devise", "build", "builds", "release", "releases", "construct",
        "constructs", "create", "creates", "contribute", "contributes", "named:", "new",
        "novel",
    }
)  # fmt: skip
"""Words that, shortly before a name, mark it as the paper's own."""

STOPPERS = frozenset(
    {
        "use", "uses", "using", "used", "apply", "applies", "applying", "adopt", "adopting",
        "leverage", "leverages", "leveraging", "based", "on", "with", "from", "by", "via",
        "over", "than", "to", "of", "in", "and", "or", "for", "like", "as", "such", "e.g.",
        "including", "existing", "previous", "prior", "popular", "standard", "conventional",
        "vanilla", "original", "pretrained", "pre-trained", "into", "upon", "beyond", "versus",
        "vs", "vs.", "outperforms", "outperform", "compared", "compare",
    }
)  # fmt: skip
"""Words between a cue and a name that break the link between them."""

WINDOW = 6
APPOSITIVE_HEADS = frozenset({"a", "an"})
NOVEL = frozenset({"novel", "new", "simple", "general", "unified", "lightweight", "efficient"})

COINAGE_RULES = frozenset(
    {"coined", "name_shape", "title_phrase", "method_cue", "abbreviation_long"}
)
"""Rules that find names in no vocabulary: listed in a sentence about the paper's own work,
such a name is one of its parts."""

OWNERSHIP = frozenset({"our", "propose", "proposes", "introduce", "introduces", "novel"})
COMPARISON = frozenset(
    {"compare", "compared", "comparing", "outperform", "outperforms", "outperforming", "than",
     "over", "versus", "vs", "vs.", "against", "baseline", "baselines", "existing", "prior",
     "previous", "state-of-the-art", "such", "e.g.", "like", "including", "unlike", "based"}
)  # fmt: skip
SENTENCE_REACH = 40


def _ids(words: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of ``words``, to compare with ``Doc.to_array`` columns."""
    return frozenset(get_string_id(w) for w in words)


_CUES = _ids(CUES_BEFORE)
_STOPPERS = _ids(STOPPERS)
_ADJACENT_ONLY = _ids(("new", "novel", "proposed"))
_CLAUSE_MARKS = _ids((",", ":"))
_APPOSITIVE_OPENERS = _ids((",", "("))
_APPOSITIVE_HEADS = _ids(APPOSITIVE_HEADS)
_NOVEL = _ids(NOVEL)
_SENTENCE_ENDS = _ids((".", "!", "?", ";"))
_COLON = get_string_id(":")
_OWNERSHIP = _ids(OWNERSHIP)
_COMPARISON = _ids(COMPARISON)


def proposed(doc: Doc, spans: Sequence[Span]) -> list[bool]:
    """For each span of ``doc``, whether the text around it presents it as the paper's own.

    The doc's words are read once, as string hashes, for all the spans.
    """
    if not any(span.label_ in ("METHOD", "DATASET") for span in spans):
        return [span.label_ == "REPO" for span in spans]
    words = _Words(doc)
    return [words.proposed(span) for span in spans]


class _Words:
    """The lower-case forms, texts and punctuation flags of a doc's tokens, as lists."""

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array([LOWER, ORTH, IS_PUNCT]).T.tolist() if len(doc) else [[], [], []]
        self.lower, self.orth, self.punct = table

    def proposed(self, span: Span) -> bool:
        """True when the words around ``span`` present it as the paper's own."""
        if span.label_ == "REPO":
            return True
        if span.label_ not in ("METHOD", "DATASET"):
            return False
        lower = self.lower
        for i in range(span.start - 1, max(0, span.start - WINDOW) - 1, -1):
            word = lower[i]
            if word in _CUES:
                return word not in _ADJACENT_ONLY or i == span.start - 1
            if word in _STOPPERS or (self.punct[i] and word not in _CLAUSE_MARKS):
                break
        end = span.end
        after = len(lower) - end
        if (
            after >= 2
            and self.orth[end] in _APPOSITIVE_OPENERS
            and lower[end + 1] in _APPOSITIVE_HEADS
            and (after < 3 or lower[end + 2] in _NOVEL)
        ):
            return True
        return span.id_ in COINAGE_RULES and self._owned_sentence(span.start)

    def _owned_sentence(self, start: int) -> bool:
        """True for a name listed after a colon in a sentence that claims the work and
        compares with nothing ("Our approach integrates three components: A, B and C")."""
        owned = colon = False
        for i in range(start - 1, max(0, start - SENTENCE_REACH) - 1, -1):
            if self.orth[i] in _SENTENCE_ENDS:
                break
            word = self.lower[i]
            if word in _COMPARISON:
                return False
            colon = colon or (word == _COLON and not owned)
            owned = owned or word in _OWNERSHIP
        return owned and colon
