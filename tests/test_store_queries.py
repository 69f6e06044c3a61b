"""Every query of the Python API, asked of the in-memory graph and of the store of the same
build (``graphkit build --store``), gives the same answer; where RDF keeps less (a result's
role names, units that share a term) the store's answer is the documented one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import graphkit
from graphkit.export.results_rdf import unit_terms
from graphkit.graph import KnowledgeGraph
from graphkit.graph.resolve import AmbiguousEntityError, UnknownEntityError
from graphkit.graph.results import ROLE_TYPES, rank
from graphkit.graph.store_queries import StoreGraph
from graphkit.models import ENTITY_TYPES

FILTERS = {
    "using": ("method",),
    "evaluated_on": ("dataset",),
    "measuring": ("metric",),
    "addressing": ("task",),
    "proposing": ("method", "dataset"),
    "with_repo": ("repo",),
    "mentioning": ENTITY_TYPES,
}


def _both(inputs: list[Path] | None, out: Path) -> tuple[KnowledgeGraph, StoreGraph]:
    graphkit.build(inputs, output_dir=out, store=out / "store")
    return graphkit.load(out / "graph.json"), StoreGraph(out / "store")


@pytest.fixture(scope="module", params=["sample", "dev"])
def sources(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared_dir: Path
) -> tuple[KnowledgeGraph, StoreGraph]:
    out = tmp_path_factory.mktemp(request.param)
    if request.param == "sample":
        return _both(None, out)
    gold = shared_dir / "annotation"
    return _both([gold / "dev.jsonl", gold / "dev2.jsonl"], out)


def test_counts_and_lists_agree(sources: tuple[KnowledgeGraph, StoreGraph]) -> None:
    kg, store = sources
    assert store.stats() == kg.stats()
    assert store.papers() == kg.papers()
    assert store.papers(with_code=True) == kg.papers(with_code=True)
    assert store.papers(with_code=False) == kg.papers(with_code=False)
    for kind in (None, *ENTITY_TYPES):
        for least in (1, 2, 3):
            assert store.entities(kind, min_papers=least) == kg.entities(kind, min_papers=least)
        for n in (0, 1, 5, 50):
            assert store.top(kind, n) == kg.top(kind, n)


def test_every_entity_agrees(sources: tuple[KnowledgeGraph, StoreGraph]) -> None:
    kg, store = sources
    entities = kg.entities(min_papers=0)
    assert entities
    for entity in entities:
        key = entity["id"]
        assert store.entity(key) == kg.entity(key), key
        assert store.related(key) == kg.related(key), key
        assert store.evidence(key) == kg.evidence(key), key
        assert store.papers(mentioning=key) == kg.papers(mentioning=key), key


def _answer(graph: Any, query: str, *args: Any, **kwargs: Any) -> Any:
    """The answer of a query, or the kind and message of the error it raised."""
    try:
        return getattr(graph, query)(*args, **kwargs)
    except KeyError as exc:
        return type(exc).__name__, str(exc)


def test_paper_filters_by_name_agree(sources: tuple[KnowledgeGraph, StoreGraph]) -> None:
    kg, store = sources
    asked = 0
    for keyword, types in FILTERS.items():
        for kind in types:
            for entity in kg.top(kind, 3):
                name = entity["name"].upper()
                expected = _answer(kg, "papers", **{keyword: name})
                assert _answer(store, "papers", **{keyword: name}) == expected, (keyword, name)
                asked += isinstance(expected, list) and bool(expected)
    assert asked > 10
    method, dataset = kg.top("method", 1)[0]["id"], kg.top("dataset", 1)[0]["id"]
    both = {"using": method, "mentioning": [method, dataset], "with_code": False}
    assert store.papers(**both) == kg.papers(**both)
    for entity in kg.top(None, 5):
        for kind in (None, *ENTITY_TYPES):
            expected = _answer(kg, "related", entity["name"], type=kind, n=3)
            assert _answer(store, "related", entity["name"], type=kind, n=3) == expected


def test_lookup_errors_agree(sources: tuple[KnowledgeGraph, StoreGraph]) -> None:
    kg, store = sources
    for graph in (kg, store):
        with pytest.raises(TypeError):
            graph.papers(citing="x")
        with pytest.raises(ValueError):
            graph.top("planet")
    name = kg.top("method", 1)[0]["name"]
    misspelt = name[:-1] + ("x" if name[-1] != "x" else "y") + "q"
    with pytest.raises(UnknownEntityError) as memory:
        kg.entity(misspelt)
    with pytest.raises(UnknownEntityError) as stored:
        store.entity(misspelt)
    assert str(stored.value) == str(memory.value)
    assert store.resolve(name.swapcase()) == kg.resolve(name.swapcase())


def test_names_of_several_entities_are_refused_alike(
    sources: tuple[KnowledgeGraph, StoreGraph],
) -> None:
    kg, store = sources
    names = [e["name"].casefold() for e in kg.entities()]
    for name in {n for n in names if names.count(n) > 1}:
        with pytest.raises(AmbiguousEntityError) as memory:
            kg.resolve(name)
        with pytest.raises(AmbiguousEntityError) as stored:
            store.resolve(name)
        assert stored.value.candidates == memory.value.candidates
        for kind in ENTITY_TYPES:
            assert _answer(store, "resolve", name, kind) == _answer(kg, "resolve", name, kind)


def _as_in_rdf(record: dict[str, Any], kg: KnowledgeGraph) -> dict[str, Any]:
    """A result record as RDF keeps it: role names are the names of their entities (a metric
    without one keeps its word), a unit the first unit of its term."""
    kept = dict(record)
    for role in ROLE_TYPES:
        key = record.get(f"{role}_id")
        if key:
            kept[role] = kg.graph.nodes[key]["name"]
        elif role != "metric":
            kept[role] = None
    terms = unit_terms()
    first = {}
    for unit, term in terms.items():
        first.setdefault(term, unit)
    if record.get("unit") in terms:
        kept["unit"] = first[terms[record["unit"]]]
    return kept


def test_results_and_leaderboards_agree(sources: tuple[KnowledgeGraph, StoreGraph]) -> None:
    kg, store = sources
    everything = kg.results()
    assert everything
    assert store.results() == [_as_in_rdf(r, kg) for r in everything]
    for kind in ("absolute", "relative"):
        expected = [_as_in_rdf(r, kg) for r in kg.results(kind=kind)]
        assert store.results(kind=kind) == expected
    asked = 0
    for role, kind in ROLE_TYPES.items():
        if role == "compared_to":
            continue
        for entity in kg.top(kind, 5):
            found = kg.results(**{role: entity["id"]})
            assert store.results(**{role: entity["id"]}) == [_as_in_rdf(r, kg) for r in found]
            by_name = _answer(store, "results", **{role: entity["name"]})
            if _answer(kg, "results", **{role: entity["name"]}) == found:
                assert by_name == [_as_in_rdf(r, kg) for r in found]
            if role != "method":
                absolute = kg.results(**{role: entity["id"]}, kind="absolute")
                expected = rank(_as_in_rdf(r, kg) for r in absolute)
                assert store.leaderboard(**{role: entity["id"]}) == expected
            asked += bool(found)
    assert asked
    assert store.leaderboard() == rank(_as_in_rdf(r, kg) for r in kg.results())
