"""Walkers for names: name-shaped tokens and the names a paper coins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.strings import hash_string
from spacy.tokens import Token

from graphkit.extract.lexicon import GENERIC_METHOD_HEADS, VERB_BASES, head_type
from graphkit.extract.tokens import hyphen_after
from graphkit.extract.walkers import Scan, walkers
from graphkit.extract.wordbits import (
    ACRONYM_BIT,
    ALNUM_START,
    ALPHA_BIT,
    APPOSITION_WORD,
    CLAUSE_END,
    CUE_AFTER,
    DATASET_WORD,
    DESCRIBING,
    EVALUATIVE_WORD,
    GENERIC_WORD,
    HEAD_WORD,
    HYPHEN_SUFFIX,
    LIST_JOINER,
    LIST_OPENER,
    LOWER_BIT,
    METHOD_WORD,
    NAME_BIT,
    NAMED_BITS,
    NAMELIKE_BIT,
    NOT_MODIFIER,
    NOT_NAME,
    NOT_PHRASE_WORD,
    ON_VERB,
    ON_WORD,
    PLURAL,
    PROPOSE_SKIP,
    PROPOSE_STOP,
    PUNCT_BIT,
    QUOTE,
    SIZED,
    STOP_BIT,
    TITLE_BIT,
    UPPER_BIT,
    VERB_BIT,
)
from graphkit.extract.words import words

if TYPE_CHECKING:
    from graphkit.extract.rules import Rule

COMPONENT_WORDS = words("component_words")
"""The words that name a part of the paper's own ("a X module", "a Y unit")."""
SCAN = 10
"""How many words after "we propose" the coined name is looked for in."""
HEAD_REACH = 3
"""How many words after a name-shaped token its head noun is looked for in ("X video
benchmarks")."""
LIST_REACH = 14
"""How far back a name in a list ("on X, Y and Z") looks for the list's cue."""
NAMED_LABELS = ("DATASET", "METHOD", "METRIC")
"""The labels a coined name can take."""
AGENT_ENDINGS = ("er", "or")
"""The endings of an agent noun ("detector", "encoders"): after a name it says what the
named thing does, so the name is a method's."""
VERB_SUFFIXES = ("ize", "ise", "ify", "ate")
"""The endings that make a verb of a word ("tokenize", "classify", "generate")."""
MIN_VERB = 4
"""The fewest letters of a verb that an agent noun's stem ends with ("autoencode" ends with
"encode"), and of a stem that one of ``VERB_SUFFIXES`` makes a verb ("wate" is none)."""
_OPEN, _CLOSE = hash_string("("), hash_string(")")


def _name_label(scan: Scan, s: int, e: int) -> str:
    """Type a name-shaped span by its context: a dataset after "on" (not "based on"),
    before "dataset" (perhaps after lower-case modifiers: "X video benchmarks"), or with a
    size suffix ("Haze4k", "MovieLens-1M"); otherwise a method. A name in a list ("on X, Y
    and Z", "datasets, e.g., X, Y (real) and Z") looks back for the list's cue."""
    doc, known = scan.doc, scan.known
    for k in range(e, min(e + HEAD_REACH, len(doc))):
        bits = known[doc[k].orth]
        if bits & DATASET_WORD:
            return "DATASET"
        if bits & METHOD_WORD:
            return "METHOD"
        if not bits & LOWER_BIT or bits & (STOP_BIT | VERB_BIT):
            break
    if known[doc[e - 1].orth] & SIZED:
        return "DATASET"
    j = s - 1
    while j >= 0 and s - j < LIST_REACH:
        token = doc[j]
        bits = known[token.orth]
        if token.orth == _CLOSE:
            while j > 0 and doc[j].orth != _OPEN:
                j -= 1
            j -= 1
            continue
        if bits & LIST_OPENER:
            j -= 1
            continue
        if bits & ON_WORD:
            if j > 0 and known[doc[j - 1].orth] & ON_VERB:
                return "METHOD"
            return "DATASET"
        if bits & DATASET_WORD:
            opens = j == s - 1 or doc[j + 1].text in ("(", ":", ",")
            return "DATASET" if opens or known[doc[j + 1].orth] & LIST_OPENER else "METHOD"
        if bits & LIST_JOINER or (
            bits & ALNUM_START and (bits & NAMED_BITS or (j > 0 and not doc[j - 1].whitespace_))
        ):
            j -= 1
            continue
        break
    return "METHOD"


