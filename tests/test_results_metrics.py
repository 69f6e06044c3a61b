"""Metric entities as results need them: names cut and extended right, settings and losses
left out, counts that report an outcome naming their measure."""

from __future__ import annotations

import pytest

from graphkit.models import Paper
from graphkit.run.extractor import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def metrics(extractor: Extractor, abstract: str) -> list[str]:
    extraction = extractor.extract_paper(Paper(id="p", title="A Study", abstract=abstract))
    return sorted(e.name for e in extraction.entities if e.type == "metric")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # words between a percentage and its measure that only say how it is read
        ("It gains 12.5% in absolute normalized score on GLUE.", ["normalized score"]),
        ("It gains 2.1% relative mean reciprocal rank on MS MARCO.", ["mean reciprocal rank"]),
        # a measure named by what it measures, with its modifiers
        ("It lowers the baseline (mean squared boundary distance) by 4.2% on Kodak.",
         ["mean squared boundary distance"]),
        # two modifier nouns before a one-word measure
        ("It sets a new linear probing accuracy of 71.3% on ImageNet-1K.",
         ["linear probing accuracy"]),
        # a count that reports an outcome names its measure
        ("It adds an overhead of just 4.2 M parameters.", ["parameters"]),
    ],
)  # fmt: skip
def test_metric_names_around_numbers(extractor, sentence, expected):
    assert metrics(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a percentage before a setting word is no measure
        "We report a 95% CI of 2.4% for the gains.",
        "Pruning keeps working at 90% sparsity.",
        # a distance with no score beside it is what a method computes
        "It is hard to use the geodesic distance when comparing two samples.",
        "Measures work in (1) ranking word pairs by semantic distance and (2) spelling.",
        # a measure that a model is trained on is a loss
        "We impose an L1 penalty on the weights of the decoder.",
        "The decoder is trained with an MSE loss.",
        # counts given as settings name no measure
        "We train language models with up to 410M parameters.",
        "We pretrain models with 60M parameters on web text.",
        "We train probes on models with 70M, 160M, and 2.8B parameters.",
        "A 7B model with 40 layers is used as the teacher.",
    ],
)
def test_no_metric_for_settings_and_losses(extractor, sentence):
    assert metrics(extractor, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Quantization costs only 0.3% top-1 accuracy loss on ImageNet.", ["top-1 accuracy"]),
        ("The distilled model shows a 0.2 BLEU loss at most.", ["BLEU"]),
    ],
)
def test_a_loss_word_after_a_number_reports_a_drop(extractor, sentence, expected):
    assert metrics(extractor, sentence) == expected
