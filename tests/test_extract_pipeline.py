"""The components in a user's own pipeline, the Extractor interface, and hostile text."""

from __future__ import annotations

import pickle

import pytest
import spacy

import graphkit.extract  # noqa: F401  (registers the components)
from graphkit.extract import (
    COMPONENTS,
    ENTITIES_KEY,
    doc_mentions,
    run_pipeline,
    sentence_of,
    sentence_starts,
)
from graphkit.extract.gazetteer import SPANS_KEY
from graphkit.extract.resolve import (
    MENTIONS_GROUP_ATTR,
    PROPOSED_ATTR,
    PROPOSED_GROUP_ATTR,
    TEXT_KEY,
    EntityResolver,
)
from graphkit.extract.titles import title_name
from graphkit.models import Extraction, Paper
from graphkit.run.extractor import Extractor

TEXT = (
    "We propose Zorblax, a novel sampler. It beats ResNet-50 on CIFAR-10 in terms of "
    "top-1 accuracy for image classification. Code: https://github.com/org/zorblax."
)


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def test_components_in_a_users_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    found = {(s.text, s.label_) for s in doc.spans[ENTITIES_KEY]}
    assert {
        ("Zorblax", "METHOD"),
        ("ResNet-50", "METHOD"),
        ("CIFAR-10", "DATASET"),
        ("top-1 accuracy", "METRIC"),
        ("image classification", "TASK"),
    } <= found
    by_text = {s.text: s for s in doc.spans[ENTITIES_KEY]}
    assert by_text["Zorblax"]._.get(PROPOSED_ATTR)
    assert not by_text["ResNet-50"]._.get(PROPOSED_ATTR)
    repos = [s for s in doc.spans[ENTITIES_KEY] if s.label_ == "REPO"]
    assert [s.kb_id_ for s in repos] == ["https://github.com/org/zorblax"]


def test_group_attr_lists_the_proposed_flags_of_the_spans():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT + " We introduce ZorbNet, a new model, and compare it with BERT.")
    group = doc.spans[ENTITIES_KEY]
    flags = group.attrs[PROPOSED_GROUP_ATTR]
    assert flags == [bool(span._.get(PROPOSED_ATTR)) for span in group]
    assert True in flags and False in flags


def test_group_attr_lists_the_offsets_labels_and_rules_of_the_spans():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    group = doc.spans[ENTITIES_KEY]
    expected = [(s.start_char, s.end_char, s.label_, s.id_) for s in group]
    assert expected
    assert [tuple(record) for record in group.attrs[MENTIONS_GROUP_ATTR]] == expected


def test_mentions_are_the_same_without_the_group_attrs():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    text = TEXT + " We introduce ZorbNet, a new model, and compare it with BERT."
    doc = nlp(text)
    expected = doc_mentions(doc, "abstract", text)
    assert any(m.proposed for m in expected) and not all(m.proposed for m in expected)
    group = doc.spans[ENTITIES_KEY]
    group.attrs.pop(MENTIONS_GROUP_ATTR)
    assert doc_mentions(doc, "abstract", text) == expected
    group.attrs.pop(PROPOSED_GROUP_ATTR)
    assert doc_mentions(doc, "abstract") == expected


def test_mentions_follow_a_group_changed_after_the_resolver():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    expected = doc_mentions(doc, "abstract", TEXT)
    group = doc.spans[ENTITIES_KEY]
    group.append(group[0])
    assert doc_mentions(doc, "abstract", TEXT) == [*expected, expected[0]]


def test_running_a_component_at_a_time_equals_nlp_pipe():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    texts = [TEXT, "", "Deep Residual Learning (ResNet) on ImageNet.", TEXT.upper()]

    def found(docs):
        return [
            (
                [(s.start, s.end, s.label_, s.id_) for s in doc.spans[ENTITIES_KEY]],
                doc.spans[ENTITIES_KEY].attrs.get(PROPOSED_GROUP_ATTR),
                [sent.start for sent in doc.sents],
            )
            for doc in docs
        ]

    expected = found(nlp.pipe(texts))
    assert any(spans for spans, _, _ in expected)
    assert found(run_pipeline(nlp, texts)) == expected


