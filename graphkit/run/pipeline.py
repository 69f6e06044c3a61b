"""The main job: read papers, extract their entities, build the graph and write every output.

``run_build`` returns a :class:`BuildSummary` for the command line;
``build`` returns just the :class:`~graphkit.graph.KnowledgeGraph`.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graphkit.atomic import WRITE_ERRNOS, folder_error
from graphkit.errors import OutputError, UsageError
from graphkit.forked import Forked
from graphkit.graph import KnowledgeGraph
from graphkit.models import Extraction, Paper
from graphkit.run.update import (
    INDEX_FILE,
    has_build,
    read_index,
    updated_extractions,
    write_index,
)
from graphkit.sources import ReadStats, first_papers, read_papers
from graphkit.sources.dedup import Index
from graphkit.staging import remove_stale, tag

OUTPUT_FILES: tuple[str, ...] = ("extractions.jsonl", "graph.json", "graph.ttl", "graph.html")
"""What ``build`` writes into the output folder, in the order it writes them."""

ADDED_LINES = "extractions.added"
"""The file of the staging folder of a resumed update that holds the new lines of
``extractions.jsonl``: they are appended to the build's file as the outputs are moved into
place, instead of a copy of the whole file being extended."""

if TYPE_CHECKING:
    from graphkit.graph.paper_parts import PaperParts
    from graphkit.graph.stream import GraphStream

log = logging.getLogger("graphkit.build")

_Extracted = tuple["Extraction | PaperParts", str | None]
"""An extraction (or, in a streamed build, the paper's sections rendered from it) and its
``extractions.jsonl`` line, when its source made one."""

STAGING_PREFIX = ".build-"
"""The name of the hidden folder in the output folder that a build writes into first."""

PHASE_NAMES = {"graph": "settling the graph", "stream": "saving the stream"}
"""What each phase after extraction is called when it starts (else "writing <phase>")."""

FORK_ENTITIES = 100_000
"""Fewest entities of a streamed build that writes its outputs in several processes (its
``workers``; see :func:`_write_streamed`): below, forking costs about what it saves."""

FREEZE_EVERY = 2000
"""Papers merged between two moves of the live objects out of the garbage collector's sight."""

STREAM_PAPERS = 200_000
"""Builds of at least this many papers (an update's included) stream by default: they write
their outputs from per-paper parts and per-entity aggregates and hold no graph. Below it the
graph held in memory is the faster path and fits (about 5 GB at this size)."""

POOL_PAPERS = 5000
"""Fewest papers a build extracts with a pool of workers: with fewer (a day's update), starting
the workers and loading a pipeline in each costs more than the pool saves, so they are
extracted in the build's own process (docs/performance.md measures the crossover). The
output is the same either way."""


@dataclass
class BuildSummary:
    """What one build read, found and wrote, and the seconds each phase took.

    ``phases`` holds ``read``, ``extract`` (or ``shards`` when merging a sharded
    extraction), ``earlier`` (an update's reading of the build it adds to),
    ``graph`` (merging and settling), one entry per output file and, for a streamed build,
    ``stream`` (loading and saving its saved stream). A streamed build
    holds no graph: ``graph`` is None.
    """

    graph: KnowledgeGraph | None
    read: ReadStats
    stats: dict[str, Any]
    seconds: float
    outputs: list[Path] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    workers: int = 1
    """The processes that extracted the papers (see :func:`extraction_workers`)."""


class _Clock:
    """Seconds spent per phase, summed over every stretch of work timed for it.

    Once ``announce`` is set (after extraction), each phase is told as it
    starts: on stderr when ``loud`` (the progress bar's place), else in the log at
    INFO level (``-v``), so that a long build is never silent.
    """

    def __init__(self, *, loud: bool = False) -> None:
        self.phases: dict[str, float] = {}
        self.announce = False
        self.loud = loud
        self._told: set[str] = set()

    @contextlib.contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        if self.announce and phase not in self._told:
            self._told.add(phase)
            self._tell(PHASE_NAMES.get(phase, f"writing {phase}"))
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(phase, time.perf_counter() - started)

    def _tell(self, what: str) -> None:
        if self.loud:
            print(f"graphkit: {what} ...", file=sys.stderr, flush=True)
        else:
            log.info("%s ...", what)

    def add(self, phase: str, seconds: float) -> None:
        self.phases[phase] = self.phases.get(phase, 0.0) + seconds

    def timed(self, phase: str, items: Iterable[Any]) -> Iterator[Any]:
        """Pass ``items`` on, counting the time spent producing each as ``phase``."""
        iterator = iter(items)
        while True:
            with self(phase):
                item = next(iterator, _END)
            if item is _END:
                return
            yield item


_END = object()


def sample_paths() -> list[Path]:
    """Return the bundled sample corpus: the five Daily Papers listings, in name order."""
    folder = resources.files("graphkit") / "data" / "sample"
    return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".txt"))


