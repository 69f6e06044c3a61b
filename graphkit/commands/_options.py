"""Flags that ``build`` and ``extract`` share: how to read the inputs and how to extract."""

from __future__ import annotations

import argparse
import os

from graphkit.errors import UsageError
from graphkit.sources import FORMATS


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--format`` and ``--on-error``."""
    parser.add_argument(
        "--format", choices=FORMATS, help="input format for every INPUT (default: detected)"
    )
    parser.add_argument(
        "--on-error",
        choices=("raise", "skip"),
        default="raise",
        help="stop at a bad input record (raise, the default) or skip it with a warning",
    )
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="write empty outputs when the inputs hold no papers (default: an error)",
    )


def add_extraction_options(
    parser: argparse.ArgumentParser, *, workers_help: str, workers_default: int | None
) -> None:
    """Add ``--workers``, ``--vocab``, ``--rules`` and ``--quiet``."""
    parser.add_argument(
        "--workers", type=int, default=workers_default, metavar="N", help=workers_help
    )
    parser.add_argument(
        "--vocab",
        action="append",
        default=[],
        metavar="FILE",
        help="extra vocabulary file (repeat for more)",
    )
    add_rules_option(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")


def worker_count(value: int) -> int:
    """The ``--workers`` flag as a number of processes: 0 means one per core."""
    if value < 0:
        raise UsageError("--workers must be 0 (one per core) or more")
    return value or os.cpu_count() or 1


def add_rules_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--rules``: rule files added to the built-in rule table."""
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="FILE",
        help="extra rule file, JSON lines as the built-in rule table (repeat for more)",
    )


def check_rules(paths: list[str]) -> None:
    """Read each rule file once, so that a bad one stops the command before any work, with
    its file and line."""
    from graphkit.extract.rules import read_rules

    for path in paths:
        read_rules(path)
