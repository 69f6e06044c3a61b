"""KnowledgeGraph: building from extractions, merging, and the queries, on a corpus with known
answers (tests/test_graph_corpus.py)."""

from __future__ import annotations

import dataclasses
import io
from collections import Counter

import networkx as nx
import pytest
from test_graph_corpus import EFFICIENTVIT, S1, corpus, corpus_graph, entity, p1, p2, p3, p4

import graphkit
from graphkit.errors import GraphkitError
from graphkit.graph import AmbiguousEntityError, KnowledgeGraph, UnknownEntityError
from graphkit.graph.derive import choose_name
from graphkit.graph.io import write_json
from graphkit.models import Entity, Extraction, Paper


def saved(kg: KnowledgeGraph) -> str:
    handle = io.StringIO()
    write_json(kg.graph, handle)
    return handle.getvalue()


def keys(papers: list[dict]) -> list[str]:
    return [p["key"] for p in papers]


def test_lazy_exports() -> None:
    assert graphkit.KnowledgeGraph is KnowledgeGraph
    assert graphkit.load is graphkit.graph.load


def test_nodes_follow_the_model() -> None:
    graph = corpus_graph().graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph == {"name": "hand", "created_by": f"graphkit {graphkit.__version__}"}
    assert list(graph)[:4] == [f"paper/{EFFICIENTVIT}", "paper/p2", "paper/p3", "paper/p4"]
    assert list(graph)[4:] == sorted(list(graph)[4:])
    paper = graph.nodes[f"paper/{EFFICIENTVIT}"]
    assert paper == {
        "type": "paper",
        "id": EFFICIENTVIT,
        "title": "EfficientViT: Memory Efficient Vision Transformer",
        "abstract": S1,
        "date": "2023-05-11",
        "author_count": 2,
        "authors": ["Xinyu Liu", "Houwen Peng"],
        "url": None,
        "arxiv_id": EFFICIENTVIT,
        "doi": None,
        "source": "hand.txt",
    }
    assert graph.nodes["method/resnet"] == {
        "type": "method",
        "id": "method/resnet",
        "name": "ResNet",
        "aliases": ["ResNets", "residual network"],
        "vocab_id": "resnet",
        "url": None,
        "paper_count": 3,
    }
    repo = graph.nodes["repo/github.com/mit-han-lab/efficientvit"]
    assert repo["url"] == "https://github.com/mit-han-lab/efficientvit"
    assert not any(key.startswith("link/") for key in graph)


def test_paper_edges_are_typed_and_evidenced() -> None:
    graph = corpus_graph().graph
    out = {(t, r): d for _, t, r, d in graph.out_edges("paper/p3", keys=True, data=True)}
    assert sorted(out) == [
        ("dataset/coco", "evaluates_on"),
        ("dataset/newset", "proposes"),
        ("method/resnet", "uses"),
        ("metric/map", "measures"),
        ("task/object-detection", "addresses"),
    ]
    newset = out["dataset/newset", "proposes"]
    assert newset["proposed"] is True
    starts = [e["start"] for e in newset["evidence"]]
    assert starts == sorted(starts) and len(starts) == 2
    assert set(newset["evidence"][0]) == {"text", "field", "start", "end", "sentence", "rule"}
    code = graph.get_edge_data(f"paper/{EFFICIENTVIT}", "repo/github.com/mit-han-lab/efficientvit")
    assert list(code) == ["has_code"] and code["has_code"]["proposed"] is True


def test_derived_edges() -> None:
    graph = corpus_graph().graph
    derived = {
        (s, t, r): d
        for s, t, r, d in graph.edges(keys=True, data=True)
        if r in ("co_occurs", "implements")
    }
    assert derived["method/resnet", "dataset/coco", "co_occurs"] == {
        "relation": "co_occurs",
        "count": 2,
        "papers": ["p2", "p3"],
    }
    assert derived["dataset/coco", "metric/map", "co_occurs"]["count"] == 2
    assert derived[
        "repo/github.com/mit-han-lab/efficientvit", "method/efficientvit", "implements"
    ] == {"relation": "implements", "papers": [EFFICIENTVIT]}
    assert sum(r == "co_occurs" for _, _, r in derived) == 11
    assert sum(r == "implements" for _, _, r in derived) == 1
    pairs = {(graph.nodes[s]["type"], graph.nodes[t]["type"]) for s, t, r in derived}
    assert pairs == {
        ("method", "dataset"),
        ("method", "task"),
        ("dataset", "metric"),
        ("repo", "method"),
    }


def test_adding_the_same_papers_twice_changes_nothing() -> None:
    once = corpus_graph()
    twice = corpus_graph()
    twice.add_papers(corpus())
    twice.add_papers([p2()])
    assert saved(twice) == saved(once)


