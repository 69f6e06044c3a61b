"""``graphkit extract INPUT... -o FILE.jsonl``: find the entities of each paper, as JSON lines.

Papers are read, extracted and written in batches, so memory stays flat
however large the input. The output appears only when the run succeeds; an
error or Ctrl-C leaves whatever was there before.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from contextlib import closing
from pathlib import Path

from graphkit.atomic import atomic_write
from graphkit.errors import UsageError
from graphkit.parallel import extraction_line, iter_extractions


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``extract``."""
    parser = subparsers.add_parser(
        "extract",
        help="extract entities from papers into JSON lines",
        description=(
            "Read papers from INPUT files, find their methods, datasets, metrics, tasks and "
            "code, and write one JSON object per paper (in input order, duplicates dropped) "
            "to FILE.jsonl; with --engine dask, write JSONL and N-Triples shards into the "
            "directory given by -o."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="JSONL file (a directory for dask)"
    )
    parser.add_argument("--format", help="input format (default: detected per file)")
    parser.add_argument(
        "--on-error",
        choices=("raise", "skip"),
        default="raise",
        help="stop at a bad input record (raise, the default) or skip it with a warning",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes to extract with (0: one per core; default 1, with dask one per core)",
    )
    parser.add_argument(
        "--batch-size", type=int, default=64, metavar="N", help="papers per batch (default 64)"
    )
    parser.add_argument(
        "--vocab",
        action="append",
        default=[],
        metavar="FILE",
        help="extra vocabulary file (repeat for more)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="run here (local, the default) or on a Dask cluster (dask)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)",
    )
    parser.add_argument(
        "--shards", type=int, metavar="N", help="number of output shards for dask (default: auto)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Extract and write the papers; print a summary unless ``--quiet``."""
    from graphkit.sources import ReadStats, read_papers

    workers = _workers(args.workers)
    if args.engine == "dask" and args.workers is None:
        workers = None
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if args.engine == "local" and (args.scheduler or args.shards is not None):
        raise UsageError("--scheduler and --shards need --engine dask")
    if args.shards is not None and args.shards < 1:
        raise UsageError("--shards must be at least 1")
    options = {"extra_vocab": tuple(args.vocab)}
    started = time.perf_counter()
    if args.engine == "dask":
        from graphkit.cluster import extract_dask

        result = extract_dask(
            args.inputs,
            args.output,
            scheduler=args.scheduler,
            shards=args.shards,
            extractor_options=options,
            format=args.format,
            on_error=args.on_error,
            batch_size=args.batch_size,
            workers=workers,
            progress=not args.quiet,
        )
        if not args.quiet:
            print(
                f"extracted {result.papers} papers into {len(result.shards)} shards in "
                f"{args.output} ({time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
        return 0
    stats = ReadStats()
    total = None if args.quiet else _count(args.inputs, args.format)
    papers = read_papers(args.inputs, format=args.format, on_error=args.on_error, stats=stats)
    extractions = iter_extractions(
        papers,
        workers=workers,
        extractor_options=options,
        batch_size=args.batch_size,
        progress=not args.quiet,
        total=total,
    )
    count = 0
    with closing(extractions), atomic_write(args.output) as handle:
        for extraction in extractions:
            handle.write(extraction_line(extraction))
            count += 1
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(
            f"extracted {count} papers to {args.output} in {seconds:.1f} s "
            f"({count / max(seconds, 1e-9):.0f} papers/s; {stats.duplicates} duplicates, "
            f"{stats.skipped} skipped)",
            file=sys.stderr,
        )
    return 0


def _workers(value: int | None) -> int:
    if value is None:
        return 1
    if value < 0:
        raise UsageError("--workers must be 0 (one per core) or more")
    return value or os.cpu_count() or 1


def _count(inputs: list[str], fmt: str | None) -> int | None:
    """Count the papers first (reading is cheap next to extraction) so the bar has an ETA.

    Inputs that cannot be read twice (pipes) are not counted; bad records are
    left for the real pass to report.
    """
    from graphkit.sources import read_papers

    if not all(Path(name).is_file() or Path(name).is_dir() for name in inputs):
        return None
    logger = logging.getLogger("graphkit")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return sum(1 for _ in read_papers(inputs, format=fmt, on_error="skip"))
    finally:
        logger.setLevel(level)
