"""``KnowledgeGraph.to_rdflib()`` holds the triples of graph.ttl; ``to_pyvis()`` is a pyvis
Network of what the view draws, whose hostile text never runs as markup (checked in chromium)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from cdp import Browser
from pyvis.network import Network
from rdflib.compare import isomorphic
from test_html_browser import browser  # noqa: F401 (the chromium fixture)
from test_rdf_fixtures import hand_graph, hostile_graph

from graphkit.export.html import select_view
from graphkit.export.rdf import write_rdf
from graphkit.graph import KnowledgeGraph

ATTACK = '<a href="javascript:alert(1)">x</a><img src=x onerror="alert(2)"> & co'


@pytest.mark.parametrize("make", [hand_graph, hostile_graph])
def test_to_rdflib_holds_the_triples_of_graph_ttl(make, tmp_path: Path) -> None:
    graph = make()
    write_rdf(graph, tmp_path / "graph.ttl", "ttl")
    expected = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    found = KnowledgeGraph.from_graph(graph).to_rdflib()
    assert isinstance(found, rdflib.Graph)
    assert len(found) == len(expected) > 0
    assert set(found) == set(expected)
    assert isomorphic(found, expected)
    assert dict(found.namespaces())["gk"] == rdflib.URIRef("https://w3id.org/graphkit/ontology#")


def test_to_rdflib_takes_a_base_iri() -> None:
    found = KnowledgeGraph.from_graph(hand_graph()).to_rdflib(base_iri="https://example.org/kg/")
    papers = set(
        found.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/graphkit/ontology#Paper"))
    )
    assert papers and all(str(p).startswith("https://example.org/kg/paper/") for p in papers)


def test_to_pyvis_draws_the_nodes_of_the_view() -> None:
    graph = hand_graph()
    net = KnowledgeGraph.from_graph(graph).to_pyvis()
    assert isinstance(net, Network)
    assert [node["id"] for node in net.nodes] == select_view(graph).canvas
    assert {(e["from"], e["to"]) for e in net.edges} == {(a, b) for a, b in graph.edges()}
    assert net.options["physics"] == {"enabled": False}
    top = KnowledgeGraph.from_graph(graph).to_pyvis(top=2)
    assert sum(1 for node in top.nodes if not node["id"].startswith("paper/")) == 2


def _hostile_page(tmp_path: Path, title: str) -> tuple[Path, Network]:
    graph = hostile_graph()
    paper = next(key for key, kind in graph.nodes(data="type") if kind == "paper")
    graph.nodes[paper]["title"] = title
    graph.graph["name"] = f"<script>alert(3)</script>{title}"
    net = KnowledgeGraph.from_graph(graph).to_pyvis(notebook=False)
    path = tmp_path / "net.html"
    path.write_text(net.generate_html(notebook=False), encoding="utf-8")
    return path, net


@pytest.mark.browser
@pytest.mark.parametrize("title", [ATTACK, ATTACK.replace("href", "ref")])
def test_hostile_text_never_runs_in_the_pyvis_page(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    title: str,
) -> None:
    path, net = _hostile_page(tmp_path, title)
    page = browser.new_page()
    page.navigate(path.as_uri())
    page.wait_for("typeof network !== 'undefined' && network !== null")
    paper = next(node["id"] for node in net.nodes if node["label"].startswith("<a"))
    shown = page.evaluate(
        f"""(() => {{
            network.emit("showPopup", {json.dumps(paper)});
            const tip = document.querySelector(".popup") || document.querySelector(".vis-tooltip");
            return tip ? tip.textContent : null;
        }})()"""
    )
    if "href" in title:
        assert shown is not None and title in shown
    assert page.evaluate("document.querySelectorAll('img, a[href], h1 script').length") == 0
    assert page.dialogs == []
    assert "<script>alert(3)</script>" in page.evaluate("document.querySelector('h1').textContent")
    page.close()
