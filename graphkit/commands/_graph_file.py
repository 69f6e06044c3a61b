"""The GRAPH argument of the commands that read a built graph: declaring it, and reading it."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graphkit.errors import InputError, UsageError
from graphkit.export.iri import check_base_iri

if TYPE_CHECKING:
    import networkx as nx

GRAPH_HELP = "graph.json written by 'graphkit build'"
STORE_GRAPH_HELP = "graph.json written by 'graphkit build', or its store (build --store DIR)"


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


def read_graph(path: str | os.PathLike[str], *, stores: bool = False) -> Any:
    """Return the KnowledgeGraph stored at ``path``, or (with ``stores``) a StoreGraph when
    ``path`` is an Oxigraph store directory: the same queries, answered from the store.
    InputError names a missing file, or a store given to a command that needs the graph."""
    from graphkit.export.store import is_store_dir
    from graphkit.graph.source import open_graph

    if not stores and is_store_dir(path):
        raise InputError("an Oxigraph store: this command reads a graph.json", str(path))
    return open_graph(path)


def paper_graph(source: Any, keys: Iterable[str]) -> nx.MultiDiGraph:
    """A graph holding at least the papers ``keys`` (their attributes and evidenced edges):
    the whole graph of a KnowledgeGraph, those papers read from a store."""
    if hasattr(source, "paper_graph"):
        return source.paper_graph(keys)
    return source.graph


def checked_base_iri(value: str | None) -> str:
    """The ``--base-iri`` flag as a usable base IRI, or UsageError saying what is wrong."""
    try:
        return check_base_iri(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
