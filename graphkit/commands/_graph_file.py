"""The GRAPH argument of the commands that read a built graph: declaring it, and reading it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import graphkit
from graphkit.errors import InputError, UsageError
from graphkit.export.iri import check_base_iri

GRAPH_HELP = "graph.json written by 'graphkit build'"


def add_graph_command(
    subparsers: argparse._SubParsersAction,
    name: str,
    *,
    help: str,
    description: str,
    graph_help: str = GRAPH_HELP,
) -> argparse.ArgumentParser:
    """Register the command ``name``, whose first argument is the GRAPH it reads."""
    parser = subparsers.add_parser(name, help=help, description=description)
    parser.add_argument("graph", metavar="GRAPH", help=graph_help)
    return parser


def read_graph(path: str | os.PathLike[str]) -> Any:
    """Return the KnowledgeGraph stored at ``path``, or raise InputError naming the file."""
    source = Path(path)
    if not source.is_file():
        raise InputError("no such graph file", str(source))
    return graphkit.load(source)


def checked_base_iri(value: str | None) -> str:
    """The ``--base-iri`` flag as a usable base IRI, or UsageError saying what is wrong."""
    try:
        return check_base_iri(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