def modifies_noun(scan: Scan, e: int) -> bool:
    """True when the name ending at ``e`` modifies the plain noun after it ("the HiPPO
    matrix", "an L1 penalty", "the X environment"): the name of the thing is the compound,
    and with no head word within ``HEAD_REACH`` words nothing types it. The word after must
    be a lower-case content word: no stop word, verb, adverb, generic or head word (singular
    or plural), nor a word that says what the name before it is ("the X system", "X tasks")
    or an agent noun that says what it does ("the X detector", "X encoders"); a plural
    acronym ("RecNNs struggle") heads its own phrase."""
    doc, known = scan.doc, scan.known
    n = len(doc)
    if _plural_acronym(doc[e - 1].text):
        return False
    if e + 2 < n and doc[e].orth == _OPEN and doc[e + 2].orth == _CLOSE:
        e += 3
    elif e < n and doc[e].orth == _CLOSE:
        e += 1
    if e >= n or not doc[e - 1].whitespace_:
        return False
    if known[doc[e].orth] & (ALPHA_BIT | LOWER_BIT | NOT_MODIFIER) != ALPHA_BIT | LOWER_BIT:
        return False
    for k in range(e, min(e + HEAD_REACH, n)):
        bits = known[doc[k].orth]
        if bits & (HEAD_WORD | METHOD_WORD | DATASET_WORD | CUE_AFTER):
            return False
        lower = doc[k].lower_
        if not bits & STOP_BIT and (agent_noun(lower) or (bits & PLURAL and head_type(lower[:-1]))):
            return False
        if bits & (LOWER_BIT | NOT_MODIFIER) != LOWER_BIT:
            break
    return True


def agent_noun(lower: str) -> bool:
    """True for an agent noun, singular or plural (lower case): a verb and "-er" or "-or"
    ("detector", "encoders", "classifier", "controller"); a word whose ending is part of its
    root ("water", "color", "prior", "error") is none."""
    word = lower[:-1] if lower.endswith("s") else lower
    if not word.endswith(AGENT_ENDINGS):
        return False
    stem = word[:-2]
    stems = [stem, stem + "e"]
    if len(stem) > 1 and stem[-1] == stem[-2]:
        stems.append(stem[:-1])  # "planner", "controller"
    if stem.endswith("i"):
        stems.append(stem[:-1] + "y")  # "classifier"
    return any(_verb(s) for s in stems)


def _verb(word: str) -> bool:
    """True for a known verb, a word ending in one ("autoencode"), or a word that a verb's
    suffix ends ("tokenize")."""
    if word in VERB_BASES:
        return True
    if len(word) > MIN_VERB and word.endswith(VERB_SUFFIXES):
        return True
    return any(word[k:] in VERB_BASES for k in range(1, len(word) - MIN_VERB + 1))


def _plural_acronym(text: str) -> bool:
    """True for an acronym with a plural "s" ("CNNs", "RecNNs")."""
    return len(text) > 2 and text[-1] == "s" and text[-2].isupper()


def _shaped_name(scan: Scan, rule: Rule, i: int, token: Token, hyphenated: bool) -> None:
    """Add the name-shaped span at ``i``; a ``hyphenated`` acronym needs a second part. A
    name that only modifies an untyped noun (``modifies_noun``) is left out."""
    s, e = scan.name_extent(i, token)
    if (e - s < 2 and hyphenated) or modifies_noun(scan, e):
        return
    doc, known = scan.doc, scan.known
    for k in range(s, i):
        if known[doc[k].orth] & NAME_BIT:
            return
    scan.add(s, e, _name_label(scan, s, e), rule)


