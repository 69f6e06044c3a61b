"""Hand-built graphs that follow docs/graph-model.md, shared by the RDF and store tests."""

from __future__ import annotations

from collections import defaultdict
from itertools import product

import networkx as nx

CO_OCCURS = (("method", "dataset"), ("method", "task"), ("dataset", "metric"))
RELATION_OF_TYPE = {
    "method": "uses",
    "dataset": "evaluates_on",
    "metric": "measures",
    "task": "addresses",
    "repo": "has_code",
}


def _entity(graph: nx.MultiDiGraph, key: str, name: str, **attrs: object) -> None:
    attrs.setdefault("aliases", [])
    attrs.setdefault("vocab_id", None)
    attrs.setdefault("url", None)
    graph.add_node(key, type=key.partition("/")[0], id=key, name=name, paper_count=0, **attrs)


def _paper(graph: nx.MultiDiGraph, pid: str, title: str, abstract: str, **attrs: object) -> None:
    fields = {"date": None, "author_count": None, "authors": [], "url": None}
    fields.update({"arxiv_id": None, "doi": None, "source": "hand"})
    fields.update(attrs)
    graph.add_node(f"paper/{pid}", type="paper", id=pid, title=title, abstract=abstract, **fields)


def _link(
    graph: nx.MultiDiGraph,
    pid: str,
    key: str,
    *,
    proposed: bool = False,
    sentence: str = "We do it.",
    rule: str = "gazetteer",
) -> None:
    relation = "proposes" if proposed and not key.startswith("repo/") else None
    relation = relation or RELATION_OF_TYPE[key.partition("/")[0]]
    text = graph.nodes[key]["name"]
    evidence = [
        {
            "text": text,
            "field": "abstract",
            "start": 3,
            "end": 3 + len(text),
            "sentence": sentence,
            "rule": rule,
        }
    ]
    graph.add_edge(
        f"paper/{pid}", key, key=relation, relation=relation, proposed=proposed, evidence=evidence
    )


def _derive(graph: nx.MultiDiGraph) -> None:
    """Add paper counts, co_occurs and implements edges as the graph model defines them."""
    linked: dict[str, set[str]] = defaultdict(set)
    for paper, key in graph.edges(keys=False):
        if graph.nodes[paper]["type"] == "paper":
            linked[paper].add(key)
    papers_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    implements: dict[tuple[str, str], set[str]] = defaultdict(set)
    for paper, keys in linked.items():
        pid = graph.nodes[paper]["id"]
        for a, b in product(sorted(keys), repeat=2):
            if (a.partition("/")[0], b.partition("/")[0]) in CO_OCCURS:
                papers_of[a, b].add(pid)
        own_code = [
            k
            for _, k, r, d in graph.out_edges(paper, keys=True, data=True)
            if r == "has_code" and d["proposed"]
        ]
        proposed = [
            k
            for _, k, r in graph.out_edges(paper, keys=True)
            if r == "proposes" and k.startswith("method/")
        ]
        for repo, method in product(own_code, proposed):
            implements[repo, method].add(pid)
    for key in graph.nodes:
        if graph.nodes[key]["type"] != "paper":
            graph.nodes[key]["paper_count"] = sum(key in keys for keys in linked.values())
    for (a, b), pids in sorted(papers_of.items()):
        graph.add_edge(
            a, b, key="co_occurs", relation="co_occurs", count=len(pids), papers=sorted(pids)
        )
    for (repo, method), pids in sorted(implements.items()):
        graph.add_edge(repo, method, key="implements", relation="implements", papers=sorted(pids))


