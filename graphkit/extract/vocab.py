"""Vocabularies of known names: reading, merging, spelling variants and lookup.

A vocabulary file is UTF-8 tab-separated text with a header row naming the
columns ``name``, ``type`` (required), ``aliases`` (``|``-separated),
``vocab_id``, ``url`` and ``match`` (optional). ``match`` says how a name may
match text: ``exact`` (same case), ``lower`` (any case) or ``auto`` (the
default: a one-word name with a capital letter matches in its own case, any
other name in any case). The curated files in ``graphkit/data/vocab`` are
loaded first; entries of user files replace built-in entries of the same type
and folded name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graphkit.atomic import atomic_write
from graphkit.errors import InputError
from graphkit.keys import fold
from graphkit.types import TYPES

VOCAB_DIR = Path(__file__).resolve().parents[1] / "data" / "vocab"
"""Where the curated vocabulary files live inside the package."""

_WITH_VOCABULARY = [t for t in TYPES if t.vocabulary is not None]

BUILTIN_FILES: tuple[Path, ...] = tuple(t.vocabulary for t in _WITH_VOCABULARY if t.vocabulary)
"""The vocabulary file of each type that has one (type registry), loaded in this order."""

VOCAB_TYPES: tuple[str, ...] = tuple(t.name for t in _WITH_VOCABULARY)
"""The entity types a vocabulary can hold: those with a vocabulary file (repos come from URL
rules)."""

COLUMNS: tuple[str, ...] = ("name", "type", "aliases", "vocab_id", "url", "match")
"""The columns of a vocabulary file, in the order graphkit writes them."""

REQUIRED_COLUMNS: tuple[str, ...] = ("name", "type")
MATCH_POLICIES: tuple[str, ...] = ("auto", "exact", "lower")

EXACT = "ORTH"
ANY_CASE = "LOWER"

_WS = re.compile(r"\s+")
_LETTERS_DIGITS = re.compile(r"^(.*[A-Za-z]{2})(\d+[A-Za-z]?)$")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_ACRONYM_OR_CAMEL = re.compile(r"^[A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class VocabEntry:
    """One known thing: its canonical name, type, other spellings and match policy."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    vocab_id: str = ""
    url: str = ""
    match: str = "auto"

    @property
    def kb_id(self) -> str:
        """The identifier spans carry: the vocabulary id, else the canonical name."""
        return self.vocab_id or self.name

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Pattern:
    """One phrase to match, the token attribute to match it on, and its entry."""

    text: str
    attr: str
    entry: int


@dataclass
class Vocabulary:
    """Entries of all types, indexed by type and folded spelling."""

    entries: list[VocabEntry] = field(default_factory=list)
    _index: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _names: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def add(self, entry: VocabEntry) -> None:
        """Add ``entry``; it replaces an entry of the same type and folded name.

        A spelling already taken by another entry of the type stays with that
        entry for lookup.
        """
        name_key = (entry.type, fold(entry.name))
        position = self._names.get(name_key)
        if position is None:
            position = len(self.entries)
            self.entries.append(entry)
            self._names[name_key] = position
        else:
            self.entries[position] = entry
        self._index[name_key] = position
        for form in entry.forms:
            for text, _ in variants(form, entry):
                key = (entry.type, fold(text))
                if key[1]:
                    self._index.setdefault(key, position)

    def lookup(self, type: str, text: str) -> VocabEntry | None:
        """Return the entry of ``type`` whose name, alias or variant folds like ``text``."""
        position = self._index.get((type.lower(), fold(text)))
        return None if position is None else self.entries[position]

    def patterns(self) -> Iterator[Pattern]:
        """Yield every spelling to match, once per type, attribute and text."""
        seen: set[tuple[str, str, str]] = set()
        for position, entry in enumerate(self.entries):
            for form in entry.forms:
                for text, attr in variants(form, entry):
                    key = (entry.type, attr, text.lower() if attr == ANY_CASE else text)
                    if key not in seen:
                        seen.add(key)
                        yield Pattern(text, attr, position)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[VocabEntry]:
        return iter(self.entries)


