"""RDF export: round trips through rdflib and Oxigraph, byte-identical reruns, safe IRIs,
links to arXiv / repositories / Papers with Code, evidence, SHACL conformance."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from test_rdf_fixtures import HOSTILE, hand_graph, hostile_graph

from graphkit.errors import GraphkitError
from graphkit.export.iri import IriMinter, arxiv_page, check_base_iri, is_safe_iri, segment, web_iri
from graphkit.export.namespaces import DEFAULT_BASE_IRI, GK
from graphkit.export.rdf import FORMATS, export_rdf, iter_ntriples, write_rdf
from graphkit.export.rdfxml import xml_safe_lines

REPO = Path(__file__).resolve().parents[1]
SHAPES = REPO / "ontology" / "shapes.ttl"
ONTOLOGY = REPO / "ontology" / "graphkit.ttl"
G = rdflib.Namespace(GK)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
RES = rdflib.Namespace(DEFAULT_BASE_IRI)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RDFLIB_FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
GRAPHS = {"hand": hand_graph, "hostile": hostile_graph}


def export(graph, fmt: str = "nt", **options) -> bytes:
    out = io.BytesIO()
    export_rdf(graph, out, fmt, **options)
    return out.getvalue()


def rdflib_term(term):
    """An Oxigraph term as the rdflib term it must parse to."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return rdflib.Literal(term.value, datatype=None if datatype == str(XSD.string) else datatype)


def oxigraph_triples(data: bytes, fmt: str) -> set[tuple]:
    quads = ox.parse(data, FORMATS[fmt])
    return {
        (rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)) for q in quads
    }


def rdflib_triples(data: bytes, fmt: str) -> set[tuple]:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def rdflib_graph(graph, **options) -> rdflib.Graph:
    return rdflib.Graph().parse(data=export(graph, "nt", **options), format="nt")


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_back_to_the_same_triples(name: str, fmt: str) -> None:
    graph = GRAPHS[name]()
    lines = export(graph, "nt").decode("utf-8").splitlines(keepends=True)
    if fmt == "xml":  # XML 1.0 cannot hold most control characters: they become U+FFFD
        lines = list(xml_safe_lines(lines))
    expected = rdflib_triples("".join(lines).encode("utf-8"), "nt")
    out = io.BytesIO()
    count = export_rdf(graph, out, fmt)
    assert count == len(expected)
    assert rdflib_triples(out.getvalue(), fmt) == expected
    assert oxigraph_triples(out.getvalue(), fmt) == expected


def test_quad_formats_put_the_data_in_a_named_graph() -> None:
    data = export(hand_graph(), "trig", name="my data")
    graphs = {q.graph_name.value for q in ox.parse(data, ox.RdfFormat.TRIG)}
    assert graphs == {DEFAULT_BASE_IRI + "graph/my%20data"}


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_reruns_are_byte_identical_across_processes(tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    write_rdf(hand_graph(), first, fmt)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from test_rdf_fixtures import hand_graph;"
        "from graphkit.export.rdf import write_rdf;"
        "write_rdf(hand_graph(), sys.argv[2], sys.argv[3])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent), str(second), fmt],
        check=True,
        env=env,
    )
    assert first.read_bytes() == second.read_bytes()
    assert b"dateTime" not in first.read_bytes()


def test_hostile_names_give_safe_distinct_iris() -> None:
    graph = hostile_graph()
    parsed = rdflib_graph(graph)
    iris = {t for triple in parsed for t in triple if isinstance(t, rdflib.URIRef)}
    for iri in iris:
        assert is_safe_iri(str(iri)), iri
        assert not set(str(iri)) & set(" \"'<>{}|\\^`\n\t"), iri
    typed = {s for s, o in parsed.subject_objects(RDF.type) if o != G.Evidence}
    assert len(typed) == graph.number_of_nodes()
    assert RES["method/%2E%2E"] in typed
    assert RES["method/%2541"] in typed and RES["method/A"] in typed
    assert RES["paper/..%2F..%2Fetc%2Fpass%20wd%22%3Cx%3E"] in typed


def test_hostile_text_survives_exactly() -> None:
    parsed = rdflib_graph(hostile_graph())
    titles = {str(o) for o in parsed.objects(None, G.title)}
    assert f"Title {HOSTILE}" in titles
    labels = {str(o) for o in parsed.objects(None, SKOS.prefLabel)}
    assert {"</script>", "new\nline", f"Method {HOSTILE}"} <= labels
    assert {str(o) for o in parsed.objects(None, G.sentence)} >= {HOSTILE}
    assert {str(o) for o in parsed.objects(None, G.rule)} >= {'rule "x" <y>'}


