"""Extraction on every core: a pool of worker processes, each owning one spaCy pipeline.

spaCy's own ``nlp.pipe(n_process=N)`` pickles whole ``Doc`` objects back to
the parent, which costs more than the parsing it spreads out. Here each
worker builds its :class:`~graphkit.run.extractor.Extractor` once and sends back
only compact entity tuples (``Entity.to_row``); the parent keeps the papers of the batches in
flight and rebuilds the :class:`~graphkit.models.Extraction` records, in
input order. At most ``2 * workers`` batches are in flight, so memory does
not grow with the input. :func:`iter_extraction_lines` has the workers write
the ``extractions.jsonl`` lines too, for callers that only write them out,
:func:`iter_extractions_with_lines` gives both, and :func:`iter_rendered_with_lines`
has the workers also turn each record into what the caller writes (a streamed
build's sections of a paper) and send that instead of the record. :class:`ExtractionPool`
keeps the workers across inputs.
"""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing
import operator
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields
from typing import Any

from graphkit.errors import GraphkitError, InputError
from graphkit.models import Entity, EntityRow, Extraction, Paper, Result

_PAPER_FIELDS = tuple(f.name for f in fields(Paper) if f.name != "extra")
"""The paper fields sent to workers, in the order of the constructor's arguments (``extra``,
the last, may hold anything and the extractor ignores it)."""

_paper_row = operator.attrgetter(*_PAPER_FIELDS)
"""A paper as the tuple of its :data:`_PAPER_FIELDS` (a getter in C: a third of the time of a
Python loop over the names)."""

RENEW_EVERY = 200_000
"""Papers an extractor handles before it is rebuilt (see :class:`RenewingExtractor`)."""

_IN_FLIGHT_PER_WORKER = 2
"""Batches queued per worker: one being extracted, one waiting, so no worker idles."""


@dataclass(frozen=True)
class _Failure:
    """Why a worker's batch failed, as the fields of the InputError to raise in the parent."""

    reason: str
    path: str | None
    line: int | None


_PaperRows = tuple[list[EntityRow], tuple[Result, ...]]
"""A paper's entity rows and its results."""

_BatchResult = (
    list[_PaperRows]
    | list[str]
    | list[tuple[_PaperRows, str]]
    | list[tuple[Any, str]]
    | _Failure
    | str
)
"""Entity rows and results, a JSON line, both, or a rendering and the line, per paper; a paper
that failed; or why the worker has no pipeline."""

RECORDS, LINES, BOTH, RENDERED = "records", "lines", "both", "rendered"
MODES = (RECORDS, LINES, BOTH, RENDERED)
"""What a pool sends back per paper: entity records, ``extractions.jsonl`` lines, both, or
the record rendered (by a ``render`` function) and its line."""

Render = Callable[[Extraction], Any]
"""What :func:`iter_rendered_with_lines` makes of each record, in the workers: a picklable
callable; one equal to the last a worker got is not taken again, so its caches stay warm."""


def iter_extractions(
    papers: Iterable[Paper],
    *,
    workers: int = 1,
    extractor_options: dict[str, Any] | None = None,
    batch_size: int = 64,
    progress: bool = False,
    total: int | None = None,
) -> Iterator[Extraction]:
    """Yield one Extraction per paper, in input order, using ``workers`` processes.

    ``workers=1`` runs in this process; more start a pool whose workers each
    build ``Extractor(**extractor_options)`` once. ``progress`` shows a tqdm
    bar on stderr, from the first batch on so that pipeline start-up does not
    skew the rate, with an ETA when ``total`` papers are expected. A paper
    that makes the extractor fail raises InputError naming its file and line.
    """
    yield from _stream(
        papers,
        RECORDS,
        workers=workers,
        extractor_options=extractor_options,
        batch_size=batch_size,
        progress=progress,
        total=total,
    )


def iter_extraction_lines(papers: Iterable[Paper], **options: Any) -> Iterator[str]:
    """Yield the ``extractions.jsonl`` line of each paper, in input order.

    Takes the keyword arguments of :func:`iter_extractions`. The workers write
    the lines themselves: the parent only passes them on, so it takes less of
    a core away from the workers than when it rebuilds and serialises every
    record.
    """
    yield from _stream(papers, LINES, **options)


