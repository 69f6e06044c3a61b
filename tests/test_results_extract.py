"""The graphkit_results component: number shapes, setup numbers, kinds and roles."""

from __future__ import annotations

import json
import math

import pytest
import spacy

from graphkit.extract import COMPONENTS, run_pipeline
from graphkit.extract.results import RESULTS_GROUP_ATTR, RESULTS_KEY, find_results, words
from graphkit.extract.results.candidates import may_hold_number, number_spans
from graphkit.extract.results.numbers import find_numbers
from graphkit.extract.results.tokens import CUE_FILES, cue_classes
from graphkit.models import Extraction, Paper, Result
from graphkit.run.extractor import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def results(extractor: Extractor, abstract: str, title: str = "A Study") -> list[Result]:
    return extractor.extract_paper(Paper(id="p", title=title, abstract=abstract)).results


def shapes(extractor: Extractor, abstract: str) -> list[tuple[float, str | None, str]]:
    return [(r.value, r.unit, r.kind) for r in results(extractor, abstract)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Our model reaches 84.3% top-1 accuracy on ImageNet.", [(84.3, "%", "absolute")]),
        ("It improves accuracy by 1.9 percent on CIFAR-10.", [(1.9, "%", "relative")]),
        ("The model runs 5.8x faster than ResNet-50.", [(5.8, "x", "relative")]),
        ("Sampling is 3 times faster than DDPM.", [(3.0, "x", "relative")]),
        ("Training converges with a 4-fold speedup over Adam.", [(4.0, "x", "relative")]),
        ("It is 2.1 points higher in F1 than BERT.", [(2.1, "pp", "relative")]),
        ("Our decoder gains 0.8 dB PSNR on Set5.", [(0.8, "dB", "relative")]),
        ("The detector runs at 30 FPS on COCO.", [(30.0, "FPS", "absolute")]),
        ("Inference takes 12 ms per image with our model.", [(12.0, "ms", "absolute")]),
        ("Our model needs only 1.5M parameters.", [(1.5, "M", "absolute")]),
        ("It reaches a BLEU of 41.0 on WMT14.", [(41.0, None, "absolute")]),
        ("The model scores 52.7 AP on COCO.", [(52.7, None, "absolute")]),
        ("It is twice as fast as BERT.", [(2.0, "x", "relative")]),
        ("It cuts the memory by half.", [(50.0, "%", "relative")]),
        ("Accuracy rises by 1.5~3.0% on ImageNet.", [(3.0, "%", "relative")]),
        ("It has 1,200 fewer errors, a 12.5% error rate.", [(12.5, "%", "absolute")]),
        ("It adds +4.7 PSNR over NeRV.", [(4.7, None, "relative")]),
        ("We gain 3.3%p in accuracy.", [(3.3, "pp", "relative")]),
        ("It improves accuracy by 2.0 AP on COCO.", [(2.0, "pp", "relative")]),
        ("The codec gains a large margin (up to 1.5 dB) on Kodak.", [(1.5, "dB", "relative")]),
        ("The codec adds an overhead of 0.3% bits per pixel.", [(0.3, "%", "relative")]),
        ("We reproduce the reported results to within 0.4% mAP.", [(0.4, "%", "relative")]),
        ("The pruned model keeps 95% performance on GLUE.", [(95.0, "%", "relative")]),
        ("It shrinks the model from 30M~60M parameters.", [(60.0, "M", "absolute")]),
        ("Mapping all neurons takes less than 12 minutes.", [(12.0, "minutes", "absolute")]),
        ("Accuracy ranges over (81.2% -93.5% accuracy) on CIFAR-10.", [(93.5, "%", "absolute")]),
        ("It improves accuracy by more than 2.5 F1 on SQuAD.", [(2.5, "pp", "relative")]),
        ("Our model is three times faster than BERT.", [(3.0, "x", "relative")]),
    ],
)
def test_number_shapes(extractor, sentence, expected):
    assert shapes(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "We train on 1.2M images from ImageNet.",
        "We fine-tune a 7B model with LoRA.",
        "We evaluate on 3 datasets and over 100 languages.",
        "The work was published in 2019 and extends ResNet-50 on CIFAR-10.",
        "We run 12 experiments on 4 tasks.",
        "We use a learning rate of 0.1 and a threshold of 0.5.",
        "As shown in [12], the method of Section 3.2 works.",
        "We release version v2 of GPT-4 with top-1 results.",
        "We train models with up to 175B parameters.",
        "We use 10% of the labels for training.",
        "We report a 95% CI for all runs.",
        "The kernels are 3x3 and the features are 2D.",
        "We upgrade to PyTorch 1.7.0 and patch 1.2.3% of nothing.",
        "We use a 2x training schedule on COCO.",
        "We fit scaling laws by training models with only 2M~40M parameters.",
        "We train probes on models with 70M, 160M, and 2.8B parameters.",
        "We pretrain on 960 hours of speech and 40 GB of text.",
        "It generates 256 × 256 images on CelebA.",
        "Given two times observations, we detect changes.",
        "Infinity ∞% is not a number.",
        "A huge number " + "9" * 200 + "% appears here.",
    ],
)
def test_setup_numbers_are_not_results(extractor, sentence):
    assert results(extractor, sentence) == []