@pytest.mark.parametrize("with_text", [True, False])
def test_resolver_names_are_the_same_from_the_text_or_the_tokens(with_text):
    # The resolver cuts a candidate's name from the text run_pipeline leaves in user_data,
    # else reads it from the tokens: an excluded term is dropped, a name kept, either way.
    text = "We apply deep  learning and Zorblax-Net to graphs."
    doc = spacy.blank("en").make_doc(text)
    if with_text:
        doc.user_data[TEXT_KEY] = text
    excluded = doc.char_span(9, 23, label="METHOD", span_id="method_cue")
    named = doc.char_span(28, 39, label="METHOD", span_id="method_cue")
    doc.spans[SPANS_KEY] = [excluded, named]
    EntityResolver()(doc)
    assert [span.text for span in doc.spans[ENTITIES_KEY]] == ["Zorblax-Net"]


def test_components_work_without_sentence_boundaries():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    assert ("CIFAR-10", "DATASET") in {(s.text, s.label_) for s in doc.spans[ENTITIES_KEY]}


def test_spans_key_is_configurable():
    nlp = spacy.blank("en")
    for name in COMPONENTS[: COMPONENTS.index("graphkit_entities")]:
        nlp.add_pipe(name)
    nlp.add_pipe("graphkit_entities", config={"spans_key": "mine"})
    assert len(nlp(TEXT).spans["mine"]) >= 5


def test_extract_paper_gives_mentions_with_evidence(extractor):
    paper = Paper(id="p1", title="Zorblax: Fast Sampling", abstract=TEXT)
    extraction = extractor.extract_paper(paper)
    assert isinstance(extraction, Extraction) and extraction.paper is paper
    by_id = {e.id: e for e in extraction.entities}
    assert by_id["method/zorblax"].proposed
    assert by_id["dataset/cifar-10"].type == "dataset"
    for entity in extraction.entities:
        for m in entity.mentions:
            text = paper.text(m.field)
            assert text[m.start : m.end] == m.text
            assert m.text in m.sentence and m.rule


def test_extract_keeps_order_and_streams(extractor):
    papers = (Paper(id=str(i), title=f"Paper {i}", abstract=TEXT) for i in range(7))
    ids = [ex.paper.id for ex in extractor.extract(papers, batch_size=3)]
    assert ids == [str(i) for i in range(7)]


def test_output_is_deterministic(extractor):
    paper = Paper(id="p", title="T", abstract=TEXT)
    first = extractor.extract_paper(paper).to_dict()
    assert Extractor().extract_paper(paper).to_dict() == first


def test_options_rebuild_the_extractor(tmp_path, extractor):
    vocab = tmp_path / "mine.tsv"
    vocab.write_text("name\ttype\nflurbonet\tmethod\n", encoding="utf-8")
    mine = Extractor(extra_vocab=[str(vocab)])
    options = pickle.loads(pickle.dumps(mine.options()))
    rebuilt = Extractor(**options)
    paper = Paper(id="p", title="T", abstract="We train a flurbonet.")
    assert [e.name for e in rebuilt.extract_paper(paper).entities] == ["flurbonet"]
    assert extractor.options() == {
        "extra_vocab": [],
        "builtin_vocab": True,
        "model": None,
        "rules": [],
    }