@walkers.register("name_shape")
def name_shape(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """A name-shaped token with the parts written against it ("EfficientViT-M5")."""
    _shaped_name(scan, rule, i, token, hyphenated=False)


@walkers.register("hyphenated_acronym")
def hyphenated_acronym(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """An acronym with a hyphenated part ("VGG-16", "BERT-Large")."""
    if hyphen_after(scan.doc, i):
        _shaped_name(scan, rule, i, token, hyphenated=True)


@walkers.register("anchor_token")
def anchor_token(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """The anchor token alone, with the rule's label ("Recall@10")."""
    scan.add(i, i + 1, rule.label, rule)


def coordinated_head(label: str, head: str | None) -> str | None:
    """The head type that the next name of a coordinated pair gets: a dataset or metric
    types its partner alike."""
    return label if label in ("DATASET", "METRIC") else head


def coined_at(scan: Scan, rule: Rule, i: int, head: str | None, depth: int = 0) -> None:
    """Add a coined name starting at token ``i``, typed by the head noun ``head`` (the
    type of the last typed word seen before it) when nothing closer types it."""
    doc, known = scan.doc, scan.known
    n = len(doc)
    if i >= n:
        return
    token = doc[i]
    bits = known[token.orth]
    if bits & QUOTE:
        i += 1
        if i >= n:
            return
        token = doc[i]
        bits = known[token.orth]
    if bits & (GENERIC_WORD | NOT_PHRASE_WORD | EVALUATIVE_WORD) or not bits & NAMELIKE_BIT:
        return
    s, e = scan.name_extent(i, token)
    words = 1
    while e < n and words < 4:
        if e + 1 < n and scan.glued_hyphen(e, doc[e]) and known[doc[e + 1].orth] & ALPHA_BIT:
            if known[doc[e + 1].orth] & HYPHEN_SUFFIX and (
                e + 2 >= n or known[doc[e + 2].orth] & LOWER_BIT
            ):
                return  # "X-driven gain", "X-based": the name describes another thing
            e += 2
            continue
        bits = known[doc[e].orth]
        if bits & (TITLE_BIT | ALPHA_BIT) != TITLE_BIT | ALPHA_BIT or bits & GENERIC_WORD:
            break
        e += 1
        words += 1
    label = head_type(doc[e - 1].lower_) if e - s > 1 else None
    if label not in ("DATASET", "METRIC"):
        label = _appositive_type(scan, e) or head
    if e < n and known[doc[e].orth] & DATASET_WORD:
        label = "DATASET"
    if label not in NAMED_LABELS:
        label = "METHOD"
    scan.add(s, e, label, rule)
    j = e
    if j + 2 < n and doc[j].text == "(" and doc[j + 2].text == ")":
        j += 3
    if depth < 3 and j + 1 < n and doc[j].lower_ in ("and", ","):
        bits = known[doc[j + 1].orth]
        if bits & (TITLE_BIT | NAME_BIT | ACRONYM_BIT):
            coined_at(scan, rule, j + 1, coordinated_head(label, head), depth + 1)


def _appositive_type(scan: Scan, e: int) -> str | None:
    """The type an appositive after a name gives it: "X (XS) and Y (YS), the first
    measures"."""
    doc, known = scan.doc, scan.known
    n = len(doc)
    j = e
    while j < n and j - e < 10:
        if not known[doc[j].orth] & (APPOSITION_WORD | NAMELIKE_BIT | UPPER_BIT):
            break
        j += 1
    if j + 1 >= n or doc[j].text != "," or doc[j + 1].lower_ not in ("a", "an", "the"):
        return None
    for token in doc[j + 2 : j + 8]:
        bits = known[token.orth]
        if bits & PUNCT_BIT:
            return None
        if bits & HEAD_WORD and (found := head_type(token.lower_)) in NAMED_LABELS:
            return found
    return None


@walkers.register("named")
def named(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "named / called X": the head type of the words before the anchor types X."""
    doc, known = scan.doc, scan.known
    head = None
    for k in range(max(0, i - 6), i):
        before = doc[k]
        if known[before.orth] & (ALPHA_BIT | HEAD_WORD) == ALPHA_BIT | HEAD_WORD:
            head = head_type(before.lower_)
    j = i + 1
    if j < len(doc) and doc[j].text == ":":
        j += 1
    coined_at(scan, rule, j, head)


@walkers.register("proposed")
def proposed(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "we propose X" (the rule asks for "we" or the like before the verb): the name is the
    first name-like word within ``SCAN`` words, typed by the head nouns before it."""
    doc, known = scan.doc, scan.known
    head = None
    for j in range(i + 1, min(i + 1 + SCAN, len(doc))):
        before = bits
        token = doc[j]
        bits = known[token.orth]
        if bits & PROPOSE_STOP:
            break
        if bits & PROPOSE_SKIP:
            continue
        if bits & NAMELIKE_BIT and not before & CLAUSE_END:
            coined_at(scan, rule, j, head)
            return
        if bits & HEAD_WORD:
            head = head_type(token.lower_)
    _proposed_phrase(scan, rule, i)


PHRASE_WORDS = 6
"""How many words a lower-case name after "we propose a" may have."""


def _proposed_phrase(scan: Scan, rule: Rule, verb: int) -> None:
    """ "we propose a (new) <lower-case words> <method word>": a thing the paper names in
    lower case ("a weighted fusion module", "a multi-task feature memory"). The words after
    the article, past describing ones, run to the first stop word, verb or sign; the last
    must be a method word with two words or more before it."""
    doc, known = scan.doc, scan.known
    n = len(doc)
    j = verb + 1
    if j >= n or doc[j].lower_ not in ("a", "an"):
        return
    j += 1
    while j < n and known[doc[j].orth] & (EVALUATIVE_WORD | DESCRIBING):
        j += 1
    start = k = j
    words = 0
    while k < n and words < PHRASE_WORDS:
        if k > start and scan.glued_hyphen(k, doc[k]) and k + 1 < n:
            k += 2
            continue
        bits = known[doc[k].orth]
        if bits & (LOWER_BIT | ALPHA_BIT) != LOWER_BIT | ALPHA_BIT or bits & (STOP_BIT | VERB_BIT):
            break
        words += 1
        k += 1
    if words < 3 or not known[doc[k - 1].orth] & METHOD_WORD:
        return
    last = doc[k - 1].lower_
    if last not in COMPONENT_WORDS:
        if known[doc[k - 2].orth] & METHOD_WORD:
            k -= 1
        elif last in GENERIC_METHOD_HEADS:
            return
    scan.add(start, k, "METHOD", rule)


@walkers.register("appositive")
def appositive(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "X, a novel ...": the anchor is the adjective; the name is three tokens back."""
    doc, known = scan.doc, scan.known
    name = i - 3
    if name < 1 or doc[i - 1].lower_ not in ("a", "an") or doc[i - 2].text != ",":
        return
    token = doc[name]
    bits = known[token.orth]
    if not bits & TITLE_BIT or scan.opens_sentence(name):
        return
    s, e = scan.name_extent(name, token)
    if e != name + 1 or bits & (GENERIC_WORD | NOT_NAME):
        return
    label = "METHOD"
    for token in doc[i + 1 : i + 7]:
        if known[token.orth] & HEAD_WORD and (found := head_type(token.lower_)) in (
            "DATASET",
            "METHOD",
        ):
            label = found
            break
    scan.add(s, e, label, rule)
