"""Each rule family of the extractor on sentences written for it."""

from __future__ import annotations

import random

import pytest

from graphkit.extract import ENTITIES_KEY, flags
from graphkit.extract.lexicon import NOT_NAMES
from graphkit.extract.titles import title_name
from graphkit.models import Paper
from graphkit.run.extractor import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def spans(extractor, text: str) -> set[tuple[str, str]]:
    doc = extractor.nlp(text)
    return {(s.text, s.label_) for s in doc.spans[ENTITIES_KEY]}


def rules(extractor, text: str) -> dict[str, str]:
    doc = extractor.nlp(text)
    return {s.text: s.id_ for s in doc.spans[ENTITIES_KEY]}


def entities(extractor, title: str, abstract: str = ""):
    return extractor.extract_paper(Paper(id="p", title=title, abstract=abstract)).entities


@pytest.mark.parametrize(
    "text, name",
    [
        ("Our results show that EfficientViT-M5 is fast.", "EfficientViT-M5"),
        ("It beats MobileNetV3-Large on every device.", "MobileNetV3-Large"),
        ("We distil into BERT-Tiny without loss.", "BERT-Tiny"),
        ("The backbone is a ResNet-50 in all runs.", "ResNet-50"),
        ("It relies on the RelationNet++ detector.", "RelationNet++"),
    ],
)
def test_name_shapes_are_methods(extractor, text, name):
    assert (name, "METHOD") in spans(extractor, text)


def test_plain_words_and_units_are_not_names(extractor):
    found = spans(extractor, "We trained on GPUs with PyTorch and GitHub for 3 hours.")
    assert not {t for t, _ in found} & {"GPUs", "PyTorch", "GitHub"}


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("In this paper we propose Zorblax, a novel sampler for graphs.", "Zorblax", "METHOD"),
        ("We design a compact network, named Quillnet, for phones.", "Quillnet", "METHOD"),
        ("A hybrid model dubbed FlarePath improves recall.", "FlarePath", "METHOD"),
        ("We introduce a new dataset called Wobbleset for counting.", "Wobbleset", "DATASET"),
    ],
)
def test_coined_names(extractor, text, name, label):
    assert (name, label) in spans(extractor, text)


def test_coined_names_are_proposed(extractor):
    found = entities(extractor, "A study", "We propose Zorblax, a novel sampler for graphs.")
    zorblax = next(e for e in found if e.name == "Zorblax")
    assert zorblax.proposed and zorblax.type == "method"


def test_dataset_cues(extractor):
    found = spans(extractor, "We evaluate on the Frobnik and Quazzle datasets in all settings.")
    assert {("Frobnik", "DATASET"), ("Quazzle", "DATASET")} <= found


def test_dataset_list_after_such_as(extractor):
    found = spans(extractor, "Experiments on datasets such as Frobnik, Quazzle and Zintar.")
    assert {("Frobnik", "DATASET"), ("Quazzle", "DATASET"), ("Zintar", "DATASET")} <= found


def test_dataset_keeps_its_split_and_drops_the_word_dataset(extractor):
    found = spans(extractor, "It reaches 50.1 AP on COCO test-dev and on the ImageNet dataset.")
    assert ("COCO test-dev", "DATASET") in found
    assert ("ImageNet", "DATASET") in found


def test_metric_cues(extractor):
    text = "It wins in terms of PSNR and blorp score, with 3.2% higher flimsy accuracy."
    found = spans(extractor, text)
    assert ("PSNR", "METRIC") in found
    assert ("flimsy accuracy", "METRIC") in found
    assert ("blorp score", "METRIC") in found


def test_metric_at_k(extractor):
    assert ("Recall@10", "METRIC") in spans(extractor, "We report Recall@10 and NDCG.")


def test_cost_measures_need_a_reported_result(extractor):
    assert ("peak memory", "METRIC") in spans(extractor, "It reduces peak memory by 40%.")
    assert not spans(extractor, "Such models suffer from memory consumption issues.")


def test_task_cues(extractor):
    found = spans(extractor, "A model for brain tumour classification and crop yield prediction.")
    assert ("brain tumour classification", "TASK") in found
    assert ("crop yield prediction", "TASK") in found


def test_task_cue_skips_verbs_and_adjectives(extractor):
    found = {t for t, label in spans(extractor, "It improves robust detection.") if label == "TASK"}
    assert not found


def test_fields_and_umbrella_terms_are_not_entities(extractor):
    found = spans(extractor, "Deep learning and machine learning help in computer vision.")
    assert not found


def test_title_name_before_colon_is_proposed(extractor):
    found = entities(extractor, "Glimmer: Fast Sampling for Graphs", "Glimmer is fast.")
    glimmer = next(e for e in found if e.name == "Glimmer")
    assert glimmer.proposed and glimmer.type == "method"


