"""A graph written while papers stream in: ``graph.json`` and ``graph.ttl`` without the graph.

A paper's node, its edges with their evidence and its results, in ``graph.json``
and in the triples of ``graph.ttl``, depend on that paper's extraction alone (the
IRI of a repository aside, minted from the smallest URL any paper gives it). So
each paper is merged alone, exactly as :class:`~graphkit.graph.KnowledgeGraph`
merges it, and rendered (:mod:`graphkit.graph.paper_parts`: by the extraction
workers or here), its sections are appended to part files, and only what entities need
is kept: per entity its type, first name, per-paper names with their counts,
surface forms, smallest ``vocab_id`` and ``url`` and paper count; per derived
pair its papers, spilled to disk (:mod:`graphkit.graph.spill`). :meth:`GraphStream.finish`
then writes the entity sections and joins the parts into the files, byte for byte
those that the graph held in memory gives (docs/graph-model.md orders papers in
input order, entities by id, then results).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import shutil
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from graphkit import __version__
from graphkit.errors import GraphkitError
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import entity_lines, node_iri
from graphkit.export.timeline import month_of
from graphkit.graph.derive import choose_name
from graphkit.graph.io import JSON_EDGES, JSON_END, edge_json, json_header, node_json
from graphkit.graph.merge import smallest
from graphkit.graph.paper_parts import PARTS, EntityUse, PaperParts, PaperRenderer
from graphkit.graph.paper_parts import REPO_TERM as _REPO_TERM
from graphkit.graph.schema import (
    DERIVED_RELATIONS,
    ENTITY_TYPES,
    PAPER_RELATIONS,
    RESULT_RELATIONS,
)
from graphkit.graph.spill import SPILL_ROWS, SortedSpill
from graphkit.models import RESULT_KINDS, Extraction

STATE_FILE = "state.pickle"
"""The file of a stream's folder that :meth:`GraphStream.save` keeps its aggregates in."""

_BLOCK = 1 << 20
"""Characters of a part copied at a time (and then to the end of the line)."""


class Section(NamedTuple):
    """One paper's records in ``graph.json`` (parsed): its node, its results, its edges and its
    results' edges."""

    paper: dict[str, Any]
    results: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    result_edges: list[dict[str, Any]]


class _Entity:
    """What the entity sections need of one entity, gathered over the papers.

    Most entities are named by one paper, or by one name: until a second name comes,
    ``names`` is that name and ``named`` its papers, and the surface forms are a tuple, so
    that an entity costs a few hundred bytes."""

    __slots__ = ("first", "forms", "name", "named", "names", "papers", "type", "url", "vocab_id")

    def __init__(self, type: str, name: str, vocab_id: str | None, url: str | None) -> None:
        self.type = type
        self.name = name
        self.vocab_id = vocab_id
        self.url = url
        self.papers = 0
        self.names: str | Counter[str] | None = None
        self.named = 0
        self.forms: tuple[str, ...] = ()
        self.first = array("I")

    def use_name(self, name: str) -> None:
        """Count one more paper naming the entity ``name``."""
        if self.names is None or self.names == name:
            self.names = name
            self.named += 1
        elif isinstance(self.names, str):
            self.names = Counter({self.names: self.named, name: 1})
        else:
            self.names[name] += 1

    def add_forms(self, forms: Iterable[str]) -> None:
        """Keep the surface forms of ``forms`` not kept yet."""
        new = {form for form in forms if form not in self.forms}
        if new:
            self.forms = (*self.forms, *sorted(new))

    def attributes(self, key: str) -> dict[str, Any]:
        """The node attributes the settled graph gives this entity (see
        :func:`graphkit.graph.derive.settle_names`)."""
        if isinstance(self.names, str):
            name = choose_name(Counter({self.names: self.named}))
        else:
            name = choose_name(self.names) if self.names else self.name
        every = {self.name, *self.forms}
        return {
            "type": self.type,
            "id": key,
            "name": name,
            "aliases": sorted(f for f in every if f.strip() and f != name),
            "vocab_id": self.vocab_id,
            "url": self.url,
            "paper_count": self.papers,
        }