def build(inputs: Iterable[str | os.PathLike[str]] | None = None, **options: Any) -> KnowledgeGraph:
    """Build the knowledge graph of ``inputs`` (default: the bundled sample).

    With ``output_dir``, also write ``extractions.jsonl``, ``graph.json``,
    ``graph.ttl`` and ``graph.html`` there. The options are those of :func:`run_build`,
    except that the build is held in memory (``stream=False``) to return the graph.
    """
    if options.get("stream"):
        raise UsageError("a streamed build holds no graph to return: call run_build")
    graph = run_build(inputs, **{**options, "stream": False}).graph
    assert graph is not None
    return graph


def run_build(
    inputs: Iterable[str | os.PathLike[str]] | None = None,
    *,
    output_dir: str | os.PathLike[str] | None = None,
    format: str | None = None,
    on_error: str = "raise",
    workers: int = 1,
    extra_vocab: Sequence[str] = (),
    rules: Sequence[str] = (),
    progress: bool = False,
    top: int | None = None,
    batch_size: int = 64,
    name: str = "graphkit",
    allow_empty: bool = False,
    update: bool = False,
    store: str | os.PathLike[str] | None = None,
    stream: bool | None = None,
    pool_papers: int = POOL_PAPERS,
    fork_entities: int = FORK_ENTITIES,
) -> BuildSummary:
    """Read, extract, build the graph and (with ``output_dir``) write the outputs.

    ``format`` and ``on_error`` go to :func:`graphkit.sources.read_papers`;
    ``workers`` (at most; see :func:`extraction_workers` and ``pool_papers``),
    ``extra_vocab``, ``rules`` and ``batch_size`` to the extraction;
    ``progress`` shows a bar on stderr; ``top`` limits the entities drawn in
    ``graph.html``. Inputs that are sharded output folders of
    :func:`graphkit.run.cluster.extract_dask` (with ``manifest.json``) are merged
    shard by shard instead of extracted again; they cannot be mixed with paper
    files. Inputs without papers are an :class:`~graphkit.errors.InputError` unless
    ``allow_empty``. The outputs are first written into a hidden folder beside
    them and moved into place only when all are complete, so an error or
    Ctrl-C leaves the previous outputs as they were. ``phases`` of the summary
    says where the time went. ``update`` adds the papers of ``inputs`` to the
    build in ``output_dir`` (see :mod:`graphkit.run.update`): the outputs are
    those of one build over the earlier inputs and these. ``store`` also bulk-loads the
    graph's RDF into a persistent Oxigraph store in that folder, replaced whole (an update
    loads it again), with the papers' order (:func:`graphkit.export.store.write_build_store`).
    ``stream`` writes the outputs from per-paper parts and per-entity aggregates
    (:mod:`graphkit.graph.stream`) instead of a graph in memory, so that memory does not
    grow with the corpus; the files are the same, ``graph.html`` of a large graph aside
    (:mod:`graphkit.export.stream_view`). None (the default) streams builds of at least
    :data:`STREAM_PAPERS` papers; one of at least ``fork_entities`` entities writes its
    outputs in up to ``workers`` processes (:func:`_write_streamed`).
    """
    from graphkit.run.cluster import is_sharded

    if workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    if top is not None and top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    if update and output_dir is None:
        raise UsageError("an update needs the folder of the build it adds to")
    if stream and output_dir is None:
        raise UsageError("a streamed build writes its outputs: give output_dir too")
    if store is not None:
        if output_dir is None:
            raise UsageError("a store is written with the outputs: give output_dir too")
        from graphkit.export.store import check_store_target

        check_store_target(store)
    started = time.perf_counter()
    if output_dir is not None:
        from graphkit.run.resume import repair_outputs

        repair_outputs(Path(output_dir), update=update)
    paths = list(inputs) if inputs is not None else sample_paths()
    clock = _Clock(loud=progress)
    read = ReadStats()
    outputs: list[Path] = []
    index: Index | None = None
    resume: Path | None = None
    processes = 1
    if paths and all(is_sharded(p) for p in paths):
        if update:
            raise UsageError("sharded extractions cannot update a build")
        if format is not None or extra_vocab or rules:
            raise UsageError("format, vocabularies and rules do not apply to sharded extractions")
        extractions = _from_shards(paths, read, clock)
    else:
        if any(is_sharded(p) for p in paths):
            raise UsageError("sharded extractions cannot be mixed with paper files")
        earlier = Path(output_dir) if update and has_build(Path(output_dir)) else None
        index = read_index(earlier) if earlier is not None else Index()
        saved = None
        if earlier is not None and stream is not False:
            from graphkit.run.resume import saved_stream

            saved = saved_stream(earlier, index)
        extractions, resumed, processes = _extracted(
            paths,
            read,
            clock,
            format=format,
            on_error=on_error,
            workers=workers,
            pool_papers=pool_papers,
            extractor_options={
                "extra_vocab": tuple(str(v) for v in extra_vocab),
                "rules": tuple(str(r) for r in rules),
            },
            batch_size=batch_size,
            progress=progress,
            allow_empty=allow_empty,
            index=index,
            earlier=earlier,
            resumable=partial(_streams, stream, output_dir, index) if saved else None,
            streams=partial(_streams, stream, output_dir, index),
        )
        if resumed:
            stream, resume = True, saved
    if _streams(stream, output_dir, index):
        with _staging(output_dir) as staging, _collector_paused() as settle:
            assert staging is not None
            streamed = _stream(extractions, staging, index, clock, settle, name=name, resume=resume)
            clock.announce = True
            outputs = _write_streamed(
                streamed,
                staging,
                Path(output_dir),
                top=top,
                title=name,
                clock=clock,
                store=store,
                processes=workers if streamed.stats()["entities"] >= fork_entities else 1,
            )
            from graphkit.run.resume import keep_stream

            with clock("stream"):
                keep_stream(streamed, Path(output_dir))
        return BuildSummary(
            graph=None,
            read=read,
            stats=streamed.stats(),
            seconds=time.perf_counter() - started,
            outputs=outputs,
            phases=clock.phases,
            workers=processes,
        )
    kg = KnowledgeGraph(name=name)
    with _staging(output_dir) as staging, _collector_paused() as settle:
        with closing(extractions):
            if staging is None:
                _merge(kg, extractions, None, clock, settle)
            else:
                with open(staging / "extractions.jsonl", "w", encoding="utf-8", newline="\n") as fh:
                    _merge(kg, extractions, fh, clock, settle)
                if index is not None:
                    size = (staging / "extractions.jsonl").stat().st_size
                    write_index(index, size, staging / INDEX_FILE)
        clock.announce = True
        with clock("graph"):
            stats = kg.stats()
        settle()
        if staging is not None:
            outputs = _write_graph(kg, staging, Path(output_dir), top=top, title=name, clock=clock)
            from graphkit.run.resume import drop_stream

            drop_stream(Path(output_dir))
            if store is not None:
                from graphkit.export.store import write_build_store

                with clock("store"):
                    write_build_store(kg.graph, store, name=name)
                outputs.append(Path(store))
    return BuildSummary(
        graph=kg,
        read=read,
        stats=stats,
        seconds=time.perf_counter() - started,
        outputs=outputs,
        phases=clock.phases,
        workers=processes,
    )


