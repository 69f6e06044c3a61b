"""A streamed graph (:mod:`graphkit.graph.stream`) writes the bytes of the graph held in memory."""

from __future__ import annotations

import itertools
import json
import pickle
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from graphkit.cli import main
from graphkit.errors import GraphkitError, InputError, UsageError
from graphkit.export.html import write_html
from graphkit.export.rdf import write_rdf
from graphkit.export.stream_view import chosen, write_stream_html
from graphkit.graph import KnowledgeGraph
from graphkit.graph.paper_parts import PaperParts, PaperRenderer
from graphkit.graph.stream import CUT_MARK, STATE_FILE, GraphStream
from graphkit.models import Entity, Extraction, Mention, Paper
from graphkit.run import pipeline
from graphkit.run.parallel import ExtractionPool, iter_rendered_with_lines
from graphkit.run.pipeline import build, run_build, sample_paths
from graphkit.run.resume import STREAM_DIR, repair_outputs
from graphkit.sources import read_papers


def streamed(
    extractions: list[Extraction] | list[PaperParts],
    folder: Path,
    processes: int = 1,
    **options: object,
) -> GraphStream:
    stream = GraphStream(folder / "parts", **options)  # type: ignore[arg-type]
    for extraction in extractions:
        stream.add(extraction)
    stream.finish(folder / "graph.json", folder / "graph.ttl", processes=processes)
    return stream


def in_memory(extractions: list[Extraction], folder: Path) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_papers(extractions)
    kg.save(folder / "graph.json")
    write_rdf(kg.graph, folder / "graph.ttl")
    return kg


def assert_same(extractions: list[Extraction], tmp_path: Path, **options: object) -> None:
    one, other = tmp_path / "memory", tmp_path / "stream"
    one.mkdir()
    other.mkdir()
    kg = in_memory(extractions, one)
    stream = streamed(extractions, other, **options)
    for name in ("graph.json", "graph.ttl"):
        assert (one / name).read_bytes() == (other / name).read_bytes(), name
    assert stream.stats() == kg.stats()
    assert not list((other / "parts").glob("run-*"))