@pytest.mark.parametrize(
    ("title", "abstract", "name", "expected"),
    [
        # A title with no colon that opens with the name and says what it is for.
        (
            "Quill Gate Network for Image Matting",
            "The Quill Gate Network is fast.",
            "Quill Gate Network",
            True,
        ),
        (
            "Quill Gate Network versus Image Matting",
            "The Quill Gate Network is fast.",
            "Quill Gate Network",
            False,
        ),
        # A passive verb of proposing after the name, past its short form.
        ("T", "Then a Sparse Tide Loss (STL) is presented to train it.", "Sparse Tide Loss", True),
        ("T", "A net with Sparse Tide Loss is presented.", "Sparse Tide Loss", False),
        # A part introduced with an indefinite article and a component word.
        ("T", "It holds a Ripple Fusion (RF) module and more.", "Ripple Fusion", True),
        ("T", "It holds the Ripple Fusion (RF) module of Zeta.", "Ripple Fusion", False),
        # More verbs of proposing.
        ("T", "We formulate Ripple Fusion for speed.", "Ripple Fusion", True),
    ],
)
def test_more_proposing_cues(extractor, title, abstract, name, expected):
    found = {e.name: e.proposed for e in entities(extractor, title, abstract)}
    assert found[name] is expected


def test_variants_of_a_proposed_name_are_proposed(extractor):
    abstract = "We propose ZorbNet. The ZorbNet-T model beats ResNet-50 and ResNet-101."
    found = {e.name: e.proposed for e in entities(extractor, "A study", abstract)}
    assert found["ZorbNet-T"] and not found["ResNet-101"]


def test_used_methods_are_not_proposed(extractor):
    found = entities(extractor, "A study", "We propose Zorblax. It is compared with ResNet-50.")
    by_name = {e.name: e for e in found}
    assert by_name["Zorblax"].proposed
    assert not by_name["ResNet-50"].proposed


def test_capitalised_phrases_mid_sentence_are_names(extractor):
    found = spans(extractor, "Our Cascaded Feature Drift Compensation keeps old classes.")
    assert ("Cascaded Feature Drift Compensation", "METHOD") in found


def test_spans_carry_the_rule(extractor):
    found = rules(extractor, "We propose Zorblax, a novel sampler evaluated on ImageNet.")
    assert found["Zorblax"] == "coined"
    assert found["ImageNet"].startswith("gazetteer")


def test_dataset_names_ending_in_treebank_keep_it(extractor):
    found = spans(extractor, "We parse the Penn Treebank and the Stanford Sentiment Treebank.")
    assert ("Penn Treebank", "DATASET") in found
    assert ("Stanford Sentiment Treebank", "DATASET") in found


def test_names_in_a_list_after_on_are_datasets(extractor):
    found = spans(extractor, "Results on NYUD-v2 and Zorbset-5k show gains.")
    assert ("NYUD-v2", "DATASET") in found
    assert ("Zorbset-5k", "DATASET") in found


def test_coined_measures_take_the_type_of_their_appositive(extractor):
    text = "We introduce the Glimmer Gap (GG) and Flicker Gain (FG), the first pair of measures."
    found = spans(extractor, text)
    assert ("Glimmer Gap", "METRIC") in found
    assert ("Flicker Gain", "METRIC") in found


def test_abbreviation_followed_by_a_task_word_is_one_task(extractor):
    found = entities(extractor, "T", "Click-through rate (CTR) prediction is key for ads.")
    names = {(e.name, e.type) for e in found}
    assert ("Click-through rate (CTR) prediction", "task") in names


def test_stray_capitals_are_not_names(extractor):
    found = spans(extractor, "We call it BAlaNced averaGing with calibratioN steps.")
    assert not {t for t, _ in found} & {"averaGing", "calibratioN"}


def test_one_type_per_name_within_a_paper(extractor):
    found = entities(extractor, "T", "We evaluate on CIFAR-10. CIFAR-10 results are strong.")
    assert [(e.name, e.type) for e in found if "CIFAR" in e.name] == [("CIFAR-10", "dataset")]


def test_excluded_long_forms_do_not_name_their_abbreviation(extractor):
    found = entities(extractor, "T", "Deep neural networks (DNNs) are used. DNNs are deep.")
    assert not found


def test_capitalised_title_words_are_not_phrases(extractor):
    found = spans(extractor, "Revisiting Sampling Methods for Graph Data")
    assert ("Revisiting Sampling", "METHOD") not in found
    assert not [t for t, label in found if label == "METHOD" and t.startswith("Revisiting")]


def test_parts_listed_after_a_claim_are_proposed(extractor):
    abstract = "Our approach integrates two components: Feature Slicer and Step Rehash."
    found = {e.name: e.proposed for e in entities(extractor, "T", abstract)}
    assert found == {"Feature Slicer": True, "Step Rehash": True}


def test_tasks_listed_after_such_as(extractor):
    found = spans(extractor, "It helps downstream tasks such as video compression and denoising.")
    assert {("video compression", "TASK"), ("denoising", "TASK")} <= found


def test_tasks_listed_before_tasks(extractor):
    found = spans(extractor, "We test it on crop classification and leaf segmentation tasks.")
    assert {("crop classification", "TASK"), ("leaf segmentation", "TASK")} <= found


def test_brackets_at_the_edges_are_not_part_of_names(extractor):
    found = spans(extractor, "We propose {Glimmer Sampling Machine} for graphs.")
    assert ("Glimmer Sampling Machine", "METHOD") in found


