"""The main job: read papers, extract their entities, build the graph and write every output.

``run_build`` returns a :class:`BuildSummary` for the command line;
``build`` returns just the :class:`~graphkit.graph.KnowledgeGraph`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from graphkit.errors import UsageError
from graphkit.graph import KnowledgeGraph
from graphkit.models import Extraction
from graphkit.sources import ReadStats, read_papers

OUTPUT_FILES: tuple[str, ...] = ("extractions.jsonl", "graph.json", "graph.ttl", "graph.html")
"""What ``build`` writes into the output folder, in the order it writes them."""


@dataclass
class BuildSummary:
    """What one build read, found and wrote."""

    graph: KnowledgeGraph
    read: ReadStats
    stats: dict[str, Any]
    seconds: float
    outputs: list[Path] = field(default_factory=list)


def sample_paths() -> list[Path]:
    """Return the bundled sample corpus: the five Daily Papers listings, in name order."""
    folder = resources.files("graphkit") / "data" / "sample"
    return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".txt"))


def build(
    inputs: Iterable[str | os.PathLike[str]] | None = None,
    *,
    output_dir: str | os.PathLike[str] | None = None,
    format: str | None = None,
    on_error: str = "raise",
    workers: int = 1,
    extra_vocab: Sequence[str] = (),
    progress: bool = False,
    top: int | None = None,
    batch_size: int = 64,
    name: str = "graphkit",
) -> KnowledgeGraph:
    """Build the knowledge graph of ``inputs`` (default: the bundled sample).

    With ``output_dir``, also write ``extractions.jsonl``, ``graph.json``,
    ``graph.ttl`` and ``graph.html`` there. See :func:`run_build` for the options.
    """
    return run_build(
        inputs,
        output_dir=output_dir,
        format=format,
        on_error=on_error,
        workers=workers,
        extra_vocab=extra_vocab,
        progress=progress,
        top=top,
        batch_size=batch_size,
        name=name,
    ).graph


def run_build(
    inputs: Iterable[str | os.PathLike[str]] | None = None,
    *,
    output_dir: str | os.PathLike[str] | None = None,
    format: str | None = None,
    on_error: str = "raise",
    workers: int = 1,
    extra_vocab: Sequence[str] = (),
    progress: bool = False,
    top: int | None = None,
    batch_size: int = 64,
    name: str = "graphkit",
) -> BuildSummary:
    """Read, extract, build the graph and (with ``output_dir``) write the outputs.

    ``format`` and ``on_error`` go to :func:`graphkit.sources.read_papers`;
    ``workers``, ``extra_vocab`` and ``batch_size`` to the extraction;
    ``progress`` shows a bar on stderr; ``top`` limits the entities drawn in
    ``graph.html``. The outputs are first written into a hidden folder beside
    them and moved into place only when all are complete, so an error or
    Ctrl-C leaves the previous outputs as they were.
    """
    from graphkit.parallel import iter_extractions

    if workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    if top is not None and top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    started = time.perf_counter()
    paths = list(inputs) if inputs is not None else sample_paths()
    read = ReadStats()
    papers = read_papers(paths, format=format, on_error=on_error, stats=read)
    first = next(papers, None)
    kg = KnowledgeGraph(name=name)
    outputs: list[Path] = []
    with _staging(output_dir) as staging:
        if first is not None:
            extractions = iter_extractions(
                itertools.chain([first], papers),
                workers=workers,
                extractor_options={"extra_vocab": tuple(str(v) for v in extra_vocab)},
                batch_size=batch_size,
                progress=progress,
                total=read.distinct,
            )
            with closing(extractions):
                if staging is None:
                    kg.add_papers(extractions)
                else:
                    with open(
                        staging / "extractions.jsonl", "w", encoding="utf-8", newline="\n"
                    ) as fh:
                        kg.add_papers(_written(extractions, fh))
        elif staging is not None:
            (staging / "extractions.jsonl").write_text("", encoding="utf-8")
        if staging is not None:
            outputs = _write_graph(kg, staging, Path(output_dir), top=top, title=name)
    return BuildSummary(
        graph=kg,
        read=read,
        stats=kg.stats(),
        seconds=time.perf_counter() - started,
        outputs=outputs,
    )


def _written(extractions: Iterable[Extraction], handle: IO[str]) -> Iterator[Extraction]:
    """Pass extractions on, writing each as one line of ``extractions.jsonl``."""
    from graphkit.parallel import extraction_line

    for extraction in extractions:
        handle.write(extraction_line(extraction))
        yield extraction


def _write_graph(
    kg: KnowledgeGraph, staging: Path, output_dir: Path, *, top: int | None, title: str
) -> list[Path]:
    """Write the graph files into ``staging``, then move every output into ``output_dir``."""
    from graphkit.export.html import write_html
    from graphkit.export.rdf import write_rdf

    kg.save(staging / "graph.json")
    write_rdf(kg.graph, staging / "graph.ttl")
    write_html(kg.graph, staging / "graph.html", top=top, title=title)
    moved = []
    for name in OUTPUT_FILES:
        target = output_dir / name
        os.replace(staging / name, target)
        moved.append(target)
    return moved


@contextlib.contextmanager
def _staging(output_dir: str | os.PathLike[str] | None) -> Iterator[Path | None]:
    """A hidden folder inside ``output_dir`` for outputs in progress, removed at the end."""
    if output_dir is None:
        yield None
        return
    target = Path(output_dir)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