def test_lists_give_one_result_per_number(extractor):
    found = results(
        extractor,
        "Our EfficientViT-M5 surpasses MobileNetV3-Large by 1.9% in accuracy, while getting "
        "40.4% and 45.2% higher throughput on V100 and Xeon, respectively. It runs 5.8x/3.7x "
        "faster on the GPU/CPU.",
    )
    assert [(r.text, r.kind) for r in found] == [
        ("1.9%", "relative"),
        ("40.4%", "relative"),
        ("45.2%", "relative"),
        ("5.8x", "relative"),
        ("3.7x", "relative"),
    ]
    assert [r.metric for r in found] == ["accuracy", "throughput", "throughput", "speed", "speed"]
    assert found[0].method == "EfficientViT-M5" and found[0].compared_to == "MobileNetV3-Large"


def test_a_list_continues_its_kind_metric_and_unit_family(extractor):
    found = results(
        extractor,
        "On CIFAR-10, our method outperforms others by up to 1.0% for ResNet-32, 0.5% for "
        "VGG-16 and 0.7% for DenseNet-121 in top-1 accuracy. Our models reach F1 scores "
        "between 0.61-0.78 for the first cohort; 0.55-0.70 for the second cohort; and "
        "0.40-0.52 for the third.",
    )
    assert [(r.value, r.kind, r.metric) for r in found] == [
        (1.0, "relative", "top-1 accuracy"),
        (0.5, "relative", "top-1 accuracy"),
        (0.7, "relative", "top-1 accuracy"),
        (0.78, "absolute", "F1 scores"),
        (0.7, "absolute", "F1 scores"),
        (0.52, "absolute", "F1 scores"),
    ]
    assert [r.compared_to for r in found[:3]] == [None, None, None]
    assert {r.dataset for r in found[:3]} == {"CIFAR-10"}


def test_a_count_does_not_lend_its_metric_to_a_score(extractor):
    found = results(
        extractor,
        "It reaches 85.1% on CIFAR-100 with 21.5M parameters, 81.9% on ImageNet with 25.0M "
        "parameters.",
    )
    assert [(r.value, r.metric, r.dataset) for r in found] == [
        (85.1, None, "CIFAR-100"),
        (21.5, "parameters", "CIFAR-100"),
        (81.9, None, "ImageNet"),
        (25.0, "parameters", "ImageNet"),
    ]


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [
        ("Our approach reduces storage from 40GB to 7.5GB.", ["storage", "storage"]),
        ("We observe an error radius of 1.2% for these coefficients.", ["error radius"]),
        ("It reaches 45.1% box AP and 40.2% mask AP on COCO.", ["box AP", "mask AP"]),
        ("Mapping all neurons takes less than 12 minutes.", ["time"]),
        ("The cache needs only 2 GB of memory.", ["memory"]),
        (
            "It beats BERT by 0.8 points on GLUE and ViT by 2% top-1 accuracy.",
            [None, "top-1 accuracy"],
        ),
    ],
)
def test_metrics_named_by_the_words_around_the_number(extractor, sentence, metrics):
    assert [r.metric for r in results(extractor, sentence)] == metrics


