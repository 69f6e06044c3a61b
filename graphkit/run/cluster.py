"""Extraction on a Dask cluster: papers cut into shards, each extracted by one Dask task.

The client reads the inputs (reading is cheap; de-duplication needs one
view of all ids), cuts the papers into contiguous shards and submits each
shard as a ``dask.distributed`` future, a few per worker at a time, so the
client's memory holds only the shards in flight. Each task extracts its
papers with the worker's cached :class:`~graphkit.run.extractor.Extractor` and
writes, into the output directory (shared storage on a real cluster):

- ``extractions-NNNNN.jsonl``: the lines ``graphkit extract`` writes for
  those papers; the shards in order are byte for byte the single-process
  output;
- ``graph-NNNNN.nt``: the shard's graph as N-Triples for bulk loading into a
  triple store. Entity counts (``gk:paperCount``) are left out, since they
  only hold for the whole corpus.

A ``manifest.json`` lists the shards once all are written. Shards are
written into a hidden staging directory and moved into place at the end,
so an error or Ctrl-C leaves the output directory as it was.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graphkit.atomic import atomic_write
from graphkit.errors import GraphkitError, InputError
from graphkit.export import namespaces as ns
from graphkit.models import Extraction, Paper
from graphkit.run.parallel import RenewingExtractor, extraction_line

SHARD_PAPERS = 5000
"""Papers per shard when the number of shards is not given."""

MANIFEST = "manifest.json"
JSONL_PATTERN = "extractions-*.jsonl"
NT_PATTERN = "graph-*.nt"

_PAPER_COUNT = f" <{ns.GK}paperCount> "
"""The predicate of the corpus-wide entity counts that shards leave out."""


@dataclass(frozen=True)
class Shard:
    """One written shard: its index, paper count and file names (relative to the directory)."""

    index: int
    papers: int
    jsonl: str
    ntriples: str | None = None
    triples: int = 0


@dataclass
class ShardedOutput:
    """What :func:`extract_dask` wrote: the shards in input order and the paper total."""

    directory: str
    papers: int = 0
    shards: list[Shard] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The manifest record."""
        return {
            "papers": self.papers,
            "shards": [asdict(s) for s in self.shards],
        }


def extract_dask(
    inputs: Iterable[str | Path],
    output_dir: str | Path,
    *,
    scheduler: Any = None,
    shards: int | None = None,
    extractor_options: dict[str, Any] | None = None,
    format: str | None = None,
    on_error: str = "raise",
    batch_size: int = 64,
    workers: int | None = None,
    ntriples: bool = True,
    progress: bool = False,
) -> ShardedOutput:
    """Extract the papers of ``inputs`` on a Dask cluster into shards in ``output_dir``.

    ``scheduler`` is a scheduler address (``tcp://host:8786``), a
    ``distributed.Client``, or None for a LocalCluster of ``workers``
    processes. ``shards`` is the number of shards (default: one per
    ``SHARD_PAPERS`` papers, at least one per worker).
    """
    from graphkit.sources import read_papers

    inputs = [str(p) for p in inputs]
    options = dict(extractor_options or {})
    total = sum(1 for _ in read_papers(inputs, format=format, on_error=on_error))
    target = Path(output_dir)
    with _connect(scheduler, workers) as client:
        cores = max(1, sum(client.nthreads().values()))
        count = shards or max(cores, math.ceil(total / SHARD_PAPERS))
        size = max(1, math.ceil(total / count))
        papers = read_papers(inputs, format=format, on_error=on_error)
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
        try:
            written = list(
                _run_shards(
                    client,
                    _chunks(papers, size),
                    staging,
                    options,
                    batch_size,
                    ntriples,
                    cores,
                    total if progress else None,
                )
            )
            result = _publish(target, staging, written)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return result


def is_sharded(path: str | Path) -> bool:
    """True when ``path`` is a folder written by :func:`extract_dask` (it holds a manifest)."""
    return (Path(path) / MANIFEST).is_file()


