"""The word lists of the extraction rules, read from ``graphkit/data/words/<name>.txt``.

Each file holds one concept, named for what it holds: one entry per line
(a word, a token or a word ending, compared as written), lines starting
with ``#`` are comments. Rules name the lists they read; a user's rule file
may name word-list files of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graphkit.errors import InputError

WORDS_DIR = Path(__file__).resolve().parents[1] / "data" / "words"
"""The folder of the built-in word lists."""


def read_words(path: Path) -> frozenset[str]:
    """The entries of one word-list file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"cannot read word list ({error.strerror or error})", str(path)) from None
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """The built-in word list ``name`` (``graphkit/data/words/<name>.txt``), read once."""
    path = WORDS_DIR / f"{name}.txt"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in WORDS_DIR.glob("*.txt")))
        raise KeyError(f"no word list {name!r}; the built-in lists are: {known}")
    return read_words(path)


def endings(name: str) -> tuple[str, ...]:
    """The word list ``name`` as a tuple, for ``str.endswith``."""
    return tuple(sorted(words(name)))


def word_lists() -> list[str]:
    """The names of the built-in word lists."""
    return sorted(p.stem for p in WORDS_DIR.glob("*.txt"))
