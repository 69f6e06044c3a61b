"""Schwartz–Hearst abbreviation pairs and their merging into one entity."""

from __future__ import annotations

import pytest

from graphkit.extract.abbreviations import ABBREVIATIONS_KEY, long_form_start
from graphkit.models import Paper
from graphkit.run.extractor import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize(
    "short, text, expected",
    [
        ("MHSA", "uses multi-head self-attention", "multi-head self-attention"),
        ("NMC", "i.e., Nearest Mean Classifier", "Nearest Mean Classifier"),
        ("CTR", "for Click-through rate", "Click-through rate"),
        ("XYZ", "has no such letters", None),
    ],
)
def test_long_form_start(short, text, expected):
    start = long_form_start(short, text)
    assert (text[start:] if start is not None else None) == expected


def test_pairs_are_recorded(extractor):
    doc = extractor.nlp("We use a spiky gating unit (SGU) in every block.")
    pairs = {(s.text, s.kb_id_) for s in doc.spans[ABBREVIATIONS_KEY]}
    assert ("SGU", "spiky gating unit") in pairs


def test_pair_becomes_one_entity_with_alias(extractor):
    paper = Paper(
        id="p",
        title="A study",
        abstract="We add multi-head self-attention (MHSA) to the encoder. MHSA is costly.",
    )
    found = extractor.extract_paper(paper).entities
    mhsa = [e for e in found if "MHSA" in e.aliases or e.name == "MHSA"]
    assert len(mhsa) == 1
    assert mhsa[0].name == "multi-head self-attention"
    assert mhsa[0].type == "method"
    assert len(mhsa[0].mentions) == 3


def test_unknown_pair_typed_by_head_word(extractor):
    paper = Paper(id="p", title="T", abstract="We build a spiky gating network (SGN) for audio.")
    found = {e.name: e for e in extractor.extract_paper(paper).entities}
    assert found["spiky gating network"].type == "method"
    assert "SGN" in found["spiky gating network"].aliases


def test_an_untyped_pair_after_a_novelty_word_is_a_proposed_method(extractor):
    text = "It adds a novel glimmer zorb supervision (GZS) to the loss."
    found = {
        e.name: e for e in extractor.extract_paper(Paper(id="p", title="T", abstract=text)).entities
    }
    assert (found["glimmer zorb supervision"].type, found["glimmer zorb supervision"].proposed) == (
        "method",
        True,
    )
    plain = Paper(id="p", title="T", abstract="It adds a glimmer zorb supervision (GZS) to it.")
    assert "glimmer zorb supervision" not in {
        e.name for e in extractor.extract_paper(plain).entities
    }


def test_parenthesis_without_abbreviation_is_ignored(extractor):
    doc = extractor.nlp("The loss (see below) is small (about 3%).")
    assert len(doc.spans[ABBREVIATIONS_KEY]) == 0


@pytest.mark.parametrize(
    "short, text, expected",
    [
        ("ÉN", "les Écoles Normales", "Écoles Normales"),
        ("IN", "İstanbul İmage Net", None),
        ("AB", "xa b", None),
    ],
)
def test_long_form_start_beyond_ascii(short, text, expected):
    start = long_form_start(short, text)
    assert (text[start:] if start is not None else None) == expected


def test_long_form_after_a_whitespace_token(extractor):
    doc = extractor.nlp("the  \ttransformer block (TB) and a big  \nlearning (BL)")
    pairs = {(s.text, s.kb_id_) for s in doc.spans[ABBREVIATIONS_KEY]}
    assert pairs == {("TB", " \ttransformer block"), ("BL", "big  \nlearning")}


def test_pair_types_come_from_candidates_and_task_words(extractor):
    doc = extractor.nlp(
        "We train a zorbic transformer (ZT) on ImageNet (IN) for click rate (CR) prediction."
    )
    added = {
        (s.text, s.label_, s.id_)
        for s in doc.spans["graphkit_candidates"]
        if s.id_.startswith("abbreviation")
    }
    assert ("ZT", "METHOD", "abbreviation_short") in added
    assert ("IN", "DATASET", "abbreviation_short") in added
    assert ("click rate (CR) prediction", "TASK", "abbreviation_long") in added


def test_long_form_whole_when_a_rule_found_it_without_its_first_word(extractor):
    # A capitalised run at a sentence start loses its first word; the pair restores it.
    paper = Paper(
        id="p",
        title="T",
        abstract="Zorbic Glimmer Representation (ZGR) has gained attention. We study ZGR.",
    )
    names = {e.name for e in extractor.extract_paper(paper).entities if e.type == "method"}
    assert "Zorbic Glimmer Representation" in names
    assert "Glimmer Representation" not in names


def test_a_long_form_takes_in_the_capitalised_compound_before_it(extractor):
    text = "This paper introduces the Spatial-Spectral Zorbic Mamba (ZorbMamba) model for images."
    doc = extractor.nlp(text)
    pairs = {(s.text, s.kb_id_) for s in doc.spans[ABBREVIATIONS_KEY]}
    assert ("ZorbMamba", "Spatial-Spectral Zorbic Mamba") in pairs
    paper = Paper(id="p", title="T", abstract=text)
    names = {e.name for e in extractor.extract_paper(paper).entities if e.type == "method"}
    assert "Zorbic Mamba" not in names


def pairs_of(extractor, text: str) -> set[tuple[str, str]]:
    doc = extractor.nlp(text)
    return {(s.text, s.kb_id_) for s in doc.spans[ABBREVIATIONS_KEY]}


@pytest.mark.parametrize("end", ["?", "!"])
def test_a_long_form_does_not_reach_back_over_a_sentence_end(extractor, end):
    text = f"Does it generalize{end} Zorb Networks (GZN) say it does."
    assert not {long for short, long in pairs_of(extractor, text) if short == "GZN"}
    assert ("GZN", "Glimmer Zorb Networks") in pairs_of(
        extractor, "Does it generalize, as Glimmer Zorb Networks (GZN) say?"
    )


def test_a_capitalised_compound_that_opens_a_sentence_is_not_taken_in(extractor):
    text = "Scans are noisy. Spatial-Spectral Zorbic Mamba (ZorbMamba) cleans them."
    assert ("ZorbMamba", "Zorbic Mamba") in pairs_of(extractor, text)


def test_an_untyped_pair_takes_the_type_of_a_pair_with_the_same_head(extractor):
    text = (
        "It has three parts: 1) an instance zorb supervision (IZS), 2) a novel local-group "
        "zorb supervision (LZS), and 3) a group zorb supervision (GZS)."
    )
    found = {
        e.name: e.type
        for e in extractor.extract_paper(Paper(id="p", title="T", abstract=text)).entities
    }
    assert found.get("instance zorb supervision") == "method"
    assert found.get("group zorb supervision") == "method"
    found = {
        e.name
        for e in extractor.extract_paper(
            Paper(id="p", title="T", abstract="We add an instance zorb supervision (IZS).")
        ).entities
    }
    assert "instance zorb supervision" not in found
