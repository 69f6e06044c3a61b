"""Canonical keys, entity ids and grouping one paper's mentions into entities."""

from __future__ import annotations

import pytest

from graphkit.extract.vocab import VocabEntry, Vocabulary
from graphkit.link import (
    Linker,
    build_entities,
    canonical_key,
    entity_id,
    one_type_per_name,
    slug,
)
from graphkit.link.scorer import Scorer, features
from graphkit.models import Mention


def mention(text: str, label: str = "METHOD", start: int = 0, field: str = "abstract", **kw):
    return Mention(text, label, field, start, start + len(text), "s", kw.pop("rule", "r"), **kw)


@pytest.mark.parametrize(
    "a, b",
    [
        ("CIFAR10", "CIFAR-10"),
        ("cifar 10", "CIFAR-10"),
        ("Transformers", "transformer"),
        ("multi-head self-attention", "Multi Head Self Attention"),
        ("ImageNet‑1K", "imagenet-1k"),
    ],
)
def test_canonical_keys_fold_spellings(a, b):
    assert canonical_key(a) == canonical_key(b)


def test_canonical_keys_keep_different_things_apart():
    assert canonical_key("CIFAR-10") != canonical_key("CIFAR-100")
    assert canonical_key("ResNet") != canonical_key("ResNeXt")


@pytest.mark.parametrize(
    "name, type, expected",
    [
        ("multi-head self-attention", "method", "method/multi-head-self-attention"),
        ("CIFAR10", "dataset", "dataset/cifar-10"),
        ("CIFAR-10", "dataset", "dataset/cifar-10"),
        ("Vision Transformers", "method", "method/vision-transformer"),
        ("https://github.com/Microsoft/Cream", "repo", "repo/github.com/microsoft/cream"),
        ("Click-through rate (CTR) prediction", "task", "task/click-through-rate-prediction"),
    ],
)
def test_entity_ids(name, type, expected):
    assert entity_id(type, name) == expected


def test_slug_never_empty():
    assert slug("模型", "method")
    assert slug("!!!", "method")


def test_mentions_of_one_thing_become_one_entity():
    entities = build_entities([mention("Transformers", start=0), mention("transformer", start=40)])
    assert len(entities) == 1
    assert entities[0].name == "transformer"
    assert entities[0].aliases == ["Transformers"]


def test_abbreviation_pairs_merge_under_the_long_form():
    entities = build_entities(
        [mention("multi-head self-attention", start=0), mention("MHSA", start=30)],
        abbreviations={"MHSA": "multi-head self-attention"},
    )
    assert [(e.name, e.aliases) for e in entities] == [("multi-head self-attention", ["MHSA"])]


def test_vocabulary_links_spellings_and_gives_ids():
    vocab = Vocabulary()
    vocab.add(VocabEntry("CIFAR-10", "dataset", ("CIFAR10",), "pwc:cifar-10", "https://pwc/c10"))
    entities = build_entities(
        [mention("CIFAR10", "DATASET", 0), mention("CIFAR-10", "DATASET", 20)], vocabulary=vocab
    )
    assert len(entities) == 1
    assert entities[0].id == "dataset/cifar-10"
    assert entities[0].vocab_id == "pwc:cifar-10"
    assert entities[0].url == "https://pwc/c10"


def test_types_stay_apart_and_proposed_is_any_mention():
    entities = build_entities(
        [
            mention("Zorb", "METHOD", 0, proposed=True),
            mention("Zorb", "METHOD", 10),
            mention("Zorb", "DATASET", 20),
        ]
    )
    assert [(e.type, e.proposed) for e in entities] == [("method", True), ("dataset", False)]


def test_repos_group_by_root_url():
    entities = build_entities(
        [
            mention("https://github.com/a/b/tree/main/x", "REPO", 0),
            mention("https://github.com/a/b", "REPO", 50),
        ]
    )
    assert len(entities) == 1
    assert entities[0].name == "https://github.com/a/b"
    assert entities[0].aliases == ["https://github.com/a/b/tree/main/x"]
    assert entities[0].url == "https://github.com/a/b"


def test_entities_sorted_by_type_then_first_mention():
    entities = build_entities(
        [
            mention("COCO", "DATASET", 0),
            mention("Zorb", "METHOD", 10, field="abstract"),
            mention("Yarn", "METHOD", 5, field="title"),
        ]
    )
    assert [e.name for e in entities] == ["Yarn", "Zorb", "COCO"]


def test_weak_rules_take_the_sure_type_of_a_name():
    mentions = [
        mention("ImageNet-1K", "METHOD", 0, rule="name_shape"),
        mention("ImageNet-1K", "DATASET", 30, rule="gazetteer"),
        mention("Zorb", "METHOD", 60, rule="name_shape"),
    ]
    relabelled = one_type_per_name(mentions)
    assert [m.label for m in relabelled] == ["DATASET", "DATASET", "METHOD"]
    assert relabelled[0] == mention("ImageNet-1K", "DATASET", 0, rule="name_shape")
    assert relabelled[1:] == mentions[1:]


def test_a_name_retyped_as_a_task_is_not_proposed():
    # A weak rule's proposed method that a surer rule types a task elsewhere in the paper:
    # only methods and datasets are proposed, so the task is not.
    mentions = [
        mention("Incremental Learning", "METHOD", 0, "title", rule="name_shape", proposed=True),
        mention("Incremental Learning", "TASK", 40, rule="task_cue"),
        mention("Zorb", "DATASET", 80, rule="name_shape", proposed=True),
    ]
    relabelled = one_type_per_name(mentions)
    assert [(m.label, m.proposed) for m in relabelled] == [
        ("TASK", False),
        ("TASK", False),
        ("DATASET", True),
    ]


