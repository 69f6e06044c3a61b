"""The graph of the bundled sample: every paper a node, every link evidenced, stable files."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphkit
from graphkit.graph import KnowledgeGraph
from graphkit.run.extractor import Extractor
from graphkit.sources import read_papers

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_extractions(sample_dir: Path) -> list:
    papers = list(read_papers(sorted(sample_dir.iterdir())))
    return list(Extractor().extract(papers))


@pytest.fixture(scope="module")
def sample_graph(sample_extractions: list) -> KnowledgeGraph:
    kg = KnowledgeGraph("sample")
    kg.add_papers(sample_extractions)
    return kg


def test_every_paper_is_a_node(sample_graph: KnowledgeGraph) -> None:
    stats = sample_graph.stats()
    assert stats["papers"] == 243
    assert stats["entities"] > 0
    assert all(stats["entities_by_type"][kind] > 0 for kind in ("method", "dataset", "task"))


def test_every_paper_entity_edge_carries_evidence(sample_graph: KnowledgeGraph) -> None:
    graph = sample_graph.graph
    checked = 0
    for source, target, _, data in graph.edges(keys=True, data=True):
        if graph.nodes[source]["type"] != "paper" or graph.nodes[target]["type"] == "result":
            continue
        assert data["evidence"], source
        for record in data["evidence"]:
            text = graph.nodes[source][record["field"]]
            assert text[record["start"] : record["end"]] == record["text"]
            assert record["text"] in record["sentence"]
        checked += 1
    assert checked > 243


def test_sample_graph_files_are_stable(
    tmp_path: Path, sample_graph: KnowledgeGraph, sample_extractions: list
) -> None:
    sample_graph.save(tmp_path / "a.json")
    again = KnowledgeGraph("sample")
    again.add_papers(sample_extractions)
    again.add_papers(sample_extractions[:50])
    again.save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    loaded = graphkit.load(tmp_path / "a.json")
    loaded.save(tmp_path / "c.json")
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "a.json").read_bytes()
