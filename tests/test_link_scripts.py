"""Names in every script keep their letters in entity ids, and ids stay valid IRIs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

import graphkit
from graphkit.export.iri import is_safe_iri
from graphkit.link import slug

NAMES = ["α-Net", "β-Net", "中文Net", "ΔΦNet"]


def test_non_latin_names_get_distinct_slugs() -> None:
    assert [slug(name, "method") for name in NAMES] == ["α-net", "β-net", "中文net", "δφnet"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ResNet-50", "resnet-50"),
        ("Müller Net", "muller-net"),
        ("CIFAR10", "cifar-10"),
        ("Ａｌｐｈａ２", "alpha-2"),
        ("foo–bar", "foobar"),
        ("Vision Transformers", "vision-transformer"),
    ],
)
def test_latin_slugs_are_as_before(name: str, expected: str) -> None:
    assert slug(name, "method") == expected


def test_latin_letters_with_no_ascii_form_stay() -> None:
    assert slug("Straße-Net", "method") == "straße-net"
    assert slug("Strae-Net", "method") == "strae-net"
    assert slug("Ørsted Net", "method") == "ørsted-net"
    assert slug("Łukasz Model", "method") == "łukasz-model"


def test_script_marks_stay_and_syllables_recompose() -> None:
    assert slug("हिन्दी Net", "method") == "हिन्दी-net"
    assert slug("한국어 BERTs", "method") == "한국어-bert"


def test_four_scripts_four_entities_with_safe_iris(tmp_path: Path) -> None:
    source = tmp_path / "papers.jsonl"
    records = [
        {
            "id": f"p{i}",
            "title": f"{name}: Fast Sampling",
            "abstract": f"We propose {name}, a novel sampler.",
        }
        for i, name in enumerate(NAMES)
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    kg = graphkit.build([source], output_dir=tmp_path / "out")
    methods = {e["id"]: e["paper_count"] for e in kg.entities("method")}
    assert methods == {"method/α-net": 1, "method/β-net": 1, "method/中文net": 1, "method/δφnet": 1}
    rdf = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    iris = {str(term) for triple in rdf for term in triple if isinstance(term, rdflib.URIRef)}
    assert iris and all(is_safe_iri(iri) for iri in iris)
