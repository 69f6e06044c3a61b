"""How tokens are written against each other: the glued-hyphen tests the rules share."""

from __future__ import annotations

import pytest
import spacy

from graphkit.extract.tokens import hyphen_after, hyphen_before


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_a_hyphen_between_two_words_is_glued_to_both(nlp):
    doc = nlp("zorb-based nets")
    assert [t.text for t in doc] == ["zorb", "-", "based", "nets"]
    assert hyphen_after(doc, 0)
    assert hyphen_before(doc, 2)
    assert not hyphen_after(doc, 2)
    assert not hyphen_before(doc, 3)


def test_a_spaced_hyphen_is_glued_to_no_word(nlp):
    doc = nlp("zorb - glimmer")
    assert not hyphen_after(doc, 0)
    assert not hyphen_before(doc, 2)


def test_the_ends_of_a_doc_have_no_hyphen_beyond_them(nlp):
    doc = nlp("zorb -")
    assert not hyphen_after(doc, len(doc) - 1)
    assert not hyphen_before(doc, 0)
    assert not hyphen_before(doc, len(doc))