def test_merged_entities_keep_type_then_first_mention_order():
    vocabulary = Vocabulary()
    vocabulary.add(VocabEntry("ResNet", "method"))
    entities = build_entities(
        [
            mention("ResNet", "METHOD", 0),
            mention("COCO", "DATASET", 10),
            mention("Zorb", "METHOD", 20),
            mention("resnets", "METHOD", 30),
            mention("RN", "METHOD", 40),
        ],
        vocabulary=vocabulary,
        abbreviations={"RN": "ResNet"},
    )
    assert [e.name for e in entities] == ["ResNet", "Zorb", "COCO"]
    assert [m.start for m in entities[0].mentions] == [0, 30, 40]
    assert entities[0].aliases == ["resnets", "RN"]


def test_a_linker_kept_across_papers_links_each_as_a_new_one_would():
    vocabulary = Vocabulary()
    vocabulary.add(VocabEntry("ResNet", "method", vocab_id="pwc:resnet"))
    papers = [
        ([mention("ResNet", "METHOD", 0), mention("RN", "METHOD", 10)], {"RN": "ResNet"}),
        ([mention("RN", "METHOD", 0), mention("resnets", "METHOD", 10)], {}),
        ([mention("ResNet", "METHOD", 0, rule="name_shape"), mention("ResNet", "DATASET", 9)], {}),
        ([mention("https://github.com/a/b", "REPO", 0), mention("ResNet", "METHOD", 40)], None),
    ]
    linker = Linker(vocabulary)
    for _ in range(2):
        for mentions, abbreviations in papers:
            assert linker.entities(mentions, abbreviations) == build_entities(
                mentions, vocabulary=vocabulary, abbreviations=abbreviations
            )


SHORTER_FORMS = [
    # a longer name, a shorter form and its label, whether the shorter one is its alias
    ("visual glimmer recognition", "glimmer recognition", "TASK", True),
    ("Hybrid Frobnication", "Hybrid Frobnic", "METHOD", True),
    ("Wavy Lumen Lattice Codec", "WaLLC", "METHOD", True),
    ("Gated Recurrent Attention for Fine-grained Tracking", "GRAFT", "METHOD", True),
    ("vision transformer", "transformer", "METHOD", False),  # a family and a member
    ("Low-Rank Adaptation", "LoRA+", "METHOD", False),  # a variant
    ("image recognition", "recognition", "TASK", True),  # a one-word tail too
    ("fine-grained glimmer image recognition", "fine-grained recognition", "TASK", True),
    ("instance-level glimmer parsing", "instance parsing", "TASK", True),  # a suffix left out
    ("image-text glimmer retrieval", "image retrieval", "TASK", False),  # a compound's part
    ("graph convolutional glimmer networks", "graph glimmer networks", "METHOD", False),  # family
    ("glimmer localization and detection", "glimmer detection", "TASK", False),  # two things
    ("Glimmer Contrastive Learning", "Contrastive Learning", "METHOD", False),  # a method's tail
]


def test_a_shorter_form_of_a_longer_name_is_its_alias():
    for long, short, label, folded in SHORTER_FORMS:
        entities = build_entities([mention(long, label, start=0), mention(short, label, start=60)])
        found = [(e.name, e.aliases) for e in entities]
        assert found == ([(long, [short])] if folded else [(long, []), (short, [])]), long


def test_a_shorter_form_of_another_type_stays_apart():
    found = [mention("Wavy Lumen Lattice Codec", "DATASET"), mention("WLLC", start=60)]
    assert len(build_entities(found)) == 2


def test_a_scorer_drops_the_entities_it_finds_improbable(tmp_path):
    weights = tmp_path / "weights.json"
    weights.write_text(
        '{"bias": 1.0, "threshold": 0.5, "weights": {"rule:title_phrase": -3.0}}', encoding="utf-8"
    )
    scorer = Scorer.load(weights)
    found = [
        mention("Zorblax", rule="coined"),
        mention("Glimmer Frob", start=30, rule="title_phrase"),
        mention("https://github.com/o/n", "REPO", start=60, rule="title_phrase"),
    ]
    names = [e.name for e in Linker(scorer=scorer).entities(found)]
    assert names == ["Zorblax", "https://github.com/o/n"]
    assert len(Linker().entities(found)) == 3


def test_scorer_features_read_rule_type_shape_and_context():
    entity = build_entities(
        [
            Mention(
                "Glimmer Frob",
                "METHOD",
                "abstract",
                4,
                16,
                "Our Glimmer Frob model wins.",
                "coined",
            )
        ]
    )[0]
    names = features(entity, known=False)
    assert {"type:method", "rule:coined", "shape:title", "words:2", "early"} <= set(names)
    assert {"before:our", "after:model"} <= set(names)


def test_a_method_named_with_a_kind_word_folds_into_its_bare_name():
    entities = build_entities(
        [
            mention("Cascaded Glimmer Attention", "METHOD", start=0),
            mention("cascaded glimmer attention module", "METHOD", start=60),
        ]
    )
    assert [(e.name, e.aliases) for e in entities] == [
        ("Cascaded Glimmer Attention", ["cascaded glimmer attention module"])
    ]
    # A kind word alone is no reason to fold two different names.
    entities = build_entities(
        [mention("Glimmer Attention", "METHOD"), mention("Zorb Glimmer module", start=60)]
    )
    assert len(entities) == 2