def _manifest_shards(directory: str | Path) -> list[dict[str, Any]]:
    """The shard records of a sharded output folder's manifest."""
    manifest = Path(directory) / MANIFEST
    if not manifest.is_file():
        raise InputError("no manifest.json: not a finished sharded output", str(directory))
    try:
        shards = json.loads(manifest.read_text(encoding="utf-8"))["shards"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a manifest of shards: {exc}", str(manifest)) from exc
    if not isinstance(shards, list):
        raise InputError("not a manifest of shards: 'shards' is not a list", str(manifest))
    return shards


def shard_count(directory: str | Path) -> int:
    """The number of shards a sharded output folder holds."""
    return len(_manifest_shards(directory))


def read_shards(directory: str | Path) -> Iterator[Extraction]:
    """Yield the extractions of a sharded output directory, in input order (via its manifest)."""
    for shard in _manifest_shards(directory):
        path = Path(directory) / shard["jsonl"]
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    yield Extraction.from_dict(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    raise InputError(f"bad extraction record: {exc}", str(path), number) from exc


@contextmanager
def _connect(scheduler: Any, workers: int | None) -> Iterator[Any]:
    """A Client: ``scheduler`` itself, connected to its address, or on a LocalCluster we own."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler:
        with _quiet_distributed(), Client(scheduler) as client:
            yield client
        return
    with (
        _quiet_distributed(),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextmanager
def _quiet_distributed() -> Iterator[None]:
    """Raise Dask's loggers to warnings unless graphkit logs at INFO (``-v``), then restore them.

    ``distributed`` logs every start, connection and close of the scheduler, nannies and client
    at INFO (about 30 lines a run); without ``-v`` graphkit prints warnings and errors only.
    """
    if logging.getLogger("graphkit").isEnabledFor(logging.INFO):
        yield
        return
    names = ["distributed"] + [
        name for name in logging.root.manager.loggerDict if name.startswith("distributed.")
    ]
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        if logger.getEffectiveLevel() < logging.WARNING:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    batch: list[Paper] = []
    for paper in papers:
        batch.append(paper)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_shards(
    client: Any,
    chunks: Iterator[list[Paper]],
    staging: Path,
    options: dict[str, Any],
    batch_size: int,
    ntriples: bool,
    cores: int,
    total: int | None,
) -> Iterator[Shard]:
    """Submit one task per shard, keeping ``2 * cores`` in flight; yield shards in order."""
    from distributed import wait

    bar = _bar(total)
    pending: list[Any] = []
    try:
        for index, chunk in enumerate(chunks):
            pending.append(
                client.submit(
                    _extract_shard,
                    index,
                    chunk,
                    str(staging),
                    options,
                    batch_size,
                    ntriples,
                    pure=False,
                )
            )
            if sum(not f.done() for f in pending) >= 2 * cores:
                wait(pending, return_when="FIRST_COMPLETED")
            while pending and pending[0].done():
                yield _finished(pending.pop(0), bar)
        while pending:
            yield _finished(pending.pop(0), bar)
    finally:
        for future in pending:
            future.cancel()
        if bar is not None:
            bar.close()


def _finished(future: Any, bar: Any) -> Shard:
    shard = future.result()
    if bar is not None:
        bar.update(shard.papers)
    return shard


def _bar(total: int | None) -> Any:
    if total is None:
        return None
    import sys

    from tqdm import tqdm

    return tqdm(total=total, unit=" papers", desc="extract (dask)", file=sys.stderr, smoothing=0)


def _publish(target: Path, staging: Path, shards: list[Shard]) -> ShardedOutput:
    """Replace the shards of an earlier run with the new ones, then write the manifest."""
    (target / MANIFEST).unlink(missing_ok=True)
    for pattern in (JSONL_PATTERN, NT_PATTERN):
        for old in target.glob(pattern):
            old.unlink()
    for shard in shards:
        for name in (shard.jsonl, shard.ntriples):
            if name:
                (staging / name).replace(target / name)
    result = ShardedOutput(str(target), sum(s.papers for s in shards), shards)
    with atomic_write(target / MANIFEST) as handle:
        json.dump(result.to_dict(), handle, indent=2)
        handle.write("\n")
    return result


_EXTRACTORS: dict[str, Any] = {}
"""Each worker process's extractors, by their options, built on first use."""


def _extract_shard(
    index: int,
    papers: list[Paper],
    staging: str,
    options: dict[str, Any],
    batch_size: int,
    ntriples: bool,
) -> Shard:
    """The Dask task: extract one shard and write its JSONL (and N-Triples) files.

    A bad paper is re-raised as a GraphkitError carrying the whole message, which
    survives the trip back to the client (InputError's fields would not).
    """
    key = json.dumps(options, sort_keys=True, default=str)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        extractor = _EXTRACTORS[key] = RenewingExtractor(options)
    extractions: list[Extraction] = []
    try:
        for start in range(0, len(papers), batch_size):
            batch = papers[start : start + batch_size]
            extractions += extractor.extract(batch, batch_size=batch_size)
    except InputError as exc:
        raise GraphkitError(str(exc)) from None
    jsonl = f"extractions-{index:05d}.jsonl"
    with atomic_write(Path(staging) / jsonl) as handle:
        handle.writelines(extraction_line(e) for e in extractions)
    if not ntriples:
        return Shard(index, len(papers), jsonl)
    name = f"graph-{index:05d}.nt"
    triples = _write_ntriples(extractions, Path(staging) / name)
    return Shard(index, len(papers), jsonl, name, triples)


def _write_ntriples(extractions: list[Extraction], path: Path) -> int:
    """The shard's graph as N-Triples, without corpus-wide counts; return the triple count."""
    from graphkit.export.rdf import iter_ntriples
    from graphkit.graph import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.add_papers(extractions)
    lines = (line for line in iter_ntriples(kg.graph) if _PAPER_COUNT not in line)
    count = 0
    with atomic_write(path, "wb") as handle:
        while chunk := list(itertools.islice(lines, 4096)):
            count += len(chunk)
            handle.write("".join(chunk).encode("utf-8"))
    return count