def test_papers_link_to_arxiv_and_repositories_are_their_urls() -> None:
    parsed = rdflib_graph(hand_graph())
    pages = dict(parsed.subject_objects(G.arxivPage))
    assert pages[RES["paper/2305.07027"]] == rdflib.URIRef("https://arxiv.org/abs/2305.07027")
    assert pages[RES["paper/cs%2F0112017"]] == rdflib.URIRef("https://arxiv.org/abs/cs/0112017")
    assert RES["paper/3f2a9c0d1e4b"] not in pages
    repo = rdflib.URIRef("https://github.com/mit-han-lab/EfficientViT")
    assert (repo, RDF.type, G.Repository) in parsed
    assert (RES["paper/2305.07027"], G.hasOfficialCode, repo) in parsed
    assert (repo, G.implements, RES["method/efficientvit"]) in parsed
    vision = rdflib.URIRef("https://github.com/pytorch/vision")
    assert (RES["paper/3f2a9c0d1e4b"], G.hasCode, vision) in parsed
    assert (RES["paper/3f2a9c0d1e4b"], G.hasOfficialCode, vision) not in parsed


def test_hostile_repository_urls_fall_back_to_safe_iris() -> None:
    parsed = rdflib_graph(hostile_graph())
    repos = set(parsed.subjects(RDF.type, G.Repository))
    assert repos == {
        rdflib.URIRef("https://github.com/evil/repo"),
        rdflib.URIRef("https://github.com/evil/js"),
        RES["repo/not%20a%20host%2F.%2E"],
    }


def test_vocabulary_entities_match_papers_with_code() -> None:
    parsed = rdflib_graph(hand_graph())
    matches = dict(parsed.subject_objects(SKOS.exactMatch))
    pwc = "https://paperswithcode.com/"
    assert matches[RES["method/resnet"]] == rdflib.URIRef(pwc + "method/resnet")
    assert matches[RES["dataset/coco"]] == rdflib.URIRef(pwc + "dataset/coco")
    assert matches[RES["task/image-classification"]] == rdflib.URIRef(
        pwc + "task/image-classification"
    )
    assert RES["method/efficientvit"] not in matches
    assert RES["metric/map"] not in matches
    assert set(parsed.objects(RES["method/resnet"], SKOS.altLabel)) == {
        rdflib.Literal("ResNets"),
        rdflib.Literal("residual network"),
    }


def test_every_paper_statement_has_its_evidence() -> None:
    graph = hand_graph()
    parsed = rdflib_graph(graph)
    minter = IriMinter()
    relation_iri = {
        "proposes": G.proposes,
        "uses": G.uses,
        "evaluates_on": G.evaluatesOn,
        "measures": G.measures,
        "addresses": G.addresses,
        "has_code": G.hasCode,
    }
    statements = 0
    for paper, target, relation, data in graph.edges(keys=True, data=True):
        if relation not in relation_iri:
            continue
        s = rdflib.URIRef(minter.paper(graph.nodes[paper]["id"]))
        o = rdflib.URIRef(minter.entity(target, graph.nodes[target]["url"]))
        p = relation_iri[relation]
        assert (s, p, o) in parsed
        found = [
            ev
            for ev in parsed.subjects(RDF.subject, s)
            if (ev, RDF.predicate, p) in parsed and (ev, RDF.object, o) in parsed
        ]
        assert len(found) == len(data["evidence"]) == 1, (paper, target, relation)
        ev, record = found[0], data["evidence"][0]
        assert (ev, RDF.type, G.Evidence) in parsed
        assert (ev, PROV.wasDerivedFrom, s) in parsed
        assert str(parsed.value(ev, G.mentionText)) == record["text"]
        assert parsed.value(ev, G.startOffset).toPython() == record["start"]
        assert parsed.value(ev, G.endOffset).toPython() == record["end"]
        assert str(parsed.value(ev, G.sentence)) == record["sentence"]
        assert str(parsed.value(ev, G.rule)) == record["rule"]
        assert str(parsed.value(ev, G.field)) == record["field"]
        statements += 1
    assert statements == len(set(parsed.subjects(RDF.type, G.Evidence))) == 19


