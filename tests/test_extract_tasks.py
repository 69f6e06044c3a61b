"""Task boundaries: listed tasks, coordinated modifiers, titles and cues."""

from __future__ import annotations

import pytest

from graphkit.extract import ENTITIES_KEY
from graphkit.extract.filters import RULE_TASK_CUE, repair
from graphkit.extract.rules import builtin_table
from graphkit.run.extractor import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def tasks(extractor, text: str) -> set[str]:
    doc = extractor.nlp(text)
    return {s.text for s in doc.spans[ENTITIES_KEY] if s.label_ == "TASK"}


def test_a_listed_task_may_end_in_a_head_that_phrases_do_not_take_as_a_modifier(extractor):
    found = tasks(
        extractor,
        "It helps several tasks, including zorb colorization, glimmer understanding, and zorb"
        " parsing.",
    )
    assert "glimmer understanding" in found
    assert "glimmer" not in found


@pytest.mark.parametrize(
    "text, shared, whole",
    [
        (
            "We test on ZRB and glimmer zorb series classification tasks.",
            "zorb series classification",
            "glimmer zorb series classification",
        ),
        (
            "It serves long-term and short-term zorb series forecasting tasks.",
            "zorb series forecasting",
            "short-term zorb series forecasting",
        ),
    ],
)
def test_a_modifier_coordinated_with_one_before_it_is_left_out(extractor, text, shared, whole):
    found = tasks(extractor, text)
    assert shared in found
    assert whole not in found


def test_a_task_after_another_task_and_a_joiner_is_kept_whole(extractor):
    found = tasks(extractor, "We address zorb detection and glimmer segmentation tasks.")
    assert {"zorb detection", "glimmer segmentation"} <= found


def test_a_task_word_that_modifies_a_following_noun_names_no_task(extractor):
    found = tasks(extractor, "It is encoded by columns of zorb overlap detection activations.")
    assert not {t for t in found if t.endswith("detection")}
    assert "zorb overlap detection" in tasks(
        extractor, "It is encoded by columns of zorb overlap detection tasks."
    )


@pytest.mark.parametrize(
    "text, task",
    [
        ("We study the problem of zorb clustering on graphs.", "zorb clustering"),
        ("The glimmer learning problem has several guises.", "glimmer learning"),
        ("Efficient zorb neighbor search is a fundamental task in NLP.", "zorb neighbor search"),
        ("Zorb glimmer learning has been evolving fast.", "Zorb glimmer learning"),
    ],
)
def test_a_weak_task_word_names_a_task_where_a_word_for_a_problem_says_so(extractor, text, task):
    assert task in tasks(extractor, text)


def test_a_weak_task_word_without_a_word_for_a_problem_names_no_task(extractor):
    assert not tasks(extractor, "We use zorb clustering on graphs and glimmer learning.")
    assert not tasks(extractor, "In short, zorb glimmer learning has been evolving fast.")


@pytest.mark.parametrize(
    "title, task",
    [
        ("Zorb Glimmer Compression Through Learnable Codebooks", "Zorb Glimmer Compression"),
        (
            "Zorbify: Layer-wise 3D Glimmer Generation with Diffusion Models",
            "Layer-wise 3D Glimmer Generation",
        ),
        (
            "Multilingual Part-of-Zorb Tagging with Glimmer Models",
            "Multilingual Part-of-Zorb Tagging",
        ),
    ],
)
def test_a_title_phrase_before_a_means_word_ending_in_a_task_word_is_a_task(extractor, title, task):
    assert task in tasks(extractor, title)


def test_before_a_means_word_an_activity_ending_alone_makes_no_task(extractor):
    assert not tasks(extractor, "Zorb Glimmer Diffusion with Learnable Codebooks")
    assert "Zorb Glimmer Compilation" in tasks(extractor, "Nets for Zorb Glimmer Compilation")


def test_a_comma_after_an_introducer_opens_the_list(extractor):
    found = tasks(
        extractor, "It helps downstream tasks, e.g., zorb colorization, and glimmerizing."
    )
    assert {"zorb colorization", "glimmerizing"} <= found


def test_a_problem_something_is_cast_as_is_no_task(extractor):
    text = "We formulate the pruning as a zorb glimmer matching problem and solve it."
    assert not tasks(extractor, text)
    assert "zorb glimmer matching" in tasks(
        extractor, "We study the zorb glimmer matching problem and solve it."
    )


def test_a_task_cue_phrase_needs_no_other_cue_where_another_rule_s_does(extractor):
    cue_rule = builtin_table()[RULE_TASK_CUE]
    assert cue_rule.label == "TASK"
    doc = extractor.nlp.make_doc("Zorb compression helps glimmer parsing.")
    assert repair(doc, 0, 2, "TASK", cue_rule.id) == (0, 2)
    assert repair(doc, 0, 2, "TASK", "title_phrase") is None


@pytest.mark.parametrize(
    "text",
    [
        "Its downstream tasks include zorb colorization and glimmer parsing.",
        "It helps two tasks, i.e., zorb colorization and glimmer parsing.",
        "It helps two tasks (namely zorb colorization and glimmer parsing).",
    ],
)
def test_any_list_introducer_opens_a_list_of_tasks(extractor, text):
    assert {"zorb colorization", "glimmer parsing"} <= tasks(extractor, text)


def test_such_opens_a_list_of_tasks_only_before_as(extractor):
    found = tasks(extractor, "It helps tasks such zorb colorization and glimmer parsing.")
    assert "zorb colorization" not in found
