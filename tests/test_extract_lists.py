"""One type per list: a list's head word, or its other members, type its members."""

from __future__ import annotations

import pytest

from graphkit.extract.lists import one_type_per_list
from graphkit.models import Mention, Paper
from graphkit.run.extractor import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _mentions(text: str, typed: list[tuple[str, str, str]]) -> list[Mention]:
    found = []
    for name, label, rule in typed:
        start = text.index(name)
        found.append(Mention(name, label, "abstract", start, start + len(name), text, rule))
    return found


def _labels(text: str, typed: list[tuple[str, str, str]]) -> dict[str, str]:
    return {m.text: m.label for m in one_type_per_list(_mentions(text, typed), text)}


@pytest.mark.parametrize(
    "text",
    [
        "We test on datasets such as FrobSet and GlimNet.",
        "Results on two benchmarks for scene parsing (i.e., FrobSet and GlimNet) hold.",
        "It wins on standard datasets, e.g., FrobSet, GlimNet.",
        # Every word of the list introducers' data file opens a list here too.
        "The datasets include FrobSet and GlimNet.",
        "It wins on two datasets, namely FrobSet and GlimNet.",
    ],
)
def test_a_head_word_before_a_list_types_its_members(text):
    typed = [("FrobSet", "DATASET", "gazetteer_cased"), ("GlimNet", "METHOD", "name_shape")]
    assert _labels(text, typed) == {"FrobSet": "DATASET", "GlimNet": "DATASET"}


def test_a_list_of_tasks_keeps_its_members_types():
    text = "It helps learning across several tasks, including FrobSet and GlimNet."
    typed = [("FrobSet", "DATASET", "gazetteer_cased"), ("GlimNet", "METHOD", "name_shape")]
    assert _labels(text, typed) == {"FrobSet": "DATASET", "GlimNet": "METHOD"}


def test_without_a_head_a_vocabulary_name_takes_its_neighbours_type():
    text = "It nears ViT, MAE, DINO and BERT."
    typed = [
        ("ViT", "METHOD", "gazetteer_cased"),
        ("MAE", "METRIC", "gazetteer_cased"),
        ("DINO", "METHOD", "gazetteer_cased"),
        ("BERT", "METHOD", "gazetteer_cased"),
    ]
    assert _labels(text, typed)["MAE"] == "METHOD"
    # Two items make no list without a head word.
    assert _labels("It nears ViT and MAE.", typed[:2])["MAE"] == "METRIC"


def test_name_shaped_members_after_benchmarks_are_datasets(extractor):
    paper = Paper(
        id="p",
        title="T",
        abstract="Tests on two benchmarks for scene parsing, i.e., ZORB-Context and GlimNet-v2.",
    )
    types = {e.name: e.type for e in extractor.extract_paper(paper).entities}
    assert types["ZORB-Context"] == "dataset"
    assert types["GlimNet-v2"] == "dataset"