def test_repaired_spans_keep_their_rule(extractor):
    found = rules(extractor, "It reaches 50.1 AP on COCO test-dev and on the ImageNet dataset.")
    assert found["COCO test-dev"].startswith("gazetteer")
    assert found["ImageNet"].startswith("gazetteer")


def test_plural_abbreviations(extractor):
    found = entities(extractor, "T", "We study state space models (SSMs) in depth.")
    assert [(e.name, e.aliases) for e in found] == [("state space models", ["SSMs"])]


@pytest.mark.parametrize(
    "title, task",
    [
        ("Glimmer Nets for Skeleton-based Action Recognition", "Skeleton-based Action Recognition"),
        ("Visual Place Recognition via Image Segment Retrieval", "Visual Place Recognition"),
        ("A Sampler for Efficient Crop Yield Prediction", "Crop Yield Prediction"),
    ],
)
def test_title_shapes_name_tasks(extractor, title, task):
    assert (task, "TASK") in spans(extractor, title)


def test_title_shapes_need_a_task_word(extractor):
    found = spans(extractor, "Glimmer Nets for Sparse Graphs")
    assert not [t for t, label in found if label == "TASK"]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Glimmer: Fast Sampling for Graphs", "Glimmer"),
        ("GPT-4V: A Study", "GPT-4V"),
        ("Deep Net (DN): A Study", None),
        (": Nothing before", None),
        ("Survey: Graphs", None),
        ("Fast sampling: graphs", None),
        ("A very long title before a: colon", None),
        ("Plain title", None),
    ],
)
def test_title_name_is_the_short_name_before_a_colon(extractor, title, expected):
    found = title_name(extractor.nlp(title))
    assert (None if found is None else title[found[0] : found[1]]) == expected


def _reference_name_shape(text: str) -> bool:
    if text.isalpha() and text.islower():
        return False
    if len(text) < 2 or not text[0].isalpha() or text in NOT_NAMES:
        return False
    if any(c in text for c in "/.@:_'\"\\$"):
        return False
    core = text.replace("-", "").rstrip("+*")
    if not core.isalnum():
        return False
    upper_later = any(c.isupper() for c in core[1:])
    lower = any(c.islower() for c in core)
    digit = any(c.isdigit() for c in core)
    if core[0].islower() and not digit and len(core) >= 5:
        uppers = sum(c.isupper() for c in core)
        lowers = sum(c.islower() for c in core)
        if uppers == 1 or (core[-1].isupper() and lowers >= 3):
            return False
    if upper_later and lower:
        return not (core.endswith("s") and core[:-1].isupper())
    return digit and any(c.isupper() for c in core) and sum(c.isalpha() for c in core) >= 1


def _reference_acronym(text: str) -> bool:
    if text.isalpha() and text.islower():
        return False
    core = (text[:-1] if text.endswith("s") else text).replace("-", "")
    return (
        len(core) >= 2
        and text[0].isalpha()
        and core.isalnum()
        and core.upper() == core
        and sum(c.isupper() for c in core) >= 2
        and text not in NOT_NAMES
    )


def _reference_at_k(text: str) -> bool:
    head, at, tail = text.partition("@")
    return bool(at) and head[:1].isalpha() and head.replace("-", "").isalnum() and tail.isdigit()


def _reference_flags(anchor_ids) -> dict[int, object]:
    """The flags as plain, one-test-per-flag definitions, read from their names."""
    from graphkit.extract import lexicon as lex
    from graphkit.extract.words import words as word_list

    def in_list(listed, lower=True):
        return lambda s: (s.lower() if lower else s) in listed

    shapes = {
        "name_shape": _reference_name_shape,
        "acronym": _reference_acronym,
        "at_k": _reference_at_k,
        "verb": in_list(lex.VERBS),
        "sentence_end": lambda s: s in (".", "!", "?", ";"),
        "word": lambda s: s.isalpha() and len(s) > 3,
        "title_word": lambda s: s.isalpha() and len(s) > 3 and s.istitle(),
        "namelike": lambda s: (
            _reference_name_shape(s)
            or _reference_acronym(s)
            or (s.istitle() and s.isalpha() and s.lower() not in lex.GENERIC_WORDS)
        ),
    }
    ref: dict[int, object] = {}
    for name, flag_id in flags.FLAG_IDS.items():
        kind, _, value = name.partition(":")
        if kind == "words":
            ref[flag_id] = in_list(frozenset().union(*(word_list(n) for n in value.split("+"))))
        elif kind in ("lower", "text"):
            ref[flag_id] = in_list(frozenset(value.split(" ")), lower=kind == "lower")
        elif name != "anchor":
            ref[flag_id] = shapes[name]
    ref[flags.ANCHOR] = lambda s: s.istitle() or any(ref[f](s) for f in anchor_ids)
    return ref