class GraphStream:
    """Papers added one at a time; :meth:`finish` writes ``graph.json`` and ``graph.ttl``.

    ``folder`` holds the part files (made if absent); ``spill_rows`` derived-edge rows are
    held in memory at most. For a view of the graph (:mod:`graphkit.export.stream_view`)
    it remembers the first ``panel`` papers of each entity and the ``newest`` papers, by
    their place in the stream. A paper key met twice is a GraphkitError: a stream needs the
    distinct papers that reading gives.
    """

    def __init__(
        self,
        folder: Path,
        *,
        name: str = "graphkit",
        base_iri: str | None = None,
        spill_rows: int = SPILL_ROWS,
        panel: int = 0,
        newest: int = 0,
        resume: bool = False,
    ) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.attributes = {"name": name, "created_by": f"graphkit {__version__}"}
        self.renderer = PaperRenderer(base_iri)
        self.minter = self.renderer.minter
        self.turtle = self.renderer.turtle
        self.papers = 0
        self._keys: set[str] = set()
        self._entities: dict[str, _Entity] = {}
        self._generation = 0
        self._relations: Counter[str] = Counter()
        self._derived_counts: Counter[str] = Counter()
        self._results: Counter[str] = Counter()
        self._evidence = 0
        self._linked = 0
        self.panel = panel
        self.newest = newest
        self._dated: list[tuple[bool, int, str, int]] = []
        self.view_edges: list[tuple[str, str, str, dict[str, Any]]] = []
        self._sections = array("I")
        if resume:
            sizes = self._load()
        base = self._pairs_file() if resume else None
        self._pairs = SortedSpill(folder, limit=spill_rows, base=base)
        self._handles: dict[str, IO[str]] = {}
        for part in PARTS:
            handle = (folder / part).open("a" if resume else "w", encoding="utf-8", newline="\n")
            if resume:
                handle.truncate(sizes[part])
            self._handles[part] = handle

    _SAVED = (
        "attributes", "papers", "_keys", "_entities", "_generation", "_relations", "_results",
        "_evidence", "_linked", "panel", "newest", "_dated", "_sections",
    )  # fmt: skip
    """What :meth:`save` keeps of a stream (with its base IRI and the sizes of its parts)."""

    def _pairs_file(self) -> Path:
        return self.folder / f"pairs-{self._generation}.jsonl"

    def save(self, extractions_bytes: int) -> None:
        """Save the aggregates beside the parts (after :meth:`finish`), for a stream that
        :meth:`resumable` finds and that resumes from here; ``extractions_bytes`` is the size
        of the ``extractions.jsonl`` the stream's papers are the lines of. The state is
        replaced at once: a save that stops leaves the previous state whole."""
        state = {name: getattr(self, name) for name in self._SAVED}
        state["_generation"] = self._generation + 1
        state["base"] = self.minter.base
        state["sizes"] = {part: (self.folder / part).stat().st_size for part in PARTS}
        state["extractions_bytes"] = extractions_bytes
        previous = self._pairs_file()
        os.replace(self.folder / "pairs.next", self.folder / f"pairs-{self._generation + 1}.jsonl")
        fresh = self.folder / (STATE_FILE + ".next")
        with fresh.open("wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fresh, self.folder / STATE_FILE)
        previous.unlink(missing_ok=True)

    def _load(self) -> dict[str, int]:
        """Take the saved aggregates; return the sizes of the parts they go with."""
        with (self.folder / STATE_FILE).open("rb") as handle:
            state = pickle.load(handle)
        for name in self._SAVED:
            setattr(self, name, state[name])
        return state["sizes"]

    @staticmethod
    def resumable(
        folder: Path, *, extractions_bytes: int, papers: int, base_iri: str | None = None
    ) -> bool:
        """Tell whether ``folder`` holds a saved stream of ``papers`` papers, the lines of an
        ``extractions.jsonl`` of ``extractions_bytes`` bytes, with its parts whole."""
        try:
            with (folder / STATE_FILE).open("rb") as handle:
                state = pickle.load(handle)
            sizes = {part: (folder / part).stat().st_size for part in PARTS}
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return False
        return (
            state.get("extractions_bytes") == extractions_bytes
            and state.get("papers") == papers
            and state.get("base") == IriMinter(base_iri).base
            and state.get("attributes", {}).get("created_by") == f"graphkit {__version__}"
            and all(sizes[part] >= size for part, size in state["sizes"].items())
        )

    def close(self) -> None:
        """Close the part files (:meth:`finish` does)."""
        for handle in self._handles.values():
            handle.close()

    def add(self, paper: Extraction | PaperParts) -> None:
        """Append one paper's sections to the parts and count it in the aggregates: an
        extraction is merged and rendered here, :class:`PaperParts` come rendered (by the
        extraction workers, under this stream's base IRI)."""
        if not isinstance(paper, PaperParts):
            paper = self.renderer(paper)
        elif paper.base != self.minter.base:
            raise GraphkitError(f"paper {paper.id!r} was rendered under another base IRI")
        key = paper.key
        if key in self._keys:
            raise GraphkitError(f"paper {paper.id!r} comes twice in a streamed build")
        self._keys.add(key)
        self.papers += 1
        if self.newest:
            self._date(paper.date)
        for part, text in zip(PARTS, paper.texts, strict=True):
            if text:
                self._handles[part].write(text)
        self._results.update(paper.results)
        for use in paper.entities:
            self._gather(use)
        add_pair = self._pairs.add
        for row in paper.pairs:
            add_pair(row)
        self._relations.update(paper.relations)
        self._evidence += paper.evidence
        self._linked += paper.linked
        self._sections.extend(paper.sections)

    def _date(self, value: Any) -> None:
        """Keep the paper of date ``value`` among the newest (the order of the view's Papers
        tab)."""
        month = month_of(value)
        date = "" if month is None else str(value or "")
        self._dated.append((month is None, -(month or 0), date, self.papers - 1))
        if len(self._dated) >= 2 * self.newest:
            self._dated = sorted(self._dated)[: self.newest]

    def view_papers(self, entities: Iterable[str]) -> list[int]:
        """The places in the stream of the papers a view of ``entities`` lists: the first
        ``panel`` papers of each and the ``newest`` papers."""
        found = {place for key in entities for place in self._entities[key].first}
        found.update(place for *_, place in sorted(self._dated)[: self.newest])
        return sorted(found)

    def ranked(self) -> list[str]:
        """Entity keys, most papers first (ties by key)."""
        return sorted(self._entities, key=lambda key: (-self._entities[key].papers, key))

    def entity_nodes(self, keys: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """The entities of ``keys`` (others are left out) with the attributes of their nodes,
        by key."""
        for key in sorted(k for k in set(keys) if k in self._entities):
            yield key, self._entities[key].attributes(key)

    def _gather(self, use: EntityUse) -> None:
        """Add one paper's entity node, surface forms and edges to the entity's aggregate."""
        key = use.key
        entity = self._entities.get(key)
        if entity is None:
            entity = self._entities[key] = _Entity(use.type, use.name, use.vocab_id, use.url)
        elif entity.type != use.type:
            raise GraphkitError(
                f"entity {key!r} is a {use.type}, but the graph has it as a {entity.type}"
            )
        else:
            entity.vocab_id = smallest(entity.vocab_id, use.vocab_id)
            entity.url = smallest(entity.url, use.url)
        entity.add_forms(use.forms)
        if len(entity.first) < self.panel:
            entity.first.append(self.papers - 1)
        entity.papers += use.edges
        for name in use.names:
            entity.use_name(name or entity.name)

    def _iri(self, key: str) -> str:
        """The IRI term of an entity, from its aggregate."""
        entity = self._entities[key]
        return node_iri(self.minter, key, {"type": entity.type, "url": entity.url})

    def _derived(self) -> Iterator[tuple[str, list[tuple[str, str, dict[str, Any]]]]]:
        """Each source entity with its derived edges (target, relation, attributes) in the
        order the settled graph holds them: by target as first reached in (relation, target)
        order, relations in that order."""
        self._derived_counts = Counter()
        rows = iter(self._pairs.rows(copy=self.folder / "pairs.next"))
        row = next(rows, None)
        while row is not None:
            source = row[0]
            edges: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
            while row is not None and row[0] == source:
                relation, target = row[1], row[2]
                papers = []
                while row is not None and row[:3] == (source, relation, target):
                    papers.append(row[3])
                    row = next(rows, None)
                data: dict[str, Any] = {"relation": relation}
                if relation == DERIVED_RELATIONS[0]:
                    data["count"] = len(papers)
                data["papers"] = papers
                edges[target].append((target, relation, data))
            self._derived_counts.update(r for group in edges.values() for _, r, _ in group)
            yield source, [edge for group in edges.values() for edge in group]

    def _write_entities(self, keep: frozenset[str]) -> None:
        """Write the entity parts: nodes and derived edges of ``graph.json``, and triples."""
        derived = self._derived()
        pending = next(derived, None)
        with contextlib.ExitStack() as stack:
            nodes, edges, triples = (
                stack.enter_context((self.folder / name).open("w", encoding="utf-8", newline="\n"))
                for name in ("entities.json", "derived.json", "entities.ttl")
            )
            iris: dict[str, str] = {}

            def iri_of(key: str) -> str:
                found = iris.get(key)
                if found is None:
                    found = iris[key] = self._iri(key)
                return found

            for key in sorted(self._entities):
                attrs = self._entities[key].attributes(key)
                nodes.write(",\n" + node_json(key, attrs))
                out: list[tuple[str, str, dict[str, Any]]] = []
                if pending is not None and pending[0] == key:
                    out = pending[1]
                    pending = next(derived, None)
                for target, relation, data in out:
                    edges.write(",\n" + edge_json(key, target, relation, data))
                    if key in keep and target in keep:
                        self.view_edges.append((key, target, relation, data))
                pairs = [(target, relation) for target, relation, _ in out]
                lines = entity_lines(key, attrs, iri_of(key), pairs, iri_of)
                triples.write("".join(self.turtle.statements(lines)))
                iris.pop(key, None)

    def finish(
        self, json_path: Path, ttl_path: Path, *, keep: frozenset[str] = frozenset()
    ) -> None:
        """Write ``graph.json`` and ``graph.ttl``: :meth:`write_entities`, :meth:`write_json`
        and :meth:`write_turtle` in turn."""
        self.write_entities(keep)
        self.write_json(json_path)
        self.write_turtle(ttl_path)

    def write_entities(self, keep: frozenset[str] = frozenset()) -> None:
        """Close the paper parts and write the entity parts; the derived edges among the
        entities of ``keep`` are kept in :attr:`view_edges`."""
        self.close()
        self.view_edges = []
        self._write_entities(keep)

    def write_json(self, path: Path) -> None:
        """Join the parts into ``graph.json`` at ``path`` (after :meth:`write_entities`)."""
        with path.open("wb") as handle:
            handle.write(json_header(self.attributes).encode("ascii"))
            nodes = ("papers.json", "entities.json", "results.json")
            _join(handle, [self.folder / name for name in nodes])
            handle.write(JSON_EDGES.encode("ascii"))
            edges = ("paper_edges.json", "derived.json", "result_edges.json")
            _join(handle, [self.folder / name for name in edges])
            handle.write(JSON_END.encode("ascii"))

    def write_turtle(self, path: Path) -> None:
        """Join the parts into ``graph.ttl`` at ``path`` (after :meth:`write_entities`), with
        each repository's IRI filled in."""
        repos: dict[str, str] = {}

        def repo(match: re.Match[str]) -> str:
            key = match.group(1)
            found = repos.get(key)
            if found is None:
                found = repos[key] = self.turtle.iri(self._iri(key))
            return found

        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(self.turtle.header)
            with (self.folder / "papers.ttl").open(encoding="utf-8", newline="\n") as papers:
                while block := papers.read(_BLOCK):
                    block += papers.readline()
                    handle.write(_REPO_TERM.sub(repo, block) if "\x00" in block else block)
            with (self.folder / "entities.ttl").open(encoding="utf-8", newline="\n") as entities:
                shutil.copyfileobj(entities, handle, _BLOCK)

    def paper_sections(self, places: set[int]) -> Iterator[Section]:
        """The node, results, edges and result edges of the papers at ``places`` in the
        stream, read back from the parts (after :meth:`write_entities`)."""
        names = ("papers.json", "results.json", "paper_edges.json", "result_edges.json")
        with contextlib.ExitStack() as stack:
            parts = [
                _items(stack.enter_context((self.folder / n).open(encoding="utf-8"))) for n in names
            ]
            papers, results, edges, result_edges = parts
            sections = self._sections
            for place in range(self.papers):
                wanted = place in places
                paper = next(papers)
                found = []
                for part, count in zip(
                    (results, edges, result_edges), sections[3 * place : 3 * place + 3], strict=True
                ):
                    items = [next(part) for _ in range(count)]
                    found.append([json.loads(item) for item in items] if wanted else [])
                if wanted:
                    yield Section(json.loads(paper), *found)

    def paper_iris(self) -> Iterator[str]:
        """The IRI of each paper, in stream order."""
        with (self.folder / "papers.iri").open(encoding="ascii") as handle:
            for line in handle:
                yield line.rstrip("\n")

    def stats(self) -> dict[str, Any]:
        """The counts :meth:`KnowledgeGraph.stats` gives for the same papers (after
        :meth:`finish`, which counts the derived edges)."""
        entities = dict.fromkeys(ENTITY_TYPES, 0)
        for entity in self._entities.values():
            entities[entity.type] = entities.get(entity.type, 0) + 1
        results = dict.fromkeys(RESULT_KINDS, 0)
        for kind, count in self._results.items():
            results[kind] = results.get(kind, 0) + count
        relations = dict.fromkeys((*PAPER_RELATIONS, *DERIVED_RELATIONS, *RESULT_RELATIONS), 0)
        for relation, count in (self._relations + self._derived_counts).items():
            relations[relation] = relations.get(relation, 0) + count
        return {
            "name": self.attributes["name"],
            "papers": self.papers,
            "papers_with_entities": self._linked,
            "entities": len(self._entities),
            "entities_by_type": entities,
            "results": sum(results.values()),
            "results_by_kind": results,
            "edges": sum(relations.values()),
            "edges_by_relation": relations,
            "evidence": self._evidence,
        }


def _items(handle: IO[str]) -> Iterator[str]:
    """The items of a part file, each as its JSON text."""
    handle.readline()
    for line in handle:
        yield line.rstrip("\n").removesuffix(",")


def _join(handle: IO[bytes], parts: list[Path]) -> None:
    """Copy the items of ``parts`` (each written after ``,\\n``) into one list: the first item
    of all is written after ``\\n`` alone."""
    first = True
    for part in parts:
        with part.open("rb") as source:
            if first:
                if not source.read(1):
                    continue
                first = False
            shutil.copyfileobj(source, handle, _BLOCK)
