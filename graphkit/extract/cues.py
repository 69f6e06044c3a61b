"""Proposed-versus-used cues: does the sentence around a span introduce it?

A span is proposed when a cue ("we propose", "we introduce", "named",
"dubbed", "our", "the proposed") comes shortly before it in its sentence with
no verb of use or preposition in between, when an appositive "X, a novel ..."
follows it, or when the paper's own code is linked.
"""

from __future__ import annotations

from spacy.tokens import Span

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


def is_proposed(span: Span) -> bool:
    """True when the text around ``span`` presents it as the paper's own."""
    if span.label_ == "REPO":
        return True
    if span.label_ not in ("METHOD", "DATASET"):
        return False
    doc = span.doc
    for i in range(span.start - 1, max(0, span.start - WINDOW) - 1, -1):
        lower = doc[i].lower_
        if lower in CUES_BEFORE:
            return lower not in ("new", "novel", "proposed") or i == span.start - 1
        if lower in STOPPERS or (doc[i].is_punct and lower not in (",", ":")):
            break
    after = doc[span.end : span.end + 3]
    if (
        len(after) >= 2
        and after[0].text in (",", "(")
        and after[1].lower_ in APPOSITIVE_HEADS
        and (len(after) < 3 or after[2].lower_ in NOVEL)
    ):
        return True
    return span.id_ in COINAGE_RULES and _owned_sentence(span)


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


def _owned_sentence(span: Span) -> bool:
    """True for a name listed after a colon in a sentence that claims the work and compares
    with nothing ("Our approach integrates three components: A, B and C")."""
    doc = span.doc
    owned = colon = False
    for i in range(span.start - 1, max(0, span.start - SENTENCE_REACH) - 1, -1):
        token = doc[i]
        if token.text in (".", "!", "?", ";"):
            break
        lower = token.lower_
        if lower in COMPARISON:
            return False
        colon = colon or (lower == ":" and not owned)
        owned = owned or lower in OWNERSHIP
    return owned and colon
