"""Extraction on a Dask LocalCluster of two worker processes equals the single-process run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import RdfFormat, parse

from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.graph import KnowledgeGraph
from graphkit.run.cluster import extract_dask, read_shards
from graphkit.run.parallel import extraction_line, iter_extractions
from graphkit.sources import read_papers

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a LocalCluster with two single-threaded worker processes."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def listing(sample_dir: Path) -> Path:
    """The smallest listing of the sample (kept small: the machine running the tests is shared)."""
    return min(sample_dir.glob("*.txt"), key=lambda p: p.stat().st_size)


@pytest.fixture(scope="module")
def expected(listing: Path) -> str:
    """extractions.jsonl of the listing from one process."""
    return "".join(extraction_line(e) for e in iter_extractions(read_papers([listing])))


@pytest.fixture(scope="module")
def sharded(client: Any, listing: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The listing extracted on the cluster into three shards."""
    directory = tmp_path_factory.mktemp("shards")
    return extract_dask([listing], directory, scheduler=client, shards=3)


def _concatenated(directory: Path) -> str:
    manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
    return "".join((directory / s["jsonl"]).read_text("utf-8") for s in manifest["shards"])


def test_shards_in_order_are_the_single_process_output(sharded: Any, expected: str) -> None:
    directory = Path(sharded.directory)
    assert len(sharded.shards) == 3
    assert sharded.papers == expected.count("\n")
    assert _concatenated(directory) == expected
    assert [extraction_line(e) for e in read_shards(directory)] == expected.splitlines(True)
    assert not list(directory.glob(".staging-*"))


def test_ntriples_shards_parse_and_merge_to_the_graph_of_the_whole(
    sharded: Any, expected: str
) -> None:
    directory = Path(sharded.directory)
    merged: set[str] = set()
    for shard in sharded.shards:
        triples = list(parse(path=str(directory / shard.ntriples), format=RdfFormat.N_TRIPLES))
        assert len(triples) == shard.triples
        merged |= {str(t) for t in triples}
    kg = KnowledgeGraph()
    kg.add_papers(read_shards(directory))
    whole = KnowledgeGraph()
    whole.add_papers(json_extractions(expected))
    assert kg.stats() == whole.stats()
    papers = {t for t in merged if "ontology#Paper>" in t}
    assert len(papers) == sharded.papers


def json_extractions(text: str) -> Iterator[Any]:
    from graphkit.models import Extraction

    for line in text.splitlines():
        yield Extraction.from_dict(json.loads(line))


def test_the_command_runs_on_a_scheduler_and_replaces_earlier_shards(
    client: Any, listing: Path, expected: str, tmp_path: Path
) -> None:
    address = client.scheduler.address
    command = ["extract", str(listing), "-o", str(tmp_path), "--engine", "dask", "-q"]
    assert main([*command, "--scheduler", address, "--shards", "4"]) == 0
    assert len(list(tmp_path.glob("extractions-*.jsonl"))) == 4
    assert main([*command, "--scheduler", address, "--shards", "2"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*-*.*")) == [
        "extractions-00000.jsonl",
        "extractions-00001.jsonl",
        "graph-00000.nt",
        "graph-00001.nt",
    ]
    assert _concatenated(tmp_path) == expected


def test_a_bad_record_fails_the_run_naming_it_before_any_shard_is_written(
    client: Any, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    records = [{"id": f"p{i}", "title": f"Paper {i}"} for i in range(20)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records) + "{broken\n", "utf-8")
    out = tmp_path / "out"
    with pytest.raises(GraphkitError, match=r"in\.jsonl:21"):
        extract_dask([source], out, scheduler=client, shards=2)
    assert not out.exists() or not any(out.iterdir())


def test_build_merges_the_shards_into_the_outputs_of_a_plain_build(
    sharded: Any, listing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``graphkit build SHARDS`` reads the shards, does not extract again, and writes the
    same four files as building the listing itself."""
    from graphkit.run.pipeline import OUTPUT_FILES

    assert main(["build", str(listing), "-q", "-o", str(tmp_path / "plain")]) == 0
    assert main(["build", sharded.directory, "-o", str(tmp_path / "merged")]) == 0
    summary = capsys.readouterr().out
    assert f"papers: {sharded.papers} from 3 files" in summary
    assert "shards" in summary and "extract " not in summary
    for name in OUTPUT_FILES:
        plain = (tmp_path / "plain" / name).read_bytes()
        assert (tmp_path / "merged" / name).read_bytes() == plain, name


def test_build_refuses_shards_mixed_with_paper_files(
    sharded: Any, listing: Path, tmp_path: Path
) -> None:
    assert main(["build", sharded.directory, str(listing), "-q", "-o", str(tmp_path)]) == 2