@pytest.mark.parametrize(
    "abstract",
    [
        "",
        "   \n\t ",
        "x" * 100_000,
        ("We propose Zorblax on CIFAR-10. " * 3000)[:100_000],
        "Ünïcødé ✓ 模型 ResNet‑50 — “quoted” ﬁne-tuning 🤖 on ImageNet.",
        r"We minimise $\mathcal{L}_{\text{CE}}$ with \textbf{Adam} \cite{kingma} on \emph{COCO}.",
        "<p>We use <b>BERT</b> &amp; <a href='https://github.com/a/b'>code</a></p>",
        "((((((((( ))))))) ( ) (A) (AB) (",
        "https:// http://github.com/ github.com/ www. @@@ %%% 50%",
    ],
)
def test_hostile_text(extractor, abstract):
    paper = Paper(id="h", title="", abstract=abstract)
    extraction = extractor.extract_paper(paper)
    for entity in extraction.entities:
        assert entity.id.startswith(f"{entity.type}/")
        for m in entity.mentions:
            assert abstract[m.start : m.end] == m.text


def test_long_repetitive_abstract_has_one_entity_per_thing(extractor):
    abstract = "We propose Zorblax on CIFAR-10. " * 2000
    entities = extractor.extract_paper(Paper(id="h", title="", abstract=abstract)).entities
    assert sorted(e.id for e in entities) == ["dataset/cifar-10", "method/zorblax"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two! Three? 4 four.", [0, 5, 10, 17]),
        ('He said "no." Then (it ended.) Later [x.] "Quoted" end', [0, 14, 31, 42]),
        ("e.g. this, 94.5% of it. ok. Fine...  Next", [0, 28, 37]),
        ("No break here", [0]),
        (".", [0]),
    ],
)
def test_sentences_start_after_a_mark_space_and_capital(text, expected):
    assert sentence_starts(text) == expected
    assert sentence_of(text, expected, expected[-1], len(text)) == text[expected[-1] :].strip()


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Zorb: a sampler", "Zorb"),
        ("Big-Zorb 2: a sampler", "Big-Zorb 2"),
        ("Zorb 1 2 3: four words", "Zorb 1 2 3"),
        ("Zorb 1 2 3 4: five words", None),
        (": Zorb: no name", None),
        ("Zorb", None),
        ("", None),
    ],
)
def test_title_name_reads_tokens_up_to_the_colon(title, expected):
    doc = spacy.blank("en")(title)
    found = title_name(doc)
    assert (None if found is None else title[found[0] : found[1]]) == expected


def _flag_words() -> list[str]:
    """Words of every shape and of the word lists behind the flags, in several cases."""
    from graphkit.extract.words import word_lists
    from graphkit.extract.words import words as word_list

    words = {"", "-", ".", ";", "(", "Zorblax", "ResNet50", "GPT4", "CNNs", "Recall@10", "ÉTÉ"}
    words.update({"averaGing", "EfficientViT-M5", "state-of-the-art", "1.5x", "Three", "ﬁ"})
    for name in word_lists():
        for word in sorted(word_list(name))[:60]:
            words.update({word, word.title(), word.upper(), word + "s"})
    return sorted(words)


def test_new_lexemes_get_the_flags_their_getters_define(extractor):
    from graphkit.extract import flags

    words = _flag_words()
    vocab = extractor.nlp.vocab
    flags.register_flags(vocab)  # flags other tests' rule tables defined since
    made = {w: vocab[w + "\u2060"] for w in words}
    pickled = pickle.loads(pickle.dumps(extractor.nlp("A new ResNet50."))).vocab
    for word in words:
        fresh = word + "\u2060"
        for flag_id, getter in flags.FLAGS.items():
            assert made[word].check_flag(flag_id) is bool(getter(fresh)), (word, flag_id)
            assert vocab[word].check_flag(flag_id) is bool(getter(word)), (word, flag_id)
            assert pickled[word + "\u2061"].check_flag(flag_id) is bool(getter(word + "\u2061"))


def test_registering_the_flags_again_changes_nothing(extractor):
    from graphkit.extract import flags

    vocab = extractor.nlp.vocab
    flags.register_flags(vocab)  # flags other tests' rule tables defined since
    getters = dict(vocab.lex_attr_getters)
    flags.register_flags(vocab)
    assert vocab.lex_attr_getters == getters
    assert [i for i in getters if i in flags.FLAGS] == sorted(flags.FLAGS)
