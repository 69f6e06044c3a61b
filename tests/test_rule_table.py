"""The rule table: rules as data, derived tables, users' rule files, saving with the pipeline."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
import spacy

from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.extract import COMPONENTS, ENTITIES_KEY, build_pipeline
from graphkit.extract.resolve import EntityResolver
from graphkit.extract.rules import builtin_table, read_rules
from graphkit.extract.words import word_lists, words
from graphkit.link import WEAK_RULES
from graphkit.models import Paper
from graphkit.run.extractor import Extractor
from graphkit.sources import read_papers

README = Path(__file__).resolve().parents[1] / "README.md"
GOOD = {"id": "r", "label": "METHOD", "priority": 1, "strength": "sure", "coins": False}
OPTIMIZER_RULE = {
    **GOOD,
    "id": "optimizer_name",
    "patterns": [{"tokens": [{"IS_TITLE": True}, {"LOWER": "optimizer"}]}],
}


def found(nlp, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    return {(s.text, s.label_, s.id_) for s in doc.spans[ENTITIES_KEY]}


def write_rules(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_every_rule_the_components_fire_is_in_the_table(sample_dir: Path) -> None:
    table = builtin_table()
    fired = {
        m.rule
        for extraction in Extractor().extract(read_papers([sample_dir]))
        for entity in extraction.entities
        for m in entity.mentions
    }
    assert fired and fired <= set(table.priorities)
    assert {rule.by for rule in table.rules if rule.by} <= {*COMPONENTS, "graphkit.extract.titles"}


def test_derived_tables_come_from_the_table() -> None:
    table = builtin_table()
    assert WEAK_RULES == table.weak == {"name_shape", "title_phrase", "method_cue", "title_name"}
    assert "coined" in table.coining and "gazetteer" not in table.coining
    assert EntityResolver(table=table)._priorities == table.priorities
    assert table.priorities["method_cue"] < table.priorities["name_shape"]


def test_word_lists_are_each_defined_once_and_non_empty() -> None:
    names = word_lists()
    assert len(names) > 40
    for name in names:
        assert words(name), name
    with pytest.raises(KeyError, match="no word list 'nope'"):
        words("nope")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not a JSON record"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "priority"}), "has no priority"),
        (json.dumps({**GOOD, "strength": "maybe"}), "strength is one of sure, weak"),
        (json.dumps({**GOOD, "label": "GADGET"}), "'GADGET' is no entity type's label"),
        (json.dumps({**GOOD, "priority": "high", "patterns": []}), "priority is an integer"),
        (json.dumps(GOOD), "has no patterns"),
        (json.dumps({**GOOD, "patterns": [{"anchor": {"lower": ["x"]}}]}), "a walker"),
        (json.dumps({**GOOD, "patterns": [{"anchor": {"lower": ["x"]}, "walker": "nope"}]}),
         "no walker named 'nope'"),
        (json.dumps({**GOOD, "patterns": [{"anchor": {"words": "nope"}, "walker": "measure"}]}),
         "no word list 'nope'"),
        (json.dumps({**GOOD, "patterns": [{"anchor": {"shape": "round"}, "walker": "measure"}]}),
         "no shape 'round'"),
        (json.dumps({**GOOD, "patterns": [{"tokens": []}]}), "tokens is a non-empty list"),
    ],
)  # fmt: skip
def test_a_bad_rule_names_its_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "rules.jsonl"
    path.write_text("# my rules\n" + json.dumps(OPTIMIZER_RULE) + "\n" + line + "\n", "utf-8")
    with pytest.raises(InputError) as error:
        read_rules(path)
    assert str(error.value).startswith(f"{path}:3: ") and message in str(error.value)


def test_the_command_line_stops_at_a_bad_rule_file(tmp_path: Path, sample_dir: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOOD) + "\n", "utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(
            ["extract", str(sample_dir), "-o", str(tmp_path / "x.jsonl"), "--rules", str(bad)]
        )
    assert code == 1 and f"{bad}:1" in stderr.getvalue()
    assert not (tmp_path / "x.jsonl").exists()


def test_a_token_pattern_rule_runs_through_the_matcher(tmp_path: Path) -> None:
    text = "We train it with the Lion optimizer."
    nlp = build_pipeline()
    assert ("Lion optimizer", "METHOD", "optimizer_name") not in found(nlp, text)
    nlp = build_pipeline(rules=[str(write_rules(tmp_path / "r.jsonl", OPTIMIZER_RULE))])
    assert ("Lion optimizer", "METHOD", "optimizer_name") in found(nlp, text)


def test_a_rule_with_a_builtin_id_replaces_it(tmp_path: Path) -> None:
    text = "Results on glyph stroke segmentation are strong."
    nlp = build_pipeline()
    assert ("glyph stroke segmentation", "TASK", "task_cue") in found(nlp, text)
    only_lists = {
        **GOOD,
        "id": "task_cue",
        "label": "TASK",
        "patterns": [{"anchor": {"words": "task_nouns"}, "walker": "task_list"}],
    }
    nlp = build_pipeline(rules=[str(write_rules(tmp_path / "r.jsonl", only_lists))])
    assert not any(rule == "task_cue" for _, _, rule in found(nlp, text))


def test_added_rules_are_saved_with_the_pipeline(tmp_path: Path) -> None:
    rules = write_rules(tmp_path / "mine.jsonl", OPTIMIZER_RULE)
    nlp = build_pipeline(rules=[str(rules)])
    text = "We train it with the Lion optimizer on CIFAR-10 for image classification."
    expected = found(nlp, text)
    nlp.to_disk(tmp_path / "pipeline")
    rules.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert found(loaded, text) == expected
    assert ("Lion optimizer", "METHOD", "optimizer_name") in expected


def test_the_readme_example_of_a_rule_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    section = README.read_text("utf-8").split("### Add a rule", 1)[1].split("\n### ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    expected = re.search(r"^# (\[.*\])$", code, re.M).group(1)
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().strip() == expected


def test_a_paper_keeps_its_entities_when_a_rule_adds_one(tmp_path: Path) -> None:
    paper = Paper(id="p", title="T", abstract="We train a ResNet-50 with the Lion optimizer.")
    before = {e.name for e in Extractor().extract_paper(paper).entities}
    rules = write_rules(tmp_path / "r.jsonl", OPTIMIZER_RULE)
    after = {e.name for e in Extractor(rules=[str(rules)]).extract_paper(paper).entities}
    assert after == before | {"Lion optimizer"}