def test_flags_match_their_plain_definitions(extractor):
    from graphkit.extract import lexicon as lex

    rng = random.Random(7)
    letters = "aAbBeEsSzZ09-+*@./_'\"\\$%:;!? éÉßǅİKΣσﬁ١²Ⅻ"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(0, 10))) for _ in range(30000)}
    words.update(a + b for a in letters for b in letters)
    words.update(NOT_NAMES)
    for name in dir(lex):
        listed = getattr(lex, name)
        if isinstance(listed, frozenset):
            for word in listed:
                if isinstance(word, str):
                    words.update({word, word.title(), word.upper(), word + "s", word.swapcase()})
    words.update(["ResNet50", "EfficientViT-M5", "GPT4", "CNNs", "averaGing", "Recall@10", "HR@5"])
    finder = extractor.nlp.get_pipe("graphkit_patterns")
    anchor_ids = [mask.bit_length() - 1 for mask, _ in finder.anchors]
    ref = _reference_flags(anchor_ids)
    assert len(ref) > 10 and set(ref) == set(flags.FLAGS)
    for flag_id, getter in flags.FLAGS.items():
        expected = ref[flag_id]
        wrong = [w for w in words if getter(w) is not bool(expected(w))]
        assert not wrong, (flag_id, wrong[:5])


def test_flag_ids_are_handed_out_without_gaps():
    ids = sorted(flags.FLAGS)
    assert ids == list(range(flags.FIRST_FLAG, flags.FIRST_FLAG + len(ids)))
    assert len(set(flags.FLAG_IDS.values())) == len(flags.FLAG_IDS)


def test_word_bits_match_the_word_lists(extractor):
    from graphkit.extract import lexicon as lex
    from graphkit.extract import wordbits as wb
    from graphkit.extract.words import word_lists
    from graphkit.extract.words import words as word_list

    words = {"", "-", "–", "(", ":", ",", ".", "Haze4k", "1M", "http://x.org", "BERT-based"}
    for name in word_lists():
        for word in word_list(name):
            words.update({word, word.title(), word.upper(), word + "s"})
    known = wb.WordBits(extractor.nlp.vocab)
    bits_seen = [bit for bit, _ in (*wb.WORD_CLASSES, *wb.TEXT_CLASSES)]
    assert len(set(bits_seen)) == len(bits_seen) and min(bits_seen) == 1 << 64
    for word in words:
        lexeme = extractor.nlp.vocab[word]
        bits, lower, text = known[lexeme.orth], lexeme.lower_, lexeme.orth_
        for bit, listed in wb.WORD_CLASSES:
            assert bool(bits & bit) is (lower in listed), (word, listed)
        for bit, listed in wb.TEXT_CLASSES:
            assert bool(bits & bit) is (text in listed), (word, listed)
        # The rules read these lexeme flags in place of the lower-case word lists.
        assert bool(bits & wb.TASK_HEAD_BIT) is (lower in lex.TASK_HEADS), word
        assert bool(bits & wb.METRIC_HEAD_BIT) is (lower in lex.METRIC_HEADS), word
        assert bool(bits & wb.DATASET_WORD) is (lower in lex.DATASET_HEADS), word
        assert bool(bits & wb.TASK_NOUN) is (lower in ("task", "tasks")), word
        assert bool(bits & (1 << flags.METHOD_HEAD)) is (lower in lex.STRONG_METHOD_HEADS), word
        assert bool(bits & wb.HEAD_WORD) is (lex.head_type(lower) is not None), word
        assert bool(bits & wb.PART) is (text[:1].isalnum() and not lexeme.like_url), word
        assert bool(bits & wb.PLURAL) is lower.endswith("s"), word


@pytest.mark.parametrize(
    "text, name",
    [
        ("Training adds a careful frobnication loss to the objective.", "frobnication loss"),
        ("We stack a recurrent glimmer attention on the encoder.", "recurrent glimmer attention"),
    ],
)
def test_describing_modifiers_stay_out_of_a_name(extractor, text, name):
    assert (name, "METHOD") in spans(extractor, text)


@pytest.mark.parametrize(
    "text", ["We report an inexpensive metric of drift.", "It is a useful measure of fit."]
)
def test_a_measure_named_only_by_describing_words_is_no_metric(extractor, text):
    assert not {label for _, label in spans(extractor, text)} & {"METRIC"}


def test_a_measure_with_an_indefinite_article_is_described_and_its_given_name_counts(extractor):
    found = spans(extractor, "It is judged by a blorpy measure, called drift ratio, on all sets.")
    assert ("blorpy measure", "METRIC") not in found
    assert ("drift ratio", "METRIC") in found
    assert ("wobble metric", "METRIC") in spans(extractor, "The wobble metric rises by 3%.")


def test_a_word_between_a_score_and_its_measure_joins_the_measure(extractor):
    found = spans(extractor, "It reaches 46.9% box mAP and 42.2% mask AP on the test set.")
    assert ("box mAP", "METRIC") in found
    assert ("mAP", "METRIC") not in found
    assert ("mAP", "METRIC") in spans(extractor, "It reaches 46.9% higher mAP than before.")


def test_a_part_named_in_lower_case_after_we_propose_is_a_proposed_method(extractor):
    (part,) = [
        e
        for e in entities(
            extractor, "Zorb", "We first propose a glimmer-aware feature fusing module."
        )
        if e.type == "method"
    ]
    assert (part.name, part.proposed) == ("glimmer-aware feature fusing module", True)
    found = spans(extractor, "They use a glimmer feature fusing module.")
    assert ("glimmer feature fusing module", "METHOD") not in found