def hand_graph() -> nx.MultiDiGraph:
    """Three papers, every entity type, vocabulary links, own and foreign code."""
    graph = nx.MultiDiGraph(name="hand", created_by="graphkit 0.1.0")
    _paper(
        graph,
        "2305.07027",
        "EfficientViT: Memory Efficient Vision Transformer",
        "We propose EfficientViT and evaluate it on ImageNet and COCO.",
        date="2023-05-11",
        author_count=2,
        authors=["Xinyu Liu", "Houwen Peng"],
        url="https://huggingface.co/papers/2305.07027",
        arxiv_id="2305.07027",
        doi="10.48550/arXiv.2305.07027",
    )
    _paper(graph, "3f2a9c0d1e4b", "A Study of Residual Networks", "", date="Mar 11")
    _paper(
        graph,
        "cs/0112017",
        "NewSet: A Detection Benchmark",
        "We introduce NewSet.",
        date="2001-12",
        arxiv_id="cs/0112017",
    )
    _entity(graph, "method/efficientvit", "EfficientViT")
    _entity(
        graph,
        "method/resnet",
        "ResNet",
        aliases=["ResNets", "residual network"],
        vocab_id="pwc:resnet",
        url="https://paperswithcode.com/method/resnet",
    )
    _entity(graph, "method/vit", "Vision Transformer", aliases=["ViT"], vocab_id="pwc:vit")
    _entity(
        graph,
        "dataset/imagenet",
        "ImageNet",
        vocab_id="pwc:imagenet",
        url="https://paperswithcode.com/dataset/imagenet",
    )
    _entity(graph, "dataset/coco", "COCO", vocab_id="pwc:coco")
    _entity(graph, "dataset/newset", "NewSet")
    _entity(graph, "metric/top-1-accuracy", "top-1 accuracy")
    _entity(graph, "metric/map", "mAP", aliases=["mean average precision"])
    _entity(
        graph,
        "task/image-classification",
        "image classification",
        vocab_id="pwc:image-classification",
    )
    _entity(graph, "task/object-detection", "object detection")
    _entity(
        graph,
        "repo/github.com/mit-han-lab/efficientvit",
        "mit-han-lab/efficientvit",
        url="https://github.com/mit-han-lab/EfficientViT",
    )
    _entity(
        graph,
        "repo/github.com/pytorch/vision",
        "pytorch/vision",
        url="https://github.com/pytorch/vision",
    )
    for key in ("method/efficientvit", "repo/github.com/mit-han-lab/efficientvit"):
        _link(graph, "2305.07027", key, proposed=True)
    for key in (
        "method/resnet",
        "dataset/imagenet",
        "dataset/coco",
        "metric/top-1-accuracy",
        "task/image-classification",
    ):
        _link(graph, "2305.07027", key)
    for key in (
        "method/resnet",
        "method/vit",
        "dataset/imagenet",
        "metric/top-1-accuracy",
        "metric/map",
        "repo/github.com/pytorch/vision",
    ):
        _link(graph, "3f2a9c0d1e4b", key)
    _link(graph, "cs/0112017", "dataset/newset", proposed=True)
    for key in (
        "method/vit",
        "dataset/newset",
        "dataset/imagenet",
        "metric/map",
        "task/object-detection",
    ):
        _link(graph, "cs/0112017", key)
    _derive(graph)
    return graph


HOSTILE = 'say "hi" <b>&amp;</b> </script><script>alert(1)</script>\n\ttab \\ back 🚀 ünï\x07'


def hostile_graph() -> nx.MultiDiGraph:
    """Names, ids, URLs and sentences chosen to break naive IRI minting and escaping."""
    graph = nx.MultiDiGraph(name='hostile "graph" <x>', created_by="graphkit 0.1.0")
    _paper(
        graph,
        '../../etc/pass wd"<x>',
        f"Title {HOSTILE}",
        f"Abstract {HOSTILE}",
        date="2024-02-30",
        authors=[HOSTILE],
        url='https://example.org/a b"<c>',
        arxiv_id='2305.0"7027',
        source=HOSTILE,
    )
    _paper(graph, "ünïcödé id", "Plain title", "x", url="javascript:alert(1)")
    names = {
        'method/a b"<c>{d}|^`\\': f"Method {HOSTILE}",
        "method/..": "Dot dot",
        "method/.": "Dot",
        "method/%41": "Percent forty-one",
        "method/A": "Capital A",
        "dataset/ünïcödé data": "Ünïcödé data",
        "task/x#y?z%": "</script>",
        "metric/new\nline": "new\nline",
    }
    for key, name in names.items():
        _entity(
            graph,
            key,
            name,
            aliases=[name, HOSTILE, HOSTILE, " "],
            vocab_id=f"pwc:{key.partition('/')[2]}",
        )
    _entity(graph, "repo/github.com/evil/repo", "evil/repo", url='https://github.com/evil/"q" <x>')
    _entity(graph, "repo/github.com/evil/js", "evil/js", url="javascript:alert(1)")
    _entity(graph, "repo/not a host/..", "not a host")
    for key in names:
        _link(graph, '../../etc/pass wd"<x>', key, sentence=HOSTILE, rule='rule "x" <y>')
    for key in ("repo/github.com/evil/repo", "repo/github.com/evil/js", "repo/not a host/.."):
        _link(graph, "ünïcödé id", key, proposed=True, sentence=HOSTILE)
    _link(graph, "ünïcödé id", "method/..", proposed=True)
    _derive(graph)
    return graph


def test_hand_graph_follows_the_graph_model() -> None:
    graph = hand_graph()
    for source, target, relation, data in graph.edges(keys=True, data=True):
        assert data["relation"] == relation
        if graph.nodes[source]["type"] == "paper":
            assert data["evidence"], (source, target)
        else:
            assert relation in ("co_occurs", "implements")
    assert ("repo/github.com/mit-han-lab/efficientvit", "method/efficientvit", "implements") in (
        graph.edges(keys=True)
    )