def iter_extractions_with_lines(
    papers: Iterable[Paper], **options: Any
) -> Iterator[tuple[Extraction, str]]:
    """Yield each paper's Extraction with its ``extractions.jsonl`` line, in input order.

    Takes the keyword arguments of :func:`iter_extractions`; for callers that
    keep the records and write the lines (``graphkit build``). The workers
    write the lines, as in :func:`iter_extraction_lines`.
    """
    yield from _stream(papers, BOTH, **options)


def iter_rendered_with_lines(
    papers: Iterable[Paper], render: Render, **options: Any
) -> Iterator[tuple[Any, str]]:
    """Yield ``render(extraction)`` of each paper with its ``extractions.jsonl`` line, in
    input order.

    Takes the keyword arguments of :func:`iter_extractions`. The workers render the
    records (a streamed build's text of each paper: :class:`~graphkit.graph.paper_parts.
    PaperRenderer`), so that work runs on every core and the parent gets no records to
    rebuild; with one worker it runs in this process.
    """
    yield from _stream(papers, RENDERED, render=render, **options)


def _stream(
    papers: Iterable[Paper],
    mode: str,
    *,
    workers: int = 1,
    extractor_options: dict[str, Any] | None = None,
    batch_size: int = 64,
    progress: bool = False,
    total: int | None = None,
    render: Render | None = None,
) -> Iterator[Any]:
    """The results of ``papers`` in ``mode``, in order, with an optional progress bar."""
    options = dict(extractor_options or {})
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    batches = _batches(papers, batch_size)
    if workers == 1:
        results = _in_process(batches, options, batch_size, mode, render)
    else:
        results = _in_new_pool(batches, options, batch_size, workers, mode, render)
    bar = _progress_bar(total) if progress else None
    try:
        for batch in results:
            yield from batch
            if bar is not None:
                bar.update(len(batch))
    finally:
        results.close()
        if bar is not None:
            bar.close()