def test_adding_in_batches_equals_adding_at_once() -> None:
    kg = KnowledgeGraph("hand")
    kg.add_papers([p1(), p2()])
    assert kg.stats()["papers"] == 2
    kg.add_papers(iter([p3(), p4()]))
    assert saved(kg) == saved(corpus_graph())


def test_entities_do_not_depend_on_the_order_papers_come_in() -> None:
    forward = corpus_graph().graph
    backward = KnowledgeGraph("hand")
    backward.add_papers(reversed(corpus()))
    graph = backward.graph
    entities = [k for k in forward if not k.startswith("paper/")]
    assert [k for k in graph if not k.startswith("paper/")] == entities
    for key in entities:
        assert graph.nodes[key] == forward.nodes[key]
    assert sorted(graph.edges(keys=True)) == sorted(forward.edges(keys=True))
    assert graph.nodes["method/resnet"]["name"] == "ResNet"


def test_a_duplicate_paper_fills_metadata_and_unions_entities() -> None:
    bare = Paper(id="p2", title="ResNet Revisited", abstract="")
    first = Extraction(bare, [entity("method/resnet", "ResNet", "ResNet Revisited")])
    title = dataclasses.replace(first.entities[0].mentions[0], field="title")
    first.entities[0].mentions[0] = title
    kg = KnowledgeGraph()
    kg.add_papers([first])
    full = p2()
    full.paper.date, full.paper.author_count, full.paper.title = "2024-01-02", 3, "Other title"
    kg.add_papers([full])
    graph = kg.graph
    node = graph.nodes["paper/p2"]
    assert node["date"] == "2024-01-02" and node["author_count"] == 3
    assert node["abstract"] == full.paper.abstract
    assert node["title"] == "ResNet Revisited"
    evidence = graph.edges["paper/p2", "method/resnet", "uses"]["evidence"]
    assert [e["field"] for e in evidence] == ["title", "abstract"]
    assert graph.out_degree("paper/p2") == 6


def test_a_duplicate_that_proposes_rekeys_the_edge() -> None:
    used = p3()
    used.entities[0] = dataclasses.replace(used.entities[0], proposed=False)
    kg = KnowledgeGraph()
    kg.add_papers([used])
    assert list(kg.graph.get_edge_data("paper/p3", "dataset/newset")) == ["evaluates_on"]
    kg.add_papers([p3()])
    edges = kg.graph.get_edge_data("paper/p3", "dataset/newset")
    assert list(edges) == ["proposes"] and edges["proposes"]["proposed"] is True
    kg.add_papers([used])
    assert list(kg.graph.get_edge_data("paper/p3", "dataset/newset")) == ["proposes"]


def test_a_bad_extraction_is_refused_whole() -> None:
    kg = corpus_graph()
    before = saved(kg)
    bad = Extraction(
        Paper(id="p9", title="Bad"),
        [entity("method/resnet", "ResNet", "ResNet."), Entity("method/x", "X", "method")],
    )
    with pytest.raises(GraphkitError, match=r"'p9'.*'method/x' has no evidence"):
        kg.add_papers([bad])
    with pytest.raises(GraphkitError, match="unknown type 'model'"):
        kg.add_papers([Extraction(Paper(id="p9", title="Bad"), [entity("model/x", "X", "X.")])])
    assert saved(kg) == before


def test_the_graph_reference_stays_valid_after_adding() -> None:
    kg = KnowledgeGraph()
    graph = kg.graph
    kg.add_papers(corpus())
    assert kg.graph is graph and graph.number_of_nodes() == 15


def test_papers_by_entity() -> None:
    kg = corpus_graph()
    ev, p2_, p3_, p4_ = (f"paper/{pid}" for pid in (EFFICIENTVIT, "p2", "p3", "p4"))
    assert keys(kg.papers(using="ResNet")) == [ev, p2_, p3_]
    assert keys(kg.papers(using="resnets", evaluated_on="imagenet")) == [ev, p2_]
    assert keys(kg.papers(using="ResNet", with_code=True)) == [ev, p2_]
    assert keys(kg.papers(with_code=False)) == [p3_, p4_]
    assert keys(kg.papers(evaluated_on="NewSet")) == [p3_]
    assert keys(kg.papers(evaluated_on=["COCO", "ImageNet"])) == [p2_]
    assert keys(kg.papers(proposing="efficientvit")) == [ev]
    assert keys(kg.papers(measuring="mAP", addressing="object detection")) == [p2_, p3_]
    assert keys(kg.papers(with_repo="https://github.com/pytorch/vision")) == [p2_]
    assert keys(kg.papers(mentioning="dataset/coco")) == [p2_, p3_]
    assert len(kg.papers()) == 4
    first = kg.papers(proposing="EfficientViT")[0]
    assert first == {
        "key": ev,
        "id": EFFICIENTVIT,
        "title": "EfficientViT: Memory Efficient Vision Transformer",
        "date": "2023-05-11",
        "url": None,
        "code": ["https://github.com/mit-han-lab/efficientvit"],
    }