@pytest.mark.parametrize(
    ("date", "predicate", "literal"),
    [
        ("2023-05-11", G.issued, rdflib.Literal("2023-05-11", datatype=XSD.date)),
        ("2001-12", G.issued, rdflib.Literal("2001-12", datatype=XSD.gYearMonth)),
        ("2024", G.issued, rdflib.Literal("2024", datatype=XSD.gYear)),
        ("Mar 11", G.dateText, rdflib.Literal("Mar 11")),
        ("2024-02-30", G.dateText, rdflib.Literal("2024-02-30")),
    ],
)
def test_dates_are_typed_when_iso(date: str, predicate, literal) -> None:
    graph = hand_graph()
    graph.nodes["paper/2305.07027"]["date"] = date
    parsed = rdflib_graph(graph)
    assert parsed.value(RES["paper/2305.07027"], predicate) == literal


def test_base_iri_moves_all_instance_data() -> None:
    base = "https://example.org/kg/"
    parsed = rdflib_graph(hand_graph(), base_iri=base)
    subjects = {str(s) for s in parsed.subjects()}
    assert all(s.startswith((base, "https://github.com/")) for s in subjects), subjects
    assert not any(DEFAULT_BASE_IRI in str(t) for triple in parsed for t in triple)


@pytest.mark.parametrize(
    "base", ["not an iri", "ftp://x/", "https://ex.org/a b/", 'http://"x"/', "urn:x:", "https:///x"]
)
def test_bad_base_iris_are_refused(base: str) -> None:
    with pytest.raises(ValueError, match="base IRI"):
        export(hand_graph(), "nt", base_iri=base)


def test_run_metadata_is_opt_in() -> None:
    graph = hand_graph()
    assert b"ExtractionRun" not in export(graph, "nt")
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    lines = "".join(iter_ntriples(graph, run_metadata=True, now=when))
    parsed = rdflib.Graph().parse(data=lines, format="nt")
    run = RES["run"]
    assert (run, RDF.type, G.ExtractionRun) in parsed
    assert parsed.value(run, PROV.endedAtTime).toPython() == when
    assert str(parsed.value(run, G.softwareVersion)) == "graphkit 0.1.0"
    evidence = set(parsed.subjects(RDF.type, G.Evidence))
    assert evidence == set(parsed.subjects(PROV.wasGeneratedBy, run))


def validate(data: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, meta_shacl=True)
    return conforms, text


@pytest.mark.parametrize("name", GRAPHS)
def test_exports_conform_to_the_shapes(name: str) -> None:
    conforms, report = validate(rdflib_graph(GRAPHS[name]()))
    assert conforms, report


def test_export_with_run_metadata_conforms() -> None:
    lines = "".join(iter_ntriples(hand_graph(), run_metadata=True))
    conforms, report = validate(rdflib.Graph().parse(data=lines, format="nt"))
    assert conforms, report


def _drop_evidence(g: rdflib.Graph) -> None:
    ev = next(g.subjects(RDF.predicate, G.uses))
    g.remove((ev, None, None))


def _second_label(g: rdflib.Graph) -> None:
    g.add((RES["method/resnet"], SKOS.prefLabel, rdflib.Literal("Residual Net")))


def _wrong_type(g: rdflib.Graph) -> None:
    g.remove((RES["dataset/coco"], RDF.type, G.Dataset))
    g.add((RES["dataset/coco"], RDF.type, G.Metric))


def _no_abstract(g: rdflib.Graph) -> None:
    g.remove((RES["paper/3f2a9c0d1e4b"], G.abstract, None))


def _dangling_evidence(g: rdflib.Graph) -> None:
    g.remove((RES["paper/2305.07027"], G.uses, RES["method/resnet"]))


