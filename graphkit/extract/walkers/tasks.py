"""Walkers for tasks and methods: phrases that end in a head word, lists, title shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from graphkit.extract.coordination import shared_start
from graphkit.extract.formulation import formulated_as
from graphkit.extract.lexicon import PROBLEM_WORDS, PROPOSE_VERBS
from graphkit.extract.tokens import hyphen_after
from graphkit.extract.walkers import Scan, walkers
from graphkit.extract.walkers.names import modifies_noun
from graphkit.extract.wordbits import (
    ACRONYM_BIT,
    ALNUM_START,
    ALPHA_BIT,
    CUE_AFTER,
    CUE_BEFORE,
    DASH,
    DATASET_WORD,
    DESCRIBING,
    EVALUATIVE_WORD,
    GENERIC_WORD,
    HYPHEN,
    LIST_OPENER,
    LOWER_BIT,
    METHOD_WORD,
    METRIC_HEAD_BIT,
    NOT_PHRASE_PART,
    SPLITS_TITLE,
    STOP_BIT,
    TASK_HEAD_BIT,
    TASK_PART,
    TITLE_BIT,
    TITLE_BREAK,
    VERB_BIT,
    WEAK_TASK,
    WordBits,
)
from graphkit.extract.words import words

PASSIVE_ADVERBS = words("passive_adverbs")
LIST_MARKS = (":", "(")
"""The marks that open a list right after a task noun ("tasks: X and Y", "tasks (X, Y)")."""

if TYPE_CHECKING:
    from graphkit.extract.rules import Rule


def _bare_task(doc: Doc, start: int, end: int) -> bool:
    """True for a lone task word in a list, or after "for" and before "tasks" ("for detection
    and segmentation", "for detection tasks"); at a clause end it names a purpose."""
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    return before in ("for", "and", ",", "or") and after in ("task", "tasks", ",", "and", "or")


COPULA_REACH = 3
"""How many words may stand between "is a" and the word for a problem ("is a fundamental
task", "is a well-established problem")."""


def _problem_named(scan: Scan, start: int, end: int) -> bool:
    """True when a word for a problem names the phrase at ``start:end`` a problem ("the
    problem of X", "X problems"), or when it is what the text is about: the subject that
    opens it ("X has been evolving ..."), or a sentence that opens with it, describing words
    aside, and defines it so ("Efficient X is a fundamental task")."""
    doc = scan.doc
    n = len(doc)
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PROBLEM_WORDS:
        return True
    if end < n and doc[end].lower_ in PROBLEM_WORDS:
        return not formulated_as(doc, start)
    if start == 0 and end < n and scan.known[doc[end].orth] & VERB_BIT:
        return True
    if end + 2 >= n or doc[end].lower_ != "is" or doc[end + 1].lower_ not in ("a", "an"):
        return False
    while start > 0 and scan.known[doc[start - 1].orth] & DESCRIBING:
        start -= 1
    if not scan.opens_sentence(start):
        return False
    return any(
        doc[k].lower_ in PROBLEM_WORDS for k in range(end + 2, min(n, end + 3 + COPULA_REACH))
    )


_PROBLEM_IDS = frozenset(get_string_id(w) for w in PROBLEM_WORDS)
_OF = get_string_id("of")
OF_REACH = 8
"""How many tokens before a weak task word an "of" is looked for in ("the problem of X")."""


def _may_name_problem(scan: Scan, i: int, end: int) -> bool:
    """A cheap first test of ``_problem_named`` for the weak task word at ``i``: a word for a
    problem or a verb after it, or an "of" shortly before it. Weak task words are common
    ("learning"), and most have none of these."""
    doc = scan.doc
    if end < len(doc) and (doc[end].lower in _PROBLEM_IDS or scan.known[doc[end].orth] & VERB_BIT):
        return True
    return any(doc[k].lower == _OF for k in range(max(1, i - OF_REACH), i))


_ALPHA_LOWER = ALPHA_BIT | LOWER_BIT
_NOT_NEXT_NOUN = STOP_BIT | VERB_BIT | CUE_AFTER | TASK_HEAD_BIT | EVALUATIVE_WORD | GENERIC_WORD


def _modifies_next(scan: Scan, end: int) -> bool:
    """True when a lower-case noun follows the task word that ends at ``end`` ("detection
    activations", "segmentation masks"): the last noun of a compound is its head, so the
    task word only modifies it. A cue after the word ("detection tasks") names the task."""
    doc = scan.doc
    if end >= len(doc):
        return False
    bits = scan.known[doc[end].orth]
    return bits & _ALPHA_LOWER == _ALPHA_LOWER and not bits & _NOT_NEXT_NOUN


@walkers.register("task_phrase")
def task_phrase(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "<modifiers> <task word>" after a task cue, before one, or opening a title; with a
    weak task word ("... learning", "... search"), only where a word for a problem says that
    it is one (``_problem_named``)."""
    doc, known = scan.doc, scan.known
    end = i + 1
    if _modifies_next(scan, end) or (bits & WEAK_TASK and not _may_name_problem(scan, i, end)):
        return
    capitals = bool(bits & TITLE_BIT)
    s = scan.modifiers(i, capitals=capitals)
    while s < i and (first := doc[s]).is_lower and first.lower_.endswith("ing"):
        s += 1
    if s < i:
        s = shared_start(doc, s, end)
    if bits & WEAK_TASK:
        if s < i and _problem_named(scan, s, end):
            scan.add(s, end, rule.label, rule)
        return
    if s == i:
        if bits & LOWER_BIT and _bare_task(doc, i, end):
            scan.add(i, end, rule.label, rule)
        return
    if (
        (capitals and s == 0)
        or (s > 0 and known[doc[s - 1].orth] & CUE_BEFORE)
        or (end < len(doc) and known[doc[end].orth] & CUE_AFTER and not formulated_as(doc, s))
        or _problem_named(scan, s, end)
    ):
        scan.add(s, end, rule.label, rule)


@walkers.register("title_phrase")
def title_phrase(rule: Rule, scan: Scan, start: int, end: int) -> None:
    """A run of two to five capitalised words, typed by its last word or by a method word after
    it (not in titles)."""
    if end - start > 5 or scan.titled():
        return
    doc, known = scan.doc, scan.known
    n = len(doc)
    start, end = _whole_words(scan, start, end)
    if end < n and (token := doc[end]).text[-1] == "s" and known[token.orth] & ACRONYM_BIT:
        end += 1
    bits = 0
    for k in range(start, end):
        bits = known[doc[k].orth]
        if (bits & NOT_PHRASE_PART and not bits & HYPHEN) or (
            k == start and bits & (GENERIC_WORD | EVALUATIVE_WORD)
        ):
            return
    if start > 0 and known[doc[start - 1].orth] & TITLE_BIT and not scan.opens_sentence(start - 1):
        return
    if bits & DATASET_WORD:
        label = "DATASET"
    elif _method_word_after(scan, end):
        label = "METHOD"
    elif bits & TASK_HEAD_BIT and not bits & WEAK_TASK:
        label = "TASK"
    elif bits & METRIC_HEAD_BIT:
        label = "METRIC"
    elif modifies_noun(scan, end):
        return
    else:
        label = "METHOD"
    scan.add(start, end, label, rule)


def _whole_words(scan: Scan, start: int, end: int) -> tuple[int, int]:
    """Widen a run of capitalised words that starts or ends inside a hyphenated word ("Shot
    Class" in "Few-Shot Class-Incremental Learning") to the whole words, and past them to the
    capitalised words that follow."""
    doc, known = scan.doc, scan.known
    n = len(doc)
    while start >= 2 and scan.glued_hyphen(start - 1, doc[start - 1]):
        start -= 2
    while end + 1 < n and scan.glued_hyphen(end, doc[end]) and known[doc[end + 1].orth] & ALPHA_BIT:
        end += 2
        while (
            end < n
            and known[doc[end].orth] & TITLE_BIT
            and not known[doc[end].orth] & NOT_PHRASE_PART
        ):
            end += 1
    return start, end


def _method_word_after(scan: Scan, end: int) -> bool:
    """True when a method word ("module", "network") follows the phrase ending at ``end``,
    perhaps after its short form in brackets ("Latent Synthesis (LS) module")."""
    doc = scan.doc
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3
    return end < len(doc) and bool(scan.known[doc[end].orth] & METHOD_WORD)


def _title_break(scan: Scan, i: int) -> bool:
    """True when token ``i`` ends a title's task phrase (a glued hyphen does not, nor a word
    between two glued hyphens: the "of" of "Part-of-Speech")."""
    doc = scan.doc
    bits = scan.known[doc[i].orth]
    if bits & DASH and i > 0 and not doc[i - 1].whitespace_:
        return False
    if (
        1 < i < len(doc) - 1
        and scan.glued_hyphen(i - 1, doc[i - 1])
        and scan.glued_hyphen(i + 1, doc[i + 1])
    ):
        return False
    return bool(bits & TITLE_BREAK)


@walkers.register("title_shape")
def title_shape(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """In a title, the task after "for" ("Y for X") and the task before "via", "through",
    "with" or "using" ("X via Y"); a phrase that ends in an activity noun and no task word
    is a task only after "for"."""
    doc, known = scan.doc, scan.known
    end = i + 1
    task_after = token.lower_ == "for"
    if task_after:
        e = end
        while e < len(doc) and e - end < 8 and not _title_break(scan, e):
            e += 1
        s = end
    else:
        s = i
        while s > 0 and i - s < 8 and not _title_break(scan, s - 1):
            s -= 1
        e = i
    parts = []
    for k in range(s, e + 1):
        if k == e or known[doc[k].orth] & SPLITS_TITLE:
            parts.append((s, k))
            s = k + 1
    for a, b in parts:
        while (
            a < b
            and known[doc[a].orth] & (EVALUATIVE_WORD | STOP_BIT)
            and not (a + 1 < b and scan.glued_hyphen(a + 1, doc[a + 1]))
        ):
            a += 1
        if a == 0 and b > 2 and doc[0].is_title and doc[0].lower_.endswith("ing"):
            a = 1
        if a == b:
            continue
        last = known[doc[b - 1].orth]
        if b - a == 1 and last & WEAK_TASK:
            continue
        if (last & TASK_HEAD_BIT or (task_after and _activity_noun(doc[b - 1]))) and all(
            known[t.orth] & (ALNUM_START | HYPHEN) for t in doc[a:b]
        ):
            scan.add(a, b, rule.label, rule)


ACTIVITY_ENDINGS = ("tion", "sion", "ing")
"""The endings of a noun that names an activity ("Compilation", "Compression", "Making")."""


def _activity_noun(token: Token) -> bool:
    """True for a capitalised word with an activity noun's ending: in a title, the phrase it
    ends after "for" names the problem addressed ("for Sequential Video Compilation")."""
    return token.is_title and token.lower_.endswith(ACTIVITY_ENDINGS)


def _listed_start(doc: Doc, known: WordBits, i: int, token: Token) -> int:
    """The index of the first task listed after the task noun ``token`` at ``i`` ("tasks such
    as X", "tasks, e.g., X", "tasks (e.g. X", "tasks: X"), or -1 when no list follows. The
    words that open a list are the list introducers' (``list_introducers``)."""
    n = len(doc)
    j = i + 1
    if j + 1 < n and doc[j].text == "," and known[doc[j + 1].orth] & LIST_OPENER:
        j += 1
    if j >= n:
        return -1
    opener = doc[j]
    if known[opener.orth] & LIST_OPENER:
        if opener.lower_ == "such":
            return j + 2 if j + 1 < n and doc[j + 1].lower_ == "as" else -1
    elif not (opener.text in LIST_MARKS or (known[opener.orth] & DASH and token.whitespace_)):
        return -1
    j += 1
    if j < n and known[doc[j].orth] & LIST_OPENER and doc[j].lower_ != "such":
        j += 1
    if j < n and doc[j].text == ",":
        j += 1
    return j


@walkers.register("task_list")
def task_list(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """Tasks listed after "tasks such as / including / like / :" and before "tasks"
    ("classification and segmentation tasks")."""
    doc, known = scan.doc, scan.known
    n = len(doc)
    j = _listed_start(doc, known, i, token)
    while 0 <= j < n:
        e = j
        while e < n and e - j < 4 and _listed_task_part(known[doc[e].orth]):
            e += 1
        if e == j:
            break
        scan.add(j, e, rule.label, rule)
        if e < n and doc[e].text in (",", "and", "or"):
            j = e + 1
            if j < n and doc[j].text in ("and", "or"):
                j += 1
            continue
        break
    e = i
    while e > 0:
        s = e
        while s > 0 and e - s < 3 and known[doc[s - 1].orth] & TASK_PART:
            s -= 1
        if s == e or not known[doc[e - 1].orth] & TASK_HEAD_BIT:
            break
        if e - s == 1 and known[doc[s].orth] & WEAK_TASK:
            break
        scan.add(s, e, rule.label, rule)
        if s > 1 and doc[s - 1].text in (",", "and", "or"):
            e = s - 1
            continue
        break


_LOWER_HEAD = LOWER_BIT | TASK_HEAD_BIT


def _listed_task_part(bits: int) -> bool:
    """True for a word of a listed task: a task part, or a lower-case task head that other
    phrases do not take as a modifier ("document understanding")."""
    return bool(bits & TASK_PART) or bits & _LOWER_HEAD == _LOWER_HEAD


@walkers.register("method_phrase")
def method_phrase(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "<modifiers> <strong method word>" ("contrastive loss"); the anchor is the
    method word."""
    doc = scan.doc
    if hyphen_after(doc, i):
        return
    s = scan.modifiers(i, capitals=bool(bits & TITLE_BIT))
    while s < i and (first := doc[s]).is_title and first.lower_.endswith("ing"):
        s += 1
    if s < i:
        scan.add(s, i + 1, rule.label, rule)


@walkers.register("proposed_part")
def proposed_part(rule: Rule, scan: Scan, i: int, token: Token, bits: int) -> None:
    """ "we (first) propose a <lower-case words> module": a part the paper names as its own,
    of at least two words before the component word (the anchor), which do not end in a
    method word themselves ("a gated attention module" is a use of gated attention)."""
    doc = scan.doc
    s = scan.modifiers(i, capitals=False, gerunds=True)
    if i - s < 2 or scan.known[doc[i - 1].orth] & METHOD_WORD:
        return
    j = s - 1
    if j >= 0 and doc[j].lower_ in ("a", "an"):
        j -= 1
    if j < 1 or doc[j].lower_ not in PROPOSE_VERBS:
        return
    if doc[j - 1].lower_ == "we" or (
        j >= 2 and doc[j - 2].lower_ == "we" and doc[j - 1].lower_ in PASSIVE_ADVERBS
    ):
        scan.add(s, i + 1, rule.label, rule)