def test_filters_look_only_at_their_type() -> None:
    kg = corpus_graph()
    with pytest.raises(UnknownEntityError, match="no method named 'ImageNet'"):
        kg.papers(using="ImageNet")


def test_entities_and_top() -> None:
    kg = corpus_graph()
    datasets = kg.entities("dataset", min_papers=2)
    assert datasets == [
        {"id": "dataset/coco", "type": "dataset", "name": "COCO", "paper_count": 2},
        {"id": "dataset/imagenet", "type": "dataset", "name": "ImageNet", "paper_count": 2},
    ]
    assert len(kg.entities()) == 11
    assert [e["id"] for e in kg.entities("dataset")] == [
        "dataset/coco",
        "dataset/imagenet",
        "dataset/newset",
    ]
    assert [(e["id"], e["paper_count"]) for e in kg.top("metric")] == [
        ("metric/map", 2),
        ("metric/top-1-accuracy", 1),
    ]
    assert [e["id"] for e in kg.top("method", n=1)] == ["method/resnet"]
    assert kg.top(n=1)[0]["id"] == "method/resnet"
    with pytest.raises(ValueError, match="unknown entity type 'methods'"):
        kg.entities("methods")


def test_related_entities() -> None:
    related = corpus_graph().related("ResNet", type="dataset")
    assert related == [
        {
            "id": "dataset/coco",
            "type": "dataset",
            "name": "COCO",
            "paper_count": 2,
            "shared": 2,
            "papers": ["p2", "p3"],
        },
        {
            "id": "dataset/imagenet",
            "type": "dataset",
            "name": "ImageNet",
            "paper_count": 2,
            "shared": 2,
            "papers": [EFFICIENTVIT, "p2"],
        },
        {
            "id": "dataset/newset",
            "type": "dataset",
            "name": "NewSet",
            "paper_count": 1,
            "shared": 1,
            "papers": ["p3"],
        },
    ]
    everything = corpus_graph().related("resnet")
    assert "method/resnet" not in {e["id"] for e in everything}
    assert len(everything) == 10
    assert len(corpus_graph().related("resnet", n=3)) == 3


def test_cooccurrence_table() -> None:
    kg = corpus_graph()
    assert kg.cooccurrence("method", "dataset") == {
        "method/efficientvit": {"dataset/imagenet": 1},
        "method/resnet": {"dataset/coco": 2, "dataset/imagenet": 2, "dataset/newset": 1},
    }
    assert kg.cooccurrence("method", "dataset", min_count=2) == {
        "method/resnet": {"dataset/coco": 2, "dataset/imagenet": 2}
    }
    assert kg.cooccurrence("dataset", "dataset") == {
        "dataset/coco": {"dataset/imagenet": 1, "dataset/newset": 1},
        "dataset/imagenet": {"dataset/coco": 1},
        "dataset/newset": {"dataset/coco": 1},
    }


def test_shortest_path() -> None:
    kg = corpus_graph()
    path = kg.path("EfficientViT", "NewSet")
    assert [step["key"] for step in path] == [
        "method/efficientvit",
        f"paper/{EFFICIENTVIT}",
        "method/resnet",
        "paper/p3",
        "dataset/newset",
    ]
    assert path[1] == {
        "key": f"paper/{EFFICIENTVIT}",
        "type": "paper",
        "name": "EfficientViT: Memory Efficient Vision Transformer",
    }
    assert kg.path("ResNet", "paper/p4") == []
    assert len(kg.path("ResNet", "ResNet")) == 1


def test_ego_subgraph() -> None:
    kg = corpus_graph()
    one = kg.ego("NewSet", radius=1)
    assert isinstance(one, KnowledgeGraph)
    assert list(one.graph) == ["paper/p3", "dataset/newset"]
    two = kg.ego("newset")
    assert set(two.graph) == {
        "paper/p3",
        "dataset/newset",
        "dataset/coco",
        "method/resnet",
        "metric/map",
        "task/object-detection",
    }
    assert ("dataset/coco", "metric/map", "co_occurs") in two.graph.edges(keys=True)
    assert two.graph.nodes["method/resnet"]["paper_count"] == 3
    assert "paper/p3" in kg.graph


