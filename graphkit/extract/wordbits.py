"""Word bits: a word's lexeme flags and, above them, the word classes the walkers ask about.

A walker reads the words around an anchor; testing sets of strings for each
would cost more than the rules. Each word's bits are computed once, from its
lexeme flags (bits 0-63) and the word classes below, whose bits are handed
out in order of definition from 64 up: a class is one ``word_class`` line
naming its word list.
"""

from __future__ import annotations

from itertools import count

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
from spacy.vocab import Vocab

from graphkit.extract import flags
from graphkit.extract.lexicon import EVALUATIVE, GENERIC_METHOD_HEADS, GENERIC_WORDS, head_type
from graphkit.extract.vocab import name_modifiers
from graphkit.extract.words import endings, words

KNOWN_WORDS = 100_000
"""How many words' bits a ``WordBits`` keeps."""

TITLE_BIT = 1 << IS_TITLE
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
VERB_BIT = 1 << flags.VERB
DATASET_WORD = 1 << flags.DATASET_HEAD
"""A dataset head word ("dataset", "benchmark", ...)."""

_bits = (1 << n for n in count(64))
WORD_CLASSES: list[tuple[int, frozenset[str]]] = []
"""The bit of each word class tested on a word's lower case, with its words."""
TEXT_CLASSES: list[tuple[int, frozenset[str]]] = []
"""The bit of each token class tested on a word's text as written, with its tokens."""


def word_classes(*names: str, exact: bool = False) -> tuple[int, ...]:
    """Hand out the next bits to the classes of the word lists ``names`` (tested on a word's
    lower case, or on its text as written when ``exact``)."""
    table = TEXT_CLASSES if exact else WORD_CLASSES
    bits = tuple(next(_bits) for _ in names)
    table.extend((bit, words(name)) for bit, name in zip(bits, names, strict=True))
    return bits


def computed() -> int:
    """Hand out the next bit to a class ``word_bits`` computes."""
    return next(_bits)


(
    METHOD_WORD, ON_WORD, ON_VERB, LIST_JOINER, HYPHEN_SUFFIX, WEAK_TASK, CUE_BEFORE, CUE_AFTER,
    EVALUATIVE_WORD, GENERIC_WORD, NOT_PHRASE_WORD, TITLE_BREAK, PROPOSE_STOP, PROPOSE_SKIP,
    NAMED_DATASET, SPLITS_TITLE, TASK_NOUN, LIST_OPENER,
) = word_classes(
    "method_heads", "on_words", "on_verbs", "list_joiners", "hyphen_suffixes", "weak_task_heads",
    "task_cues_before", "task_cues_after", "evaluative", "generic_words", "not_phrase_words",
    "title_breaks", "propose_stops", "propose_skips", "named_dataset_heads", "title_splitters",
    "task_nouns", "list_introducers",
)  # fmt: skip
"""The classes of the lower-case word lists the walkers ask about, named for their lists."""

JOINER, TAIL, HYPHEN, DASH, CLAUSE_END, NOT_NAME, APPOSITION_WORD, QUOTE = word_classes(
    "joiners", "tails", "hyphens", "dashes", "clause_ends", "not_names", "apposition_words",
    "quotes", exact=True,
)  # fmt: skip
"""The classes of the token lists, tested on the text as written."""

NOT_MODIFIER = computed()
"""The word cannot modify a head word: a stop word, a name, a verb, an evaluative or generic
word, or an adverb in "-ly"."""
ALNUM_START = computed()
"""A token that starts with a letter or digit."""
PART = computed()
"""A token that can be part of a name: it starts with a letter or digit and is no URL."""
NOT_PHRASE_PART = computed()
"""A token that cannot be part of a title phrase: no letter first, a known non-name or an
organisation or place word."""
SIZED = computed()
"""A word ending in a digit and "k" or "m": the size of a dataset ("Haze4k", "1M")."""
PLURAL = computed()
"""A word whose lower case ends in "s"."""
HEAD_WORD = computed()
"""A word that suggests a span label (``head_type``)."""
TASK_PART = computed()
"""A lower-case content word that can be part of a task name."""
DESCRIBING = computed()
"""A word that describes rather than names: an evaluative word, or a lower-case word with a
describing adjective's ending ("advanced", "subsequent", "inexpensive") that the vocabulary's
names do not use as a modifier (as they use "masked" or "recurrent")."""

CLASS_WORDS = frozenset().union(*(listed for _, listed in WORD_CLASSES))
CLASS_TEXTS = frozenset().union(*(listed for _, listed in TEXT_CLASSES))
SIZE_SUFFIXES = endings("size_suffixes")
DESCRIBING_ENDINGS = endings("describing_endings")
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
        for bit, listed in WORD_CLASSES:
            if lower in listed:
                bits |= bit
    if text in CLASS_TEXTS:
        for bit, listed in TEXT_CLASSES:
            if text in listed:
                bits |= bit
    if bits & NOT_MODIFIER_FLAGS or lower in NOT_MODIFIER_WORDS or lower.endswith("ly"):
        bits |= NOT_MODIFIER
    if text[:1].isalnum():
        bits |= ALNUM_START if bits & URL_BIT else ALNUM_START | PART
    if not text[:1].isalpha() or bits & (NOT_NAME | NOT_PHRASE_WORD):
        bits |= NOT_PHRASE_PART
    if lower.endswith(SIZE_SUFFIXES) and len(lower) >= 2 and lower[-2].isdigit():
        bits |= SIZED
    if lower.endswith("s"):
        bits |= PLURAL
    if head_type(lower):
        bits |= HEAD_WORD
    if lower in EVALUATIVE or (
        lower.endswith(DESCRIBING_ENDINGS) and bits & LOWER_BIT and lower not in name_modifiers()
    ):
        bits |= DESCRIBING
    if bits & (ALPHA_BIT | LOWER_BIT) == ALPHA_BIT | LOWER_BIT and not bits & (
        STOP_BIT | EVALUATIVE_WORD | GENERIC_WORD | TASK_NOUN | VERB_BIT
    ):
        bits |= TASK_PART
    return bits


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
