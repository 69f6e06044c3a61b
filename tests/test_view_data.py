"""The data behind the view's map: clusters, their layout, timelines and result rows."""

from __future__ import annotations

import itertools
import json
import math
import re

import networkx as nx
import pytest
from test_rdf_fixtures import hand_graph

from graphkit.export.clusters import communities, grouped_layout, name_clusters
from graphkit.export.html import page_data, render_html, select_view
from graphkit.export.timeline import month_label, month_of, timeline
from graphkit.graph.results import rank, results_of

DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def two_fields(dates: bool = True) -> nx.MultiDiGraph:
    """Two groups of five methods, each group named together in its own papers, plus one
    method named alone; group b's papers are all from the last months."""
    graph = nx.MultiDiGraph(name="fields")
    for group, year in (("a", 2019), ("b", 2024)):
        keys = [f"method/{group}{i}" for i in range(5)]
        for key in keys:
            name = key.partition("/")[2].upper()
            graph.add_node(key, type="method", id=key, name=name, paper_count=0)
        for p in range(6):
            paper = f"paper/{group}{p}"
            date = f"{year}-{p + 1:02d}-15" if dates else None
            graph.add_node(paper, type="paper", id=f"{group}{p}", title=f"{group} {p}", date=date)
            named = [keys[0], keys[1 + p % 4]]
            for key in named:
                graph.add_edge(paper, key, key="uses", relation="uses", evidence=[])
                graph.nodes[key]["paper_count"] += 1
            graph.add_edge(*named, key="co_occurs", relation="co_occurs", count=1)
        for a, b in itertools.combinations(keys[1:], 2):
            graph.add_edge(a, b, key="co_occurs", relation="co_occurs", count=3)
    graph.add_node("method/lone", type="method", id="method/lone", name="Lone", paper_count=1)
    graph.add_node("paper/z", type="paper", id="z", title="z", date="2024-06-01")
    graph.add_edge("paper/z", "method/lone", key="uses", relation="uses", evidence=[])
    graph.add_node("result/x", type="result", id="result/x", value=1.0)
    graph.add_edge("paper/z", "result/x", key="reports", relation="reports")
    return graph


def test_communities_are_the_fields_and_named_by_their_top_entities() -> None:
    graph = two_fields()
    entities = [key for key, kind in graph.nodes(data="type") if kind == "method"]
    groups = communities(graph, entities)
    assert sorted(sorted(group) for group in groups if len(group) > 1) == [
        [f"method/a{i}" for i in range(5)],
        [f"method/b{i}" for i in range(5)],
    ]
    clusters = name_clusters(graph, groups)
    assert [c.name.split(" · ")[0] for c in clusters] == ["A0", "B0"]  # most papers first
    assert len({c.colour for c in clusters}) == 2
    assert communities(graph, list(reversed(entities))) == groups  # order does not matter


