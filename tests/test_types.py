"""The entity-type registry: tables derived from it, bad files, and the README's worked
example that adds a type through a registry file, a vocabulary and an ontology class."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
import rdflib

from graphkit.errors import InputError
from graphkit.export import html, iri, namespaces
from graphkit.extract import vocab
from graphkit.graph import schema
from graphkit.link import linker
from graphkit.models import ENTITY_TYPES, SPAN_LABELS
from graphkit.types import SCORED, TYPES, URL_LABELS, URL_TYPES, read_types

REPO = Path(__file__).resolve().parents[1]
GK = rdflib.Namespace(namespaces.GK)


def test_the_builtin_registry_gives_todays_tables() -> None:
    assert ENTITY_TYPES == ("method", "dataset", "metric", "task", "repo")
    assert [t.name for t in TYPES] == [*ENTITY_TYPES, "link"]
    assert SPAN_LABELS["repo"] == "REPO" and SPAN_LABELS["link"] == "LINK"
    assert vocab.VOCAB_TYPES == ("method", "dataset", "metric", "task")
    assert [p.name for p in vocab.BUILTIN_FILES] == [
        "methods.tsv",
        "datasets.tsv",
        "metrics.tsv",
        "tasks.tsv",
    ]
    assert schema.RELATION_OF_TYPE["dataset"] == "evaluates_on"
    assert sorted(schema.PROPOSABLE) == ["dataset", "method"]
    assert namespaces.PROPERTY_OF_RELATION["evaluates_on"].value == namespaces.GK + "evaluatesOn"
    assert html.TYPES["repo"] == ("Code", "#9c6bb3", "hexagon")
    assert html.NOUNS["repo"] == ("code repository", "code repositories")
    assert set(iri.PWC_PAGES) == {"method", "dataset", "task"}
    assert sorted(URL_TYPES) == ["link", "repo"] and sorted(URL_LABELS) == ["LINK", "REPO"]


def test_no_table_misses_a_scored_type() -> None:
    for t in SCORED:
        assert t.name in schema.RELATION_OF_TYPE
        assert t.relation in schema.PAPER_RELATIONS
        assert t.relation in namespaces.PROPERTY_OF_RELATION
        assert t.name in namespaces.CLASS_OF_TYPE
        assert t.name in namespaces.INSTANCE_PREFIXES
        assert t.name in html.TYPES and t.name in html.NOUNS
        assert t.name in linker.RANK


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[type]]\nname = "x"\nclass = "X"\n', r"bad\.toml:1: type 'x' is scored and needs"),
        ('[[type]]\nname = "x"\nscored = false\n\n[[type]]\nname = "Y"\n', r"bad\.toml:5: "),
        ('[[type]]\nname = "x"\nscored = false\ncolor = "red"\n', r"unknown field\(s\) color"),
        ("[[type]\n", r"bad\.toml: not valid TOML"),
    ],
)
def test_a_bad_registry_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_types(path)


def readme_example() -> tuple[dict[str, str], str, str]:
    """The files, the shell commands and the Python of README "Add an entity type"."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add an entity type\n", 1)[1].split("\n## ", 1)[0]
    files: dict[str, str] = {}
    shell = python = ""
    for before, lang, body in re.findall(r"([^\n]*)\n\n```(\w+)\n(.*?)```", section, re.S):
        named = re.search(r"`([\w.]+)`[^`]*:$", before)
        if lang == "bash":
            shell = body
        elif lang == "python":
            python = body
        else:
            assert named, f"no file name before the {lang} block"
            files[named.group(1)] = body
    return files, shell, python


def test_readme_adds_an_entity_type(tmp_path: Path) -> None:
    files, shell, python = readme_example()
    assert set(files) == {"hyperparameter.toml", "hyperparameters.tsv", "hyperparameter.ttl"} | {
        "papers.jsonl"
    }
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "ontology").symlink_to(REPO / "ontology")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    prelude = f'graphkit() {{ "{sys.executable}" -m graphkit "$@"; }}\nset -e\n'
    run = subprocess.run(
        ["bash", "-c", prelude + shell], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "hyperparameter 3" in run.stdout
    out = tmp_path / "out"

    records = [json.loads(line) for line in (out / "extractions.jsonl").read_text().splitlines()]
    found = {
        (e["name"], e["type"], e["mentions"][0]["rule"]) for r in records for e in r["entities"]
    }
    assert ("learning rate", "hyperparameter", "gazetteer") in found
    assert ("warmup steps", "hyperparameter", "gazetteer") in found

    graph = json.loads((out / "graph.json").read_text())
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["hyperparameter/learning-rate"]["type"] == "hyperparameter"
    tunes = [e for e in graph["edges"] if e["key"] == "tunes"]
    assert len(tunes) == 4 and all(e["evidence"] for e in tunes)

    assert ">hyperparameter</data>" in (out / "graph.graphml").read_text()
    page = (out / "graph.html").read_text()
    assert 'data-type="hyperparameter"' in page and "Hyperparameters" in page
    assert '"title":"Hyperparameter"' in page and '"tunes"' in page

    data = rdflib.Graph().parse(out / "graph.ttl")
    assert len(set(data.subjects(rdflib.RDF.type, GK.Hyperparameter))) == 3
    exported = {**env, "GRAPHKIT_TYPES": "hyperparameter.toml"}  # as the README's shell
    run = subprocess.run(
        [sys.executable, "-c", python], cwd=tmp_path, env=exported, capture_output=True, text=True
    )
    assert run.stdout.split() == ["True", "['toy1',", "'toy2']"], run.stderr

    shapes = (
        rdflib.Graph()
        .parse(REPO / "ontology" / "shapes.ttl")
        .parse(tmp_path / "hyperparameter.ttl")
    )
    evidence = next(data.subjects(rdflib.RDF.predicate, GK.tunes))
    data.remove((evidence, None, None))
    assert not pyshacl.validate(data, shacl_graph=shapes)[0]
