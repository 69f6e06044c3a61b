"""Paper readers: one module per input format, format detection and de-duplication.

``read_papers`` is the entry point: it reads any mix of Daily Papers listings,
JSON / JSON Lines, arXiv Atom feeds, CSV/TSV and BibTeX files, and yields each
distinct paper once, in order of first occurrence, with the fields of its later
records merged in.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from graphkit.errors import InputError, UnknownFormatError, UsageError
from graphkit.models import Paper
from graphkit.sources.atom import read_atom
from graphkit.sources.base import Context, ReadStats
from graphkit.sources.bibtex import read_bibtex
from graphkit.sources.csvfile import read_csv
from graphkit.sources.dedup import Index, merge
from graphkit.sources.detect import ALIASES, FORMATS, check_start, detect_format, format_name
from graphkit.sources.jsonfile import read_json, read_jsonl
from graphkit.sources.listing import read_listing

__all__ = [
    "ALIASES",
    "FORMATS",
    "ReadStats",
    "detect_format",
    "expand_paths",
    "first_papers",
    "read_papers",
]

log = logging.getLogger("graphkit.sources")

READERS: dict[str, Callable[[Context], Iterator[Paper]]] = {
    "listing": read_listing,
    "json": read_json,
    "jsonl": read_jsonl,
    "atom": read_atom,
    "csv": read_csv,
    "tsv": partial(read_csv, tab=True),
    "bibtex": read_bibtex,
}


STDIN = "-"
"""The input name that stands for standard input."""

STDIN_NAME = "<stdin>"
"""How messages name standard input."""


class _Input(NamedTuple):
    """One input file: its path, whether it was found in a folder, and its name in messages."""

    path: Path
    in_folder: bool = False
    name: str | None = None


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Return the input files: each path as given, a folder replaced by the visible files
    under it, subfolders included, in name order. A path that does not exist is an
    :class:`InputError`."""
    return [found.path for found in _input_files(paths, stdin=None)]


def _input_files(paths: Iterable[str | Path], stdin: Path | None) -> list[_Input]:
    """The files of :func:`expand_paths`; ``-`` stands for standard input, copied to
    ``stdin`` (read twice, like every input)."""
    files: list[_Input] = []
    for item in paths:
        path = Path(item)
        if str(item) == STDIN and stdin is not None:
            files.append(_Input(_spool_stdin(stdin), name=STDIN_NAME))
        elif path.is_dir():
            files.extend(_Input(found, True) for found in _folder_files(path))
        elif path.exists():
            files.append(_Input(path))
        else:
            raise InputError("no such file or folder", str(path))
    return files


