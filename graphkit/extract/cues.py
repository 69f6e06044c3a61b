"""Proposed-versus-used cues: does the sentence around a span introduce it?

A span is proposed when a cue ("we propose", "we introduce", "named",
"dubbed", "our", "the proposed") comes shortly before it in its sentence with
no verb of use or preposition in between, when an appositive "X, a novel ..."
or a passive verb of proposing ("X is proposed") follows it, when it stands in
apposition to the paper's own thing ("our new model, the X") or to what a verb of
proposing introduces ("we introduce a novel theory, 'X'"), or when the paper's
own code is linked.

Only the few tokens around each span are read, as string hashes, and only for
methods and datasets: reading whole docs would cost more than the cues.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.strings import get_string_id
from spacy.tokens import Doc

from graphkit.extract.words import words
from graphkit.models import SPAN_LABELS
from graphkit.types import PROPOSABLE

CUES_BEFORE = words("cues_before")
STOPPERS = words("stoppers")
NOVEL = words("novel_words")
OWNERSHIP = words("ownership")
COMPARISON = words("comparison")
APPOSITIVE_HEADS = frozenset({"a", "an"})
"""The articles that open an appositive ("X, a novel ...")."""
WINDOW = 6
"""How many tokens before a name a cue is looked for in."""
SENTENCE_REACH = 40
"""How many tokens before a listed name its sentence is read for a claim."""


def _ids(listed: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of the words ``listed``, to compare with ``Token.lower``."""
    return frozenset(get_string_id(w) for w in listed)


def _kinds(*groups: tuple[Iterable[str], int]) -> dict[int, int]:
    """Map the hash of each word of each group to the group's kind; a later group wins, so
    that one dictionary look-up per token replaces a test of each set in turn."""
    return {word: kind for listed, kind in groups for word in _ids(listed)}


_CUE, _ADJACENT_CUE, _STOPPER, _CLAUSE_MARK = range(4)
_BEFORE = _kinds(
    (STOPPERS, _STOPPER),
    ((",", ":"), _CLAUSE_MARK),
    (CUES_BEFORE, _CUE),
    (("new", "novel", "proposed"), _ADJACENT_CUE),
)
"""The kind of each word that matters before a name."""

_SENTENCE_END, _COMPARISON, _COLON, _OWNERSHIP = range(4)
_IN_SENTENCE = _kinds(
    (OWNERSHIP, _OWNERSHIP),
    ((":",), _COLON),
    (COMPARISON, _COMPARISON),
    ((".", "!", "?", ";"), _SENTENCE_END),
)
"""The kind of each word that matters in the sentence before a listed name."""

PASSIVE_REACH = 8
"""How many tokens after a name a passive verb of proposing is looked for in."""
_PASSIVE_CUES = _ids(words("passive_cues"))
_PASSIVE_ADVERBS = _ids(words("passive_adverbs"))
_METHOD_WORDS = _ids(words("method_heads"))
_BE = _ids(("is", "are"))
_COMPONENTS = _ids(words("component_words"))
_OPEN, _CLOSE = (get_string_id(c) for c in "()")
_APPOSITIVE_OPENERS = _ids((",", "("))
_APPOSITIVE_HEADS = _ids(APPOSITIVE_HEADS)
_NOVEL = _ids(NOVEL)
_ARTICLES = _ids(("a", "an", "the"))
_COMMA, _OUR, _OF = (get_string_id(w) for w in (",", "our", "of"))
_GROUPS = _ids(words("group_words"))
OWN_REACH = 3
"""How many words before an appositive's comma "our" is looked for in ("our new model,")."""
PROPOSAL_REACH = 5
"""How many words before an appositive's comma a verb of proposing is looked for in."""
_PROPOSING = _ids(words("ownership")) - _ids(("our", "novel"))
_OPENING_QUOTES = _ids(("`", "``", "'", '"', "\u201c", "\u2018"))
_CUED = tuple(SPAN_LABELS[name] for name in sorted(PROPOSABLE))
_REPO = SPAN_LABELS["repo"]
"""A paper's own code repository is always proposed."""


def proposed(
    doc: Doc, spans: Sequence[tuple[int, int, str, str]], coining: frozenset[str]
) -> list[bool]:
    """For each span of ``doc``, given as ``(start, end, label, rule)``, whether the text
    around it presents it as the paper's own: always for a repository, and for a method
    or dataset when a cue says so. ``coining`` holds the rules that find coined names."""
    flags = []
    for start, end, label, rule in spans:
        if label in _CUED:
            verdict = _cue_before(doc, start)
            if verdict is None:
                verdict = (
                    _appositive_after(doc, end)
                    or _passive_after(doc, start, end)
                    or _new_component(doc, start, end)
                    or (rule in coining and _owned_sentence(doc, start))
                )
            flags.append(verdict or _own_appositive(doc, start))
        else:
            flags.append(label == _REPO)
    return flags


