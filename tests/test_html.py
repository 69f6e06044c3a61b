"""The HTML view without a browser: escaping, offline assets, top-N selection, determinism,
and the ``view`` command."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from test_rdf_fixtures import HOSTILE, hand_graph, hostile_graph

from graphkit.cli import main
from graphkit.export.html import (
    DEFAULT_TOP,
    render_html,
    safe_url,
    script_json,
    select_view,
    write_html,
)

ASSETS = Path(__file__).parents[1] / "graphkit" / "data" / "html"
DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def page_json(page: str) -> dict:
    """The graph data embedded in a page."""
    return json.loads(DATA.search(page).group(1))


def big_graph(papers: int, entities: int) -> nx.MultiDiGraph:
    """``papers`` papers each linked to three of ``entities`` methods; entity i has most papers
    for small i."""
    graph = nx.MultiDiGraph(name="big")
    for p in range(papers):
        graph.add_node(f"paper/{p}", type="paper", id=str(p), title=f"Paper {p}", abstract="")
    for e in range(entities):
        key = f"method/m{e:05d}"
        graph.add_node(key, type="method", id=key, name=f"M{e}", aliases=[], paper_count=0)
    for p in range(papers):
        for e in {p % entities, p % 7, p % 3}:
            key = f"method/m{e:05d}"
            graph.add_edge(
                f"paper/{p}",
                key,
                key="uses",
                relation="uses",
                proposed=False,
                evidence=[{"text": f"M{e}", "sentence": f"We use M{e}.", "field": "abstract"}],
            )
            graph.nodes[key]["paper_count"] += 1
        linked = sorted({f"method/m{e:05d}" for e in {p % entities, p % 7, p % 3}})
        for a, b in itertools.combinations(linked, 2):
            graph.add_edge(a, b, key="co_occurs", relation="co_occurs", count=1)
    return graph


def test_script_json_escapes_what_could_end_the_script() -> None:
    value = {"s": "</script><!-- & \u2028\u2029 >"}
    text = script_json(value)
    assert not set("<>&") & set(text)
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_hostile_strings_are_escaped_everywhere() -> None:
    vis = (ASSETS / "vis-network.min.js").read_text()
    page = render_html(hostile_graph()).replace(vis, "")
    assert page.count("<script") == 4
    assert page.count("</script>") == 4
    assert "<b>" not in page and "<x>" not in page and "alert(1)</script>" not in page
    assert "<title>hostile &#34;graph&#34; &lt;x&gt; knowledge graph: " in page
    data = page_json(page)
    names = {node["n"] for node in data["nodes"]}
    assert f"Method {HOSTILE}".replace("\x07", "") in names
    assert "</script>" in names
    urls = [url for node in data["nodes"] for _, url in node.get("u", [])]
    assert urls and all(url.startswith(("https://", "http://")) for url in urls)
    assert not any("javascript" in url for url in urls)


def test_custom_title_is_escaped() -> None:
    page = render_html(hand_graph(), title="<img src=x onerror=alert(1)>")
    assert "<img" not in page
    assert '<h1 id="heading">&lt;img src=x onerror=alert(1)&gt;</h1>' in page


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://github.com/a/b", True),
        ("HTTP://example.org/x", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>", False),
        ("//example.org/x", False),
        ("/relative", False),
        ("https://", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_are_links(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_page_needs_nothing_from_the_network() -> None:
    page = render_html(hand_graph())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert '<link rel="stylesheet"' not in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert policy.startswith("default-src &#39;none&#39;")
    for tag in ("script", "style"):
        for block in re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S):
            digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
            assert f"sha256-{digest}" in policy
    vis = (ASSETS / "vis-network.min.js").read_text()
    assert vis.startswith("/**\n * vis-network") and "@license" in vis[:1000]
    assert (ASSETS / "LICENSE-vis-network.txt").is_file()


def test_view_js_writes_text_only() -> None:
    script = (ASSETS / "view.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_small_graph_is_drawn_whole_with_positions() -> None:
    graph = hand_graph()
    data = page_json(render_html(graph))
    assert data["canvas"] == graph.number_of_nodes() == len(data["nodes"])
    assert data["papersOnCanvas"] is True
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in data["nodes"])
    assert len({(node["x"], node["y"]) for node in data["nodes"]}) == len(data["nodes"])
    resnet = next(node for node in data["nodes"] if node["n"] == "ResNet")
    assert resnet["c"] == 2 and resnet["a"] == ["ResNets", "residual network"]


def test_top_keeps_entities_with_most_papers() -> None:
    graph = hand_graph()
    selection = select_view(graph, top=3)
    ranked = sorted(
        (k for k, t in graph.nodes(data="type") if t != "paper"),
        key=lambda k: (-graph.nodes[k]["paper_count"], k),
    )
    assert set(selection.canvas) == set(ranked[:3])
    assert not selection.papers_on_canvas
    focused = select_view(graph, top=3, focus="task/object-detection")
    assert "task/object-detection" in focused.canvas and len(focused.canvas) == 4
    page = render_html(graph, top=3)
    data = page_json(page)
    assert data["canvas"] == 3
    assert "Showing the 3 entities with most papers of 12" in page
    imagenet = next(i for i, node in enumerate(data["nodes"]) if node["n"] == "ImageNet")
    papers = {data["nodes"][row[0]]["n"] for row in data["links"] if row[1] == imagenet}
    assert len(papers) == 3


def test_large_graph_opens_on_top_entities() -> None:
    graph = big_graph(papers=900, entities=300)
    assert graph.number_of_nodes() > 1000
    data = page_json(render_html(graph))
    canvas = data["nodes"][: data["canvas"]]
    assert data["canvas"] == min(DEFAULT_TOP, 300)
    assert {node["t"] for node in canvas} == {"method"}
    counts = sorted((node["c"] for node in canvas), reverse=True)
    assert counts[0] == max(graph.nodes[k]["paper_count"] for k in graph if k.startswith("m"))
    small = page_json(render_html(graph, top=10))
    assert small["canvas"] == 10
    assert min(n["c"] for n in small["nodes"][:10]) >= max(
        n["c"] for n in data["nodes"][: data["canvas"]][10:]
    )
    m0 = next(i for i, node in enumerate(small["nodes"]) if node["n"] == "M0")
    rows = sum(1 for row in small["links"] if row[1] == m0)
    assert rows >= 100
    assert rows + small["nodes"][m0].get("more", 0) == graph.nodes["method/m00000"]["paper_count"]


def test_same_graph_gives_byte_identical_html(tmp_path: Path, repo_dir: Path) -> None:
    first = write_html(hostile_graph(), tmp_path / "a.html")
    second = write_html(hostile_graph(), tmp_path / "b.html")
    assert first.read_bytes() == second.read_bytes()
    script = (
        "import sys; sys.path.insert(0, 'tests');"
        "from test_rdf_fixtures import hostile_graph;"
        "from graphkit.export.html import write_html;"
        f"write_html(hostile_graph(), {str(tmp_path / 'c.html')!r})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script], cwd=repo_dir, env=env, check=True)
    assert (tmp_path / "c.html").read_bytes() == first.read_bytes()


def test_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "view.html"
    target.write_text("old")
    with pytest.raises(ValueError):
        write_html(hand_graph(), target, focus="method/nothing")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def saved_graph(tmp_path: Path) -> Path:
    """hand_graph() as the graph.json the commands read."""
    from graphkit.graph import KnowledgeGraph

    path = tmp_path / "graph.json"
    KnowledgeGraph.from_graph(hand_graph()).save(path)
    return path


def test_view_command_writes_the_whole_graph(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert main(["view", str(saved_graph(tmp_path)), "-o", str(out)]) == 0
    assert page_json(out.read_text())["canvas"] == hand_graph().number_of_nodes()


def test_view_command_writes_an_ego_network(tmp_path: Path) -> None:
    out = tmp_path / "ego.html"
    code = main(["view", str(saved_graph(tmp_path)), "ResNet", "-o", str(out), "--radius", "1"])
    assert code == 0
    page = out.read_text()
    data = page_json(page)
    names = {node["n"] for node in data["nodes"]}
    assert names == {
        "ResNet",
        "EfficientViT: Memory Efficient Vision Transformer",
        "A Study of Residual Networks",
    }
    assert data["nodes"][data["focus"]]["n"] == "ResNet"
    assert "<title>ResNet and its neighbourhood: 2 papers, 1 entity</title>" in page


def test_view_command_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    graph = str(saved_graph(tmp_path))
    out = str(tmp_path / "x.html")
    assert main(["view", graph, "ResNetz", "-o", out]) == 1
    assert "ResNet" in capsys.readouterr().err
    assert main(["view", graph, "-o", out, "--top", "0"]) == 2
    assert main(["view", str(tmp_path / "missing.json"), "-o", out]) == 1
    assert "missing.json" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
