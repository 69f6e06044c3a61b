"""``graphkit build [INPUT...] [-o DIR]``: build the knowledge graph and write every output.

With no INPUT it builds the bundled sample. An INPUT folder written by
``graphkit extract --engine dask`` (it holds ``manifest.json``) is merged
shard by shard instead of being extracted again. Writes ``extractions.jsonl``,
``graph.json``, ``graph.ttl`` and ``graph.html`` into DIR, all at once at the
end: an error or Ctrl-C leaves the previous outputs untouched. ``papers.index``
beside them lets ``--update`` add new inputs to the build later.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.commands._options import (
    add_extraction_options,
    add_reading_options,
    check_rules,
    worker_count,
)
from graphkit.errors import InputError, UsageError

if TYPE_CHECKING:
    from graphkit.run.pipeline import BuildSummary


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``build``."""
    parser = subparsers.add_parser(
        "build",
        help="build the knowledge graph and write all outputs",
        description=(
            "Read papers from INPUT files or folders (default: the bundled sample), extract "
            "their entities, build the knowledge graph and write extractions.jsonl, "
            "graph.json, graph.ttl and graph.html into DIR. INPUT folders written by "
            "'graphkit extract --engine dask' are merged without extracting again."
        ),
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="input files or folders")
    parser.add_argument(
        "-o", "--output", default="outputs", metavar="DIR", help="output folder (default outputs/)"
    )
    add_reading_options(parser)
    add_extraction_options(
        parser,
        workers_help=(
            "processes to extract with at most (0: one per core; default 1): fewer than "
            "5,000 new papers are extracted in this process, as starting workers would "
            "cost more than they save; a streamed build of 100,000 entities or more also "
            "writes its outputs in up to N processes"
        ),
        workers_default=1,
    )
    parser.add_argument(
        "--top", type=int, metavar="N", help="draw only the N most linked entities in graph.html"
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help=(
            "add the papers of INPUT to the build in DIR: only new papers are extracted, and "
            "the outputs are those of one build over the earlier inputs and INPUT"
        ),
    )
    parser.add_argument(
        "--store",
        metavar="STORE_DIR",
        help=(
            "also bulk-load the graph into a persistent Oxigraph store in STORE_DIR (replaced "
            "whole when complete; with --update it is loaded again), which 'graphkit stats', "
            "'show', 'leaderboard' and 'query' read like a graph file"
        ),
    )
    parser.add_argument(
        "--stream",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "write the outputs from per-paper parts and per-entity aggregates, holding no "
            "graph in memory, so that memory does not grow with the corpus (default: for "
            "builds of 200,000 papers or more)"
        ),
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the graph, write the outputs and print a summary unless ``--quiet``."""
    from graphkit.run.pipeline import run_build

    workers = worker_count(args.workers)
    if args.top is not None and args.top < 1:
        raise UsageError("--top must be at least 1")
    for vocab in args.vocab:
        if not Path(vocab).is_file():
            raise InputError("no such vocabulary file", vocab)
    check_rules(args.rules)
    summary = run_build(
        args.inputs or None,
        output_dir=args.output,
        format=args.format,
        on_error=args.on_error,
        workers=workers,
        extra_vocab=args.vocab,
        rules=args.rules,
        progress=not args.quiet and sys.stderr.isatty(),
        top=args.top,
        allow_empty=args.allow_empty,
        update=args.update,
        store=args.store,
        stream=args.stream,
    )
    if not args.quiet:
        _print_summary(summary, inputs=args.inputs)
    return 0


def _print_summary(summary: BuildSummary, *, inputs: list[str]) -> None:
    """Print what was read, found and written."""
    read, stats = summary.read, summary.stats
    source = "the bundled sample" if not inputs else f"{read.files} files"
    conflicts = f", {read.conflicts} id conflicts" if read.conflicts else ""
    if read.ignored:
        conflicts += f", {read.ignored} files ignored"
    print(
        f"papers: {read.papers} from {source} ({read.records} records, "
        f"{read.duplicates} duplicates merged{conflicts}, {read.skipped} skipped)"
    )
    by_type = ", ".join(f"{kind} {count}" for kind, count in stats["entities_by_type"].items())
    print(f"entities: {stats['entities']} ({by_type})")
    print(f"edges: {stats['edges']}")
    by_kind = ", ".join(f"{kind} {count}" for kind, count in stats["results_by_kind"].items())
    print(f"results: {stats['results']} ({by_kind})")
    for path in summary.outputs:
        print(f"wrote {path}")
    phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in summary.phases.items())
    print(f"time: {summary.seconds:.1f} s ({phases})")
