"""``graphkit extract INPUT... -o FILE.jsonl``: find the entities of each paper, as JSON lines.

Papers are read, extracted and written in batches, so memory stays flat
however large the input. The output appears only when the run succeeds; an
error or Ctrl-C leaves whatever was there before.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import closing

from graphkit.atomic import atomic_write
from graphkit.commands._options import (
    add_extraction_options,
    add_reading_options,
    check_rules,
    worker_count,
)
from graphkit.errors import UsageError
from graphkit.run.parallel import iter_extraction_lines


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
    add_reading_options(parser)
    parser.add_argument(
        "--batch-size", type=int, default=64, metavar="N", help="papers per batch (default 64)"
    )
    add_extraction_options(
        parser,
        workers_help="extraction processes (0: one per core; default 1, with dask one per core)",
        workers_default=None,
    )
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
    from graphkit.sources import ReadStats, first_papers, read_papers

    if args.workers is not None:
        workers: int | None = worker_count(args.workers)
    else:
        workers = None if args.engine == "dask" else 1
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if args.engine == "local" and (args.scheduler or args.shards is not None):
        raise UsageError("--scheduler and --shards need --engine dask")
    if args.shards is not None and args.shards < 1:
        raise UsageError("--shards must be at least 1")
    check_rules(args.rules)
    options = {"extra_vocab": tuple(args.vocab), "rules": tuple(args.rules)}
    started = time.perf_counter()
    if args.engine == "dask":
        from graphkit.run.cluster import extract_dask

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
    papers = read_papers(args.inputs, format=args.format, on_error=args.on_error, stats=stats)
    count = 0
    with atomic_write(args.output) as handle:
        found = first_papers(papers, args.inputs, stats, allow_empty=args.allow_empty)
        lines = iter_extraction_lines(
            found or iter(()),
            workers=workers,
            extractor_options=options,
            batch_size=args.batch_size,
            progress=not args.quiet and sys.stderr.isatty(),
            total=stats.distinct,
        )
        with closing(lines):
            for line in lines:
                handle.write(line)
                count += 1
    if not args.quiet:
        seconds = time.perf_counter() - started
        duplicates = f"{stats.duplicates} duplicates"
        if stats.conflicts:
            duplicates += f", {stats.conflicts} id conflicts"
        print(
            f"extracted {count} papers to {args.output} in {seconds:.1f} s "
            f"({count / max(seconds, 1e-9):.0f} papers/s; {duplicates}, "
            f"{stats.skipped} skipped)",
            file=sys.stderr,
        )
    return 0
