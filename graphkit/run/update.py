"""Incremental builds: add new inputs to the build in a folder, as if built together.

``graphkit build NEW... -o DIR --update`` must leave the files that one build
over the earlier inputs and NEW (in that order) leaves. Every build therefore
also writes ``papers.index``: the de-duplication index of its inputs (which ids
and titles it has met, and which paper each belongs to) and the size of the
``extractions.jsonl`` it goes with. An update continues that index over the new
inputs, so a paper met before is recognised by id or title exactly as one
reading of all inputs would; its new fields are merged into the earlier record
and, when they change it, the paper is extracted again in its old place. Only
new papers are extracted otherwise: the earlier papers come back from
``extractions.jsonl``, whose lines are kept as they are.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from graphkit.errors import InputError, UsageError
from graphkit.models import Extraction, Paper
from graphkit.sources.dedup import Index, merge

INDEX_FILE = "papers.index"
"""The file of a build folder that holds its de-duplication index."""

_MAGIC = b"graphkit papers.index 1\n"

_Extracted = tuple[Extraction, str | None]

_COMPARED = ("abstract", "date", "authors", "author_count", "url", "arxiv_id", "doi")
"""The paper fields a later record can change (those :func:`merge` fills)."""


def write_index(index: Index, extractions_bytes: int, path: Path) -> None:
    """Write ``index`` to ``path`` with the size of the ``extractions.jsonl`` it belongs to."""
    header = {"papers": index.count, "extractions_bytes": extractions_bytes}
    with path.open("wb") as handle:
        handle.write(_MAGIC)
        handle.write(json.dumps(header, sort_keys=True).encode("ascii") + b"\n")
        index.dump(handle)


def has_build(folder: Path) -> bool:
    """True when ``folder`` holds outputs of a build (an update then adds to them)."""
    return (folder / INDEX_FILE).exists() or (folder / "extractions.jsonl").exists()


def read_index(folder: Path) -> Index:
    """The index of the build in ``folder``; UsageError when there is none or it does not
    belong to the ``extractions.jsonl`` beside it (an update stopped while moving files)."""
    path = folder / INDEX_FILE
    extractions = folder / "extractions.jsonl"
    if not path.is_file() or not extractions.is_file():
        raise UsageError(
            f"{folder} holds no build to update (no {INDEX_FILE} and extractions.jsonl): "
            "build it without --update first"
        )
    with path.open("rb") as handle:
        if handle.readline() != _MAGIC:
            raise InputError(f"not a {INDEX_FILE} of this graphkit version", str(path))
        try:
            header = json.loads(handle.readline())
            index = Index.load(handle)
        except (ValueError, EOFError) as exc:
            raise InputError(f"damaged {INDEX_FILE}: {exc}", str(path)) from exc
    if (
        header.get("extractions_bytes") != extractions.stat().st_size
        or header.get("papers") != index.count
    ):
        raise UsageError(
            f"{path} does not match {extractions} (an update was stopped while it replaced "
            "the outputs): build the folder again without --update"
        )
    return index


def changed_papers(extractions: Path, updates: dict[int, Paper]) -> list[tuple[int, Paper]]:
    """The earlier papers whose records the new inputs change, merged, in their order.

    ``updates`` holds, by ordinal, the later records of papers that were in the
    build already, merged among themselves.
    """
    if not updates:
        return []
    changed = []
    for ordinal, line in _lines(extractions):
        later = updates.get(ordinal)
        if later is None:
            continue
        paper = Extraction.from_dict(json.loads(line)).paper
        merged = merge(paper, later)
        if any(getattr(merged, f) != getattr(paper, f) for f in _COMPARED):
            changed.append((ordinal, merged))
    return changed


def updated_extractions(
    folder: Path,
    new: Iterator[Paper],
    updates: dict[int, Paper],
    extract: Callable[[Iterator[Paper]], Iterator[_Extracted]],
    timed: Callable[[Iterator[_Extracted]], Iterator[_Extracted]] = iter,
) -> Iterator[_Extracted]:
    """Every extraction of the updated build, in order: the earlier ones (changed papers
    extracted again), then those of the ``new`` papers.

    ``extract`` turns papers into extractions with their lines (it is not called
    when there are none); the changed papers go through it first, in the same
    stream as the new ones. ``timed`` wraps the stream of earlier extractions (to
    time it as a phase of its own).
    """
    source = folder / "extractions.jsonl"
    changed = changed_papers(source, updates)
    pending = itertools.chain((paper for _, paper in changed), new)
    first = next(pending, None)
    extracted = iter(()) if first is None else extract(itertools.chain([first], pending))
    replaced = {ordinal: next(extracted) for ordinal, _ in changed}
    yield from timed(_earlier(source, replaced))
    yield from extracted


def _earlier(source: Path, replaced: dict[int, _Extracted]) -> Iterator[_Extracted]:
    """The extractions of the lines of ``source``, those of ``replaced`` ordinals replaced."""
    for ordinal, line in _lines(source):
        found = replaced.get(ordinal)
        if found is not None:
            yield found
            continue
        try:
            yield Extraction.from_dict(json.loads(line)), line
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"bad extraction record: {exc}", str(source), ordinal + 1) from exc


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of ``path`` with their ordinals (from 0)."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        yield from enumerate(handle)
