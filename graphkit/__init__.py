"""graphkit: turn machine-learning paper abstracts into a knowledge graph.

The flow is read -> extract -> link -> graph -> export. The public names below
are imported lazily so that ``import graphkit`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "Paper": "graphkit.models",
    "Mention": "graphkit.models",
    "Entity": "graphkit.models",
    "Extraction": "graphkit.models",
    "read_papers": "graphkit.sources",
    "Extractor": "graphkit.run.extractor",
    "KnowledgeGraph": "graphkit.graph",
    "load": "graphkit.graph",
    "build": "graphkit.run.pipeline",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