def extraction_workers(workers: int, papers: int, *, pool_papers: int = POOL_PAPERS) -> int:
    """The processes that extract ``papers`` papers when ``workers`` are allowed: one (the
    build's own) when there are fewer than ``pool_papers``, else ``workers``."""
    return 1 if papers < pool_papers else workers


def _streams(
    stream: bool | None, output_dir: str | os.PathLike[str] | None, index: Index | None
) -> bool:
    """Whether a build streams: as ``stream`` says, or by default (None) when it writes
    its outputs and has at least :data:`STREAM_PAPERS` papers (read so far)."""
    if stream is not None:
        return stream
    return output_dir is not None and index is not None and index.count >= STREAM_PAPERS


def _extracted(
    paths: list[Any],
    read: ReadStats,
    clock: _Clock,
    *,
    format: str | None,
    on_error: str,
    workers: int,
    pool_papers: int,
    extractor_options: dict[str, Any],
    batch_size: int,
    progress: bool,
    allow_empty: bool,
    index: Index,
    earlier: Path | None,
    resumable: Callable[[], bool] | None = None,
    streams: Callable[[], bool] = bool,
) -> tuple[Iterator[_Extracted], bool, int]:
    """Read and extract the papers of ``paths``, timing reading and extraction apart.

    The first paper is read at once, so that bad or empty input fails before
    any output folder is made. With ``earlier`` (a build folder), the papers
    are added to the build there: ``index`` holds its papers, and the result is
    every extraction of the updated build; but when the new records change no
    earlier paper and ``resumable()`` says the build's saved stream is to be
    resumed, only the new papers' extractions, and True with them. When ``streams()``
    says the build streams (asked as extraction starts), the extraction workers render each
    paper's sections and they come in the extraction's place. Last comes the number of
    processes that extract (:func:`extraction_workers` of the papers to extract).
    """
    updates: dict[int, Paper] = {}
    papers = clock.timed(
        "read",
        read_papers(
            paths, format=format, on_error=on_error, stats=read, index=index, updates=updates
        ),
    )
    found = first_papers(papers, paths, read, allow_empty=allow_empty or earlier is not None)
    if earlier is not None and found is None and not (read.records or allow_empty):
        first_papers(iter(()), paths, read)
    extracted = (read.distinct or 0) + len(updates)
    processes = extraction_workers(workers, extracted, pool_papers=pool_papers)

    def extract(papers: Iterator[Paper]) -> Iterator[_Extracted]:
        return _extracting(
            papers,
            read,
            clock,
            workers=processes,
            extractor_options=extractor_options,
            batch_size=batch_size,
            progress=progress,
            streams=streams,
        )

    resumed = earlier is not None and not updates and resumable is not None and resumable()
    if earlier is not None and not resumed:
        earlier_timed = partial(clock.timed, "earlier")
        new = found or iter(())
        extractions = updated_extractions(earlier, new, updates, extract, earlier_timed)
        return extractions, False, processes
    if found is None:
        return (extraction for extraction in ()), resumed, processes
    return extract(found), resumed, processes


