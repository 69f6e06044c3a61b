"""A small hand-built corpus of extractions with known graph answers, shared by the graph tests."""

from __future__ import annotations

from graphkit.graph import KnowledgeGraph
from graphkit.models import Entity, Extraction, Mention, Paper

EFFICIENTVIT = "2305.07027"


def mention(sentence: str, text: str, *, field: str = "abstract", last: bool = False) -> Mention:
    """A mention of ``text`` at its first (or last) place in ``sentence``, the whole field."""
    start = sentence.rindex(text) if last else sentence.index(text)
    return Mention(
        text=text,
        label="X",
        field=field,
        start=start,
        end=start + len(text),
        sentence=sentence,
        rule="hand",
    )


def entity(
    key: str,
    name: str,
    sentence: str,
    *texts: str,
    proposed: bool = False,
    aliases: tuple[str, ...] = (),
    vocab_id: str | None = None,
    url: str | None = None,
) -> Entity:
    """An entity of the type its id starts with, mentioned by each of ``texts`` (default name)."""
    return Entity(
        id=key,
        name=name,
        type=key.partition("/")[0],
        proposed=proposed,
        aliases=list(aliases),
        mentions=[mention(sentence, text) for text in texts or (name,)],
        vocab_id=vocab_id,
        url=url,
    )


S1 = (
    "We propose EfficientViT, a vision transformer that beats ResNet on ImageNet in top-1 "
    "accuracy for image classification; code: https://github.com/mit-han-lab/efficientvit "
    "and https://mit-han-lab.github.io/evit"
)
S2 = (
    "We study ResNets on ImageNet and COCO, reporting mAP for object detection with pytorch/vision."
)
S3 = (
    "We introduce NewSet, a benchmark for object detection where a residual network (ResNet) "
    "reaches 40 mAP on NewSet and COCO."
)


def p1() -> Extraction:
    """EfficientViT: proposes a method and its code, uses ResNet, has a project page link."""
    paper = Paper(
        id=EFFICIENTVIT,
        title="EfficientViT: Memory Efficient Vision Transformer",
        abstract=S1,
        date="2023-05-11",
        authors=["Xinyu Liu", "Houwen Peng"],
        author_count=2,
        arxiv_id=EFFICIENTVIT,
        source="hand.txt",
    )
    repo = "https://github.com/mit-han-lab/efficientvit"
    return Extraction(
        paper,
        [
            entity("method/efficientvit", "EfficientViT", S1, proposed=True),
            entity("method/resnet", "ResNet", S1, vocab_id="resnet"),
            entity("dataset/imagenet", "ImageNet", S1, vocab_id="imagenet"),
            entity("metric/top-1-accuracy", "top-1 accuracy", S1),
            entity("task/image-classification", "image classification", S1),
            entity("repo/github.com/mit-han-lab/efficientvit", repo, S1, proposed=True),
            entity("link/mit-han-lab.github.io/evit", "https://mit-han-lab.github.io/evit", S1),
        ],
    )


def p2() -> Extraction:
    """A study: uses ResNet (as "ResNets"), two datasets, foreign code."""
    paper = Paper(id="p2", title="Residual Networks Revisited", abstract=S2, source="hand.txt")
    return Extraction(
        paper,
        [
            entity("method/resnet", "ResNet", S2, "ResNets", aliases=("ResNets",)),
            entity("dataset/imagenet", "ImageNet", S2),
            entity("dataset/coco", "COCO", S2),
            entity("metric/map", "mAP", S2),
            entity("task/object-detection", "object detection", S2),
            entity(
                "repo/github.com/pytorch/vision",
                "https://github.com/pytorch/vision",
                S2,
                "pytorch/vision",
            ),
        ],
    )


def p3() -> Extraction:
    """A benchmark paper: proposes a dataset named twice, ResNet by its expansion."""
    paper = Paper(id="p3", title="NewSet: A Detection Benchmark", abstract=S3, source="hand.txt")
    newset = Entity(
        id="dataset/newset",
        name="NewSet",
        type="dataset",
        proposed=True,
        mentions=[mention(S3, "NewSet", last=True), mention(S3, "NewSet")],
    )
    return Extraction(
        paper,
        [
            newset,
            entity("task/object-detection", "object detection", S3),
            entity(
                "method/resnet",
                "residual network",
                S3,
                "residual network",
                "ResNet",
                aliases=("ResNet",),
            ),
            entity("metric/map", "mAP", S3),
            entity("dataset/coco", "COCO", S3),
        ],
    )


def p4() -> Extraction:
    """A paper that names nothing."""
    return Extraction(Paper(id="p4", title="A Note on Nothing", source="hand.txt"), [])


def corpus() -> list[Extraction]:
    """The four extractions, in their input order."""
    return [p1(), p2(), p3(), p4()]


def corpus_graph() -> KnowledgeGraph:
    """The graph of :func:`corpus`."""
    kg = KnowledgeGraph("hand")
    kg.add_papers(corpus())
    return kg


def test_corpus_follows_the_graph_model() -> None:
    graph = corpus_graph().graph
    for source, _, relation, data in graph.edges(keys=True, data=True):
        assert data["relation"] == relation
        if graph.nodes[source]["type"] == "paper":
            assert data["evidence"]
            for record in data["evidence"]:
                field = graph.nodes[source][record["field"]]
                assert field[record["start"] : record["end"]] == record["text"]
