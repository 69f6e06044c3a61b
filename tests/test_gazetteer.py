"""The graphkit_gazetteer component in a user's own blank English pipeline."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

import graphkit.extract.gazetteer  # noqa: F401  (registers the component)
from graphkit.errors import InputError
from graphkit.extract.gazetteer import SPANS_KEY

HEADER = "name\ttype\taliases\tvocab_id\turl\tmatch\n"


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("graphkit_gazetteer")
    return pipeline


def found(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(s.text, s.label_) for s in doc.spans[SPANS_KEY]}


def test_finds_known_names_of_each_type(nlp):
    text = "We train a ResNet on CIFAR-10 for image classification and report top-1 accuracy."
    assert {
        ("ResNet", "METHOD"),
        ("CIFAR-10", "DATASET"),
        ("image classification", "TASK"),
        ("top-1 accuracy", "METRIC"),
    } <= found(nlp, text)


def test_spans_carry_rule_and_vocabulary_id(nlp):
    doc = nlp("Results on ImageNet with semantic segmentation.")
    spans = {s.text: s for s in doc.spans[SPANS_KEY]}
    assert spans["ImageNet"].id_ == "gazetteer_cased"
    assert spans["semantic segmentation"].id_ == "gazetteer"
    assert spans["semantic segmentation"].kb_id_ == "semantic segmentation"


def test_case_free_names_match_any_case_but_acronyms_need_their_case(nlp):
    assert ("Semantic Segmentation", "TASK") in found(nlp, "Semantic Segmentation works.")
    assert ("CLIP", "METHOD") in found(nlp, "We fine-tune CLIP on it.")
    assert not found(nlp, "We clip the gradients of the sq loss.")


def test_common_words_and_umbrella_terms_do_not_match(nlp):
    text = (
        "A rider covering the attention of deep learning and machine learning "
        "in computer vision with neural networks."
    )
    assert not {label for _, label in found(nlp, text)} & {"METHOD", "TASK", "DATASET"}


def test_plural_and_hyphen_variants(nlp):
    doc = nlp("CIFAR10 and GANs and graph neural networks")
    spans = {s.text: s.kb_id_ for s in doc.spans[SPANS_KEY]}
    assert "CIFAR10" in spans and "GANs" in spans and "graph neural networks" in spans
    doc = nlp("CIFAR-10 and GAN")
    again = {s.text: s.kb_id_ for s in doc.spans[SPANS_KEY]}
    assert spans["CIFAR10"] == again["CIFAR-10"]
    assert spans["GANs"] == again["GAN"]


def test_longest_match_per_start_and_type(nlp):
    doc = nlp("We use PASCAL VOC 2007 here.")
    spans = [s for s in doc.spans[SPANS_KEY] if s.label_ == "DATASET"]
    starts = [s.start for s in spans]
    assert len(starts) == len(set(starts))
    assert "PASCAL VOC 2007" in {s.text for s in spans}


def test_capitalised_headings_do_not_match_short_names(nlp):
    assert not found(nlp, "THE MNIST OF ALL THINGS IS HERE")
    assert ("MNIST", "DATASET") in found(nlp, "Results on MNIST are good.")


def test_keeps_spans_of_other_components():
    nlp = spacy.blank("en")

    @spacy.Language.component("test_other_candidates")
    def other(doc):
        doc.spans[SPANS_KEY] = [Span(doc, 0, 1, label="METHOD", span_id="other")]
        return doc

    nlp.add_pipe("test_other_candidates")
    nlp.add_pipe("graphkit_gazetteer")
    doc = nlp("Zorb beats ResNet on MNIST.")
    rules = [s.id_ for s in doc.spans[SPANS_KEY]]
    assert rules[0] == "other" and "gazetteer_cased" in rules


def test_user_vocabulary_via_config(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        HEADER + "Blorpformer\tmethod\tBFM\tmy:1\t\tauto\nzorb recognition\ttask\t\t\t\tauto\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [str(path)]})
    doc = nlp("Blorpformer (BFM) solves Zorb Recognition on ImageNet.")
    spans = {s.text: s for s in doc.spans[SPANS_KEY]}
    assert spans["Blorpformer"].kb_id_ == "my:1" == spans["BFM"].kb_id_
    assert spans["Zorb Recognition"].label_ == "TASK"
    assert "ImageNet" in spans


def test_user_vocabulary_alone(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\ttype\nBlorpformer\tmethod\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [str(path)], "builtin": False})
    doc = nlp("Blorpformer on ImageNet")
    assert {s.text for s in doc.spans[SPANS_KEY]} == {"Blorpformer"}


def test_bad_user_vocabulary_fails_when_the_pipeline_is_built(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("name\nBlorpformer\n", encoding="utf-8")
    nlp = spacy.blank("en")
    with pytest.raises(InputError, match=r"bad\.tsv:1"):
        nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [str(path)]})


def test_hostile_text(nlp):
    assert not nlp("").spans[SPANS_KEY]
    text = "<b>bold</b> ImageNet $\\mathcal{L}$ — naïve 日本語 " * 2000
    doc = nlp(text)
    assert sum(1 for s in doc.spans[SPANS_KEY] if s.text == "ImageNet") == 2000


def test_pipeline_pickles_and_serialises(nlp, tmp_path: Path):
    copy = pickle.loads(pickle.dumps(nlp))
    assert found(copy, "ResNet on MNIST") == found(nlp, "ResNet on MNIST")
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert found(loaded, "ResNet on MNIST") == found(nlp, "ResNet on MNIST")


def test_names_sharing_a_form_take_the_earlier_entry_and_exact_case_first(tmp_path):
    path = tmp_path / "shared.tsv"
    path.write_text(
        HEADER
        + "Alpha\tmethod\tfoo-bar\tm:1\t\tlower\n"
        + "Beta\tmethod\tfoo - bar\tm:2\t\tlower\n"
        + "Gamma\tmethod\tFoo - Bar\tm:3\t\texact\n"
        + "Delta\tmethod\tFoo-Bar\tm:4\t\texact\n"
        + "Epsilon\tdataset\tfoo-bar\td:1\t\tlower\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [str(path)], "builtin": False})

    def spans(text: str) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        return [(s.text, s.label_, s.kb_id_) for s in doc.spans[SPANS_KEY]]

    kb = {e.name: e.kb_id for e in nlp.get_pipe("graphkit_gazetteer").vocabulary}
    assert spans("We use foo - bar here.") == [
        ("foo - bar", "DATASET", kb["Epsilon"]),
        ("foo - bar", "METHOD", kb["Alpha"]),
    ]
    assert spans("We use Foo-Bar here.") == [
        ("Foo-Bar", "DATASET", kb["Epsilon"]),
        ("Foo-Bar", "METHOD", kb["Gamma"]),
    ]
    assert spans("WE USE FOO-BAR HERE") == [
        ("FOO-BAR", "DATASET", kb["Epsilon"]),
        ("FOO-BAR", "METHOD", kb["Alpha"]),
    ]


def test_exact_case_name_in_a_heading_leaves_the_case_free_one(tmp_path):
    path = tmp_path / "heading.tsv"
    path.write_text(
        HEADER + "Zeta\tmethod\tqz\tm:1\t\tlower\n" + "Eta\tmethod\tQZ\tm:2\t\texact\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [str(path)], "builtin": False})
    kb = {e.name: e.kb_id for e in nlp.get_pipe("graphkit_gazetteer").vocabulary}

    def spans(text: str) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        return [(s.text, s.kb_id_, s.id_) for s in doc.spans[SPANS_KEY]]

    assert spans("We use QZ here.") == [("QZ", kb["Eta"], "gazetteer_cased")]
    assert spans("QZ works.") == [("QZ", kb["Eta"], "gazetteer_cased")]
    assert spans("WE USE QZ FOR ALL") == [("QZ", kb["Zeta"], "gazetteer")]
    assert spans("We use qz here.") == [("qz", kb["Zeta"], "gazetteer")]


def test_saved_pipeline_keeps_the_user_vocabulary(tmp_path: Path):
    from graphkit.extract import build_pipeline, doc_mentions

    path = tmp_path / "mine.tsv"
    path.write_text(
        HEADER + "Blorpformer\tmethod\tBFM\tmy:1\t\tauto\nzorb recognition\ttask\t\t\t\tauto\n",
        encoding="utf-8",
    )
    nlp = build_pipeline(extra_vocab=[str(path)])
    texts = [
        "Blorpformer (BFM) solves zorb recognition on ImageNet.",
        "We train BFM with ResNet-50 for Zorb Recognition, scored by top-1 accuracy.",
    ]
    before = [doc_mentions(doc, "abstract") for doc in nlp.pipe(texts)]
    assert {m.text for m in before[0]} >= {"Blorpformer", "BFM", "zorb recognition"}
    nlp.to_disk(tmp_path / "pipe")
    path.unlink()
    loaded = spacy.load(tmp_path / "pipe")
    assert [doc_mentions(doc, "abstract") for doc in loaded.pipe(texts)] == before
    gazetteer = loaded.get_pipe("graphkit_gazetteer")
    assert gazetteer.vocabulary.lookup("method", "bfm").vocab_id == "my:1"
    loaded.to_disk(tmp_path / "again")
    assert (tmp_path / "again" / "graphkit_gazetteer" / "vocabulary.tsv").read_bytes() == (
        tmp_path / "pipe" / "graphkit_gazetteer" / "vocabulary.tsv"
    ).read_bytes()


def test_missing_user_vocabulary_fails_at_the_first_doc_without_saved_entries(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [str(tmp_path / "gone.tsv")]})
    with pytest.raises(InputError, match=r"gone\.tsv: cannot read vocabulary file"):
        nlp("ResNet")
