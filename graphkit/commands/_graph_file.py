"""Read the GRAPH argument of a command: a ``graph.json`` written by ``graphkit build``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import graphkit
from graphkit.errors import InputError, UsageError
from graphkit.export.iri import check_base_iri


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