@pytest.mark.parametrize(
    ("damage", "shape"),
    [
        (_drop_evidence, "PaperShape"),
        (_second_label, "skos:prefLabel"),
        (_wrong_type, "EvaluatesOnObjectShape"),
        (_no_abstract, "gk:abstract"),
        (_dangling_evidence, "EvidenceShape"),
    ],
)
def test_shapes_catch_broken_data(damage, shape: str) -> None:
    data = rdflib_graph(hand_graph())
    damage(data)
    conforms, report = validate(data)
    assert not conforms
    assert shape in report


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.add_node("link/x", type="link", name="x"), "unknown type 'link'"),
        (lambda g: g.nodes["paper/2305.07027"].update(title=" "), "non-empty title"),
        (lambda g: g.nodes["method/vit"].update(name=""), "non-empty name"),
        (
            lambda g: g.edges["paper/cs/0112017", "method/vit", "uses"].update(evidence=[{}]),
            "bad evidence record",
        ),
        (
            lambda g: g.add_edge("paper/cs/0112017", "method/vit", key="likes"),
            "unknown relation 'likes'",
        ),
    ],
)
def test_graphs_off_the_model_are_refused(change, message: str) -> None:
    graph = hand_graph()
    change(graph)
    with pytest.raises(GraphkitError, match=message):
        export(graph, "nt")


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("old")
    graph = hand_graph()
    graph.nodes["method/vit"]["name"] = ""
    with pytest.raises(GraphkitError):
        write_rdf(graph, path)
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resnet", "resnet"),
        ("a b", "a%20b"),
        ('"<>', "%22%3C%3E"),
        ("a/b", "a%2Fb"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("%41", "%2541"),
        ("ü", "%C3%BC"),
        ("x#y?z", "x%23y%3Fz"),
        ("v1.", "v1%2E"),
        ("2305.07027", "2305.07027"),
    ],
)
def test_segments_are_percent_encoded(text: str, expected: str) -> None:
    assert segment(text) == expected


def test_empty_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        segment("")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/Foo/Bar", "https://github.com/Foo/Bar"),
        ("HTTPS://GitHub.COM/Foo", "https://github.com/Foo"),
        ("https://x.org/a%20b", "https://x.org/a%20b"),
        ("https://x.org/100%", "https://x.org/100%25"),
        ('https://x.org/"q"<t>', "https://x.org/%22q%22%3Ct%3E"),
        ("https://x.org/it's", "https://x.org/it%27s"),
        ("https://x.org/ü?q=ä#f", "https://x.org/%C3%BC?q=%C3%A4#f"),
        ("https://bücher.de/x", "https://xn--bcher-kva.de/x"),
        ("https://x.org/a b", None),
        ("javascript:alert(1)", None),
        ("https://user:pw@x.org/", None),
        ("https://", None),
        ("https://x.org:99999/", None),
        ("", None),
        (None, None),
    ],
)
def test_web_iris_are_sanitised(url, expected) -> None:
    assert web_iri(url) == expected


def test_base_iri_gets_a_trailing_slash() -> None:
    assert check_base_iri("https://example.org/kg") == "https://example.org/kg/"
    assert check_base_iri("https://example.org/kg#") == "https://example.org/kg#"
    assert check_base_iri(None) == DEFAULT_BASE_IRI


@pytest.mark.parametrize(
    ("value", "page"),
    [
        ("2305.07027", "https://arxiv.org/abs/2305.07027"),
        ("2305.07027v2", "https://arxiv.org/abs/2305.07027"),
        ("cs/0112017", "https://arxiv.org/abs/cs/0112017"),
        ('2305.0"7027', None),
        ("../etc", None),
    ],
)
def test_arxiv_pages(value: str, page: str | None) -> None:
    assert arxiv_page(value) == page


DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SCHEMA = rdflib.Namespace("https://schema.org/")


@pytest.mark.parametrize("name", GRAPHS)
def test_standard_properties_need_no_inference(name: str) -> None:
    data = export(GRAPHS[name](), "nt")
    parsed = rdflib.Graph().parse(data=data, format="nt")
    papers = set(parsed.subjects(RDF.type, G.Paper))
    assert papers
    for paper in papers:
        assert parsed.value(paper, DCTERMS.title) == parsed.value(paper, G.title)
        assert parsed.value(paper, SCHEMA.name) == parsed.value(paper, G.title)
        assert parsed.value(paper, DCTERMS.abstract) == parsed.value(paper, G.abstract)
    labelled = set(parsed.subjects(SKOS.prefLabel, None))
    assert labelled and all(
        parsed.value(e, SCHEMA.name) == parsed.value(e, SKOS.prefLabel) for e in labelled
    )
    store = ox.Store()
    store.load(data, ox.RdfFormat.N_TRIPLES)
    query = "SELECT (COUNT(?p) AS ?n) WHERE { ?p <http://purl.org/dc/terms/title> ?t }"
    assert int(next(iter(store.query(query)))["n"].value) == len(papers)


def _standard_title_differs(g: rdflib.Graph) -> None:
    paper = next(g.subjects(RDF.type, G.Paper))
    g.set((paper, DCTERMS.title, rdflib.Literal("Another title")))


def test_the_shapes_hold_the_standard_properties_to_graphkits() -> None:
    g = rdflib_graph(hand_graph())
    _standard_title_differs(g)
    assert not validate(g)[0]