def _extracting(
    papers: Iterator[Paper],
    read: ReadStats,
    clock: _Clock,
    *,
    workers: int,
    extractor_options: dict[str, Any],
    batch_size: int,
    progress: bool,
    streams: Callable[[], bool] = bool,
) -> Iterator[_Extracted]:
    """Extract ``papers`` with their lines, made by the workers, and for a build that
    ``streams()`` the papers' sections (:class:`~graphkit.graph.paper_parts.PaperParts`) in
    the extractions' place, rendered by the workers too; time spent reading them is taken
    out of the extraction time."""
    from graphkit.run.parallel import iter_extractions_with_lines, iter_rendered_with_lines

    before = clock.phases["read"]
    options: dict[str, Any] = {
        "workers": workers,
        "extractor_options": extractor_options,
        "batch_size": batch_size,
        "progress": progress,
        "total": read.distinct,
    }
    if streams():
        from graphkit.graph.paper_parts import PaperRenderer

        extractions = iter_rendered_with_lines(papers, PaperRenderer(), **options)
    else:
        extractions = iter_extractions_with_lines(papers, **options)
    with closing(extractions):
        yield from clock.timed("extract", extractions)
    clock.add("extract", before - clock.phases["read"])


def _from_shards(paths: list[Any], read: ReadStats, clock: _Clock) -> Iterator[_Extracted]:
    """The extractions of sharded output folders (``graphkit extract --engine dask``), in order,
    without lines."""
    from graphkit.run.cluster import read_shards, shard_count

    for path in paths:
        read.files += shard_count(path)
        for extraction in clock.timed("shards", read_shards(path)):
            read.records += 1
            read.papers += 1
            yield extraction, None


def _merge(
    kg: KnowledgeGraph,
    extractions: Iterable[_Extracted],
    handle: IO[str] | None,
    clock: _Clock,
    settle: Callable[[], None],
) -> None:
    """Merge each extraction into the graph, writing its line to ``extractions.jsonl`` if
    given (made here when the source gave none)."""
    from graphkit.run.parallel import extraction_line

    for count, (extraction, line) in enumerate(extractions, 1):
        if handle is not None:
            with clock("extractions.jsonl"):
                handle.write(extraction_line(extraction) if line is None else line)
        with clock("graph"):
            kg.add_papers((extraction,))
        if count % FREEZE_EVERY == 0:
            settle()