def _cue_before(doc: Doc, start: int) -> bool | None:
    """The verdict of the nearest cue shortly before ``start`` ("we propose X"), or None when
    a stopper, punctuation or the window's end comes first. "new", "novel" and "proposed"
    count only right before the name; elsewhere they say the name is not proposed. The
    "of" after a group noun opens its members ("we present a family of X models")."""
    for i in range(start - 1, max(0, start - WINDOW) - 1, -1):
        token = doc[i]
        kind = _BEFORE.get(token.lower)
        if token.lower == _OF and i > 0 and doc[i - 1].lower in _GROUPS:
            continue
        if kind is None:
            if token.is_punct:
                return None
        elif kind == _CUE:
            return True
        elif kind == _ADJACENT_CUE:
            return i == start - 1
        elif kind == _STOPPER:
            return None
    return None


def _own_appositive(doc: Doc, start: int) -> bool:
    """True for a name in apposition to the paper's own thing ("our new model, the X",
    "our method, X"): "our" at most ``OWN_REACH`` words before the comma that opens it; or
    to the object of a verb of proposing ("we introduce a novel theory, 'X'"), which comes
    at most ``PROPOSAL_REACH`` words before the comma with no stopper between."""
    i = start - 1
    while i >= 0 and doc[i].lower in _OPENING_QUOTES:
        i -= 1
    if i >= 0 and doc[i].lower in _ARTICLES:
        i -= 1
    if i < 1 or doc[i].orth != _COMMA:
        return False
    if any(doc[k].lower == _OUR for k in range(max(0, i - OWN_REACH), i)):
        return True
    for k in range(i - 1, max(0, i - PROPOSAL_REACH) - 1, -1):
        kind = _BEFORE.get(doc[k].lower)
        if kind == _CUE:
            return doc[k].lower in _PROPOSING
        if kind in (_STOPPER, _CLAUSE_MARK) or doc[k].is_punct:
            return False
    return False


def _appositive_after(doc: Doc, end: int) -> bool:
    """True when an appositive follows the name at ``end`` ("X, a novel ...", "X (a ...")."""
    after = len(doc) - end
    return (
        after >= 2
        and doc[end].orth in _APPOSITIVE_OPENERS
        and doc[end + 1].lower in _APPOSITIVE_HEADS
        and (after < 3 or doc[end + 2].lower in _NOVEL)
    )


def _past_short_form(doc: Doc, i: int, stop: int) -> int:
    """The index after a parenthesised short form that opens at ``i`` ("(XN)"), else ``i``."""
    if i < stop and doc[i].orth == _OPEN:
        return next((j + 1 for j in range(i + 1, stop) if doc[j].orth == _CLOSE), stop)
    return i


def _passive_after(doc: Doc, start: int, end: int) -> bool:
    """True when a passive verb of proposing follows the name at ``start:end``, past a
    parenthesised short form and a method word ("X (XN) module is proposed", "X is also
    introduced"), and no stopper comes right before it: in "A with X is proposed" A is."""
    if start > 0 and _BEFORE.get(doc[start - 1].lower) == _STOPPER:
        return False
    stop = min(len(doc), end + PASSIVE_REACH)
    i = _past_short_form(doc, end, stop)
    if i < stop and doc[i].lower in _METHOD_WORDS:
        i += 1
    if i >= stop or doc[i].lower not in _BE:
        return False
    i += 1
    if i < stop and doc[i].lower in _PASSIVE_ADVERBS:
        i += 1
    return i < stop and doc[i].lower in _PASSIVE_CUES


def _new_component(doc: Doc, start: int, end: int) -> bool:
    """True for a part introduced with an indefinite article and named with a component word
    ("a X module", "an X (XM) block"): a paper names its own parts so, and those of others
    by their names ("the X module of Y")."""
    if start == 0 or doc[start - 1].lower not in _APPOSITIVE_HEADS:
        return False
    if doc[end - 1].lower in _COMPONENTS:
        return True
    stop = min(len(doc), end + PASSIVE_REACH)
    i = _past_short_form(doc, end, stop)
    return i < stop and doc[i].lower in _COMPONENTS


def _owned_sentence(doc: Doc, start: int) -> bool:
    """True for a name listed after a colon in a sentence that claims the work and
    compares with nothing ("Our approach integrates three components: A, B and C").

    The sentence is read backwards from the name: a claim met before any colon can no
    longer be followed by one, so the answer is then known to be no.
    """
    colon = False
    owned = False
    for i in range(start - 1, max(0, start - SENTENCE_REACH) - 1, -1):
        kind = _IN_SENTENCE.get(doc[i].lower)
        if kind is None:
            continue
        if kind == _SENTENCE_END:
            break
        if kind == _COMPARISON:
            return False
        if kind == _COLON:
            colon = colon or not owned
        elif not colon:
            return False
        else:
            owned = True
    return owned
