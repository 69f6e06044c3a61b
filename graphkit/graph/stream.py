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
input order, entities by id, then results). A saved stream resumed with more papers
writes again only the sections of the entities those papers touch, their derived
edges merged from the saved ones and their aggregates read from the saved ones by
key, and copies the others (aggregates included) by their byte offsets.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import pickle
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np

from graphkit import __version__
from graphkit.errors import GraphkitError, UsageError
from graphkit.export.iri import IriMinter
from graphkit.export.rdf import entity_lines, node_iri, relation_property
from graphkit.export.timeline import month_of
from graphkit.forked import Forked, can_fork
from graphkit.graph.derive import choose_name
from graphkit.graph.io import JSON_EDGES, JSON_END, edge_json, json_header, node_json
from graphkit.graph.merge import smallest
from graphkit.graph.model import _collector_off
from graphkit.graph.paper_parts import PARTS, REPO_TERM, EntityUse, PaperParts, PaperRenderer
from graphkit.graph.schema import (
    DERIVED_RELATIONS,
    ENTITY_TYPES,
    PAPER_RELATIONS,
    RESULT_RELATIONS,
)
from graphkit.graph.spill import SPILL_ROWS, SortedSpill
from graphkit.models import RESULT_KINDS, Extraction

_SECTION_PARTS = PARTS[:4]
"""The parts that hold each paper's ``graph.json`` items (``papers.json``, ``results.json``,
``paper_edges.json``, ``result_edges.json``): its node, then as many results, edges and
result edges as :attr:`GraphStream._sections` counts for it."""

ENTITY_PARTS = ("entities.json", "derived.json", "entities.ttl", "aggregates.pickle")
"""The entity part files: each entity's node, its derived edges, its triples and its
aggregate (pickled), by key. They are named by generation (``entities-3.json``): an update
writes the next generation from the saved one, which stays whole until the state that names
the new one replaces it. An update reads the aggregates of the entities it touches only."""

_AGGREGATES = ENTITY_PARTS[3]

STATE_FILE = "state.pickle"
"""The file of a stream's folder that :meth:`GraphStream.save` keeps its aggregates in: a
small header (what :meth:`GraphStream.resumable` checks), then the aggregates."""

CUT_MARK = ".cut"
"""What ends the name of the mark (``graph.ttl.cut``, ``graph.json.cut``) that
:meth:`GraphStream.extend_json` and :meth:`~GraphStream.extend_turtle` leave in the stream's
folder while they bring the build's output up to date in place (see :func:`repair_output`)."""

_FORMAT = 3
"""The layout of a saved stream; a state of another layout is not resumed, but for
:data:`_WHOLE`."""

_WHOLE = 2
"""The layout before the aggregates were kept by entity: the state holds them all. A stream
saved so is resumed, and saved again in :data:`_FORMAT`."""

_BLOCK = 1 << 20
"""Characters of a part copied at a time (and then to the end of the line)."""

_ENTITY_WORK = 4
"""An entity's own sections, in the paper counts of derived edges that cost as much (how the
work of writing entity sections is shared between processes)."""

_KEY_FIELD = b'"key": "'
"""What comes before the relation of an edge of ``graph.json``."""

_TARGET_FIELD = b'"target": '
"""What comes before the target of an edge of ``graph.json``, the last of its keys."""

