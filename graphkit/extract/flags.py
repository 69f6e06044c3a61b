"""Lexeme flags: word shapes and word classes computed once per lexeme, for fast Matcher rules.

spaCy stores a lexeme's flags in a bit field, so a Matcher pattern such as
``{"FLAG41": True}`` is tested in compiled code, with no per-token Python
call. graphkit uses fixed flag ids so that every component in a pipeline
shares them; registering them twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.vocab import Vocab

from graphkit.extract.lexicon import (
    COST_HEADS,
    DATASET_HEADS,
    GENERIC_WORDS,
    MEASURE_HEADS,
    METRIC_HEADS,
    NAMING_WORDS,
    NOT_NAMES,
    NOVEL,
    PROPOSE_VERBS,
    STRONG_METHOD_HEADS,
    TASK_HEADS,
    VERBS,
)

NAME = 41
"""CamelCase, mixed case or letters with digits and a capital: EfficientViT, ResNet50, GPT4."""
ACRONYM = 42
"""Capitals (digits allowed, a final "s" too): BERT, CNNs, VGG16."""
TASK_HEAD = 43
METRIC_HEAD = 44
METHOD_HEAD = 45
DATASET_HEAD = 46
AT_K = 47
"""A measure at a cut-off: Recall@10, HR@5, P@1."""
VERB = 48
"""A verb form common in abstracts (uses, achieved, improving)."""
NAMING = 49
PROPOSE = 50
COST = 51
MEASURE = 52
NOVEL_WORD = 53
TERMS = 54
PERCENT = 55
SENTENCE_END = 56
"""A full stop, "!", "?" or ";": the next word opens a sentence or clause (a colon does not)."""
TASK_WORD = 57
"""The words "task" and "tasks", which introduce or close lists of tasks."""
SHAPE_WORD = 58
"""The words "for" and "via", which shape titles ("Y for X", "X via Y")."""
WORD = 60
"""An alphabetic word of four letters or more: the words that tell a title-cased text."""
TITLE_WORD = 61
"""A capitalised ``WORD`` (as spaCy's ``is_title``)."""
NAMELIKE = 62
"""A token that can be a name: name-shaped, an acronym, or a capitalised word that is not a
generic one ("Transformer" but not "Method")."""
ANCHOR = 59
"""Any of the ``ANCHORS`` flags, or a capitalised word: one column tells where a token rule
may start (capitalised words start the runs of a title phrase)."""


@lru_cache(maxsize=64)
def is_name_shape(text: str) -> bool:
    """True for a token shaped like a coined name (not a plain word, number or acronym).

    Words with a stray capital ("averaGing", "calibratioN"), which spell out
    an acronym's letters, are not names themselves. The last results are cached: a new
    lexeme asks for this flag, for ``NAMELIKE`` and for ``ANCHOR`` in turn.
    """
    if len(text) < 2 or not text[0].isalpha() or (text.islower() and text.isalpha()):
        return False
    core = text.replace("-", "").rstrip("+*")
    if not core.isalnum() or text in NOT_NAMES:
        return False
    if core.isascii():
        # Letters and digits only: a capital is a character that lower-casing changes.
        upper_later = core[1:] != core[1:].lower()
        digit = not core.isalpha()
        if not (upper_later or digit):
            return False
        lower = core != core.upper()
        upper = upper_later or core[0].isupper()
    else:
        upper_later = any(c.isupper() for c in core[1:])
        lower = any(c.islower() for c in core)
        digit = any(c.isdigit() for c in core)
        upper = any(c.isupper() for c in core) and any(c.isalpha() for c in core)
    if upper_later and core[0].islower() and not digit and len(core) >= 5:
        uppers = sum(map(str.isupper, core))
        if uppers == 1 or (core[-1].isupper() and sum(map(str.islower, core)) >= 3):
            return False
    if upper_later and lower:
        return not (core.endswith("s") and core[:-1].isupper())
    return digit and upper


@lru_cache(maxsize=64)
def is_acronym(text: str) -> bool:
    """True for capitals, digits allowed, with at least two capital letters (the last results
    are cached, as for ``is_name_shape``)."""
    if not text[:1].isalpha() or text.islower():
        return False
    core = (text[:-1] if text.endswith("s") else text).replace("-", "")
    return (
        len(core) >= 2
        and core.isalnum()
        and core.upper() == core
        and sum(map(str.isupper, core)) >= 2
        and text not in NOT_NAMES
    )


def is_at_k(text: str) -> bool:
    """True for ``Name@k``: letters, an at sign, then a number."""
    if "@" not in text:
        return False
    head, _, tail = text.partition("@")
    return head[:1].isalpha() and head.replace("-", "").isalnum() and tail.isdigit()


@lru_cache(maxsize=64)
def is_namelike(text: str) -> bool:
    """True for a name-shaped token, an acronym or a capitalised word that is not generic (the
    last results are cached for ``ANCHOR``)."""
    if is_name_shape(text) or is_acronym(text):
        return True
    return text.istitle() and text.isalpha() and text.lower() not in GENERIC_WORDS


FLAGS: dict[int, Callable[[str], bool]] = {
    NAME: is_name_shape,
    ACRONYM: is_acronym,
    TASK_HEAD: lambda s: s.lower() in TASK_HEADS,
    METRIC_HEAD: lambda s: s.lower() in METRIC_HEADS,
    METHOD_HEAD: lambda s: s.lower() in STRONG_METHOD_HEADS,
    DATASET_HEAD: lambda s: s.lower() in DATASET_HEADS,
    AT_K: is_at_k,
    VERB: lambda s: s.lower() in VERBS,
    NAMING: lambda s: s.lower() in NAMING_WORDS,
    PROPOSE: lambda s: s.lower() in PROPOSE_VERBS,
    COST: lambda s: s.lower() in COST_HEADS,
    MEASURE: lambda s: s.lower() in MEASURE_HEADS,
    NOVEL_WORD: lambda s: s.lower() in NOVEL,
    TERMS: lambda s: s.lower() == "terms",
    PERCENT: "%".__eq__,
    SENTENCE_END: frozenset((".", "!", "?", ";")).__contains__,
    TASK_WORD: lambda s: s.lower() in ("task", "tasks"),
    SHAPE_WORD: lambda s: s.lower() in ("for", "via"),
    WORD: lambda s: len(s) > 3 and s.isalpha(),
    TITLE_WORD: lambda s: len(s) > 3 and s.istitle() and s.isalpha(),
    NAMELIKE: is_namelike,
}
"""The getter of each flag. The word-list flags compare the lower-case text; the two
one-string flags are bound methods of builtins (called from spaCy with no Python frame)."""

ANCHORS: tuple[int, ...] = (
    NAME, ACRONYM, AT_K, NAMING, PROPOSE, NOVEL_WORD, DATASET_HEAD, TERMS, PERCENT, TASK_HEAD,
    TASK_WORD, SHAPE_WORD, METHOD_HEAD, COST, MEASURE,
)  # fmt: skip
"""The flags of the tokens that graphkit's token rules start from."""

ANCHOR_WORDS = frozenset().union(
    NAMING_WORDS, PROPOSE_VERBS, NOVEL, DATASET_HEADS, TASK_HEADS, STRONG_METHOD_HEADS,
    COST_HEADS, MEASURE_HEADS, ("terms", "task", "tasks", "for", "via"),
)  # fmt: skip
"""The words of the word-list flags among the ``ANCHORS``: one look-up tells whether any of
them holds."""


def is_anchor(text: str) -> bool:
    """True when ``text`` is capitalised (as spaCy's ``is_title``) or any of the ``ANCHORS``
    flags holds for it (a ``NAMELIKE`` word is a name, an acronym or capitalised)."""
    return (
        text.istitle()
        or is_namelike(text)
        or text.lower() in ANCHOR_WORDS
        or text == "%"
        or is_at_k(text)
    )


FLAGS[ANCHOR] = is_anchor


def register_flags(vocab: Vocab) -> None:
    """Add graphkit's lexeme flags to ``vocab``: new lexemes get them as they are made, and
    the lexemes already there are updated in one pass (registering again is a no-op)."""
    missing = {i: g for i, g in FLAGS.items() if vocab.lex_attr_getters.get(i) is not g}
    if not missing:
        return
    vocab.lex_attr_getters.update(missing)
    for lexeme in vocab:
        text = lexeme.orth_
        for flag_id, getter in missing.items():
            lexeme.set_flag(flag_id, getter(text))


def key(flag_id: int) -> str:
    """The Matcher pattern key of a flag (``FLAG41``)."""
    return f"FLAG{flag_id}"