def test_evidence_of_an_entity() -> None:
    rows = corpus_graph().evidence("NewSet")
    assert len(rows) == 1
    row = rows[0]
    assert (row["key"], row["relation"], row["proposed"]) == ("paper/p3", "proposes", True)
    assert [e["text"] for e in row["evidence"]] == ["NewSet", "NewSet"]
    assert "benchmark for object detection" in row["evidence"][0]["sentence"]


def test_stats() -> None:
    stats = corpus_graph().stats()
    assert stats == {
        "name": "hand",
        "papers": 4,
        "papers_with_entities": 3,
        "entities": 11,
        "entities_by_type": {"method": 2, "dataset": 3, "metric": 2, "task": 2, "repo": 2},
        "results": 0,
        "results_by_kind": {"absolute": 0, "relative": 0},
        "edges": 29,
        "edges_by_relation": {
            "proposes": 2,
            "uses": 3,
            "evaluates_on": 4,
            "measures": 3,
            "addresses": 3,
            "has_code": 2,
            "co_occurs": 11,
            "implements": 1,
            "reports_result": 0,
            "specified_by": 0,
            "on_dataset": 0,
            "of_method": 0,
            "for_task": 0,
            "compared_to": 0,
        },
        "evidence": 19,
    }


def test_references_by_id_name_or_alias_in_any_case() -> None:
    kg = corpus_graph()
    for ref in ("method/resnet", "METHOD/RESNET", "ResNet", "resnets", "Residual Network "):
        assert kg.resolve(ref) == "method/resnet"
    assert kg.entity("coco")["name"] == "COCO"
    assert kg.resolve("https://github.com/pytorch/vision") == "repo/github.com/pytorch/vision"


def test_unknown_names_come_with_suggestions() -> None:
    kg = corpus_graph()
    with pytest.raises(UnknownEntityError) as caught:
        kg.resolve("imagenett")
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, GraphkitError)
    assert caught.value.suggestions == ["ImageNet (dataset/imagenet)"]
    assert str(caught.value) == (
        "no entity named 'imagenett' in the graph; did you mean ImageNet (dataset/imagenet)?"
    )
    with pytest.raises(KeyError, match=r"no entity named 'zzzz' in the graph$"):
        kg.related("zzzz")


def test_a_name_of_two_entities_needs_a_type() -> None:
    sentence = "Atlas is a model trained on Atlas."
    kg = KnowledgeGraph()
    kg.add_papers(
        [
            Extraction(
                Paper(id="a", title="t", abstract=sentence),
                [
                    entity("method/atlas", "Atlas", sentence),
                    entity("dataset/atlas", "Atlas", sentence),
                ],
            )
        ]
    )
    with pytest.raises(AmbiguousEntityError, match="dataset/atlas, method/atlas"):
        kg.resolve("atlas")
    assert kg.resolve("atlas", type="dataset") == "dataset/atlas"
    assert keys(kg.papers(using="Atlas", evaluated_on="Atlas")) == ["paper/a"]


def test_entity_name_is_what_most_papers_call_it() -> None:
    kg = KnowledgeGraph()
    kg.add_papers([p3()])
    assert kg.graph.nodes["method/resnet"]["name"] == "residual network"
    assert kg.graph.nodes["method/resnet"]["aliases"] == ["ResNet"]
    kg.add_papers([p2()])
    assert kg.graph.nodes["method/resnet"]["name"] == "residual network"
    kg.add_papers([p1()])
    node = kg.graph.nodes["method/resnet"]
    assert node["name"] == "ResNet" and node["aliases"] == ["ResNets", "residual network"]
    assert kg.resolve("residual network") == "method/resnet"


def test_empty_graph() -> None:
    kg = KnowledgeGraph("empty")
    assert kg.stats()["papers"] == 0 and kg.papers() == [] and kg.top("method") == []
    assert kg.add_papers([p4()]) == 1
    assert list(kg.graph) == ["paper/p4"]


def test_name_choice_folds_case_and_plurals() -> None:
    counts = Counter(
        {
            "ViT": 6,
            "Vision Transformers": 6,
            "Vision Transformer": 2,
            "vision transformer": 2,
            "vision transformers": 1,
        }
    )
    assert choose_name(counts) == "Vision Transformer"
    assert choose_name(Counter({"LLMs": 3, "large language models": 2})) == "LLMs"
    assert choose_name(Counter({"LLM": 2, "large language models": 2})) == "large language models"
    assert choose_name(Counter({"Cityscapes": 3})) == "Cityscapes"
    assert choose_name(Counter({"Transformers": 5, "transformer": 3, "Transformer": 4})) == (
        "Transformer"
    )