def test_a_proposed_part_keeps_a_verb_form_in_ing_among_its_words(extractor):
    found = spans(extractor, "In this paper, we propose a glimmer lifting module for zorbs.")
    assert ("glimmer lifting module", "METHOD") in found
    assert ("using lifting module", "METHOD") not in spans(
        extractor, "We propose using lifting module weights."
    )


def test_a_bare_task_word_ending_a_clause_after_for_names_a_purpose(extractor):
    assert not spans(extractor, "The features form a representation for classification.")
    assert ("classification", "TASK") in spans(extractor, "It is used for classification tasks.")


def test_a_measure_that_changes_by_a_percentage_keeps_its_modifiers(extractor):
    found = spans(extractor, "It improves blorp completion rates by 43.6% on every level.")
    assert ("blorp completion rates", "METRIC") in found
    unreported = spans(extractor, "It improves blorp completion rates on every level.")
    assert "METRIC" not in {label for _, label in unreported}


@pytest.mark.parametrize(
    "text, reported",
    [
        ("It significantly reduces peak memory on all sets.", True),
        ("It needs 3 GB of peak memory.", True),
        ("We aim to reduce peak memory and make inference faster.", False),
        ("It doubles the number of trainable parameters.", False),
    ],
)
def test_a_cost_measure_needs_a_number_or_a_reported_change(extractor, text, reported):
    found = {label for _, label in spans(extractor, text)}
    assert ("METRIC" in found) == reported


def test_a_task_found_inside_a_hyphenated_word_takes_the_whole_word(extractor):
    found = spans(extractor, "It is verified under class-incremental learning scenarios.")
    assert ("class-incremental learning", "TASK") in found
    assert ("incremental learning", "TASK") not in found


def test_a_method_word_after_a_defined_name_makes_it_a_method(extractor):
    found = spans(
        extractor, "It has a Glimmer Latent Synthesis (GLS) module and a Frob Matching block."
    )
    assert ("Glimmer Latent Synthesis", "METHOD") in found
    assert ("GLS", "METHOD") in found
    assert ("Frob Matching", "METHOD") in found


def test_a_coined_name_keeps_its_hyphenated_words(extractor):
    doc = extractor.nlp("To this end, we introduce a Multi-scale Glimmer Branch to guide it.")
    found = {(s.text, s._.graphkit_proposed) for s in doc.spans[ENTITIES_KEY]}
    assert ("Multi-scale Glimmer Branch", True) in found


def test_a_capitalised_phrase_is_not_cut_inside_a_hyphenated_word(extractor):
    found = spans(extractor, "We compare with Glimmer Auto-Frobnicators on the task.")
    assert ("Glimmer Auto-Frobnicators", "METHOD") in found
    assert "Glimmer Auto" not in {text for text, _ in found}


def test_a_slash_between_names_lists_them(extractor):
    found = spans(extractor, "We distil Glimmer-7B/FrobNet into a small student.")
    assert {("Glimmer-7B", "METHOD"), ("FrobNet", "METHOD")} <= found
    assert "Glimmer-7B/FrobNet" not in {text for text, _ in found}


def test_a_name_shaped_dataset_is_typed_by_a_farther_cue(extractor):
    cases = {
        "We test on the Glimmer50 video sequence benchmarks and more.": "Glimmer50",
        "It wins on two datasets, e.g., FrobSet, GL-Pascal, and more.": "GL-Pascal",
        "Tests on two datasets, FrobBody (synthetic) and GlimCap (real), pass.": "GlimCap",
    }
    for text, name in cases.items():
        assert (name, "DATASET") in spans(extractor, text), text


def test_a_full_stop_glued_to_the_next_sentence_ends_a_name(extractor):
    found = spans(extractor, "It scores 40.1 mIoU on Zorb20K.Code is at the site.")
    assert ("Zorb20K", "DATASET") in found or ("Zorb20K", "METHOD") in found
    assert not [t for t, _ in found if "Code" in t]
    assert [x.text for x in extractor.nlp.make_doc("a bidirectional LSTM.Experiments")][-3:] == [
        "LSTM",
        ".",
        "Experiments",
    ]


def vocab_extractor(tmp_path, *rows: tuple[str, str, str]) -> Extractor:
    """An extractor with an extra vocabulary of (name, type, match) rows."""
    vocab = tmp_path / "extra.tsv"
    lines = ["name\ttype\taliases\tvocab_id\turl\tmatch"]
    lines += [f"{name}\t{etype}\t\t\t\t{match}" for name, etype, match in rows]
    vocab.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Extractor(extra_vocab=[vocab])


def test_a_vocabulary_topic_is_a_task_only_after_a_task_cue(tmp_path):
    extractor = vocab_extractor(
        tmp_path, ("glimmer drift", "task", "lower"), ("glimmer segmentation", "task", "lower")
    )
    found = spans(extractor, "Our model reduces glimmer drift and helps glimmer segmentation.")
    assert ("glimmer segmentation", "TASK") in found
    assert ("glimmer drift", "TASK") not in found
    found = spans(extractor, "It addresses glimmer drift in long videos.")
    assert ("glimmer drift", "TASK") in found
    assert ("Glimmer Drift", "TASK") in spans(extractor, "Glimmer Drift Benchmarks Are Hard")


