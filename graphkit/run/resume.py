"""The saved stream of a streamed build, which lets ``--update`` add papers in time
proportional to them.

A streamed build keeps its per-paper parts and its per-entity aggregates
(:meth:`graphkit.graph.stream.GraphStream.save`) in the hidden folder
:data:`STREAM_DIR` of the output folder, beside ``papers.index``. An update
whose new records change no earlier paper resumes that stream: only the new
papers are extracted and appended to the parts, their lines are appended to
``extractions.jsonl`` as the outputs are moved into place, and the entity parts
are written again as a new generation: the sections of the entities the new
papers touch from their aggregates (read for those entities only), the others
copied from the previous generation. The files are those of one build over every
input. The parts grow in place, but the state that says how long they are (and
which generation of entity parts goes with it) is replaced at once, so an update
that stops leaves the previous build, and its stream, as they were.

``graph.json`` and ``graph.ttl`` are not written again whole either: the build's files keep
their earlier papers' items and are cut and extended in place
(:meth:`~graphkit.graph.stream.GraphStream.extend_json`), each behind a mark in the stream's
folder that lets the next build of the folder put the previous file back after a kill
(:func:`repair_outputs`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from graphkit.errors import UsageError
from graphkit.graph.stream import GraphStream, repair_output
from graphkit.sources.dedup import Index
from graphkit.staging import tag

STREAM_DIR = ".stream"
"""The folder of a build's outputs that holds its saved stream."""


def saved_stream(folder: Path, index: Index) -> Path | None:
    """The saved stream of the build in ``folder`` when it goes with the build's
    ``extractions.jsonl`` and ``index`` (its papers before an update), else None."""
    saved = folder / STREAM_DIR
    extractions = folder / "extractions.jsonl"
    if not extractions.is_file():
        return None
    size = extractions.stat().st_size
    if GraphStream.resumable(saved, extractions_bytes=size, papers=index.count):
        return saved
    return None


def keep_stream(streamed: GraphStream, output_dir: Path) -> None:
    """Save ``streamed`` (finished, its outputs in ``output_dir``) as the build's stream,
    replacing the one there unless it is that one."""
    streamed.save((output_dir / "extractions.jsonl").stat().st_size)
    target = output_dir / STREAM_DIR
    if streamed.folder == target:
        return
    drop_stream(output_dir)
    os.replace(streamed.folder, target)


def drop_stream(output_dir: Path) -> None:
    """Remove the saved stream of ``output_dir`` (a build held in memory has none)."""
    target = output_dir / STREAM_DIR
    if target.exists():
        old = target.with_name(f"{STREAM_DIR}.old-{tag()}")
        os.replace(target, old)
        shutil.rmtree(old, ignore_errors=True)


def repair_outputs(output_dir: Path, *, update: bool) -> None:
    """Put back the ``graph.json`` and ``graph.ttl`` of ``output_dir`` that an update killed
    while extending them in place left cut (:func:`~graphkit.graph.stream.repair_output`).
    One that cannot be put back is a :class:`~graphkit.errors.UsageError` for an update, and
    is left for a build that writes every output again."""
    for name in ("graph.json", "graph.ttl"):
        try:
            repair_output(output_dir / STREAM_DIR, output_dir / name)
        except UsageError:
            if update:
                raise