_SCAN = 1 << 26
"""Bytes of a part read at a time when finding where its items start."""


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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle the fields as one tuple, the paper places as bytes: a saved stream holds an
        aggregate per entity, and the default pickling of slots and arrays is several times
        slower."""
        fields = (self.type, self.name, self.vocab_id, self.url, self.papers)
        return _entity, (*fields, self.names, self.named, self.forms, self.first.tobytes())

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


class _Iris(dict[str, str]):
    """Entity IRI terms by key, each minted once while entity sections are written (and let
    go once the entity's own sections are)."""

    def __init__(self, mint: Callable[[str], str]) -> None:
        super().__init__()
        self.mint = mint

    def __missing__(self, key: str) -> str:
        found = self[key] = self.mint(key)
        return found


def _record(entity: _Entity) -> bytes:
    """An entity's aggregate as the bytes of its section of the aggregate part."""
    return pickle.dumps(entity.__reduce__()[1], protocol=pickle.HIGHEST_PROTOCOL)


def _entity(*fields: Any) -> _Entity:
    """An entity aggregate from the fields :meth:`_Entity.__reduce__` gives."""
    entity = _Entity.__new__(_Entity)
    entity.type, entity.name, entity.vocab_id, entity.url, entity.papers = fields[:5]
    entity.names, entity.named, entity.forms = fields[5:8]
    entity.first = array("I")
    entity.first.frombytes(fields[8])
    return entity


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
        """The aggregates read (:meth:`_entity`) or made since the stream began or resumed."""
        self._types: Counter[str] = Counter()
        self._generation = 0
        self._written = 0
        self._order: list[str] = []
        self._offsets = {part: np.zeros(1, dtype=np.int64) for part in ENTITY_PARTS}
        self._counts = np.zeros(0, dtype=np.int64)
        """The paper count of each entity of :attr:`_order`, as the entity parts hold it."""
        self._reader: tuple[int, int] | None = None
        self._edges_from: int | None = None
        self._turtle: tuple[int, int, int] | None = None
        self._json: tuple[int, int, int] | None = None
        self._saved_sizes: dict[str, int] | None = None
        """The sizes of the paper parts when the stream was resumed (None in a new one)."""
        self._iris_kept = False
        self.rewritten = 0
        """Entities whose sections the last :meth:`write_entities` wrote (the others it
        copied from the previous generation)."""
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
        self._starts = {part: np.zeros(1, dtype=np.int64) for part in _SECTION_PARTS}
        if resume:
            sizes = self._saved_sizes = self._load()
            self._edges_from = sizes["paper_edges.json"]
        self._pairs = SortedSpill(folder, limit=spill_rows)
        self._handles: dict[str, IO[str]] = {}
        for part in PARTS:
            handle = (folder / part).open("a" if resume else "w", encoding="utf-8", newline="\n")
            if resume:
                handle.truncate(sizes[part])
            self._handles[part] = handle

    _SAVED = (
        "attributes", "papers", "_keys", "_types", "_relations", "_derived_counts",
        "_results", "_evidence", "_linked", "panel", "newest", "_dated", "_sections", "_order",
        "_offsets", "_counts", "_starts", "_turtle", "_json",
    )  # fmt: skip
    """What :meth:`save` keeps of a stream (its header holds the base IRI, the sizes of its
    parts and the generation of its entity parts; the aggregates are in their part). A state
    saved before ``_json`` was kept has none: its ``graph.json`` is written whole once."""

    def _part(self, name: str, generation: int | None = None) -> Path:
        """The entity part ``name`` of ``generation`` (default: the one last written)."""
        return _entity_part(self.folder, name, self._written if generation is None else generation)

    def save(self, extractions_bytes: int) -> None:
        """Save the aggregates beside the parts (after :meth:`finish`), for a stream that
        :meth:`resumable` finds and that resumes from here; ``extractions_bytes`` is the size
        of the ``extractions.jsonl`` the stream's papers are the lines of. The state is
        replaced at once: a save that stops leaves the previous state, and the entity parts
        it names, whole."""
        header = {
            "format": _FORMAT,
            "papers": self.papers,
            "attributes": self.attributes,
            "base": self.minter.base,
            "sizes": self._sizes(),
            "extractions_bytes": extractions_bytes,
            "generation": self._written,
        }
        fresh = self.folder / (STATE_FILE + ".next")
        with fresh.open("wb") as handle, _collector_off():
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            state = {name: getattr(self, name) for name in self._SAVED}
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fresh, self.folder / STATE_FILE)
        for marked in self.folder.glob("*" + CUT_MARK):
            marked.unlink(missing_ok=True)
        self._generation = self._written
        self._close_reader()
        kept = {self._part(name).name for name in ENTITY_PARTS}
        for name in ENTITY_PARTS:
            stem, _, suffix = name.partition(".")
            for path in self.folder.glob(f"{stem}-*.{suffix}"):
                if path.name not in kept:
                    path.unlink(missing_ok=True)

    def _load(self) -> dict[str, int]:
        """Take the saved aggregates; return the sizes of the parts they go with."""
        with (self.folder / STATE_FILE).open("rb") as handle, _collector_off():
            header = pickle.load(handle)
            state = pickle.load(handle)
        if header["format"] == _WHOLE:
            state = _from_whole(state)
            self._entities = state.pop("_entities")
        state.setdefault("_json", None)
        for name in self._SAVED:
            setattr(self, name, state[name])
        self._generation = self._written = header["generation"]
        return header["sizes"]

    def _entity(self, key: str) -> _Entity | None:
        """The aggregate of entity ``key`` (None if no paper named it): read from the
        aggregate part the first time a saved one is asked for."""
        found = self._entities.get(key)
        if found is not None:
            return found
        old = self._order
        place = bisect_left(old, key)
        if place == len(old) or old[place] != key:
            return None
        if self._reader is None or self._reader[0] != self._written:
            self._close_reader()
            self._reader = (self._written, os.open(self._part(_AGGREGATES), os.O_RDONLY))
        at = self._offsets[_AGGREGATES]
        start, end = int(at[place]), int(at[place + 1])
        found = _entity(*pickle.loads(os.pread(self._reader[1], end - start, start)))
        self._entities[key] = found
        return found

    def _close_reader(self) -> None:
        """Close the aggregate part read by :meth:`_entity`."""
        if self._reader is not None:
            os.close(self._reader[1])
            self._reader = None

    @staticmethod
    def resumable(
        folder: Path, *, extractions_bytes: int, papers: int, base_iri: str | None = None
    ) -> bool:
        """Tell whether ``folder`` holds a saved stream of ``papers`` papers, the lines of an
        ``extractions.jsonl`` of ``extractions_bytes`` bytes, with its parts whole (only the
        state's header is read)."""
        try:
            with (folder / STATE_FILE).open("rb") as handle:
                state = pickle.load(handle)
            sizes = {part: (folder / part).stat().st_size for part in PARTS}
            layout = state.get("format")
            generation = state["generation"] if layout in (_FORMAT, _WHOLE) else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, KeyError):
            return False
        return (
            generation is not None
            and state.get("extractions_bytes") == extractions_bytes
            and state.get("papers") == papers
            and state.get("base") == IriMinter(base_iri).base
            and state.get("attributes", {}).get("created_by") == f"graphkit {__version__}"
            and all(sizes[part] >= size for part, size in state["sizes"].items())
            and all(
                _entity_part(folder, n, generation).is_file()
                for n in ENTITY_PARTS
                if n != _AGGREGATES or layout == _FORMAT
            )
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
        found = {place for key in entities for place in self._aggregate(key).first}
        found.update(place for *_, place in sorted(self._dated)[: self.newest])
        return sorted(found)

    def ranked(self, limit: int | None = None) -> list[str]:
        """Entity keys, most papers first (ties by key); the first ``limit`` only when given,
        found without sorting every entity (millions in a large corpus). The paper counts are
        the saved ones and those of the aggregates in memory: the others are not read."""
        old = self._order
        counts = self._counts.copy()
        new = []
        for key, entity in self._entities.items():
            place = bisect_left(old, key)
            if place < len(old) and old[place] == key:
                counts[place] = entity.papers
            else:
                new.append(key)
        new.sort()
        papers = np.concatenate(
            [counts, np.array([self._entities[key].papers for key in new], dtype=np.int64)]
        )
        total = len(papers)

        def key_of(index: int) -> str:
            return old[index] if index < len(old) else new[index - len(old)]

        if limit is not None and 0 < limit < total:
            floor = np.partition(papers, total - limit)[total - limit]
            most = np.flatnonzero(papers >= floor)
            found = sorted((-int(papers[i]), key_of(int(i))) for i in most)
            return [key for _, key in found[:limit]]
        after = np.array([bisect_left(old, key) for key in new], dtype=np.int64)
        rank = np.concatenate(
            [
                np.arange(len(old)) + np.searchsorted(after, np.arange(len(old)), side="right"),
                after + np.arange(len(new)),
            ]
        )
        return [key_of(int(i)) for i in np.lexsort((rank, -papers))]

    def entity_nodes(self, keys: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """The entities of ``keys`` (others are left out) with the attributes of their nodes,
        by key."""
        for key in sorted(set(keys)):
            entity = self._entity(key)
            if entity is not None:
                yield key, entity.attributes(key)

    def _aggregate(self, key: str) -> _Entity:
        """The aggregate of entity ``key``, which a paper named."""
        found = self._entity(key)
        if found is None:
            raise KeyError(key)
        return found

    def _gather(self, use: EntityUse) -> None:
        """Add one paper's entity node, surface forms and edges to the entity's aggregate."""
        key = use.key
        entity = self._entities.get(key)
        if entity is None and self._order:
            entity = self._entity(key)
        if entity is None:
            entity = self._entities[key] = _Entity(use.type, use.name, use.vocab_id, use.url)
            self._types[use.type] += 1
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
        entity = self._aggregate(key)
        return node_iri(self.minter, key, {"type": entity.type, "url": entity.url})

    def _touched(self) -> list[str]:
        """The entities whose sections are written, by key: all of them in a new stream; in a
        resumed one, the entities the new papers link to (each entity of a paper is the target of
        one of its edges, and the source of each of its derived pairs is one of them), or all when
        one of those is a repository whose IRI changed (other entities' triples name it)."""
        if self._edges_from is None:
            return self._keys_all()
        found: set[str] = set()
        with (self.folder / "paper_edges.json").open("rb") as handle:
            handle.seek(self._edges_from)
            for line in handle:
                item = line.rstrip(b",\n")
                if item:
                    found.add(json.loads(item)["target"])
        found.intersection_update(self._entities)
        old = self._order
        with self._part("entities.ttl", self._generation).open("rb") as triples:
            for key in found:
                place = bisect_left(old, key)
                if self._entities[key].type != "repo" or place == len(old) or old[place] != key:
                    continue
                triples.seek(int(self._offsets["entities.ttl"][place]))
                subject = self.turtle.iri(self._iri(key)).encode("utf-8")
                if triples.read(len(subject) + 1) != subject + b" ":
                    return self._keys_all()
        self._iris_kept = True
        return sorted(found)

    def _keys_all(self) -> list[str]:
        """Every entity's key, in order."""
        if not self._order:
            return sorted(self._entities)
        return sorted({*self._order, *self._entities})

    def _write_entities(self, keep: frozenset[str], processes: int) -> None:
        """Write the entity parts of the next generation: nodes and derived edges of
        ``graph.json``, and triples. The sections of the entities :meth:`_touched` gives are
        written from the aggregates, their derived pairs those of the previous generation's
        ``derived.json`` with the new ones; the others are copied from the previous
        generation, byte ranges found by the saved offsets (their aggregates too, unread).
        A stream without a previous generation writes them all, in up to ``processes``
        processes (:meth:`_write_new`)."""
        touched = self._touched()
        self.rewritten = len(touched)
        if not self._order and self._edges_from is None:
            self._write_new(touched, keep, processes)
            return
        old, offsets = self._order, self._offsets
        generation = self._generation
        pending = _grouped(self._pairs.rows())
        pair = next(pending, None)
        order: list[str] = []
        places: list[list[int]] = [[] for _ in ENTITY_PARTS]
        pieces: list[list[np.ndarray]] = [[] for _ in ENTITY_PARTS]
        counted: list[int] = []
        counts: list[np.ndarray] = []
        written = [0] * len(ENTITY_PARTS)
        kept: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
        with contextlib.ExitStack() as stack:
            sources = [
                stack.enter_context(_open_old(self._part(name, generation)))
                for name in ENTITY_PARTS
            ]
            outs = [
                stack.enter_context(self._part(name, generation + 1).open("wb"))
                for name in ENTITY_PARTS
            ]
            iris = _Iris(self._iri)
            iri_of = iris.__getitem__

            def copy(start: int, end: int) -> None:
                """Copy the sections of the old entities from ``start`` to ``end``."""
                if end <= start:
                    return
                order.extend(old[start:end])
                counts.extend((np.array(counted, dtype=np.int64), self._counts[start:end]))
                counted.clear()
                for n, (source, out) in enumerate(zip(sources, outs, strict=True)):
                    if source is None:
                        for key in old[start:end]:
                            write(n, _record(self._entities[key]))
                        continue
                    if places[n]:
                        pieces[n].append(np.array(places[n], dtype=np.int64))
                        places[n] = []
                    at = offsets[ENTITY_PARTS[n]]
                    first, last = int(at[start]), int(at[end])
                    pieces[n].append(at[start:end] - first + written[n])
                    _copy_range(source, out, first, last)
                    written[n] += last - first

            def write(n: int, data: bytes) -> None:
                """Write one entity's section of entity part ``n``."""
                places[n].append(written[n])
                outs[n].write(data)
                written[n] += len(data)

            targets = frozenset(json.dumps(key).encode("ascii") for key in keep)
            done = 0
            for key in touched:
                place = bisect_left(old, key, done)
                copy(done, place)
                earlier = place < len(old) and old[place] == key
                done = place + 1 if earlier else place
                added: list[tuple[str, str, list[str]]] = []
                if pair is not None and pair[0] == key:
                    added = pair[1]
                    pair = next(pending, None)
                entity = self._aggregate(key)
                if earlier and self._iris_kept:
                    sections = self._spliced(key, entity, place, added, iri_of, sources)
                    if key in keep:
                        kept[key] = list(_edges_among(sections[1].split(b",\n")[1:], targets))
                else:
                    pairs = list(self._old_pairs(sources[1], place)) if earlier else []
                    edges, sections = self._entity_sections(key, entity, pairs, added, iri_of)
                    if key in keep:
                        kept[key] = [(key, t, r, d) for t, r, d in edges if t in keep]
                iris.pop(key, None)
                order.append(key)
                counted.append(entity.papers)
                for n, section in enumerate(sections):
                    write(n, section)
            copy(done, len(old))
            self.view_edges = []
            for key in sorted(keep):
                found = kept.get(key)
                if found is None:
                    place = bisect_left(old, key)
                    found = list(self._old_edges(sources[1], place, targets))
                self.view_edges += found
        for n, name in enumerate(ENTITY_PARTS):
            pieces[n].append(np.array([*places[n], written[n]], dtype=np.int64))
            self._offsets[name] = np.concatenate(pieces[n])
        self._counts = np.concatenate([*counts, np.array(counted, dtype=np.int64)])
        self._order = order
        self._written = generation + 1
        self._edges_from = None

    def _entity_sections(
        self,
        key: str,
        entity: _Entity,
        earlier: list[tuple[str, str, list[str]]],
        added: list[tuple[str, str, list[str]]],
        iri_of: Callable[[str], str],
    ) -> tuple[list[tuple[str, str, dict[str, Any]]], tuple[bytes, ...]]:
        """The derived edges of entity ``key`` (:meth:`_settled`) and its sections of the
        entity parts, in :data:`ENTITY_PARTS` order."""
        edges = self._settled(earlier, added)
        attrs = entity.attributes(key)
        pairs = [(target, relation) for target, relation, _ in edges]
        lines = entity_lines(key, attrs, iri_of(key), pairs, iri_of)
        return edges, (
            (",\n" + node_json(key, attrs)).encode("utf-8"),
            "".join(",\n" + edge_json(key, t, r, data) for t, r, data in edges).encode("utf-8"),
            "".join(self.turtle.statements(lines)).encode("utf-8"),
            _record(entity),
        )

    def _write_new(self, keys: list[str], keep: frozenset[str], processes: int) -> None:
        """Write the entity parts of a stream without a previous generation: the sorted
        ``keys`` are cut into up to ``processes`` ranges of about equal work, each written by
        a process of its own into a piece of its own (forked: the aggregates and the spilled
        pairs are shared, not sent), and the pieces are joined in order."""
        counts = np.fromiter((self._entities[key].papers for key in keys), np.int64, len(keys))
        ranges = [
            (keys[start:end], keys[start], keys[end] if end < len(keys) else None)
            for start, end in itertools.pairwise(_cuts(counts, processes if can_fork() else 1))
        ]
        self._pairs.settle()
        paths = [self._part(name, self._generation + 1) for name in ENTITY_PARTS]
        pieces = [
            [path.with_name(f"{path.name}.{n}") for path in paths] for n in range(1, len(ranges))
        ]
        with contextlib.ExitStack() as stack:
            stack.callback(_remove, [path for piece in pieces for path in piece])
            children = [
                stack.enter_context(
                    Forked("writing the entity sections", self._write_piece, *found, piece, keep)
                )
                for found, piece in zip(ranges[1:], pieces, strict=True)
            ]
            found = [self._write_range(*ranges[0], paths, keep)]
            for child in children:
                starts, derived, kept = child.result()
                self._derived_counts.update(derived)
                found.append((starts, kept))
            _join_pieces(paths, pieces)
        for n, name in enumerate(ENTITY_PARTS):
            sizes = np.cumsum([0, *(int(starts[n][-1]) for starts, _ in found)])
            shifted = [
                starts[n][:-1] + size for (starts, _), size in zip(found, sizes[:-1], strict=True)
            ]
            self._offsets[name] = np.concatenate([*shifted, sizes[-1:]])
        kept = {key: edges for _, found_kept in found for key, edges in found_kept.items()}
        self.view_edges = [edge for key in sorted(keep) for edge in kept.get(key, ())]
        self._counts = counts
        self._order = keys
        self._written = self._generation + 1

    def _write_piece(
        self, keys: list[str], low: str, high: str | None, paths: list[Path], keep: frozenset[str]
    ) -> tuple[
        list[np.ndarray], Counter[str], dict[str, list[tuple[str, str, str, dict[str, Any]]]]
    ]:
        """:meth:`_write_range` in a forked process, with the derived edges it counts."""
        self._derived_counts = Counter()
        starts, kept = self._write_range(keys, low, high, paths, keep)
        return starts, self._derived_counts, kept

    def _write_range(
        self, keys: list[str], low: str, high: str | None, paths: list[Path], keep: frozenset[str]
    ) -> tuple[list[np.ndarray], dict[str, list[tuple[str, str, str, dict[str, Any]]]]]:
        """Write the sections of the entities ``keys`` (the keys from ``low`` to before
        ``high``), with their spilled pairs, into new files at ``paths``, counting their derived
        edges; return where each section starts in each file (and the file's size), and the
        derived edges among ``keep``."""
        starts = [array("q") for _ in ENTITY_PARTS]
        written = [0] * len(ENTITY_PARTS)
        kept: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
        iris = _Iris(self._iri)
        iri_of = iris.__getitem__

        pending = _grouped(self._pairs.rows(low, high))
        pair = next(pending, None)
        with contextlib.ExitStack() as stack:
            outs = [stack.enter_context(path.open("wb")) for path in paths]
            for key in keys:
                added: list[tuple[str, str, list[str]]] = []
                if pair is not None and pair[0] == key:
                    added = pair[1]
                    pair = next(pending, None)
                edges, sections = self._entity_sections(key, self._entities[key], [], added, iri_of)
                iris.pop(key, None)
                for n, section in enumerate(sections):
                    starts[n].append(written[n])
                    outs[n].write(section)
                    written[n] += len(section)
                if key in keep:
                    kept[key] = [(key, t, r, d) for t, r, d in edges if t in keep]
        for n, size in enumerate(written):
            starts[n].append(size)
        return [np.frombuffer(found, dtype=np.int64) for found in starts], kept

    def _settled(
        self, earlier: list[tuple[str, str, list[str]]], added: list[tuple[str, str, list[str]]]
    ) -> list[tuple[str, str, dict[str, Any]]]:
        """An entity's derived edges (target, relation, attributes) from its pairs
        (relation, target, papers) of before and of the new papers, in the order the settled
        graph holds them: by target as first reached in (relation, target) order, relations
        in that order; and count them."""
        papers: dict[tuple[str, str], list[str]] = {}
        for relation, target, found in earlier:
            papers[relation, target] = found
        self._derived_counts.subtract(Counter(relation for relation, _, _ in earlier))
        for relation, target, found in added:
            before = papers.get((relation, target))
            papers[relation, target] = sorted({*before, *found}) if before else found
        edges: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for (relation, target), found in sorted(papers.items()):
            edges[target].append((target, relation, _derived_data(relation, found)))
        self._derived_counts.update(relation for relation, _ in papers)
        return [edge for group in edges.values() for edge in group]

    def _spliced(
        self,
        key: str,
        entity: _Entity,
        place: int,
        added: list[tuple[str, str, list[str]]],
        iri_of: Callable[[str], str],
        sources: list[IO[bytes] | None],
    ) -> tuple[bytes, ...]:
        """The sections of the earlier entity ``key`` (at ``place`` in the previous
        generation, open in ``sources``) that new papers touch, with its derived pairs
        ``added`` by them, when no IRI changed. A hub's derived edges grow with the corpus
        and the new papers name few of them: the edges of each target they name are found by
        bisection (the edges are in :meth:`_settled`'s order: by target as first reached in
        (relation, target) order), written again and put in their place, and the runs of
        edges between are copied as bytes, JSON lines and statements alike."""
        derived, triples = sources[1], sources[2]
        assert derived is not None and triples is not None
        lines = self._old_lines(derived, place)
        section = self._old_section("entities.ttl", triples, place)
        starts, ends = _object_spans(section, len(lines))
        keys: dict[int, tuple[str, str]] = {}

        def key_at(index: int) -> tuple[str, str]:
            """The relation and target of the edge at ``index``."""
            found = keys.get(index)
            if found is None:
                found = keys[index] = _edge_key(lines[index])
            return found

        def group_at(index: int) -> tuple[str, str]:
            """The order of the edges of the target of the edge at ``index``: their first
            relation, and the target."""
            relation, target = key_at(index)
            while index > 0 and key_at(index - 1)[1] == target:
                index -= 1
                relation = key_at(index)[0]
            return relation, target

        every = range(len(lines))
        named: dict[str, dict[str, list[str]]] = {}
        for relation, target, found in added:
            named.setdefault(target, {})[relation] = found
        removed: list[tuple[int, int]] = []
        inserted: list[tuple[int, str, list[tuple[str, tuple[bytes, bytes]]]]] = []
        for target, relations in named.items():
            edges: dict[str, tuple[bytes, bytes]] = {}
            for relation in sorted(DERIVED_RELATIONS):
                first = bisect_left(every, (relation, target), key=group_at)
                if first < len(lines) and group_at(first) == (relation, target):
                    last = first + 1
                    while last < len(lines) and key_at(last)[1] == target:
                        last += 1
                    removed.append((first, last))
                    for index in range(first, last):
                        turtle_object = section[starts[index] : ends[index]]
                        edges[key_at(index)[0]] = (lines[index], turtle_object)
                    break
            for relation, found in relations.items():
                before = edges.get(relation)
                if before is not None:
                    merged = sorted({*json.loads(before[0])["papers"], *found})
                    edges[relation] = (_edge_line(key, target, relation, merged), before[1])
                else:
                    turtle_object = self.turtle.term(iri_of(target)).encode("utf-8")
                    edges[relation] = (_edge_line(key, target, relation, found), turtle_object)
                    self._derived_counts[relation] += 1
            group = sorted(edges.items())
            at_place = bisect_left(every, (group[0][0], target), key=group_at)
            inserted.append((at_place, target, group))
        inserted.sort(key=itemgetter(0, 1))
        removed.sort()
        attrs = entity.attributes(key)
        head = "".join(self.turtle.statements(entity_lines(key, attrs, iri_of(key), [], iri_of)))
        json_parts: list[bytes] = []
        turtle_parts = [head[: -len(" .\n")].encode("utf-8")]
        verbs = {
            relation: f" ;\n\t{self.turtle.iri(relation_property(relation))} ".encode()
            for relation in DERIVED_RELATIONS
        }
        last_relation: str | None = None

        def copy(first: int, end: int) -> None:
            """Copy the unchanged edges from ``first`` to before ``end``."""
            nonlocal last_relation
            if first >= end:
                return
            relation = key_at(first)[0]
            json_parts.extend((b",\n", b",\n".join(lines[first:end])))
            turtle_parts.extend(
                (
                    b" , " if relation == last_relation else verbs[relation],
                    section[starts[first] : ends[end - 1]],
                )
            )
            last_relation = key_at(end - 1)[0]

        end_of_all = (len(lines), len(lines))
        done, skips = 0, iter(removed)
        skip = next(skips, end_of_all)
        for at_place, _, group in [*inserted, (len(lines), "", [])]:
            while done < at_place:
                copy(done, min(at_place, skip[0]))
                done = min(at_place, skip[0])
                if done == skip[0]:
                    done = skip[1]
                    skip = next(skips, end_of_all)
            for relation, (line, turtle_object) in group:
                json_parts.extend((b",\n", line))
                turtle_parts.extend(
                    (b" , " if relation == last_relation else verbs[relation], turtle_object)
                )
                last_relation = relation
        turtle_parts.append(b" .\n")
        return (
            (",\n" + node_json(key, attrs)).encode("utf-8"),
            b"".join(json_parts),
            b"".join(turtle_parts),
            _record(entity),
        )

    def _old_section(self, name: str, part: IO[bytes], place: int) -> bytes:
        """The section of the entity at ``place`` in ``part``, the previous generation's
        entity part ``name``."""
        offsets = self._offsets[name]
        start, end = int(offsets[place]), int(offsets[place + 1])
        part.seek(start)
        return part.read(end - start)

    def _old_lines(self, derived: IO[bytes], place: int) -> list[bytes]:
        """The lines of the derived edges of the entity at ``place`` in the previous
        generation's ``derived.json``."""
        return self._old_section("derived.json", derived, place).split(b",\n")[1:]

    def _old_pairs(self, derived: IO[bytes], place: int) -> Iterator[tuple[str, str, list[str]]]:
        """The derived pairs (relation, target, papers) of the entity at ``place`` in the
        previous generation."""
        for line in self._old_lines(derived, place):
            edge = json.loads(line)
            yield edge["key"], edge["target"], edge["papers"]

    def _old_edges(
        self, derived: IO[bytes], place: int, targets: frozenset[bytes]
    ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """The derived edges of the entity at ``place`` in the previous generation whose
        target, as JSON text (it ends each line), is in ``targets``; only those are parsed."""
        return _edges_among(self._old_lines(derived, place), targets)

    def finish(
        self,
        json_path: Path,
        ttl_path: Path,
        *,
        keep: frozenset[str] = frozenset(),
        processes: int = 1,
    ) -> None:
        """Write ``graph.json`` and ``graph.ttl``: :meth:`write_entities` (in up to
        ``processes`` processes), :meth:`write_json` and :meth:`write_turtle` in turn."""
        self.write_entities(keep, processes=processes)
        self.write_json(json_path)
        self.write_turtle(ttl_path)

    def write_entities(self, keep: frozenset[str] = frozenset(), *, processes: int = 1) -> None:
        """Close the paper parts and write the entity parts, those of a new stream in up to
        ``processes`` processes; the derived edges among the entities of ``keep`` are kept in
        :attr:`view_edges`."""
        self.close()
        self.view_edges = []
        try:
            self._write_entities(keep, processes)
        finally:
            self._pairs.clear()

    def write_json(self, path: Path) -> None:
        """Join the parts into ``graph.json`` at ``path`` (after :meth:`write_entities`)."""
        with path.open("wb") as handle:
            handle.write(json_header(self.attributes).encode("ascii"))
            self._json_rest(handle, 0)

    def _json_rest(self, handle: IO[bytes], start: int) -> None:
        """Write to ``handle`` the papers' nodes from byte ``start`` of ``papers.json`` and the
        rest of ``graph.json`` (:func:`_json_rest`); keep where the papers' nodes end."""
        sizes = self._sizes()
        papers_end = _json_rest(handle, self.folder, self._written, sizes, start)
        self._json = (sizes["papers.json"], papers_end, handle.tell())

    def write_turtle(self, path: Path, earlier: Path | None = None) -> None:
        """Join the parts into ``graph.ttl`` at ``path`` (after :meth:`write_entities`), with
        each repository's IRI filled in. ``earlier`` is the ``graph.ttl`` of the saved stream
        (of a resumed one): when :meth:`turtle_kept` says so, its statements of the earlier
        papers are copied, and only the new papers' are filled in."""
        kept = self._turtle if earlier is not None and self.turtle_kept(earlier) else None
        with path.open("wb") as handle:
            if kept is None:
                handle.write(self.turtle.header.encode("utf-8"))
                self._turtle_rest(handle, 0)
                return
            assert earlier is not None
            with earlier.open("rb") as source:
                _copy_range(source, handle, 0, kept[1])
            self._turtle_rest(handle, kept[0])

    def turtle_kept(self, earlier: Path) -> bool:
        """Whether ``earlier``, the ``graph.ttl`` of the saved stream (of a resumed one), can
        keep its statements of the earlier papers: it is whole (of the saved size) and no
        repository's IRI changed (:meth:`write_entities` tells)."""
        return self._iris_kept and _whole(earlier, self._turtle)

    def json_kept(self, earlier: Path) -> bool:
        """Whether ``earlier``, the ``graph.json`` of the saved stream (of a resumed one), can
        keep its earlier papers' nodes: it is whole (of the saved size)."""
        return self._saved_sizes is not None and _whole(earlier, self._json)

    def extend_turtle(self, path: Path) -> None:
        """Bring ``path``, the build's ``graph.ttl`` (one :meth:`turtle_kept` keeps), up to
        date in place (see :meth:`extend_json`): the earlier papers' statements are kept."""
        assert self._turtle is not None
        self._extend(path, "turtle", self._turtle)

    def extend_json(self, path: Path) -> None:
        """Bring ``path``, the build's ``graph.json`` (one :meth:`json_kept` keeps), up to date
        in place: cut it where the earlier papers' nodes (or statements) end and append the
        new papers' and the rest, instead of writing the whole file again.

        First a mark (:data:`CUT_MARK`) is left in the stream's folder, naming where the file
        is cut and the generation and part sizes of what it held after: an error here puts
        the previous file back at once (:func:`restore_output`); after a kill, the next build
        of the folder does (:func:`repair_output`). :meth:`save` removes the marks once the
        state names the new generation."""
        assert self._json is not None
        self._extend(path, "json", self._json)

    def _extend(self, path: Path, kind: str, kept: tuple[int, int, int]) -> None:
        """Cut ``path`` (``kind`` ``json`` or ``turtle``) at ``kept``'s end of the earlier
        papers and append the rest, behind a mark."""
        start, papers_end, size = kept
        mark = {
            "kind": kind,
            "start": start,
            "papers_end": papers_end,
            "size": size,
            "generation": self._generation,
            "next": self._written,
            "sizes": self._saved_sizes,
        }
        marked = _mark_of(self.folder, path)
        fresh = marked.with_name(marked.name + ".next")
        fresh.write_text(json.dumps(mark), encoding="ascii")
        os.replace(fresh, marked)
        try:
            with path.open("r+b") as handle:
                handle.truncate(papers_end)
                handle.seek(papers_end)
                rest = self._json_rest if kind == "json" else self._turtle_rest
                rest(handle, start)
        except BaseException:
            restore_output(self.folder, path)
            raise

    def _sizes(self) -> dict[str, int]:
        """The size of each paper part now."""
        return {part: (self.folder / part).stat().st_size for part in PARTS}

    def _turtle_rest(self, handle: IO[bytes], start: int) -> None:
        """Write to ``handle`` the papers' statements from byte ``start`` of ``papers.ttl``,
        each repository's IRI filled in, then the entity section; keep where they end."""
        repos: dict[bytes, bytes] = {}

        def repo(match: re.Match[bytes]) -> bytes:
            key = match.group(1)
            found = repos.get(key)
            if found is None:
                iri = self.turtle.iri(self._iri(key.decode("utf-8")))
                found = repos[key] = iri.encode("utf-8")
            return found

        with (self.folder / "papers.ttl").open("rb") as papers:
            papers.seek(start)
            while block := papers.read(_BLOCK):
                block += papers.readline()
                handle.write(REPO_TERM.sub(repo, block) if b"\x00" in block else block)
        papers_end = handle.tell()
        _turtle_entities(handle, self.folder, self._written)
        size = handle.tell()
        self._turtle = ((self.folder / "papers.ttl").stat().st_size, papers_end, size)

    def paper_sections(
        self, places: set[int], edges: Callable[[int, str], bool] | None = None
    ) -> Iterator[Section]:
        """The node, results, edges and result edges of the papers at ``places`` in the
        stream, in order, read back from the parts (after :meth:`write_entities`). Only the
        papers' own lines are read, found by :meth:`paper_starts`; with ``edges``, a paper
        edge is parsed only when ``edges(place, text)`` holds for its JSON text."""
        starts = self.paper_starts()
        with contextlib.ExitStack() as stack:
            handles = [
                stack.enter_context((self.folder / name).open("rb")) for name in _SECTION_PARTS
            ]
            for place in sorted(places):
                found: list[list[dict[str, Any]]] = []
                for n, handle in enumerate(handles):
                    first, last = starts[_SECTION_PARTS[n]][place : place + 2]
                    handle.seek(first)
                    items = handle.read(int(last - first)).decode("ascii").split(",\n")[1:]
                    if n == 2 and edges is not None:
                        items = [item for item in items if edges(place, item)]
                    found.append([json.loads(item) for item in items])
                yield Section(found[0][0], *found[1:])

    def paper_starts(self) -> dict[str, np.ndarray]:
        """Where each paper's items start in each of :data:`_SECTION_PARTS` (and where the
        part ends), by place; kept with the stream and extended over the papers added since."""
        done = len(self._starts[_SECTION_PARTS[0]]) - 1
        if done == self.papers:
            return self._starts
        sections = np.frombuffer(self._sections, dtype=np.uint32)
        counts = sections.reshape(-1, 3)[done:].astype(np.int64)
        del sections
        for n, name in enumerate(_SECTION_PARTS):
            at = self._starts[name]
            per_paper = np.ones(len(counts), dtype=np.int64) if n == 0 else counts[:, n - 1]
            items = np.concatenate(
                [
                    *_item_starts(self.folder / name, int(at[-1])),
                    [(self.folder / name).stat().st_size],
                ]
            )
            first = np.concatenate([[0], np.cumsum(per_paper, dtype=np.int64)])
            self._starts[name] = np.concatenate([at[:-1], items[first]])
        return self._starts

    def keep_paper_starts(self, starts: dict[str, np.ndarray]) -> None:
        """Keep ``starts``, those :meth:`paper_starts` gave in a forked copy of this stream
        (its view's), so that they are saved with it."""
        self._starts = starts

    def paper_iris(self) -> Iterator[str]:
        """The IRI of each paper, in stream order."""
        with (self.folder / "papers.iri").open(encoding="ascii") as handle:
            for line in handle:
                yield line.rstrip("\n")

    def stats(self) -> dict[str, Any]:
        """The counts :meth:`KnowledgeGraph.stats` gives for the same papers (after
        :meth:`finish`, which counts the derived edges)."""
        entities = dict.fromkeys(ENTITY_TYPES, 0)
        for type, count in self._types.items():
            entities[type] = entities.get(type, 0) + count
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
            "entities": self._types.total(),
            "entities_by_type": entities,
            "results": sum(results.values()),
            "results_by_kind": results,
            "edges": sum(relations.values()),
            "edges_by_relation": relations,
            "evidence": self._evidence,
        }


def _mark_of(folder: Path, path: Path) -> Path:
    """The mark (:data:`CUT_MARK`) in the stream ``folder`` of the output at ``path``."""
    return folder / (path.name + CUT_MARK)


def _whole(path: Path, kept: tuple[int, int, int] | None) -> bool:
    """Whether the output at ``path`` is the one ``kept`` (where its papers start in their
    part, end in the output, and its size) describes, by its size."""
    return kept is not None and path.is_file() and path.stat().st_size == kept[2]


def restore_output(folder: Path, path: Path) -> None:
    """Put back the output at ``path`` (``graph.json`` or ``graph.ttl``) that
    :meth:`GraphStream.extend_json` or :meth:`~GraphStream.extend_turtle` (its mark in the
    stream ``folder``) began to bring up to date: cut it again where the earlier papers end
    and append what followed them, from the parts of the generation and sizes the mark names;
    then remove the mark. Without a mark, nothing is done."""
    marked = _mark_of(folder, path)
    if not marked.exists():
        return
    mark = json.loads(marked.read_text(encoding="ascii"))
    generation = mark["generation"]
    with path.open("r+b") as handle:
        handle.truncate(mark["papers_end"])
        handle.seek(mark["papers_end"])
        if mark["kind"] == "json":
            _json_rest(handle, folder, generation, mark["sizes"], mark["start"])
        else:
            _turtle_entities(handle, folder, generation)
        size = handle.tell()
    if size != mark["size"]:
        raise GraphkitError(f"{path} could not be put back: {size} bytes, not {mark['size']}")
    marked.unlink()


def repair_output(folder: Path, path: Path) -> None:
    """Repair the output at ``path`` that a process killed while bringing it up to date in
    place (:meth:`GraphStream.extend_json`) left: when the state of the stream in ``folder``
    still names the generation of before, the previous file is put back
    (:func:`restore_output`); when it names the new one, the file was complete and the mark
    is dropped. A mark that goes with neither, or a file that cannot be put back, is a
    :class:`~graphkit.errors.UsageError`."""
    marked = _mark_of(folder, path)
    if not marked.exists():
        return
    try:
        mark = json.loads(marked.read_text(encoding="ascii"))
        with (folder / STATE_FILE).open("rb") as handle:
            generation = pickle.load(handle).get("generation")
        if generation == mark["next"]:
            marked.unlink()
            return
        if generation == mark["generation"]:
            restore_output(folder, path)
            return
    except (OSError, GraphkitError, ValueError, KeyError, pickle.UnpicklingError, EOFError):
        pass
    raise UsageError(
        f"{path} was left cut by an update that was stopped and cannot be put back "
        f"(from {marked}): build the folder again without --update"
    )


def _json_rest(
    handle: IO[bytes], folder: Path, generation: int, sizes: dict[str, int], start: int
) -> int:
    """Write the items of ``graph.json`` from byte ``start`` of ``papers.json`` on (0: all of
    them, after the header), with the paper parts of ``sizes`` and the entity parts of
    ``generation`` in ``folder``, the edges and the end; return where the papers' nodes end."""
    nodes = [
        (folder / "papers.json", sizes["papers.json"]),
        (_entity_part(folder, "entities.json", generation), None),
        (folder / "results.json", sizes["results.json"]),
    ]
    papers_end = _join(handle, nodes, start)
    handle.write(JSON_EDGES.encode("ascii"))
    edges = [
        (folder / "paper_edges.json", sizes["paper_edges.json"]),
        (_entity_part(folder, "derived.json", generation), None),
        (folder / "result_edges.json", sizes["result_edges.json"]),
    ]
    _join(handle, edges)
    handle.write(JSON_END.encode("ascii"))
    return papers_end


def _turtle_entities(handle: IO[bytes], folder: Path, generation: int) -> None:
    """Write to ``handle`` the entity section of ``graph.ttl``: the entity part of
    ``generation`` in ``folder``, whole."""
    _copy_file(_entity_part(folder, "entities.ttl", generation), handle)


def _item_starts(path: Path, start: int) -> Iterator[np.ndarray]:
    """Where the items of a part from byte ``start`` on start: each is written after
    ``,\\n``, and JSON text holds no line end."""
    with path.open("rb") as handle:
        handle.seek(start)
        while block := handle.read(_SCAN):
            yield np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10) + (start - 1)
            start += len(block)


def _join(handle: IO[bytes], parts: list[tuple[Path, int | None]], start: int = 0) -> int:
    """Copy the items of ``parts`` (each written after ``,\\n``; with the size to copy, None
    for the whole part) into one list, the first part from byte ``start`` on: the first item
    of all (when ``start`` is 0) is written after ``\\n`` alone. Return where the first part
    ends in ``handle``."""
    first = not start
    ends = []
    for n, (part, end) in enumerate(parts):
        size = part.stat().st_size if end is None else end
        if size:
            begin = start if n == 0 else 0
            with part.open("rb") as source:
                _copy_range(source, handle, begin + 1 if first else begin, size)
            first = False
        ends.append(handle.tell())
    return ends[0]


def _grouped(
    rows: Iterable[tuple[str, ...]],
) -> Iterator[tuple[str, list[tuple[str, str, list[str]]]]]:
    """Each source entity with its derived pairs (relation, target, papers), from the sorted
    rows (source, relation, target, paper) of :class:`SortedSpill`, pairs in (relation,
    target) order."""
    rows = iter(rows)
    row = next(rows, None)
    while row is not None:
        source = row[0]
        pairs = []
        while row is not None and row[0] == source:
            relation, target = row[1], row[2]
            papers = []
            while row is not None and row[:3] == (source, relation, target):
                papers.append(row[3])
                row = next(rows, None)
            pairs.append((relation, target, papers))
        yield source, pairs


def _cuts(counts: np.ndarray, processes: int) -> list[int]:
    """Where to cut entities of paper ``counts`` into up to ``processes`` ranges of about
    equal work (an entity's derived edges grow with its papers): the first index of each
    range and the end."""
    if processes <= 1 or len(counts) < processes:
        return [0, len(counts)]
    work = np.cumsum(counts + _ENTITY_WORK)
    marks = work[-1] * np.arange(1, processes) / processes
    inner = np.searchsorted(work, marks).tolist()
    return sorted({0, *(cut for cut in inner if 0 < cut < len(counts)), len(counts)})


def _remove(paths: list[Path]) -> None:
    """Remove the files at ``paths`` (those that exist)."""
    for path in paths:
        path.unlink(missing_ok=True)


def _join_pieces(paths: list[Path], pieces: list[list[Path]]) -> None:
    """Append each piece, in order, to the entity part of its place in ``paths``."""
    for n, path in enumerate(paths):
        with path.open("r+b") as out:
            out.seek(0, os.SEEK_END)
            for piece in pieces:
                _copy_file(piece[n], out)


def _edge_key(line: bytes) -> tuple[str, str]:
    """The relation and target of a derived edge's line of ``derived.json`` (its keys are
    sorted: ``key`` comes before ``papers``, ``target`` last), read without parsing it."""
    start = line.index(_KEY_FIELD) + len(_KEY_FIELD)
    relation = line[start : line.index(b'"', start)].decode("ascii")
    cut = line.rindex(_TARGET_FIELD) + len(_TARGET_FIELD)
    text = line[cut + 1 : -2]
    target = text.decode("utf-8") if b"\\" not in text else json.loads(line[cut:-1])
    return relation, target


def _edges_among(
    lines: Iterable[bytes], targets: frozenset[bytes]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """The derived edges (source, target, relation, attributes) of the lines of
    ``derived.json`` whose target, as JSON text (it ends each line), is in ``targets``; only
    those are parsed."""
    for line in lines:
        cut = line.rindex(_TARGET_FIELD) + len(_TARGET_FIELD)
        if line[cut:-1] not in targets:
            continue
        edge = json.loads(line)
        relation = edge["key"]
        yield edge["source"], edge["target"], relation, _derived_data(relation, edge["papers"])


def _edge_line(source: str, target: str, relation: str, papers: list[str]) -> bytes:
    """The line of ``derived.json`` of a derived edge made by ``papers``."""
    return edge_json(source, target, relation, _derived_data(relation, papers)).encode("utf-8")


def _object_spans(section: bytes, count: int) -> tuple[list[int], list[int]]:
    """Where the objects of the last ``count`` triples of one subject's statements in Turtle
    (:meth:`~graphkit.export.turtle.TurtleWriter.statements`) start and end, in order: an
    entity's derived edges, whose objects are IRIs (no spaces), each after ``" , "`` when
    its predicate is the one before, else after ``" ;\n\t"`` and its predicate."""
    starts, ends = [0] * count, [0] * count
    end = len(section) - len(b" .\n")
    for index in range(count - 1, -1, -1):
        start = section.rindex(b" ", 0, end) + 1
        starts[index], ends[index] = start, end
        if section[start - 2 : start] == b", ":
            end = start - len(b" , ")
        else:
            end = section.rindex(b"\t", 0, start) - len(b" ;\n")
    return starts, ends


def _derived_data(relation: str, papers: list[str]) -> dict[str, Any]:
    """The attributes of a derived edge made by ``papers``."""
    data: dict[str, Any] = {"relation": relation}
    if relation == DERIVED_RELATIONS[0]:
        data["count"] = len(papers)
    data["papers"] = papers
    return data


def _from_whole(state: dict[str, Any]) -> dict[str, Any]:
    """The state of a stream saved in the layout :data:`_WHOLE`, with what :data:`_FORMAT`
    keeps besides (the aggregates still all in ``_entities``, their part not written yet)."""
    entities: dict[str, _Entity] = state["_entities"]
    order: list[str] = state["_order"]
    state["_types"] = Counter(entity.type for entity in entities.values())
    state["_counts"] = np.array([entities[key].papers for key in order], dtype=np.int64)
    state["_offsets"][_AGGREGATES] = np.zeros(len(order) + 1, dtype=np.int64)
    return state


def _entity_part(folder: Path, name: str, generation: int) -> Path:
    """The entity part ``name`` of ``generation`` in ``folder`` (``entities-3.json``)."""
    stem, _, suffix = name.partition(".")
    return folder / f"{stem}-{generation}.{suffix}"


def _open_old(path: Path) -> contextlib.AbstractContextManager[IO[bytes] | None]:
    """``path`` opened to read bytes, or a null context (None) when there is none yet."""
    return path.open("rb") if path.exists() else contextlib.nullcontext()


def _copy_file(path: Path, out: IO[bytes]) -> None:
    """Copy the whole file at ``path`` to ``out``."""
    with path.open("rb") as source:
        _copy_range(source, out, 0, path.stat().st_size)


def _copy_range(source: IO[bytes], out: IO[bytes], start: int, end: int) -> None:
    """Copy the bytes of ``source`` from ``start`` to ``end`` to ``out``: in the kernel
    (``os.copy_file_range``) where the system can, else through a buffer."""
    left = end - start
    if left > 0 and hasattr(os, "copy_file_range"):
        out.flush()
        with contextlib.suppress(OSError):
            while left > 0:
                sent = os.copy_file_range(source.fileno(), out.fileno(), left, start)
                if not sent:
                    break
                start += sent
                left -= sent
        out.seek(0, os.SEEK_END)
    source.seek(start)
    while left > 0:
        block = source.read(min(left, _BLOCK))
        if not block:
            raise GraphkitError(f"{source.name} ends before byte {end}")
        out.write(block)
        left -= len(block)
