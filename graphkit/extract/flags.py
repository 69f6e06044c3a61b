"""Lexeme flags: word shapes and word lists tested once per lexeme, for fast token rules.

spaCy stores a lexeme's flags in a bit field, so a test such as "is this a
task head?" costs one bit test per token, in compiled code. Each flag is
defined here once, by name, from a shape test or a word list of
``graphkit/data/words``; ids are handed out in order of definition from
``FIRST_FLAG``, so nobody numbers them. The anchors of the rule table add
their own flags (``anchor_flag``) the first time a table names them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.vocab import Vocab

from graphkit.extract.lexicon import (
    COST_HEADS,
    DATASET_HEADS,
    GENERIC_WORDS,
    METRIC_HEADS,
    NOT_NAMES,
    STRONG_METHOD_HEADS,
    TASK_HEADS,
    VERBS,
)
from graphkit.extract.words import words

Getter = Callable[[str], bool]

FIRST_FLAG = 24
"""The first flag id graphkit hands out (spaCy's own flags end at 18; ids end at 63)."""

FLAGS: dict[int, Getter] = {}
"""The getter of each flag, by id."""

FLAG_IDS: dict[str, int] = {}
"""The id of each flag, by name."""


def define(name: str, getter: Getter) -> int:
    """Give the flag ``name`` the next free id (or its id, when defined already)."""
    if name in FLAG_IDS:
        return FLAG_IDS[name]
    flag_id = FIRST_FLAG + len(FLAGS)
    if flag_id > 63:
        raise ValueError(f"no lexeme flag left for {name!r}: spaCy keeps 64 per lexeme")
    FLAGS[flag_id] = getter
    FLAG_IDS[name] = flag_id
    return flag_id


class WordTest:
    """A flag getter: is the text (or its lower case) one of ``words``?"""

    __slots__ = ("lower", "words")

    def __init__(self, listed: frozenset[str], *, lower: bool = True) -> None:
        self.words = listed
        self.lower = lower

    def __call__(self, text: str) -> bool:
        return (text.lower() if self.lower else text) in self.words


def lower_in(listed: frozenset[str]) -> WordTest:
    """A getter: is the lower-case text in ``listed``?"""
    return WordTest(listed)


def anchor_flag(spec: dict) -> int:
    """The flag of a rule's anchor, defined the first time a table names it: a shape test
    (``{"shape": "at_k"}``), word lists (``{"words": ["task_heads"]}``), or inline
    lower-case words or exact tokens (``{"lower": ["terms"]}``, ``{"text": ["%"]}``)."""
    if "shape" in spec:
        return define(spec["shape"], SHAPES[spec["shape"]])
    if "words" in spec:
        names = [spec["words"]] if isinstance(spec["words"], str) else list(spec["words"])
        listed = frozenset().union(*(words(name) for name in names))
        return define("words:" + "+".join(names), lower_in(listed))
    key, lower = ("lower", True) if "lower" in spec else ("text", False)
    listed = frozenset(w.lower() if lower else w for w in spec[key])
    return define(f"{key}:" + " ".join(sorted(listed)), WordTest(listed, lower=lower))


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


SHAPES: dict[str, Getter] = {
    "name_shape": is_name_shape,
    "acronym": is_acronym,
    "at_k": is_at_k,
    "namelike": is_namelike,
}
"""The shape tests a rule's anchor may name (``{"shape": "at_k"}``)."""

NAME = define("name_shape", is_name_shape)
"""CamelCase, mixed case or letters with digits and a capital: EfficientViT, ResNet50, GPT4."""
ACRONYM = define("acronym", is_acronym)
"""Capitals (digits allowed, a final "s" too): BERT, CNNs, VGG16."""
AT_K = define("at_k", is_at_k)
"""A measure at a cut-off: Recall@10, HR@5, P@1."""
NAMELIKE = define("namelike", is_namelike)
"""A token that can be a name: name-shaped, an acronym, or a capitalised word that is not a
generic one ("Transformer" but not "Method")."""
VERB = define("verb", lower_in(VERBS))
"""A verb form common in abstracts (uses, achieved, improving)."""
TASK_HEAD = define("words:task_heads", lower_in(TASK_HEADS))
METRIC_HEAD = define("words:metric_heads", lower_in(METRIC_HEADS))
METHOD_HEAD = define("words:strong_method_heads", lower_in(STRONG_METHOD_HEADS))
DATASET_HEAD = define("words:generic_dataset_heads+named_dataset_heads", lower_in(DATASET_HEADS))
COST = define("words:cost_heads", lower_in(COST_HEADS))
SENTENCE_END = define("sentence_end", words("sentence_ends").__contains__)
"""A full stop, "!", "?" or ";": the next word opens a sentence or clause (a colon does not)."""
WORD = define("word", lambda s: len(s) > 3 and s.isalpha())
"""An alphabetic word of four letters or more: the words that tell a title-cased text."""
TITLE_WORD = define("title_word", lambda s: len(s) > 3 and s.istitle() and s.isalpha())
"""A capitalised ``WORD`` (as spaCy's ``is_title``)."""
ANCHOR = define("anchor", str.istitle)
"""A token a rule starts from: capitalised (the runs of a title phrase) or any anchor of the
rule table (``set_anchors`` replaces the getter)."""


def set_anchors(anchors: dict[int, Getter]) -> None:
    """Make the ``ANCHOR`` flag hold for a capitalised token or any of the ``anchors`` flags.

    Word-list anchors are tested by one look-up in the union of their words.
    """
    texts: set[str] = set()
    lowers: set[str] = set()
    tests: list[Getter] = []
    for getter in anchors.values():
        if not isinstance(getter, WordTest):
            tests.append(getter)
        elif getter.lower:
            lowers.update(getter.words)
        else:
            texts.update(getter.words)
    text_set, lower_set = frozenset(texts), frozenset(lowers)

    def is_anchor(text: str) -> bool:
        return (
            text.istitle()
            or text in text_set
            or text.lower() in lower_set
            or any(test(text) for test in tests)
        )

    FLAGS[ANCHOR] = AnchorTest(is_anchor, anchors)


class AnchorTest:
    """The ``ANCHOR`` getter: capitalised, or any of the ``anchors`` flags (kept, so that
    :class:`FlagTable` derives the flag from their bits)."""

    __slots__ = ("anchors", "test")

    def __init__(self, test: Getter, anchors: dict[int, Getter]) -> None:
        self.test = test
        self.anchors = dict(anchors)

    def __call__(self, text: str) -> bool:
        return self.test(text)


class FlagTable:
    """All of graphkit's flags of a word in one call, for the lexemes spaCy makes.

    spaCy calls one getter per flag for every new lexeme, and graphkit's getters,
    each in Python, added about 7 us to the 10 us of a new lexeme of a blank
    pipeline (measured; 4-5 us with the table). Here the word lists are one table
    (word -> bits) and ``ANCHOR``
    is derived from the anchors' bits, so :meth:`bits` does the work once; the
    first getter spaCy calls (:meth:`leader`) puts the word in the set of each
    flag that holds, and the other getters are those sets' ``__contains__``,
    which run in compiled code. spaCy calls the getters of a new lexeme in the
    order of ``vocab.lex_attr_getters``, where :func:`register_flags` puts the
    leader first.
    """

    def __init__(self, getters: dict[int, Getter]) -> None:
        self.getters = dict(getters)
        self.ids = sorted(self.getters)
        self._lower: dict[str, int] = {}
        self._text: dict[str, int] = {}
        self._tests: list[tuple[int, Getter]] = []
        self._anchors: list[tuple[int, int]] = []
        for flag_id in self.ids:
            getter, bit = self.getters[flag_id], 1 << flag_id
            if isinstance(getter, WordTest):
                table = self._lower if getter.lower else self._text
                for word in getter.words:
                    table[word] = table.get(word, 0) | bit
            elif isinstance(getter, AnchorTest) and all(
                self.getters.get(i) is g for i, g in getter.anchors.items()
            ):
                self._anchors.append((bit, sum(1 << i for i in getter.anchors)))
            else:
                self._tests.append((bit, getter))
        self._holders = {flag_id: set() for flag_id in self.ids}
        self._held: list[set[str]] = []
        self._sets_of: dict[int, list[set[str]]] = {}

    def bits(self, text: str) -> int:
        """The bits of every flag of the table that ``text`` has."""
        bits = self._lower.get(text.lower(), 0) | self._text.get(text, 0)
        for bit, test in self._tests:
            if test(text):
                bits |= bit
        for bit, anchors in self._anchors:
            if bits & anchors or text.istitle():
                bits |= bit
        return bits

    def leader(self, text: str) -> bool:
        """The first flag's getter: compute every flag of ``text`` and leave it in the sets
        of those that hold."""
        for held in self._held:
            held.clear()
        bits = self.bits(text)
        held = self._sets_of.get(bits)
        if held is None:
            held = self._sets_of[bits] = [self._holders[i] for i in self.ids if bits >> i & 1]
        for holder in held:
            holder.add(text)
        self._held = held
        return bool(bits >> self.ids[0] & 1)

    def lex_attr_getters(self) -> dict[int, Getter]:
        """The getters to give spaCy, the leader first."""
        first, *others = self.ids
        return {first: self.leader, **{i: self._holders[i].__contains__ for i in others}}


def register_flags(vocab: Vocab) -> None:
    """Add graphkit's lexeme flags to ``vocab``: new lexemes get them as they are made
    (through a :class:`FlagTable`), and the lexemes already there are updated in one pass
    (registering again is a no-op)."""
    getters = vocab.lex_attr_getters
    leader = getters.get(FIRST_FLAG)
    table = getattr(leader, "__self__", None)
    held = table.getters if isinstance(table, FlagTable) else {}
    missing = [i for i, g in FLAGS.items() if held.get(i) is not g]
    if not missing:
        return
    table = FlagTable(FLAGS)
    mask = sum(1 << i for i in missing)
    for lexeme in vocab:
        lexeme.flags = lexeme.flags & ~mask | table.bits(lexeme.orth_) & mask
    for flag_id in table.ids:
        getters.pop(flag_id, None)
    getters.update(table.lex_attr_getters())