def test_compared_method_is_none_for_unnamed_baselines(extractor):
    (found,) = results(
        extractor,
        "We achieve 3.1% higher top-1 accuracy compared to other methods for ResNet-50 on "
        "ImageNet.",
    )
    assert (found.kind, found.compared_to, found.dataset) == ("relative", None, "ImageNet")


def test_a_parameter_count_takes_no_dataset_from_a_neighbour(extractor):
    found = results(extractor, "We evaluate on ImageNet. Our model needs only 1.5M parameters.")
    assert [(r.value, r.metric, r.dataset) for r in found] == [(1.5, "parameters", None)]


def test_roles_from_sentence_and_our_method(extractor):
    found = results(
        extractor,
        "We propose Zorblax, a novel sampler. On ImageNet, our method reaches 84.3% top-1 "
        "accuracy and improves the accuracy by 2.7% compared to ResNet-50.",
        title="Zorblax: Fast Sampling",
    )
    first, second = found
    assert (first.metric, first.dataset, first.method) == ("top-1 accuracy", "ImageNet", "Zorblax")
    assert first.compared_to is None
    assert (second.kind, second.metric, second.compared_to) == ("relative", "accuracy", "ResNet-50")


def test_a_method_name_tagged_once_names_the_method_where_it_stands_untagged():
    text = (
        "We propose Zorblax, a sampler. Zorblax reaches 84.3% top-1 accuracy on ImageNet. "
        "Zorblax-like samplers reach 80.1% top-1 accuracy."
    )
    name = (text.index("Zorblax"), text.index("Zorblax") + len("Zorblax"), "METHOD")
    entities = [name] + [
        (start, start + len(surface), label)
        for surface, label in (("top-1 accuracy", "METRIC"), ("ImageNet", "DATASET"))
        for start in (text.find(surface), text.rfind(surface))
    ]
    first, second = find_results(text, sorted(set(entities)))
    assert dict((role, (s, e)) for role, s, e in first.roles)["method"] == name[:2]
    assert "method" not in dict((role, (s, e)) for role, s, e in second.roles)


def test_a_lower_case_method_name_is_not_looked_for_where_it_stands_untagged():
    text = "We use attention. With it, attention reaches 84.3% accuracy."
    entities = [(7, 16, "METHOD"), (text.index("accuracy"), len(text) - 1, "METRIC")]
    (found,) = find_results(text, entities)
    assert [role for role, _, _ in found.roles] == ["metric"]


def test_from_to_gives_two_absolute_results(extractor):
    found = results(
        extractor, "Our method boosts the PSNR from 28.53 dB to 33.49 dB on the Haze4k dataset."
    )
    assert [(r.value, r.kind, r.metric, r.dataset) for r in found] == [
        (28.53, "absolute", "PSNR", "Haze4k"),
        (33.49, "absolute", "PSNR", "Haze4k"),
    ]


def test_evidence_spans_point_into_the_text(extractor):
    text = "Our model reaches 84.3% top-1 accuracy on ImageNet."
    (found,) = results(extractor, text)
    assert text[found.start : found.end] == found.text == "84.3%"
    assert found.sentence == text and found.field == "abstract" and found.rule


def test_component_writes_the_results_group():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp("Our model reaches 84.3% top-1 accuracy on ImageNet, 2.5x faster than BERT.")
    group = doc.spans[RESULTS_KEY]
    assert [(s.text, s.label_) for s in group] == [("84.3%", "ABSOLUTE"), ("2.5x", "RELATIVE")]
    assert [r.value for r in group.attrs[RESULTS_GROUP_ATTR]] == [84.3, 2.5]