def test_a_relation_word_does_not_cue_a_vocabulary_topic(tmp_path):
    extractor = vocab_extractor(
        tmp_path, ("glimmer drift", "task", "lower"), ("glimmer segmentation", "task", "lower")
    )
    found = spans(extractor, "Such models face challenges in glimmer drift and lack of it.")
    assert ("glimmer drift", "TASK") not in found
    found = spans(extractor, "Such models face challenges in glimmer segmentation.")
    assert ("glimmer segmentation", "TASK") in found
    assert ("glimmer drift", "TASK") in spans(extractor, "A model for glimmer drift.")


def test_of_cues_a_weak_task_only_after_a_word_for_a_problem(tmp_path):
    extractor = vocab_extractor(tmp_path, ("glimmer compression", "task", "lower"))
    found = spans(extractor, "We study it from a perspective of glimmer compression.")
    assert ("glimmer compression", "TASK") not in found
    found = spans(extractor, "We study the problem of glimmer compression.")
    assert ("glimmer compression", "TASK") in found


def test_a_describing_word_before_a_known_method_is_left_out(tmp_path):
    extractor = vocab_extractor(tmp_path, ("glimmer pooling", "method", "lower"))
    found = spans(extractor, "It relies on a tweaked glimmer pooling to merge features.")
    assert ("glimmer pooling", "METHOD") in found
    assert ("tweaked glimmer pooling", "METHOD") not in found
    # A word that known names use as a modifier stays: it names another thing.
    found = spans(extractor, "It relies on a masked glimmer pooling to merge features.")
    assert ("masked glimmer pooling", "METHOD") in found


def test_a_vocabulary_name_listed_among_names_of_another_type_takes_theirs(tmp_path):
    extractor = vocab_extractor(
        tmp_path,
        ("Glimnet", "method", "exact"),
        ("Zornet", "method", "exact"),
        ("ZAE", "metric", "exact"),
    )
    listed = entities(extractor, "T", "It is close to Glimnet, ZAE, and Zornet on images.")
    assert {e.name: e.type for e in listed}["ZAE"] == "method"
    alone = entities(extractor, "T", "It lowers the ZAE of Glimnet by half.")
    assert {e.name: e.type for e in alone}["ZAE"] == "metric"


@pytest.mark.parametrize(
    "text, name",
    [
        ("For matching, we design a weighted zorb fusion module to fuse features.", None),
        ("To this end, we design a multi-task glimmer memory that updates.", None),
        # Two method words in a row: the last one only says what kind of thing it is.
        ("We propose a layer-adaptive zorb-pruning approach for networks.", "approach"),
    ],
)
def test_a_lower_case_name_after_we_propose_a_is_a_proposed_method(extractor, text, name):
    doc = extractor.nlp(text)
    found = {s.text: (s.label_, s._.graphkit_proposed) for s in doc.spans[ENTITIES_KEY]}
    phrase = text.split(" a ", 1)[1].split(" to ")[0].split(" that ")[0].split(" for ")[0]
    expected = phrase.removesuffix(" " + name) if name else phrase
    assert found.get(expected) == ("METHOD", True), found


def test_a_description_after_we_propose_a_is_no_name(extractor):
    found = spans(extractor, "We propose a simple zorb glimmer framework that works.")
    assert not any("framework" in text for text, _ in found)


@pytest.mark.parametrize(
    "text, part",
    [
        ("It runs a transformer-based encoder on phones.", "transformer"),
        ("Our zorb-Perceiver runs fast on phones.", "Perceiver"),
    ],
)
def test_a_vocabulary_name_inside_a_hyphenated_word_is_no_mention(extractor, text, part):
    assert part not in {name for name, _ in spans(extractor, text)}


def test_a_short_title_named_again_in_the_abstract_is_the_proposed_method(extractor):
    found = entities(
        extractor,
        "Glimmer Zorb Bottleneck",
        "We add a Glimmer Zorb Bottleneck to each layer and study it.",
    )
    own = [e for e in found if e.name == "Glimmer Zorb Bottleneck"]
    assert [(e.type, e.proposed) for e in own] == [("method", True)]
    # The opening words before "for" are the name; a task word last names a problem.
    found = entities(
        extractor,
        "Sparse Zorb Compression for Phones",
        "Sparse zorb compression matters on phones.",
    )
    assert not [e for e in found if e.type == "method" and "Zorb" in e.name]


def test_the_names_ending_a_title_after_a_word_of_means_are_proposed(extractor):
    found = entities(
        extractor,
        "Zorb Parsing of Phones via Glimmer Drift Pooling and Zorb Wavelet Blending",
        "We parse phones.",
    )
    own = {e.name: e.proposed for e in found if e.type == "method"}
    assert own.get("Glimmer Drift Pooling") is True
    assert own.get("Zorb Wavelet Blending") is True
    # A vocabulary name there is used; a task word last names a problem.
    found = entities(extractor, "Zorb Parsing with Vision Transformers", "We parse phones.")
    assert [e.proposed for e in found if e.name == "Vision Transformers"] == [False]
    found = entities(extractor, "Zorb Parsing via Glimmer Segmentation", "We parse phones.")
    assert not [e for e in found if e.type == "method"]


