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
"""A full stop, "!", "?", ":" or ";": the next word opens a sentence or clause."""
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
    lexeme asks for this flag and for ``ANCHOR`` in turn.
    """
    if text.isalpha() and text.islower():
        return False
    if len(text) < 2 or not text[0].isalpha() or text in NOT_NAMES:
        return False
    if any(c in text for c in "/.@:_'\"\\$"):
        return False
    core = text.replace("-", "").rstrip("+*")
    if not core.isalnum():
        return False
    upper_later = any(c.isupper() for c in core[1:])
    lower = any(c.islower() for c in core)
    digit = any(c.isdigit() for c in core)
    if core[0].islower() and not digit and len(core) >= 5:
        uppers = sum(c.isupper() for c in core)
        lowers = sum(c.islower() for c in core)
        if uppers == 1 or (core[-1].isupper() and lowers >= 3):
            return False
    if upper_later and lower:
        return not (core.endswith("s") and core[:-1].isupper())
    return digit and any(c.isupper() for c in core) and sum(c.isalpha() for c in core) >= 1


def is_acronym(text: str) -> bool:
    """True for capitals, digits allowed, with at least two capital letters."""
    if text.isalpha() and text.islower():
        return False
    core = text[:-1] if text.endswith("s") else text
    core = core.replace("-", "")
    return (
        len(core) >= 2
        and text[0].isalpha()
        and core.isalnum()
        and core.upper() == core
        and sum(c.isupper() for c in core) >= 2
        and text not in NOT_NAMES
    )


def is_namelike(text: str) -> bool:
    """True for a name-shaped token, an acronym or a capitalised word that is not generic."""
    if is_name_shape(text) or is_acronym(text):
        return True
    return text.istitle() and text.isalpha() and text.lower() not in GENERIC_WORDS


def is_at_k(text: str) -> bool:
    """True for ``Name@k``: letters, an at sign, then a number."""
    head, at, tail = text.partition("@")
    return bool(at) and head[:1].isalpha() and head.replace("-", "").isalnum() and tail.isdigit()


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
    PERCENT: lambda s: s == "%",
    SENTENCE_END: lambda s: s in (".", "!", "?", ";"),
    TASK_WORD: lambda s: s.lower() in ("task", "tasks"),
    SHAPE_WORD: lambda s: s.lower() in ("for", "via"),
    WORD: lambda s: s.isalpha() and len(s) > 3,
    TITLE_WORD: lambda s: s.isalpha() and len(s) > 3 and s.istitle(),
    NAMELIKE: is_namelike,
}

ANCHORS: tuple[int, ...] = (
    NAME, ACRONYM, AT_K, NAMING, PROPOSE, NOVEL_WORD, DATASET_HEAD, TERMS, PERCENT, TASK_HEAD,
    TASK_WORD, SHAPE_WORD, METHOD_HEAD, COST, MEASURE,
)  # fmt: skip
"""The flags of the tokens that graphkit's token rules start from."""


def is_anchor(text: str) -> bool:
    """True when ``text`` is capitalised (as spaCy's ``is_title``) or any of the ``ANCHORS``
    flags holds for it."""
    return text.istitle() or any(FLAGS[flag_id](text) for flag_id in ANCHORS)


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
