"""The gazetteer's patterns made from split words, kept in a file cache, equal the docs of
the tokenised texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher

import graphkit.extract.gazetteer as gazetteer_module
from graphkit.extract.gazetteer import SPANS_KEY
from graphkit.extract.pattern_cache import KEPT_FILES, cache_path, read_words
from graphkit.extract.tokens import split_glued_sentences
from graphkit.extract.vocab import ANY_CASE, EXACT, Vocabulary, load_vocabulary

HEADER = "name\ttype\taliases\tvocab_id\turl\tmatch\n"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    """Each test's file cache in its own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


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


def fresh_words(nlp, texts, *, cache=True):
    """The pattern words of ``texts`` as a new process finds them (no words kept in memory)."""
    gazetteer_module._TOKENIZED.clear()
    return gazetteer_module.pattern_words(nlp, Vocabulary(), texts, cache=cache)


def test_cached_words_are_the_split_words_and_a_bad_cache_is_ignored(tmp_path):
    nlp = spacy.blank("en")
    split_glued_sentences(nlp)
    path = vocab_file(tmp_path, "Foo-Net v2\tmethod\tFNv2|foo.net\t\t\t\n")
    texts = [p.text for p in load_vocabulary([path]).patterns()]
    split = fresh_words(nlp, texts, cache=False)
    assert not (tmp_path / "cache").exists()
    assert fresh_words(nlp, texts) == split
    (kept,) = (tmp_path / "cache" / "graphkit").iterdir()
    assert read_words(kept, texts) == split
    # Read back, not split again: a file of other words (of the same letters) is used.
    joined = [[*w[:-2], w[-2] + w[-1]] if len(w) > 1 else list(w) for w in split]
    kept.write_text(json.dumps(joined), encoding="utf-8")
    assert fresh_words(nlp, texts) == [tuple(w) for w in joined] != split
    # Words that do not make up their texts, or a cut file, are split again and kept anew.
    kept.write_text(json.dumps([["x"] for _ in texts]), encoding="utf-8")
    assert fresh_words(nlp, texts) == split
    kept.write_text(kept.read_text(encoding="utf-8")[:100], encoding="utf-8")
    assert fresh_words(nlp, texts) == split
    assert read_words(kept, texts) == split
    # Other texts or another tokenizer: another file.
    assert cache_path(texts[1:], b"") != cache_path(texts, b"") != cache_path(texts, b"x")


def test_user_vocabulary_change_is_not_hidden_by_the_cache(tmp_path):
    gazetteer_module._TOKENIZED.clear()
    for name in ("alpha-beta net", "gamma-delta net"):
        path = vocab_file(tmp_path, f"{name}\tmethod\t\t\t\t\n")
        nlp = spacy.blank("en")
        nlp.add_pipe("graphkit_gazetteer", config={"extra_vocab": [path], "builtin": False})
        doc = nlp(f"We use {name}.")
        assert [s.text for s in doc.spans[SPANS_KEY]] == [name]
    assert len(list((tmp_path / "cache" / "graphkit").iterdir())) == 2


def test_unwritable_cache_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    nlp = spacy.blank("en")
    texts = ["Foo-Net v2", "BarSet-10k"]
    assert fresh_words(nlp, texts) == fresh_words(nlp, texts, cache=False)


def test_cache_keeps_the_most_recently_used_files(tmp_path):
    nlp = spacy.blank("en")
    first = [f"name{i}" for i in range(3)]
    fresh_words(nlp, first)
    for count in range(KEPT_FILES + 2):
        fresh_words(nlp, [f"other{count}"])
        fresh_words(nlp, first)  # read back: used again
    kept = list((tmp_path / "cache" / "graphkit").iterdir())
    assert len(kept) == KEPT_FILES
    assert cache_path(first, nlp.tokenizer.to_bytes(exclude=["vocab"])) in kept