def test_a_title_name_in_the_plural_is_the_name_the_abstract_uses_in_the_singular(extractor):
    found = entities(
        extractor,
        "Robust Zorb Signatures: Are They Sound?",
        'We find a difference, which we call "Robust Zorb Signature", in each model.',
    )
    own = [e for e in found if e.name.startswith("Robust Zorb Signature")]
    assert [(e.type, e.proposed) for e in own] == [("method", True)]


def test_a_vocabulary_method_takes_in_the_classifying_words_before_it(extractor):
    found = spans(extractor, "Our model is built from recurrent convolutional neural networks.")
    assert ("recurrent convolutional neural networks", "METHOD") in found
    # A describing compound or a verb is no part of the name.
    found = spans(extractor, "It beats state-of-the-art latent diffusion models.")
    assert ("latent diffusion models", "METHOD") in found
    found = spans(extractor, "We train convolutional neural networks.")
    assert ("convolutional neural networks", "METHOD") in found
    found = spans(extractor, "We query large language models for it.")
    assert ("large language models", "METHOD") in found


RCNN = "recurrent convolutional neural networks"


@pytest.mark.parametrize(
    "text, name, proposed",
    [
        # In apposition to the paper's own thing, or to what a verb of proposing introduces.
        (f"We present our new model, the {RCNN}.", RCNN, True),
        (f"Compared with their model, the {RCNN} lag.", RCNN, False),
        (f"We propose two new variants, {RCNN}.", RCNN, True),
        (f"We introduce it to a model, {RCNN}.", RCNN, False),
        (f"We use a strong baseline, {RCNN}.", RCNN, False),
        ("We introduce a novel theory, ``Zorb Glimmer'' aimed at it.", "Zorb Glimmer", True),
        ("We use a novel theory, ``Zorb Glimmer'' aimed at it.", "Zorb Glimmer", False),
        # The members of a group the paper presents.
        ("We present a family of ZorbNet models for it.", "ZorbNet", True),
        ("We present results of ZorbNet models for it.", "ZorbNet", False),
    ],
)
def test_a_name_in_apposition_or_in_a_group_the_paper_presents_is_proposed(
    extractor, text, name, proposed
):
    doc = extractor.nlp(text)
    found = {s.text: s._.graphkit_proposed for s in doc.spans[ENTITIES_KEY]}
    assert found[name] is proposed


@pytest.mark.parametrize(
    "text",
    [
        "It helps across several tasks, including zorb colorization and glimmer parsing.",
        "It also wins on other tasks, e.g. zorb colorization and glimmer parsing.",
    ],
)
def test_tasks_listed_after_a_comma_and_an_introducer(extractor, text):
    found = spans(extractor, text)
    assert {("zorb colorization", "TASK"), ("glimmer parsing", "TASK")} <= found


def test_a_size_word_after_a_model_name_is_part_of_it(extractor):
    found = spans(extractor, "Our model beats MobileNetV3 Large and GPT-2 Small on phones.")
    assert {("MobileNetV3 Large", "METHOD"), ("GPT-2 Small", "METHOD")} <= found


def test_plain_words_before_a_title_colon_named_again_are_the_proposed_method(extractor):
    abstract = "We train Glimmer Zorb Features on text and probe Glimmer Zorb Features."
    found = entities(extractor, "Glimmer Zorb Features: Sparse Codes for Nets", abstract)
    assert [(e.name, e.proposed) for e in found if e.type == "method"] == [
        ("Glimmer Zorb Features", True)
    ]
    # A verb first, or a task word last, makes no name.
    for title in ("Revisit Zorb Features: A Study", "Glimmer Zorb Learning: A Study"):
        words = title.split(":")[0]
        found = entities(extractor, title, f"We study {words.lower()} again.")
        assert words not in {e.name for e in found}, title


@pytest.mark.parametrize(
    "title, task",
    [
        ("Zorb Nets for Sequential Glimmer Compilation", "Sequential Glimmer Compilation"),
        ("Zorb Nets for Low-Bit Glimmer Quantization", "Low-Bit Glimmer Quantization"),
    ],
)
def test_a_title_phrase_after_for_ending_in_an_activity_noun_is_a_task(extractor, title, task):
    assert (task, "TASK") in spans(extractor, title)


@pytest.mark.parametrize(
    "text, name",
    [
        ("We offer insight into why ZRB-driven gains are small.", "ZRB-driven"),
        ("We build upon the Glimmer-Zorb model, which tracks well.", "Glimmer-Zorb"),
    ],
)
def test_no_coined_name_from_a_modifier_or_a_thing_built_upon(extractor, text, name):
    assert rules(extractor, text).get(name) != "coined"


def test_a_verb_form_in_ing_opens_no_task(extractor):
    found = spans(extractor, "A framework for synthesizing zorb classification datasets.")
    assert ("synthesizing zorb classification", "TASK") not in found