def _batches(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    iterator = iter(papers)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class RenewingExtractor:
    """An Extractor that is rebuilt after every ``every`` papers, to keep memory flat, and
    whose pipeline the garbage collector does not walk.

    spaCy keeps every new string and lexeme it meets (about 12 per abstract),
    so one pipeline grows without bound on an endless stream. spaCy's
    ``memory_zone`` frees them but halves the speed (nothing is cached inside
    it); rebuilding costs a few seconds per ``every`` papers instead.

    The pipeline is some 130,000 objects that live as long as it does (vocabulary
    entries, the phrase matcher's pattern sets, word lists, spaCy's and
    graphkit's modules), and each full collection walked them all: about 0.1 s,
    four times per 3,000 abstracts, 15% of the extraction's CPU time (measured
    by ``gc.callbacks``). Once the pipeline is built, ``gc.freeze`` moves every
    object then alive out of the collector's sight; before a rebuild and on
    :meth:`close` ``gc.unfreeze`` hands them back, so the old pipeline is freed
    (a frozen object that becomes garbage in a reference cycle is never freed).
    """

    def __init__(self, options: dict[str, Any], *, every: int = RENEW_EVERY) -> None:
        self.options = dict(options)
        self.every = every
        self._extractor = self._build()
        self._count = 0

    def _build(self) -> Any:
        from graphkit.run.extractor import Extractor

        extractor = Extractor(**self.options)
        gc.collect()
        gc.freeze()
        return extractor

    def extract(self, papers: list[Paper], *, batch_size: int = 64) -> list[Extraction]:
        """Extract a batch (see :func:`extract_batch`), rebuilding the pipeline when due."""
        if self._count >= self.every:
            gc.unfreeze()
            self._extractor = None  # free the old pipeline before building the next
            self._extractor = self._build()
            self._count = 0
        self._count += len(papers)
        return extract_batch(self._extractor, papers, batch_size=batch_size)

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline of the current extractor."""
        return self._extractor.nlp

    def close(self) -> None:
        """Give the frozen objects back to the garbage collector and drop the pipeline."""
        gc.unfreeze()
        self._extractor = None


def _in_process(
    batches: Iterator[list[Paper]],
    options: dict[str, Any],
    batch_size: int,
    mode: str,
    render: Render | None = None,
) -> Iterator[list[Any]]:
    extractor = RenewingExtractor(options)
    try:
        for batch in batches:
            yield _in_mode(extractor.extract(batch, batch_size=batch_size), mode, render)
    finally:
        extractor.close()


def _in_mode(extractions: list[Extraction], mode: str, render: Render | None = None) -> list[Any]:
    """The records, their lines, both, or their renderings and lines, as ``mode`` asks."""
    if mode == LINES:
        return [extraction_line(e) for e in extractions]
    if mode == BOTH:
        return [(e, extraction_line(e)) for e in extractions]
    if mode == RENDERED:
        if render is None:
            raise ValueError("mode 'rendered' needs a render function")
        return [(render(e), extraction_line(e)) for e in extractions]
    return extractions


def extract_batch(extractor: Any, papers: list[Paper], *, batch_size: int = 64) -> list[Extraction]:
    """Extract ``papers`` with ``extractor``; a failure raises InputError naming the paper.

    When the batch fails, its papers are tried one by one to find the one
    that breaks, so the error names that paper's file and line.
    """
    try:
        return list(extractor.extract(papers, batch_size=batch_size))
    except Exception as batch_error:
        culprit, error = papers[0], batch_error
        for paper in papers:
            try:
                extractor.extract_paper(paper)
            except Exception as exc:
                culprit, error = paper, exc
                break
        raise InputError(
            f"paper {culprit.id}: extraction failed: {type(error).__name__}: {error}",
            culprit.source,
            culprit.line,
        ) from batch_error


def extraction_line(extraction: Extraction) -> str:
    """One line of ``extractions.jsonl``: the record of DESIGN.md as compact UTF-8 JSON.

    A record is a tree of fresh dicts and lists, so the encoder's check for circular
    references is skipped (8% of the encoding time, measured)."""
    return json.dumps(extraction.to_dict(), ensure_ascii=False, check_circular=False) + "\n"


def _in_new_pool(
    batches: Iterator[list[Paper]],
    options: dict[str, Any],
    batch_size: int,
    workers: int,
    mode: str,
    render: Render | None = None,
) -> Iterator[list[Any]]:
    with ExtractionPool(workers, extractor_options=options, batch_size=batch_size) as pool:
        yield from pool.map_batches(batches, mode=mode, render=render)


class ExtractionPool:
    """Worker processes that each own one pipeline, kept across inputs.

    :func:`iter_extractions` starts one per call; hold one yourself to
    extract several inputs without paying the pipeline start-up (seconds per
    worker) each time. Workers are spawn-started, ignore Ctrl-C (the parent
    stops them) and are stopped by :meth:`close` or on leaving a ``with``.
    """

    def __init__(
        self,
        workers: int,
        *,
        extractor_options: dict[str, Any] | None = None,
        batch_size: int = 64,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        self.workers = workers
        self.batch_size = batch_size
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(dict(extractor_options or {}), batch_size),
        )

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline of the current extractor."""
        return self._extractor.nlp

    def close(self) -> None:
        """Stop the workers, dropping the batches not yet started."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def extract(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        """Yield one Extraction per paper, in input order."""
        for batch in self.map_batches(_batches(papers, self.batch_size)):
            yield from batch

    def lines(self, papers: Iterable[Paper]) -> Iterator[str]:
        """Yield the ``extractions.jsonl`` line of each paper, made in the workers, in order."""
        for batch in self.map_batches(_batches(papers, self.batch_size), mode=LINES):
            yield from batch

    def map_batches(
        self, batches: Iterable[list[Paper]], *, mode: str = RECORDS, render: Render | None = None
    ) -> Iterator[list[Any]]:
        """Extract each batch on the workers, at most ``2 * workers`` at a time, in order.

        Each batch gives its Extractions (``mode`` ``"records"``), their JSON
        lines (``"lines"``), (Extraction, line) pairs (``"both"``) or
        (``render(extraction)``, line) pairs (``"rendered"``).
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if (mode == RENDERED) != (render is not None):
            raise ValueError("a render function goes with mode 'rendered', and only with it")
        pending: deque[tuple[list[Paper], Future]] = deque()
        limit = self.workers * _IN_FLIGHT_PER_WORKER
        try:
            for batch in batches:
                rows = list(map(_paper_row, batch))
                pending.append((batch, self._pool.submit(_work, rows, mode, render)))
                if len(pending) >= limit:
                    yield _collect(*pending.popleft(), mode)
            while pending:
                yield _collect(*pending.popleft(), mode)
        finally:
            for _, future in pending:
                future.cancel()


def _collect(batch: list[Paper], future: Future, mode: str) -> list[Any]:
    try:
        rows = future.result()
    except BrokenProcessPool as exc:
        raise GraphkitError(
            f"an extraction worker died unexpectedly ({exc}); if this runs from a script, "
            'check that the code that starts workers is under `if __name__ == "__main__":` '
            "(each worker imports the script again)"
        ) from exc
    return _rebuild(batch, rows, mode)


def _rebuild(batch: list[Paper], rows: _BatchResult, mode: str) -> list[Any]:
    """Pair each paper with its entities (and line), or take the lines; or raise the
    worker's failure."""
    if isinstance(rows, str):
        raise GraphkitError(rows)
    if isinstance(rows, _Failure):
        raise InputError(rows.reason, rows.path, rows.line)
    if mode in (LINES, RENDERED):
        return rows
    if mode == BOTH:
        return [
            (_extraction(paper, paper_rows), line)
            for paper, (paper_rows, line) in zip(batch, rows, strict=True)
        ]
    return [_extraction(paper, paper_rows) for paper, paper_rows in zip(batch, rows, strict=True)]


def _extraction(paper: Paper, rows: _PaperRows) -> Extraction:
    """The Extraction of a paper from its entity rows and results, as a worker sent them."""
    entity_rows, results = rows
    return Extraction(
        paper=paper, entities=[Entity.from_row(r) for r in entity_rows], results=list(results)
    )


_worker_state: dict[str, Any] = {}


def _init_worker(options: dict[str, Any], batch_size: int) -> None:
    """Build this worker's pipeline once; leave Ctrl-C to the parent, which stops the pool.

    A pipeline that cannot be built (a bad vocabulary file, say) is kept as a
    message that every batch returns, so the parent reports it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state["batch_size"] = batch_size
    try:
        _worker_state["extractor"] = RenewingExtractor(options)
    except Exception as exc:
        _worker_state["error"] = str(exc) if isinstance(exc, GraphkitError) else repr(exc)


def _work(rows: list[tuple[Any, ...]], mode: str, render: Render | None = None) -> _BatchResult:
    """Extract one batch in a worker and send back what ``mode`` asks; the first paper that
    fails stops the batch, sent back as its file and line."""
    if "error" in _worker_state:
        return str(_worker_state["error"])
    papers = [Paper(*row) for row in rows]
    try:
        extractions = _worker_state["extractor"].extract(
            papers, batch_size=_worker_state["batch_size"]
        )
    except InputError as exc:
        return _Failure(exc.reason, exc.path, exc.line)
    if mode in (LINES, RENDERED):
        if render is not None:
            if render != _worker_state.get("render"):
                _worker_state["render"] = render
            render = _worker_state["render"]
        return _in_mode(extractions, mode, render)
    records = [
        ([e.to_row() for e in extraction.entities], tuple(extraction.results))
        for extraction in extractions
    ]
    if mode == BOTH:
        return list(zip(records, [extraction_line(e) for e in extractions], strict=True))
    return records


def _progress_bar(total: int | None) -> Any:
    """The bar of an extraction, started with it: its rate is papers over the time since the
    start (no smoothing), the rate the command's summary prints."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit=" papers",
        desc="extract",
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0,
    )