@contextlib.contextmanager
def _collector_paused() -> Iterator[Callable[[], None]]:
    """Yield a function that hides the objects alive now from the cyclic garbage collector.

    The graph of a large corpus is tens of millions of long-lived objects, and
    every full collection walks all of them: on 20,000 papers that was over
    half of the time spent merging and settling the graph. Calling the yielded
    function every few thousand papers (``gc.freeze``) keeps collections to the
    objects made since; everything is handed back to the collector on exit. A
    process that froze objects itself is left alone.
    """
    if gc.get_freeze_count():
        yield lambda: None
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _stream(
    extractions: Iterator[_Extracted],
    staging: Path,
    index: Index | None,
    clock: _Clock,
    settle: Callable[[], None],
    *,
    name: str,
    resume: Path | None = None,
) -> GraphStream:
    """Stream each extraction into the parts of the outputs, writing its line to
    ``extractions.jsonl`` (and the index beside it); with ``resume`` (a build's saved
    stream), add them to that stream, their lines to :data:`ADDED_LINES` (see
    :func:`_move_outputs`)."""
    from graphkit.export.stream_view import view_stream
    from graphkit.run.parallel import extraction_line

    earlier = 0
    if resume is None:
        path = staging / "extractions.jsonl"
        streamed = view_stream(staging / "parts", name=name)
    else:
        path = staging / ADDED_LINES
        with clock("stream"):
            streamed = view_stream(resume, name=name, resume=True)
        earlier = (resume.parent / "extractions.jsonl").stat().st_size
    with closing(extractions), open(path, "w", encoding="utf-8", newline="\n") as handle:
        for count, (extraction, line) in enumerate(extractions, 1):
            with clock("extractions.jsonl"):
                handle.write(extraction_line(extraction) if line is None else line)
            with clock("graph"):
                streamed.add(extraction)
            if count % FREEZE_EVERY == 0:
                settle()
    if index is not None:
        write_index(index, earlier + path.stat().st_size, staging / INDEX_FILE)
    return streamed


def _write_streamed(
    streamed: GraphStream,
    staging: Path,
    output_dir: Path,
    *,
    top: int | None,
    title: str,
    clock: _Clock,
    store: str | os.PathLike[str] | None,
    processes: int = 1,
) -> list[Path]:
    """Write the graph files of a streamed build into ``staging`` (and the store), then move
    every output into ``output_dir``. With ``processes`` above one, a new stream's entity
    sections are written in up to that many processes, and ``graph.html`` in a process of
    its own while ``graph.json`` and ``graph.ttl`` are written (or brought up to date).

    A resumed update whose build's ``graph.json`` and ``graph.ttl`` keep their earlier
    papers' items (:meth:`~graphkit.graph.stream.GraphStream.json_kept`, ``turtle_kept``)
    brings those files up to date in place just before the moves, and puts them back if
    they fail (:meth:`~graphkit.graph.stream.GraphStream.extend_json`)."""
    from graphkit.export.stream_view import chosen, write_stream_html
    from graphkit.graph.stream import restore_output

    keep = chosen(streamed, top)
    added = staging / ADDED_LINES
    if not keep and added.exists():
        with clock("extractions.jsonl"):
            shutil.copyfile(output_dir / "extractions.jsonl", staging / "extractions.jsonl")
            _append(added, staging / "extractions.jsonl")
    with clock("graph"):
        streamed.write_entities(keep, processes=processes)
    json_path, turtle = output_dir / "graph.json", output_dir / "graph.ttl"
    in_place = [
        path
        for path, kept in ((json_path, streamed.json_kept), (turtle, streamed.turtle_kept))
        if kept(path)
    ]
    html = staging / "graph.html"
    extractions = staging / "extractions.jsonl"
    size = None if extractions.exists() else _final_size(staging, output_dir)

    def view() -> dict[str, Any]:
        """Write ``graph.html``; return where the papers' items start in the parts, found for
        it, for the stream to keep."""
        write_stream_html(streamed, extractions, html, top=top, title=title, extractions_bytes=size)
        return streamed.paper_starts()

    drawing = Forked("writing graph.html", view) if processes > 1 else contextlib.nullcontext()
    with drawing as drawn:
        if json_path not in in_place:
            with clock("graph.json"):
                streamed.write_json(staging / "graph.json")
        if turtle not in in_place:
            with clock("graph.ttl"):
                streamed.write_turtle(staging / "graph.ttl", turtle)
        try:
            for path in in_place:
                with clock(path.name):
                    extend = streamed.extend_json if path == json_path else streamed.extend_turtle
                    extend(path)
            with clock("graph.html"):
                streamed.keep_paper_starts(view() if drawn is None else drawn.result())
            moved = _move_outputs(staging, output_dir)
        except BaseException:
            for path in in_place:
                restore_output(streamed.folder, path)
            raise
    if store is not None:
        from pyoxigraph import RdfFormat

        from graphkit.export.store import load_build_store

        with clock("store"):
            turtle = output_dir / "graph.ttl"
            papers = streamed.paper_iris()
            load_build_store(store, turtle, papers, name=title, format=RdfFormat.TURTLE)
        moved.append(Path(store))
    return moved