@pytest.mark.parametrize(
    "text, name",
    [
        ("It uses a prescribed state matrix called the ZorbO matrix.", "ZorbO"),
        ("Agents improve task completion in the GlimHome environment.", "GlimHome"),
        # A stop word after the noun ("for", "under") is no agent noun, whatever its ending.
        ("It uses the ZorbO matrix for images.", "ZorbO"),
        ("Agents act in the GlimHome environment under noise.", "GlimHome"),
    ],
)
def test_a_name_that_modifies_an_untyped_noun_is_no_method(extractor, text, name):
    assert name not in {t for t, _ in spans(extractor, text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("The parser was first explored in the ZRB-KLONE system.", "ZRB-KLONE"),
        ("We fine-tune the ZorbNet-S model on clean data.", "ZorbNet-S"),
        ("ZorbNet-S outperforms strong baselines.", "ZorbNet-S"),
    ],
)
def test_a_name_before_a_kind_word_or_a_verb_stays_a_method(extractor, text, name):
    assert (name, "METHOD") in spans(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "We plug in the ZorbO tokenizer before training.",
        "Both ZorbO encoders share their weights.",
        "It trains a ZorbO autoencoder on scans.",
        "The ZorbO controller steers the arm.",
    ],
)
def test_a_name_before_an_agent_noun_made_from_a_verb_stays_a_method(extractor, text):
    assert ("ZorbO", "METHOD") in spans(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "We sample from the ZorbO prior at test time.",
        "Each pixel keeps its ZorbO color after mixing.",
        "Rivers carry the ZorbO water to the sea.",
    ],
)
def test_a_noun_in_er_or_or_made_from_no_verb_is_no_agent_noun(extractor, text):
    assert "ZorbO" not in {t for t, _ in spans(extractor, text)}


def test_a_capitalised_phrase_that_modifies_an_untyped_noun_is_no_method(extractor):
    found = spans(extractor, "The data come from the Glimmer Zorbic pages of the archive.")
    assert "Glimmer Zorbic" not in {t for t, _ in found}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Others apply standard Zorbic Network architectures to documents.", "Zorbic Network"),
        ("DANs train well, while ZorbNNs struggle with syntax.", "ZorbNNs"),
    ],
)
def test_a_name_before_a_plural_kind_word_or_a_plural_acronym_stays(extractor, text, name):
    assert (name, "METHOD") in spans(extractor, text)


def test_a_vocabulary_method_in_ing_with_an_object_is_a_verb(extractor):
    text = "We adapt the encoder without fine-tuning its weights."
    found = {t for t, _ in spans(extractor, text)}
    assert "fine-tuning" not in found
    found = spans(extractor, "We compare fine-tuning with linear probing on three tasks.")
    assert ("fine-tuning", "METHOD") in found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tests on large logistic regression problems show a gain.", "logistic regression"),
        ("Efficient k-nearest neighbor search is a fundamental task.", "k-nearest neighbor"),
    ],
)
def test_a_vocabulary_method_before_a_problem_word_names_no_method(extractor, text, name):
    assert (name, "METHOD") not in spans(extractor, text)


def test_a_task_head_before_a_method_word_keeps_the_method(extractor):
    text = "It uses the byte pair encoding compression algorithm on words."
    assert ("byte pair encoding", "METHOD") in spans(extractor, text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Models such as GPT-4, Llama 2 and others lead.", "Llama 2"),
        ("A Llama 7B can be compressed down to 2 GB.", "Llama 7B"),
        ("With Llama 3.1 8B we decode feature neurons.", "Llama 3.1 8B"),
    ],
)
def test_a_camel_case_name_in_title_case_and_with_its_parameter_count(extractor, text, name):
    assert (name, "METHOD") in spans(extractor, text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Bit errors degrade the signal of the channel.", "Bit"),
        ("A Palm Vein Recognition Model for Access Control", "Palm"),
        ("Models such as GPT-4, Llama and others lead.", "Llama"),
    ],
)
def test_a_camel_case_name_in_title_case_without_a_version_is_a_word(extractor, text, word):
    assert not any(word in t.split() for t, label in spans(extractor, text) if label == "METHOD")


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Such models have garnered widespread attention recently.", "attention"),
        ("It imitates the teacher to alleviate attention collapse.", "attention"),
        ("The topic has received great attention in vision.", "attention"),
    ],
)
def test_a_verb_object_after_have_or_to_names_no_method(extractor, text, phrase):
    assert not any(phrase in t for t, label in spans(extractor, text) if label == "METHOD")


def test_a_method_after_a_verb_keeps_its_classifying_modifier(extractor):
    found = spans(extractor, "We choose to apply sparse attention in each block.")
    assert ("sparse attention", "METHOD") in found


def test_a_name_with_its_short_form_that_modifies_an_untyped_noun_is_no_method(extractor):
    text = "We use the resting state Zorbic Glimmer Imaging (zGI) sequences of the brain."
    found = {t for t, label in spans(extractor, text) if label == "METHOD"}
    assert not found & {"Zorbic Glimmer Imaging", "zGI"}
