"""A file cache of the words the tokenizer splits the gazetteer's pattern texts into.

Splitting some 46,000 spellings is most of what is left of building the pipeline, and every
extracting command and worker pays it again for the same vocabulary. The words are kept in
``$XDG_CACHE_HOME/graphkit`` (``~/.cache/graphkit`` when unset), in a file named by a
fingerprint of the texts themselves (so of the built-in and user vocabulary files), the
tokenizer's settings and the spaCy version: any change makes a new name. A file that does
not hold words of its texts is ignored; only the ``KEPT_FILES`` files used last are kept. A
cache that cannot be read or written is passed over: the words are then split as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

import spacy

from graphkit.atomic import atomic_write
from graphkit.errors import OutputError

Words = tuple[str, ...]

KEPT_FILES = 8
"""How many word files the cache holds: the most recently used (one per vocabulary set,
about 1 MB with the built-in one)."""


def cache_dir() -> Path:
    """The folder of graphkit's cache files."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "graphkit"


def cache_path(texts: list[str], settings: bytes, folder: Path | None = None) -> Path:
    """The file of the words of ``texts`` split by a tokenizer of ``settings``."""
    digest = hashlib.sha256(spacy.__version__.encode())
    digest.update(hashlib.sha256(settings).digest())
    digest.update("\n".join(texts).encode("utf-8"))
    return (folder or cache_dir()) / f"pattern-words-{digest.hexdigest()[:32]}.json"


def read_words(path: Path, texts: list[str]) -> list[Words] | None:
    """The words kept in ``path`` for ``texts``, or None when missing or not theirs."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, list) or len(kept) != len(texts):
        return None
    words = []
    for text, split in zip(texts, kept, strict=True):
        if not (isinstance(split, list) and all(isinstance(w, str) for w in split)):
            return None
        if "".join(split) != "".join(text.split()):
            return None
        words.append(tuple(split))
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when older files are removed
    return words


def write_words(path: Path, words: list[Words]) -> None:
    """Keep ``words`` in ``path``; a folder that cannot be written is passed over."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as handle:
            json.dump([list(w) for w in words], handle, ensure_ascii=False, separators=(",", ":"))
        files = sorted(path.parent.glob("pattern-words-*.json"), key=_used, reverse=True)
        for old in files[KEPT_FILES:]:
            old.unlink(missing_ok=True)
    except (OSError, OutputError):
        return


def _used(path: Path) -> tuple[int, str]:
    """When ``path`` was last used, and its name for files used at the same time."""
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name
