"""The knowledge graph: building it from extractions, querying it, saving and loading it."""

from __future__ import annotations

from graphkit.graph.model import KnowledgeGraph, load
from graphkit.graph.resolve import AmbiguousEntityError, UnknownEntityError

__all__ = ["AmbiguousEntityError", "KnowledgeGraph", "UnknownEntityError", "load"]