def extractions_of(inputs: list[Path] | None, out: Path) -> list[Extraction]:
    run_build(inputs, output_dir=out)
    lines = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    return [Extraction.from_dict(json.loads(line)) for line in lines]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[Extraction]:
    return extractions_of(None, tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def gold(
    tmp_path_factory: pytest.TempPathFactory, dev_gold: Path, dev2_gold: Path
) -> list[Extraction]:
    return extractions_of([dev_gold, dev2_gold], tmp_path_factory.mktemp("gold"))


@pytest.mark.parametrize(
    ("spill_rows", "processes"),
    [(200_000, 1), (7, 1), (200_000, 3), (7, 3)],
    ids=["in memory", "spilled", "in memory, 3 processes", "spilled, 3 processes"],
)
def test_sample_streams_to_the_same_bytes(
    sample: list[Extraction], tmp_path: Path, spill_rows: int, processes: int
) -> None:
    """Also when the entity sections are written by several processes, each reading the
    spilled pairs of its range of entities."""
    assert any(e.results for e in sample) and any(e.entities for e in sample)
    assert_same(sample, tmp_path, spill_rows=spill_rows, processes=processes)


def test_gold_sets_stream_to_the_same_bytes(gold: list[Extraction], tmp_path: Path) -> None:
    assert_same(gold, tmp_path, spill_rows=50, processes=2)


def test_a_process_that_fails_writing_entity_sections_fails_the_stream(
    sample: list[Extraction], tmp_path: Path
) -> None:
    """An entity that cannot be written in another process's range stops the stream with its
    error, and no piece of that process is left."""
    stream = GraphStream(tmp_path / "parts")
    for extraction in sample:
        stream.add(extraction)
    last = max(stream._entities)
    stream._entities[last].name, stream._entities[last].names = "", None
    with pytest.raises(GraphkitError, match=f"entity sections failed.*{re.escape(last)}"):
        stream.write_entities(processes=2)
    assert sorted(path.name for path in (tmp_path / "parts").glob("*-1.*")) == [
        "aggregates-1.pickle",
        "derived-1.json",
        "entities-1.json",
        "entities-1.ttl",
    ]


def mention(text: str, start: int, rule: str = "test") -> Mention:
    return Mention(text, "X", "abstract", start, start + len(text), f"We use {text}.", rule)


def entity(key: str, name: str, kind: str, **fields: object) -> Entity:
    return Entity(key, name, kind, mentions=[mention(name, 7)], **fields)  # type: ignore[arg-type]


def paper(number: int, *entities: Entity) -> Extraction:
    return Extraction(Paper(f"p{number}", f"Paper {number}", "We use it."), list(entities))


def test_entities_settle_over_papers_as_in_memory(tmp_path: Path) -> None:
    """A repository's IRI comes from the smallest URL of any paper, even a later one;
    names, aliases, vocabulary ids and derived edges gather over every paper."""
    repo = "repo/github.com/org/tool"
    extractions = [
        paper(
            1,
            entity(repo, "github.com/org/tool", "repo", url="https://github.com/org/tool"),
            entity("method/tool", "TOOL", "method", proposed=True, aliases=["Tool net"]),
            entity("dataset/data", "Data", "dataset", vocab_id="pwc:data-b"),
        ),
        paper(
            2,
            entity("method/tool", "Tool", "method"),
            entity("dataset/data", "DATA", "dataset", vocab_id="pwc:data-a"),
            entity(repo, "github.com/Org/Tool", "repo", url="https://github.com/Org/Tool"),
        ),
        paper(3, entity("method/tool", "Tool", "method"), entity("task/t", "T", "task")),
    ]
    extractions[0].entities[0].proposed = True
    assert_same(extractions, tmp_path, spill_rows=2)
    ttl = (tmp_path / "stream" / "graph.ttl").read_text(encoding="utf-8")
    assert "<https://github.com/Org/Tool>" in ttl and "github.com/org/tool>" not in ttl


def resumed(
    first: list[Extraction],
    later: list[Extraction],
    folder: Path,
    *,
    stopped: bool = False,
    whole: bool = False,
    **options: object,
) -> GraphStream:
    """Stream ``first`` and save the stream; resume it with ``later`` (with ``stopped``, an
    update that wrote its entity parts and stopped before saving comes first; with ``whole``,
    the stream is saved in the layout that kept every aggregate in its state). The resumed
    stream's ``graph.ttl`` is written from the one before."""
    processes = int(options.pop("processes", 1))  # type: ignore[call-overload]
    stream = GraphStream(folder / "parts", **options)  # type: ignore[arg-type]
    for extraction in first:
        stream.add(extraction)
    stream.finish(folder / "graph.json", folder / "graph.ttl", processes=processes)
    stream.save(0)
    if whole:
        saved_whole(folder / "parts")
    for finished in (False, True) if stopped else (True,):
        stream = GraphStream(folder / "parts", resume=True, **options)  # type: ignore[arg-type]
        for extraction in later:
            stream.add(extraction)
        stream.write_entities()
        if finished:
            stream.write_json(folder / "graph.json")
            stream.write_turtle(folder / "next.ttl", folder / "graph.ttl")
            (folder / "next.ttl").replace(folder / "graph.ttl")
    return stream


def saved_whole(folder: Path) -> None:
    """Write the saved stream in ``folder`` again as the layout before the aggregates were
    kept by entity saved it: all of them in the state, no aggregate part."""
    stream = GraphStream(folder, resume=True)
    stream.close()
    with (folder / STATE_FILE).open("rb") as handle:
        header, state = pickle.load(handle), pickle.load(handle)
    state["_entities"] = {key: stream._entity(key) for key in state["_order"]}
    stream._close_reader()
    del state["_types"], state["_counts"], state["_offsets"]["aggregates.pickle"]
    header["format"] = 2
    with (folder / STATE_FILE).open("wb") as handle:
        pickle.dump(header, handle)
        pickle.dump(state, handle)
    (folder / f"aggregates-{header['generation']}.pickle").unlink()


def assert_resumed_same(
    first: list[Extraction], later: list[Extraction], tmp_path: Path, **options: object
) -> GraphStream:
    one, other = tmp_path / "memory", tmp_path / "stream"
    one.mkdir()
    other.mkdir()
    kg = in_memory([*first, *later], one)
    stream = resumed(first, later, other, **options)
    for name in ("graph.json", "graph.ttl"):
        assert (one / name).read_bytes() == (other / name).read_bytes(), name
    assert stream.stats() == kg.stats()
    return stream


@pytest.mark.parametrize(
    ("stopped", "processes"),
    [(False, 1), (True, 1), (False, 3)],
    ids=["resumed", "stopped and resumed", "written by 3 processes, resumed"],
)
def test_a_resumed_stream_writes_again_only_the_entities_new_papers_touch(
    sample: list[Extraction], tmp_path: Path, stopped: bool, processes: int
) -> None:
    """Entities of the new papers, earlier ones among them, are written again, with their
    derived edges merged from before; the others are copied, and the bytes are those of one
    stream, also after an update that stopped once its entity parts were written, and when
    the first entity parts were written by several processes (their offsets joined)."""
    stream = assert_resumed_same(
        sample[:60], sample[60:75], tmp_path, spill_rows=7, stopped=stopped, processes=processes
    )
    assert 0 < stream.rewritten < stream.stats()["entities"] / 2
    assert len(stream._entities) < stream.stats()["entities"] / 2, "aggregates read"


def test_a_stream_saved_with_every_aggregate_in_its_state_resumes_and_is_saved_by_entity(
    sample: list[Extraction], tmp_path: Path
) -> None:
    """A build saved before the aggregates were kept by entity is resumed (all of them are
    read) and saved in the new layout, which the next update resumes reading a few."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    stream = assert_resumed_same(sample[:60], sample[60:75], tmp_path / "a", whole=True)
    stream.save(0)
    assert_resumed_same(sample[:75], sample[75:90], tmp_path / "b")
    folder = tmp_path / "a" / "stream"
    again = GraphStream(folder / "parts", resume=True)
    for extraction in sample[75:90]:
        again.add(extraction)
    again.finish(folder / "graph.json", folder / "next.ttl")
    other = tmp_path / "b" / "stream"
    assert (folder / "graph.json").read_bytes() == (other / "graph.json").read_bytes()
    assert (folder / "next.ttl").read_bytes() == (other / "graph.ttl").read_bytes()
    assert len(again._entities) < again.stats()["entities"] / 2


def test_papers_with_only_new_entities_write_only_those(
    sample: list[Extraction], tmp_path: Path
) -> None:
    later = [paper(9001, entity("task/zz new task", "ZZ new task", "task"))]
    later.append(paper(9002, entity("method/zz-net", "ZZ-Net", "method"), later[0].entities[0]))
    stream = assert_resumed_same(sample[:40], later, tmp_path)
    assert stream.rewritten == 2


def test_a_hubs_edges_named_again_are_put_in_their_place(tmp_path: Path) -> None:
    """A touched entity keeps the edges new papers do not name as they were and writes the
    others in their place: targets new before, between and after the earlier ones and of
    another type, earlier targets with more papers; for co-occurrences and for the methods a
    repository implements."""
    hub = entity("method/hub", "Hub", "method")
    url = "https://github.com/org/tool"
    code = entity("repo/github.com/org/tool", "github.com/org/tool", "repo", url=url)
    code.proposed = True

    def of(kind: str, name: str) -> Entity:
        return entity(f"{kind}/{name}", name.upper(), kind, proposed=kind == "method")

    first = [paper(n, hub, of("dataset", name)) for n, name in enumerate("bdfhj", 1)]
    first += [paper(6, hub, of("task", "t1")), paper(7, code, of("method", "m2"))]
    first.append(paper(8, code, of("method", "m4")))
    later = [
        paper(9, hub, of("dataset", "a"), of("dataset", "d")),
        paper(10, hub, of("dataset", "e"), of("dataset", "k"), of("task", "t0")),
        paper(11, hub, of("dataset", "z"), of("task", "t1")),
        paper(12, code, of("method", "m1"), of("method", "m4")),
        paper(13, code, of("method", "m9")),
    ]
    stream = assert_resumed_same(first, later, tmp_path)
    derived = (tmp_path / "stream" / "graph.json").read_text(encoding="utf-8")
    assert derived.count('"key": "co_occurs"') > 10 and derived.count('"key": "implements"') == 4
    assert stream.rewritten < stream.stats()["entities"]


def test_a_repository_that_takes_a_smaller_url_writes_every_entity_again(
    sample: list[Extraction], tmp_path: Path
) -> None:
    """Other entities' triples name the repository by its IRI, minted from its smallest URL."""
    repo = "repo/github.com/org/tool"
    first = [
        paper(1, entity(repo, "github.com/org/tool", "repo", url="https://github.com/org/tool")),
        *sample[:20],
    ]
    first[0].entities.append(entity("method/tool", "TOOL", "method", proposed=True))
    first[0].entities[0].proposed = True
    later = [
        paper(2, entity(repo, "github.com/Org/Tool", "repo", url="https://github.com/Org/Tool"))
    ]
    stream = assert_resumed_same(first, later, tmp_path)
    assert stream.rewritten == stream.stats()["entities"]


def test_the_view_of_a_resumed_stream_is_that_of_one_stream(
    sample: list[Extraction], both_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    """The papers are found again by the offsets kept with the stream, extended on resuming;
    the derived edges among the top entities come from those written again and those copied
    (and, in the whole stream, from the ranges of entities that 3 processes write)."""
    extractions = both_builds[1] / "extractions.jsonl"

    def view(stream: GraphStream, folder: Path, processes: int = 1) -> bytes:
        keep = chosen(stream, 20)
        stream.finish(folder / "graph.json", folder / "graph.ttl", keep=keep, processes=processes)
        write_stream_html(stream, extractions, folder / "view.html", top=20)
        return (folder / "view.html").read_bytes()

    pages = []
    for cut in (len(sample), 200):
        stream = GraphStream(tmp_path / str(cut), panel=2, newest=3)
        for extraction in sample[:cut]:
            stream.add(extraction)
        pages.append(view(stream, tmp_path / str(cut), 3 if cut == len(sample) else 1))
        stream.save(0)
    resumed = GraphStream(tmp_path / "200", panel=2, newest=3, resume=True)
    for extraction in sample[200:]:
        resumed.add(extraction)
    pages.append(view(resumed, tmp_path / "200"))
    assert 0 < resumed.rewritten < resumed.stats()["entities"]
    assert pages[0] == pages[2] != pages[1]


def test_a_paper_twice_is_refused(tmp_path: Path) -> None:
    stream = GraphStream(tmp_path)
    stream.add(paper(1, entity("task/t", "T", "task")))
    with pytest.raises(GraphkitError, match="twice"):
        stream.add(paper(1, entity("task/t", "T", "task")))
    stream.close()


def test_an_entity_of_two_types_is_refused_as_in_memory(tmp_path: Path) -> None:
    extractions = [
        paper(1, entity("task/t", "T", "task")),
        paper(2, entity("task/t", "T", "method")),
    ]
    with pytest.raises(GraphkitError, match="is a method, but the graph has it as a task"):
        KnowledgeGraph().add_papers(extractions)
    stream = GraphStream(tmp_path)
    stream.add(extractions[0])
    with pytest.raises(GraphkitError, match="is a method, but the graph has it as a task"):
        stream.add(extractions[1])
    stream.close()


FILES = ("extractions.jsonl", "graph.json", "graph.ttl", "graph.html", "papers.index")


def cli_build(out: Path, *options: str, inputs: tuple[str, ...] = ()) -> None:
    assert main(["build", *inputs, "-o", str(out), "--quiet", *options]) == 0


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    memory, stream = tmp_path_factory.mktemp("memory"), tmp_path_factory.mktemp("stream")
    cli_build(memory, "--no-stream", "--store", str(memory / "store"))
    cli_build(stream, "--stream", "--store", str(stream / "store"))
    return memory, stream


def test_a_streamed_build_writes_the_files_and_store_of_one_in_memory(
    both_builds: tuple[Path, Path],
) -> None:
    from pyoxigraph import Store

    memory, stream = both_builds
    for name in FILES:
        assert (memory / name).read_bytes() == (stream / name).read_bytes(), name
    assert sorted(p.name for p in stream.iterdir()) == sorted((*FILES, "store", STREAM_DIR))
    assert sorted(p.name for p in memory.iterdir()) == sorted((*FILES, "store"))
    quads = [set(Store.read_only(str(folder / "store"))) for folder in both_builds]
    assert quads[0] == quads[1] and len(quads[0]) > 10_000


def test_workers_that_render_the_papers_write_the_same_files(
    both_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    """Two extraction workers render each paper's sections (a pool started however few the
    papers), and two processes write the entity sections, and one the view beside the joins
    (forking however few the entities); the files are those of one process and of the graph
    in memory, and the stream keeps where the papers' items start, found by the view's."""
    summary = run_build(
        sample_paths(), output_dir=tmp_path, workers=2, stream=True, pool_papers=0, fork_entities=0
    )
    assert summary.workers == 2
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (both_builds[0] / name).read_bytes(), name
    with (tmp_path / STREAM_DIR / STATE_FILE).open("rb") as handle:
        pickle.load(handle)
        starts = pickle.load(handle)["_starts"]
    assert {len(found) for found in starts.values()} == {summary.stats["papers"] + 1}


def test_an_update_of_a_build_written_by_several_processes_is_one_build(
    both_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    paths = sample_paths()
    for chosen_paths, update in ((paths[:3], False), (paths[3:], True)):
        run_build(
            chosen_paths,
            output_dir=tmp_path,
            workers=2,
            stream=True,
            update=update,
            fork_entities=0,
        )
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (both_builds[0] / name).read_bytes(), name


def test_rendered_papers_are_added_as_their_extractions(
    sample: list[Extraction], tmp_path: Path
) -> None:
    """A renderer travels to a worker as its base IRI; a stream takes the papers it renders
    as their extractions, and refuses those rendered under another base."""
    renderer = pickle.loads(pickle.dumps(PaperRenderer()))
    assert renderer == PaperRenderer() != PaperRenderer("https://example.org/kg/")
    one, other = tmp_path / "one", tmp_path / "other"
    for folder, papers in ((one, sample), (other, [renderer(e) for e in sample])):
        folder.mkdir()
        stream = streamed(papers, folder)
        assert stream.stats()["papers"] == len(sample)
    for name in ("graph.json", "graph.ttl"):
        assert (one / name).read_bytes() == (other / name).read_bytes(), name
    stream = GraphStream(tmp_path / "parts", base_iri="https://example.org/kg/")
    with pytest.raises(GraphkitError, match="another base IRI"):
        stream.add(renderer(sample[0]))
    stream.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_workers_render_each_paper_as_this_process_does(sample_dir: Path, workers: int) -> None:
    """The pool's rendered mode gives, in input order, each paper's ``extractions.jsonl``
    line and the parts this process renders from that line's extraction."""
    papers = list(itertools.islice(read_papers([sample_dir]), 40))
    renderer = PaperRenderer()
    pairs = list(iter_rendered_with_lines(papers, renderer, workers=workers, batch_size=7))
    assert [json.loads(line)["id"] for _, line in pairs] == [paper.id for paper in papers]
    for parts, line in pairs:
        assert parts == renderer(Extraction.from_dict(json.loads(line)))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_paper_that_fails_where_papers_are_rendered_is_named(
    sample_dir: Path, workers: int
) -> None:
    papers = list(itertools.islice(read_papers([sample_dir]), 30))
    bad = Paper(id="broken", title=12345, abstract="Text.", source="odd.json", line=7)  # type: ignore[arg-type]
    batch = [*papers[:20], bad, *papers[20:]]
    with pytest.raises(InputError, match=r"^odd\.json:7: paper broken: extraction failed"):
        list(iter_rendered_with_lines(batch, PaperRenderer(), workers=workers, batch_size=8))
    with ExtractionPool(1) as pool:
        with pytest.raises(ValueError, match="render"):
            next(pool.map_batches([papers[:2]], mode="rendered"))
        with pytest.raises(ValueError, match="render"):
            next(pool.map_batches([papers[:2]], render=PaperRenderer()))


DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def page_data(path: Path) -> dict:
    return json.loads(DATA.search(path.read_text(encoding="utf-8")).group(1))


def test_the_view_of_a_large_stream_draws_the_top_entities_from_few_papers(
    sample: list[Extraction], both_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    """With 2 papers kept per entity and the 3 newest, the canvas (entities, their places and
    edges) and the totals are those of the graph in memory."""
    stream = GraphStream(tmp_path / "parts", panel=2, newest=3)
    for extraction in sample:
        stream.add(extraction)
    stream.finish(tmp_path / "graph.json", tmp_path / "graph.ttl", keep=chosen(stream, 20))
    extractions = both_builds[1] / "extractions.jsonl"
    write_stream_html(stream, extractions, tmp_path / "view.html", top=20)
    kg = KnowledgeGraph()
    kg.add_papers(sample)
    write_html(kg.graph, tmp_path / "whole.html", top=20)
    view, whole = page_data(tmp_path / "view.html"), page_data(tmp_path / "whole.html")
    assert view["paperTotal"] == whole["paperTotal"] == len(sample)
    assert view["entityTotal"] == whole["entityTotal"]
    assert view["canvas"] == whole["canvas"] and view["edges"] == whole["edges"]

    def drawn(data: dict) -> list[tuple]:
        return [tuple(n.get(k) for k in "tnxygc") for n in data["nodes"][: data["canvas"]]]

    assert drawn(view) == drawn(whole)
    papers = [n for n in view["nodes"] if n["t"] == "paper"]
    assert 3 <= len(papers) <= 20 * 2 + 3 < len(sample)
    header = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert f"{len(sample)} papers" in header


def test_build_returns_a_graph_and_refuses_to_stream(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="run_build"):
        build(stream=True, output_dir=tmp_path)
    with pytest.raises(UsageError, match="output_dir"):
        run_build(stream=True)


def test_builds_stream_from_a_size_counting_earlier_papers(
    tmp_path: Path, both_builds: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update that brings the build over the size streams, with the files of one build."""
    monkeypatch.setattr(pipeline, "STREAM_PAPERS", 150)
    paths = sample_paths()
    first = run_build(paths[:2], output_dir=tmp_path)
    assert first.graph is not None and first.read.papers < 150
    second = run_build(paths[2:], output_dir=tmp_path, update=True)
    assert second.graph is None and second.stats["papers"] >= 150
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (both_builds[0] / name).read_bytes(), name


EXAMPLES = Path(pipeline.__file__).parents[1] / "data" / "examples" / "papers"


def days_of(tmp_path: Path, cuts: list[int]) -> list[Path]:
    """The example papers in files cut at ``cuts`` (line numbers)."""
    lines = [
        line
        for path in sorted(EXAMPLES.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
    ]
    bounds = [0, *cuts, len(lines)]
    days = []
    for number, (start, end) in enumerate(itertools.pairwise(bounds)):
        day = tmp_path / f"day{number}.jsonl"
        day.write_text("".join(lines[start:end]), encoding="utf-8")
        days.append(day)
    return days


def whole_build(days: list[Path], out: Path) -> Path:
    """The build of ``days`` all at once, held in memory."""
    run_build(days, output_dir=out, stream=False)
    return out


@pytest.mark.parametrize("cuts", [[7], [3, 4, 11]], ids=["two days", "four days"])
def test_an_update_resumes_the_saved_stream_with_the_files_of_one_build(
    tmp_path: Path, cuts: list[int]
) -> None:
    """Only the new papers are read and extracted: the earlier ones are not read again."""
    days = days_of(tmp_path, cuts)
    whole = whole_build(days, tmp_path / "whole")
    out = tmp_path / "out"
    run_build(days[:1], output_dir=out, stream=True)
    files = {name: (out / name).stat().st_ino for name in ("graph.json", "graph.ttl")}
    for day in days[1:]:
        summary = run_build([day], output_dir=out, update=True, stream=True)
        assert summary.graph is None and "earlier" not in summary.phases
    for name, inode in files.items():
        assert (out / name).stat().st_ino == inode, f"{name} was not extended in place"
    assert not list((out / STREAM_DIR).glob(f"*{CUT_MARK}"))
    for name in FILES:
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


def cut_short(self: GraphStream, handle: IO[bytes], start: int) -> None:
    """Write a little of the new end of ``graph.json`` or ``graph.ttl``, then stop."""
    handle.write(b"<cut")
    handle.flush()
    raise KeyboardInterrupt


@pytest.mark.parametrize("stop", ["graph.html", "graph.json", "graph.ttl", "append"])
def test_a_stopped_update_leaves_the_build_and_its_stream_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: str
) -> None:
    """Stopped while writing ``graph.html``, while extending the build's ``graph.json`` or
    ``graph.ttl`` in place, or while appending the new lines to ``extractions.jsonl`` after
    them (a view of the top 3 entities does not read that file, so the lines are appended to
    the build's file as the outputs are moved)."""
    days = days_of(tmp_path, [9])
    whole = tmp_path / "whole"
    run_build(days, output_dir=whole, stream=True, top=3)
    out = tmp_path / "out"
    run_build(days[:1], output_dir=out, stream=True, top=3)
    before = {name: (out / name).read_bytes() for name in FILES}

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def stopped_appending(source: IO[bytes], out: IO[bytes]) -> None:
        out.write(source.read(100))
        out.flush()
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        if stop == "append":
            patch.setattr(pipeline.shutil, "copyfileobj", stopped_appending)
        elif stop == "graph.html":
            patch.setattr("graphkit.export.stream_view.write_stream_html", stopped)
        else:
            rest = "_json_rest" if stop == "graph.json" else "_turtle_rest"
            patch.setattr(GraphStream, rest, cut_short)
        with pytest.raises(KeyboardInterrupt):
            run_build(days[1:], output_dir=out, update=True, stream=True, top=3)
    assert {name: (out / name).read_bytes() for name in FILES} == before
    assert not list((out / STREAM_DIR).glob(f"*{CUT_MARK}"))
    summary = run_build(days[1:], output_dir=out, update=True, stream=True, top=3)
    assert "earlier" not in summary.phases
    for name in FILES:
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


KILLED = """
import os, signal, sys
from pathlib import Path
from graphkit.graph.stream import GraphStream
from graphkit.run.pipeline import run_build

def killed(self, handle, start):
    handle.write(b"<cut")
    handle.flush()
    os.kill(os.getpid(), signal.SIGKILL)

setattr(GraphStream, sys.argv[3], killed)
run_build([sys.argv[1]], output_dir=Path(sys.argv[2]), update=True, stream=True)
"""


def killed_update(day: Path, out: Path, name: str = "graph.ttl") -> None:
    """Update ``out`` with ``day`` in a process killed while it extends its output ``name``."""
    rest = "_json_rest" if name == "graph.json" else "_turtle_rest"
    command = [sys.executable, "-c", KILLED, str(day), str(out), rest]
    assert subprocess.run(command, check=False).returncode == -signal.SIGKILL
    assert (out / STREAM_DIR / f"{name}{CUT_MARK}").exists()
    assert (out / name).read_bytes().endswith(b"<cut")


@pytest.mark.parametrize("name", ["graph.json", "graph.ttl"])
def test_an_update_killed_while_extending_an_output_is_put_back_by_the_next(
    tmp_path: Path, name: str
) -> None:
    """The mark left in the stream says where the output was cut: the next build of the
    folder puts the previous file back (``graph.json`` too when it was ``graph.ttl`` that was
    cut, after it), and the update then resumes the stream and extends the files in place as
    if the killed update never ran."""
    days = days_of(tmp_path, [9])
    whole = whole_build(days, tmp_path / "whole")
    out = tmp_path / "out"
    run_build(days[:1], output_dir=out, stream=True)
    outputs = ("graph.json", "graph.ttl")
    before = {output: (out / output).read_bytes() for output in outputs}
    inodes = {output: (out / output).stat().st_ino for output in outputs}
    killed_update(days[1], out, name)
    repair_outputs(out, update=True)
    assert {output: (out / output).read_bytes() for output in outputs} == before
    assert not list((out / STREAM_DIR).glob(f"*{CUT_MARK}"))
    killed_update(days[1], out, name)
    summary = run_build(days[1:], output_dir=out, update=True, stream=True)
    assert "earlier" not in summary.phases
    assert {output: (out / output).stat().st_ino for output in outputs} == inodes
    assert not list((out / STREAM_DIR).glob(f"*{CUT_MARK}"))
    for name in FILES:
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


def test_a_cut_turtle_that_cannot_be_put_back_is_refused_by_an_update(tmp_path: Path) -> None:
    """Without the entity section the mark names, an update refuses; a build writes anew."""
    days = days_of(tmp_path, [9])
    whole = whole_build(days, tmp_path / "whole")
    out = tmp_path / "out"
    run_build(days[:1], output_dir=out, stream=True)
    killed_update(days[1], out)
    for part in (out / STREAM_DIR).glob("entities-*.ttl"):
        part.unlink()
    with pytest.raises(UsageError, match=r"graph\.ttl"):
        run_build(days[1:], output_dir=out, update=True, stream=True)
    run_build(days, output_dir=out, stream=True)
    for name in FILES:
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


def test_a_build_in_memory_drops_the_saved_stream(tmp_path: Path) -> None:
    days = days_of(tmp_path, [])
    run_build(days, output_dir=tmp_path / "out", stream=True)
    assert (tmp_path / "out" / STREAM_DIR).is_dir()
    run_build(days, output_dir=tmp_path / "out", stream=False)
    assert not (tmp_path / "out" / STREAM_DIR).exists()