def match_attr(form: str, policy: str) -> str:
    """Return the token attribute a form matches on under ``policy``."""
    if policy == "exact":
        return EXACT
    if policy == "lower":
        return ANY_CASE
    one_word = not _WS.search(form)
    return EXACT if one_word and any(c.isupper() for c in form) else ANY_CASE


def plural(word: str) -> str:
    """Return the English plural of a lower-case word."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def singular(word: str) -> str | None:
    """Return the singular of a plural lower-case word, or None if it is not plural."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(sses|xes|ches|shes)$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return None


def variants(form: str, entry: VocabEntry) -> list[tuple[str, str]]:
    """Return the spellings of ``form`` to match, each with its token attribute.

    Hyphens become spaces or vanish ("CIFAR-10" also as "CIFAR10" and
    "CIFAR 10"), letters followed by digits gain a hyphen ("CIFAR10" also as
    "CIFAR-10"), case-free names gain their plural or singular, acronyms
    and CamelCase method names gain an "s" ("CNNs"), mixed-case method names of
    letters also match in title case ("Llama" for "LLaMA"; the gazetteer keeps that
    spelling only before a version or size), and distinctive names
    also match in any case ("gsm8k" for "GSM8K").
    """
    attr = match_attr(form, entry.match)
    spellings = [form]
    if _HYPHEN.search(form):
        spellings += [_HYPHEN.sub(" ", form), _HYPHEN.sub("", form)]
    if attr == EXACT and sum(c.isupper() for c in form) >= 2 and not form.isupper():
        spellings.append(form.upper())
        if entry.type == "method" and form.isalpha():
            spellings.append(form.title())
    words = form.split(" ")
    joined = _LETTERS_DIGITS.match(words[-1])
    if joined and "-" not in words[-1]:
        head = " ".join([*words[:-1], joined.group(1)])
        spellings += [f"{head}-{joined.group(2)}", f"{head} {joined.group(2)}"]
    result: list[tuple[str, str]] = []
    for spelling in spellings:
        result.append((spelling, attr))
        if attr == EXACT and distinctive(spelling):
            result.append((spelling, ANY_CASE))
        last = spelling.rsplit(" ", 1)[-1]
        if attr == ANY_CASE and last.isalpha():
            stem = spelling[: len(spelling) - len(last)]
            lowered = last.lower()
            other = singular(lowered) if lowered.endswith("s") else None
            result.append((stem + (other or plural(lowered)), attr))
        elif attr == EXACT and entry.type == "method" and _ACRONYM_OR_CAMEL.match(last):
            result.append((spelling + "s", attr))
    return list(dict.fromkeys(result))


def distinctive(form: str) -> bool:
    """True for a one-word name with digits and at least three letters ("GSM8K",
    "imagenet-1k"): no ordinary word resembles it in any case."""
    letters = sum(c.isalpha() for c in form)
    return " " not in form and any(c.isdigit() for c in form) and letters >= 3