def _write_graph(
    kg: KnowledgeGraph,
    staging: Path,
    output_dir: Path,
    *,
    top: int | None,
    title: str,
    clock: _Clock,
) -> list[Path]:
    """Write the graph files into ``staging``, then move every output into ``output_dir``."""
    from graphkit.export.html import write_html
    from graphkit.export.rdf import write_rdf

    with clock("graph"):
        graph = kg.graph
    with clock("graph.json"):
        kg.save(staging / "graph.json")
    with clock("graph.ttl"):
        write_rdf(graph, staging / "graph.ttl")
    with clock("graph.html"):
        write_html(graph, staging / "graph.html", top=top, title=title)
    return _move_outputs(staging, output_dir)


def _move_outputs(staging: Path, output_dir: Path) -> list[Path]:
    """Move every output from ``staging`` into ``output_dir``; return where they went.

    The new lines of a resumed update (:data:`ADDED_LINES`, when ``staging`` holds no whole
    ``extractions.jsonl``) are appended to the build's file first: until then the previous
    build is as it was, and an append that fails or is interrupted is cut off again. Like a
    process killed between two of the moves, one killed during the append leaves
    ``papers.index`` naming another size of ``extractions.jsonl``, which an update refuses.
    An output ``staging`` lacks (brought up to date in place) is where it goes."""
    moved = []
    for name in (*OUTPUT_FILES, INDEX_FILE):
        source, target = staging / name, output_dir / name
        if name == OUTPUT_FILES[0] and not source.exists():
            _append(staging / ADDED_LINES, target)
        elif source.exists():
            os.replace(source, target)
        elif name == INDEX_FILE:
            continue
        moved.append(target)
    return moved


def _final_size(staging: Path, output_dir: Path) -> int:
    """The size ``extractions.jsonl`` in ``output_dir`` takes when the lines in ``staging``
    (:data:`ADDED_LINES`) are appended to it."""
    return (output_dir / OUTPUT_FILES[0]).stat().st_size + (staging / ADDED_LINES).stat().st_size


def _append(lines: Path, target: Path) -> None:
    """Append the bytes of ``lines`` to ``target``; on any error cut ``target`` back."""
    size = target.stat().st_size
    try:
        with lines.open("rb") as source, target.open("ab") as out:
            shutil.copyfileobj(source, out)
    except BaseException:
        os.truncate(target, size)
        raise


@contextlib.contextmanager
def _staging(output_dir: str | os.PathLike[str] | None) -> Iterator[Path | None]:
    """A hidden folder inside ``output_dir`` for outputs in progress, removed at the end.

    Staging folders that killed runs left are removed first. An output folder
    that cannot be made or written (a file in the way, no
    permission, a full disk) is an :class:`~graphkit.errors.OutputError` naming it.
    """
    if output_dir is None:
        yield None
        return
    target = Path(output_dir)
    if target.exists() and not target.is_dir():
        raise OutputError(target, "it exists and is not a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
        remove_stale(target, STAGING_PREFIX)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX + tag(), dir=target))
    except OSError as exc:
        raise folder_error(target, exc) from exc
    try:
        yield staging
    except OSError as exc:
        if exc.errno in WRITE_ERRNOS:
            raise OutputError.of(target, exc) from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