def test_grouped_layout_keeps_groups_apart() -> None:
    edges = [
        (a, b) for g in range(3) for a, b in itertools.combinations(range(g * 6, g * 6 + 6), 2)
    ]
    group = [node // 6 for node in range(18)]
    points = grouped_layout(18, edges, group, spacing=100)
    assert points == grouped_layout(18, edges, group, spacing=100)
    centres = []
    for g in range(3):
        mine = [points[n] for n in range(18) if group[n] == g]
        cx, cy = (sum(p[i] for p in mine) / 6 for i in (0, 1))
        radius = max(math.hypot(x - cx, y - cy) for x, y in mine)
        centres.append((cx, cy, radius))
    for (ax, ay, ar), (bx, by, br) in itertools.combinations(centres, 2):
        assert math.hypot(ax - bx, ay - by) > ar + br


def test_page_draws_clusters_and_lists_unlinked_entities_only() -> None:
    graph = two_fields()
    selection = select_view(graph, top=11, large=0)
    assert selection.unlinked == ["method/lone"] and "method/lone" not in selection.canvas
    assert "result/x" not in selection.canvas
    whole = select_view(graph)
    assert whole.papers_on_canvas and "result/x" not in whole.canvas + whole.unlinked
    assert all(record["t"] != "result" for record in page_data(graph, whole)["nodes"])
    assert "25 paper links" in render_html(graph)  # 2 x 6 x 2 + 1: the result is no link
    data = page_data(graph, selection)
    records = data["nodes"]
    assert [c["s"] for c in data["clusters"]] == [5, 5]
    assert {records[i]["g"] for i in range(data["canvas"])} == {0, 1}
    assert [records[i]["n"] for i in data["unlinked"]] == ["Lone"]
    assert all(record["t"] in {"paper", "method"} for record in records)  # no result node
    labelled = sorted((r["k"], r["n"]) for r in records[: data["canvas"]] if "k" in r)
    assert [name for _, name in labelled[:2]] == ["A0", "B0"]  # each cluster's head first


def test_months_trends_and_new_entities() -> None:
    graph = two_fields()
    data = page_data(graph, select_view(graph, top=11, large=0))
    assert data["months"][0] == "2019-01" and data["months"][-1] == "2024-06"
    by_name = {r["n"]: r for r in data["nodes"]}
    a0 = by_name["A0"]
    assert a0["m"] == [0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1]
    assert (a0["f"], a0["z"]) == ("2019-01-15", "2019-06-15")
    assert by_name["B0"]["nw"] and by_name["B1"]["nw"] and "nw" not in a0
    paper = next(r for r in data["nodes"] if r["n"] == "b 5")
    assert data["months"][paper["mo"]] == "2024-06"


def test_inputs_without_dates_still_give_a_map() -> None:
    graph = two_fields(dates=False)
    graph.nodes["paper/z"]["date"] = "Mar 11"
    data = json.loads(DATA.search(render_html(graph, top=11, large=0)).group(1))
    assert data["months"] == []
    assert not any("m" in r or "nw" in r or "mo" in r for r in data["nodes"])
    assert data["canvas"] == 10


def test_month_parsing() -> None:
    assert month_of("2024-02-30") == 2024 * 12 + 1 and month_label(2024 * 12 + 1) == "2024-02"
    for bad in ("Mar 11", "2024-13-01", "", None, 2024, "24-01"):
        assert month_of(bad) is None
    empty = timeline(hand_graph(), [])
    assert (empty.labels()[0], empty.labels()[-1]) == ("2001-12", "2023-05")


@pytest.fixture(scope="module")
def sample_graph() -> nx.MultiDiGraph:
    """The bundled sample's graph (real extraction, with results)."""
    pipeline = pytest.importorskip("graphkit.run.pipeline")
    return pipeline.build().graph


def test_result_rows_are_the_ranked_leaderboards(sample_graph: nx.MultiDiGraph) -> None:
    data = json.loads(DATA.search(render_html(sample_graph)).group(1))
    keys = {(a.get("type"), a.get("name")): key for key, a in sample_graph.nodes(data=True)}
    boards = 0
    for record in data["nodes"]:
        if record["t"] not in ("dataset", "metric") or "r" not in record:
            continue
        expected = rank(results_of(sample_graph, {record["t"]: keys[record["t"], record["n"]]}))
        rows = [data["results"][i] for i in record["r"]]
        assert [(row["x"], row["s"]) for row in rows] == [
            (row["text"], row["sentence"]) for row in expected
        ][:50]
        for row, want in zip(rows, expected, strict=False):
            assert data["nodes"][row["p"]]["n"] == want["title"]
        boards += 1
    assert boards >= 5
    assert all(data["nodes"][i]["t"] == "dataset" for i in data["boards"])
    methods = [r for r in data["nodes"] if r["t"] == "method" and "r" in r]
    assert methods and all(
        any(data["results"][i].get("mt") for i in record["r"]) for record in methods
    )


def test_top_entities_map_keeps_each_nodes_strongest_edges() -> None:
    graph = nx.MultiDiGraph(name="clique")
    keys = [f"method/m{i}" for i in range(8)]
    for i, key in enumerate(keys):
        graph.add_node(key, type="method", id=key, name=f"M{i}", paper_count=10 - i)
        graph.add_node(f"paper/{i}", type="paper", id=str(i), title=str(i))
        graph.add_edge(f"paper/{i}", key, key="uses", relation="uses", evidence=[])
    weight = {}
    for a, b in itertools.combinations(range(8), 2):
        weight[a, b] = (a * 7 + b * 3) % 11 + 1
        graph.add_edge(keys[a], keys[b], key="co_occurs", relation="co_occurs", count=weight[a, b])
    data = page_data(graph, select_view(graph, top=8, large=0))
    index = {r["n"]: i for i, r in enumerate(data["nodes"])}
    drawn = {
        tuple(sorted(int(data["nodes"][e]["n"][1:]) for e in edge[:2])) for edge in data["edges"]
    }

    def strongest(node: int) -> set[tuple[int, int]]:
        pairs = sorted((p for p in weight if node in p), key=lambda p: (-weight[p], p))
        return set(pairs[:4])

    assert len(index) == 16 and 0 < len(drawn) < len(weight)
    for pair in weight:
        assert (pair in drawn) == (pair in strongest(pair[0]) | strongest(pair[1]))
    page = render_html(two_fields(), top=11, large=0)
    assert "Showing 10 of the 11 entities with most papers of 11 (the other 1 link" in page
