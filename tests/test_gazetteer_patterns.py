"""The gazetteer's patterns made from split words equal the docs of the tokenised texts."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher

import graphkit.extract.gazetteer  # noqa: F401  (registers the component)
from graphkit.extract.gazetteer import SPANS_KEY
from graphkit.extract.tokens import split_glued_sentences
from graphkit.extract.vocab import ANY_CASE, EXACT

HEADER = "name\ttype\taliases\tvocab_id\turl\tmatch\n"


def vocab_file(folder: Path, rows: str) -> str:
    """A user vocabulary file of ``rows`` under ``folder``."""
    path = folder / "mine.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return str(path)


def test_patterns_equal_the_tokenised_docs_with_user_vocabulary(tmp_path):
    path = vocab_file(
        tmp_path, "Foo-Net v2\tmethod\tFNv2|foo.net\t\t\t\nBarSet-10k\tdataset\t\t\t\texact\n"
    )
    nlp = spacy.blank("en")
    split_glued_sentences(nlp)
    gazetteer = nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [path]})
    patterns = list(gazetteer.vocabulary.patterns())
    reference = PhraseMatcher(nlp.vocab, attr=ANY_CASE)
    cased = set()
    for pattern in patterns:
        key = str(pattern.entry) if pattern.attr == ANY_CASE else f"{pattern.entry} {EXACT}"
        doc = nlp.make_doc(pattern.text)
        reference.add(key, [doc])
        if pattern.attr == EXACT:
            cased.add((nlp.vocab.strings[key], *(t.orth for t in doc)))
    assert cased == gazetteer.cased_forms
    texts = [p.text for p in patterns]
    assert {"Foo-Net v2", "foo.net", "BarSet-10k"} <= set(texts)
    for start in range(0, len(texts), 500):
        doc = nlp.make_doc(" , ".join(texts[start : start + 500]))
        assert sorted(gazetteer.matcher(doc)) == sorted(reference(doc))


def test_words_follow_the_tokenizer_a_pipeline_has(tmp_path):
    config = {"extra_vocab": [vocab_file(tmp_path, "qux-zed\tmethod\t\t\t\t\n")], "builtin": False}
    plain = spacy.blank("en")
    plain.add_pipe("graphkit_gazetteer", config=config)
    special = spacy.blank("en")
    special.tokenizer.add_special_case("qux-zed", [{"ORTH": "qux-zed"}])
    special.add_pipe("graphkit_gazetteer", config=config)
    # The same vocabulary split by another tokenizer: the words kept for the first are stale.
    for pipeline in (plain, special):
        doc = pipeline("the qux-zed model")
        assert [(s.text, s.label_) for s in doc.spans[SPANS_KEY]] == [("qux-zed", "METHOD")]
    assert len(special.make_doc("qux-zed")) == 1 < len(plain.make_doc("qux-zed"))


def test_pattern_words_make_no_lexemes():
    nlp = spacy.blank("en")
    before = len(nlp.vocab)
    nlp.add_pipe("graphkit_gazetteer")
    # Only the matcher's keys become lexemes: the words of ~46k patterns do not.
    assert len(nlp.vocab) - before < len(nlp.get_pipe("graphkit_gazetteer").kinds) + 100