def _spool_stdin(target: Path) -> Path:
    """Copy standard input into ``target`` once; return it."""
    if not target.exists():
        with target.open("wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle, 1 << 20)
    return target


def _folder_files(folder: Path) -> list[Path]:
    """The visible files under ``folder`` and its visible subfolders, in order of their
    relative paths; symbolic links to folders are not followed."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root)
        found.extend(base / n for n in names if not n.startswith(".") and (base / n).is_file())
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_papers(
    paths: Iterable[str | Path],
    *,
    format: str | None = None,
    on_error: str = "raise",
    stats: ReadStats | None = None,
    index: Index | None = None,
    updates: dict[int, Paper] | None = None,
) -> Iterator[Paper]:
    """Yield the distinct papers of ``paths`` lazily, in order of first occurrence.

    ``index`` continues the de-duplication index of earlier inputs (and is left
    holding these too): papers met there are not yielded again, and their later
    records, merged, go into ``updates`` by ordinal before the first paper is yielded.

    ``format`` forces one reader for every file (default: detected per file).
    ``on_error="raise"`` stops at the first bad record with an
    :class:`~graphkit.errors.InputError` naming file and line; ``"skip"`` logs it,
    counts it in ``stats.skipped`` and goes on. A malformed JSON array, XML or
    CSV document cannot be resynchronised: the rest of that file is skipped.

    De-duplication merges fields: the first record of a paper fixes its id and
    position, and later records fill what it lacks (abstract, date, author
    count, authors, url, arXiv id, DOI). To yield merged papers without holding
    them in memory, the inputs are read twice: a first pass records which
    records are first occurrences (one byte each), keeps a compact key index and
    the metadata of duplicates only; the second pass streams the papers again and
    yields each first occurrence with its merge applied. Errors surface during
    the first pass, before any paper is yielded.
    """
    if on_error not in ("raise", "skip"):
        raise UsageError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    forced = format_name(format) if format else None
    paths = list(paths)
    for item in paths:
        if str(item) != STDIN and not Path(item).exists():
            raise InputError("no such file or folder", str(item))
    return _read(
        paths, forced, on_error, stats if stats is not None else ReadStats(), index, updates
    )


def first_papers(
    papers: Iterator[Paper],
    paths: Sequence[str | os.PathLike[str]],
    stats: ReadStats,
    *,
    allow_empty: bool = False,
) -> Iterator[Paper] | None:
    """Read the first paper of ``papers``, so that bad input fails before any output is made.

    Return an iterator over all of them, or None when there are none and
    ``allow_empty`` says that is fine. An input without papers is otherwise an
    :class:`InputError`: an empty corpus would replace earlier outputs with an
    empty graph.
    """
    first = next(papers, None)
    if first is not None:
        return itertools.chain([first], papers)
    if allow_empty:
        return None
    where = str(paths[0]) if len(paths) == 1 else f"{paths[0]} and {len(paths) - 1} more inputs"
    raise InputError(
        f"no papers ({stats.files} files read, {stats.skipped} records skipped, "
        f"{stats.ignored} files ignored); nothing was written (--allow-empty writes empty "
        "outputs)",
        where,
    )


def _read(
    paths: list[str | Path],
    forced: str | None,
    on_error: str,
    stats: ReadStats,
    index: Index | None,
    updates: dict[int, Paper] | None,
) -> Iterator[Paper]:
    """:func:`read_papers`, with standard input kept in a temporary file while it runs."""
    with tempfile.TemporaryDirectory(prefix="graphkit-stdin-") as spool:
        files = _input_files(paths, Path(spool) / "stdin")
        plan = _formats(files, forced, on_error, stats)
        yield from _passes(plan, on_error, stats, Index() if index is None else index, updates)


def _passes(
    plan: list[tuple[_Input, str]],
    on_error: str,
    stats: ReadStats,
    index: Index,
    updates: dict[int, Paper] | None,
) -> Iterator[Paper]:
    """Read the planned files twice: to index them and merge duplicates, then to yield the
    papers (those not in ``index`` before; the later records of those go to ``updates``)."""
    start = index.count
    firsts = bytearray()
    later: dict[int, Paper] = {}
    conflicts: dict[int, list[Paper]] = {}
    for paper in _records(plan, on_error, stats):
        ordinal, first, conflict = index.add(paper)
        firsts.append(first)
        stats.records += 1
        if not first:
            stats.duplicates += 1
            log.debug(
                "%s:%s duplicates an earlier record of %s", paper.source, paper.line, paper.id
            )
            later[ordinal] = merge(later[ordinal], paper) if ordinal in later else paper
        if conflict:
            stats.conflicts += 1
            conflicts.setdefault(ordinal, []).append(paper)
    stats.distinct = index.count - start
    del index
    for ordinal in [o for o in later if o < start]:
        for other in conflicts.pop(ordinal, ()):
            log.warning(
                "%s:%s: id %s is also the id of an earlier paper with another title; merged "
                "into it",
                other.source,
                other.line,
                other.id,
            )
        if updates is not None:
            updates[ordinal] = later.pop(ordinal)
    ordinal = start
    for number, paper in enumerate(_records(plan, on_error, None)):
        if not firsts[number]:
            continue
        extra = later.pop(ordinal, None)
        for other in conflicts.pop(ordinal, ()):
            _warn_conflict(paper, other)
        ordinal += 1
        stats.papers += 1
        yield merge(paper, extra) if extra is not None else paper


def _warn_conflict(first: Paper, other: Paper) -> None:
    """Warn that ``other`` carries the id of ``first`` with another title (and is merged in)."""
    log.warning(
        "%s:%s: id %s is also the id of %s:%s with another title; merged into the first "
        "(first title: %r; this title: %r)",
        other.source,
        other.line,
        first.id,
        first.source,
        first.line,
        first.title,
        other.title,
    )


def _formats(
    files: list[_Input], forced: str | None, on_error: str, stats: ReadStats
) -> list[tuple[_Input, str]]:
    """Tell the format of every file once, before reading.

    An empty file is left out with a warning. A file found in a folder whose
    format cannot be told (a stray README, a ``.txt`` file that is no listing)
    is left out with a warning and counted in ``stats.ignored``; a file named
    as an input must be readable.
    """
    plan: list[tuple[_Input, str]] = []
    for found in files:
        path, in_folder, name = found
        try:
            kind = _format(path, forced, in_folder, name)
        except InputError as exc:
            if in_folder and isinstance(exc, UnknownFormatError):
                log.warning("ignored %s: %s", path, exc.reason)
                stats.ignored += 1
                continue
            if on_error == "raise":
                raise
            log.warning("skipped the file: %s", exc)
            stats.files += 1
            stats.skipped += 1
            stats.errors.append(str(exc))
            continue
        if kind is None:
            log.warning("%s: empty file, no papers", name or path)
            stats.files += 1
            continue
        log.info("reading %s as %s", name or path, kind)
        plan.append((found, kind))
    return plan


def _format(path: Path, forced: str | None, in_folder: bool, name: str | None) -> str | None:
    """The format of one file (None when empty); errors name it by ``name`` when given."""
    try:
        if forced:
            check_start(path)
            return forced
        return detect_format(path, in_folder=in_folder)
    except InputError as exc:
        if name is None:
            raise
        raise InputError(exc.reason, name, exc.line) from exc


def _records(
    plan: list[tuple[_Input, str]], on_error: str, stats: ReadStats | None
) -> Iterator[Paper]:
    """Yield every good record of every file; count and report only when ``stats`` is given."""
    for (path, _, name), kind in plan:
        ctx = Context(path, on_error=on_error, stats=stats, name=name)
        if stats is not None:
            stats.files += 1
        try:
            count = 0
            for paper in READERS[kind](ctx):
                count += 1
                yield paper
            if count == 0 and stats is not None:
                log.warning("%s: no papers found", ctx.name)
        except InputError as exc:
            if on_error == "raise":
                raise
            if stats is not None:
                log.warning("skipped the rest of the file: %s", exc)
                stats.skipped += 1
                stats.errors.append(str(exc))