def read_vocab_file(path: str | os.PathLike[str]) -> list[VocabEntry]:
    """Read one vocabulary file; raise InputError naming the file and line when it is bad."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read vocabulary file: {exc.strerror}", where) from exc
    entries: list[VocabEntry] = []
    header: list[str] = []
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        try:
            line = line_bytes.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason})", where, number) from exc
        if number == 1:
            header = _read_header(line.lstrip("\ufeff"), where)
            continue
        if not line.strip():
            continue
        entries.append(_read_row(line, header, where, number))
    if not header:
        raise InputError("empty vocabulary file: a header row is required", where, 1)
    return entries


def write_vocab_file(path: str | os.PathLike[str], entries: Iterable[VocabEntry]) -> None:
    """Write ``entries`` as a vocabulary file that :func:`read_vocab_file` reads back equal."""
    rows = ["\t".join(COLUMNS)]
    for e in entries:
        rows.append("\t".join((e.name, e.type, "|".join(e.aliases), e.vocab_id, e.url, e.match)))
    with atomic_write(Path(path)) as handle:
        handle.write("\n".join(rows) + "\n")


def _read_header(line: str, where: str) -> list[str]:
    header = [c.strip().lower() for c in line.split("\t")]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(
            f"header lacks column(s) {', '.join(missing)}; expected tab-separated "
            f"columns {', '.join(COLUMNS)}",
            where,
            1,
        )
    return header


def _read_row(line: str, header: list[str], where: str, number: int) -> VocabEntry:
    cells = line.split("\t")
    if len(cells) != len(header):
        raise InputError(
            f"expected {len(header)} tab-separated fields, found {len(cells)}", where, number
        )
    row = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
    name = _WS.sub(" ", row["name"])
    if not name:
        raise InputError("empty name", where, number)
    etype = row["type"].lower()
    if etype not in VOCAB_TYPES:
        raise InputError(
            f"unknown type {row['type']!r}; expected one of {', '.join(VOCAB_TYPES)}",
            where,
            number,
        )
    match = (row.get("match") or "auto").lower()
    if match not in MATCH_POLICIES:
        raise InputError(
            f"unknown match policy {row['match']!r}; expected one of {', '.join(MATCH_POLICIES)}",
            where,
            number,
        )
    aliases = tuple(
        dict.fromkeys(
            _WS.sub(" ", a.strip())
            for a in (row.get("aliases") or "").split("|")
            if a.strip() and a.strip() != name
        )
    )
    return VocabEntry(
        name=name,
        type=etype,
        aliases=aliases,
        vocab_id=row.get("vocab_id", ""),
        url=row.get("url", ""),
        match=match,
    )


EXCLUDE_FILE = VOCAB_DIR / "curation" / "exclude.tsv"
"""Umbrella terms and generic words that are never entities (one per line after a header)."""


def excluded_terms(path: str | os.PathLike[str] = EXCLUDE_FILE) -> frozenset[str]:
    """Return the folded terms of an exclusion list (first tab-separated column)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()[1:]
    return frozenset(fold(t) for line in lines if (t := line.split("\t")[0].strip()))


def builtin_paths() -> list[Path]:
    """Return the curated vocabulary files shipped with graphkit."""
    return list(BUILTIN_FILES)


_CACHE: dict[tuple, Vocabulary] = {}


def load_vocabulary(
    extra_paths: Iterable[str | os.PathLike[str]] = (), *, builtin: bool = True
) -> Vocabulary:
    """Load the curated vocabulary plus the user's files, once per process.

    The result is cached by file names, sizes and modification times, so
    every pipeline built in a process shares one parsed vocabulary.
    """
    paths = [*(builtin_paths() if builtin else []), *(Path(p) for p in extra_paths)]
    key = tuple(_file_key(p) for p in paths)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    vocabulary = Vocabulary()
    for path in paths:
        for entry in read_vocab_file(path):
            vocabulary.add(entry)
    _CACHE[key] = vocabulary
    return vocabulary


NAME_MODIFIER_NAMES = 3
"""In how many built-in names a word must modify a later word to count as part of names."""


@cache
def name_modifiers() -> frozenset[str]:
    """The lower-case words that modify a later word in at least ``NAME_MODIFIER_NAMES``
    names of the built-in vocabulary ("masked", "gated", "recurrent"): words that classify
    a thing rather than describe it."""
    counts: dict[str, int] = {}
    for entry in load_vocabulary():
        words = {w for form in entry.forms for w in _HYPHEN.sub(" ", form.lower()).split()[:-1]}
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= NAME_MODIFIER_NAMES)


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read vocabulary file: {exc.strerror}", str(path)) from exc
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