def test_records_carry_the_field_that_run_pipeline_names(extractor):
    texts = ["It is 3x faster.", "It is 2x faster."]
    named, unnamed = (
        run_pipeline(extractor.nlp, texts, ["title", "abstract"]),
        run_pipeline(extractor.nlp, texts),
    )
    assert [d.spans[RESULTS_KEY].attrs[RESULTS_GROUP_ATTR][0].field for d in named] == [
        "title",
        "abstract",
    ]
    assert [d.spans[RESULTS_KEY].attrs[RESULTS_GROUP_ATTR][0].field for d in unnamed] == ["", ""]


def test_find_results_without_entities_and_without_numbers():
    assert find_results("No numbers here.", []) == []
    assert [r.value for r in find_results("It is 3x faster.", [])] == [3.0]


def test_numbers_parse_safely():
    text = "1.2.3% ∞ " + "1" * 200 + " 1,200 1.2K -0.5 22.8M NaN% inf% 1M~60M 2K -3"
    values = [(n.value, n.unit) for n in find_numbers(text)]
    assert [(n.value, n.unit) for n in find_numbers("160 × 160 and 3x3")] == [(160.0, None)]
    assert values == [
        (1200.0, None),
        (1200.0, None),
        (-0.5, None),
        (22.8, "M"),
        (60.0, "M"),
        (2000.0, None),
        (-3.0, None),
    ]
    assert all(math.isfinite(v) for v, _ in values)


def test_results_round_trip_through_json(extractor):
    paper = Paper(id="p", title="T", abstract="Our model is 2.5x faster than BERT on GLUE.")
    extraction = extractor.extract_paper(paper)
    assert extraction.results
    record = json.loads(json.dumps(extraction.to_dict()))
    assert Extraction.from_dict(record).results == extraction.results
    assert set(record["results"][0]) == {
        "value", "unit", "kind", "metric", "dataset", "method", "task", "compared_to",
        "text", "sentence", "start", "end", "field", "rule",
    }  # fmt: skip


def test_no_results_key_without_results(extractor):
    record = extractor.extract_paper(Paper(id="p", title="T", abstract="No numbers.")).to_dict()
    assert "results" not in record


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "12", None, True])
def test_bad_values_in_json_input_are_refused(value):
    record = {"value": value, "unit": "%", "kind": "absolute", "text": "x", "sentence": "x"}
    with pytest.raises(ValueError):
        Result.from_dict(record)
    with pytest.raises(ValueError):
        Result.from_dict(json.loads(json.dumps(record)))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Twice as Fast Training", [2.0]),
        ("Sampling three times faster", [3.0]),
        ("A ten-fold speed-up of decoding", [10.0]),
        ("Half the memory", [50.0]),
        ("Two x faster decoding", [2.0]),
        ("Two models and ten datasets on behalf of all", []),
    ],
)
def test_numbers_in_words_in_a_text_without_digits(text, values):
    doc = spacy.blank("en")(text)
    spans = number_spans(doc) if may_hold_number(text) else []
    assert [n.value for n in find_numbers(text, spans)] == values
    assert may_hold_number(text) or not values


def test_every_word_and_stem_of_the_cue_lists_is_a_cue():
    for bit, name in CUE_FILES.items():
        cues = words.word_list(name)
        assert all(cue_classes(word)[0] & bit for word in cues.words)
        assert all(cue_classes(f"{stem}zz")[0] & bit for stem in cues.stems)
    for (side, _), cues in words.kind_cues().items():
        at = 1 if side == "before" else 2
        assert all(cue_classes(word)[at] is not None for word in cues.words)
        assert all(cue_classes(f"{stem}zz")[at] is not None for stem in cues.stems)
    assert cue_classes("52.7%") == (0, None, None)
