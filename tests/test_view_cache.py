"""The view of a streamed build keeps the papers it read (:data:`VIEW_CACHE`); an update reads
only those it needs again and draws the page of one stream."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from graphkit.export.stream_view import VIEW_CACHE, chosen, write_stream_html
from graphkit.graph.stream import GraphStream
from graphkit.models import Extraction
from graphkit.run.pipeline import run_build

TOP = 20


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Extraction], Path]:
    """The sample's extractions and the ``extractions.jsonl`` they are the lines of."""
    out = tmp_path_factory.mktemp("sample")
    run_build(None, output_dir=out)
    path = out / "extractions.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Extraction.from_dict(json.loads(line)) for line in lines], path


class Reads:
    """The places each :meth:`GraphStream.paper_sections` call of the view was asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.places: list[set[int]] = []
        read = GraphStream.paper_sections

        def counted(stream: GraphStream, places: set[int], *args: object) -> object:
            self.places.append(set(places))
            return read(stream, places, *args)

        monkeypatch.setattr(GraphStream, "paper_sections", counted)


def view(stream: GraphStream, extractions: Path, folder: Path) -> bytes:
    """Finish ``stream``, draw its view and save it as a build does; the page's bytes."""
    stream.finish(folder / "graph.json", folder / "graph.ttl", keep=chosen(stream, TOP))
    write_stream_html(stream, extractions, folder / "view.html", top=TOP)
    stream.save(extractions.stat().st_size)
    return (folder / "view.html").read_bytes()


def one_stream(papers: list[Extraction], extractions: Path, folder: Path) -> bytes:
    stream = GraphStream(folder / "parts", panel=2, newest=3)
    for paper in papers:
        stream.add(paper)
    return view(stream, extractions, folder)


def update(papers: list[Extraction], extractions: Path, folder: Path) -> GraphStream:
    stream = GraphStream(folder / "parts", panel=2, newest=3, resume=True)
    for paper in papers:
        stream.add(paper)
    return stream


@pytest.mark.parametrize("cut", [150, 200, 240])
def test_an_update_reads_only_the_papers_its_view_lacks(
    sample: tuple[list[Extraction], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cut: int,
) -> None:
    """The page is that of one stream over every paper, though the top entities and the
    newest papers change (papers kept with too few edges are read again), and most of the
    papers the view lists come from the cache."""
    papers, extractions = sample
    whole = one_stream(papers, extractions, tmp_path / "whole")
    one_stream(papers[:cut], extractions, tmp_path / "days")
    assert (tmp_path / "days" / "parts" / VIEW_CACHE).is_file()
    reads = Reads(monkeypatch)
    stream = update(papers[cut:], extractions, tmp_path / "days")
    assert view(stream, extractions, tmp_path / "days") == whole
    listed = set(stream.view_papers(chosen(stream, TOP)))
    [read] = reads.places
    assert read < listed
    assert set(range(cut, len(papers))) & listed <= read


def test_an_update_that_stopped_leaves_a_cache_that_is_not_used(
    sample: tuple[list[Extraction], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view drawn by an update whose stream was not saved kept other papers at the places
    the next update fills: its cache does not go with the saved stream and is left unused."""
    papers, extractions = sample
    cut = 200
    first, later = papers[:cut], papers[cut:]
    whole = one_stream(first + later, extractions, tmp_path / "whole")
    one_stream(first, extractions, tmp_path / "days")
    stopped = update(later[::-1], extractions, tmp_path / "days")
    stopped.finish(tmp_path / "days" / "graph.json", tmp_path / "days" / "graph.ttl")
    write_stream_html(stopped, extractions, tmp_path / "days" / "stopped.html", top=TOP)
    reads = Reads(monkeypatch)
    stream = update(later, extractions, tmp_path / "days")
    assert view(stream, extractions, tmp_path / "days") == whole
    assert reads.places == [set(stream.view_papers(chosen(stream, TOP)))]


def test_a_paper_kept_for_another_entity_is_read_again_for_a_new_top_entity(
    sample: tuple[list[Extraction], Path], tmp_path: Path
) -> None:
    """A paper the view kept without its edge to an entity that was not a top one is read
    again when later papers make that entity a top one: its edge is on the page of one
    stream."""
    papers, extractions = sample
    first = papers[:200]
    stream = GraphStream(tmp_path / "days" / "parts", panel=2, newest=3)
    for paper in first:
        stream.add(paper)
    top = chosen(stream, TOP)
    newest = set(stream.view_papers(()))
    place, entity = next(
        (place, entity)
        for place in stream.view_papers(top)
        if place not in newest
        for entity in first[place].entities
        if entity.id not in top
    )
    view(stream, extractions, tmp_path / "days")
    later = [
        Extraction(replace(first[place].paper, id=f"x{n}", title=f"Copy {n}", date=None), [entity])
        for n in range(60)
    ]
    stream = update(later, extractions, tmp_path / "days")
    assert entity.id in chosen(stream, TOP)
    page = view(stream, extractions, tmp_path / "days")
    assert page == one_stream(first + later, extractions, tmp_path / "whole")
