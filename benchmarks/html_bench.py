"""Measure the HTML view: build time in Python and first paint in headless chromium.

First paint is the time from navigation until the overview is drawn with its labels placed
(the page's ``performance.now()`` when it sets ``data-ready``), in a 1400x900 window. Measured
for the bundled sample (``--sample``), for synthetic builds of ``--papers`` papers (default
view: the top entities) and, with ``--sizes``, for synthetic graphs of that many nodes in the
default and the whole-graph view.

python benchmarks/html_bench.py --sample --papers 20000 [300000] [--sizes 500 2000]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from cdp import Browser

from graphkit.export.html import write_html

RELATIONS = {"method": "uses", "dataset": "evaluates_on", "metric": "measures", "task": "addresses"}
CO_OCCURS = {("method", "dataset"), ("method", "task"), ("dataset", "metric")}
READY = "window.graphkitView && window.graphkitView.ready"


def synthetic_graph(nodes: int, seed: int = 0, papers: int | None = None) -> nx.MultiDiGraph:
    """About ``nodes`` nodes: a fifth papers (or ``papers``), the rest entities whose
    popularity is skewed (a few are in many papers), five links per paper, dates over ten
    years, with co_occurs edges derived."""
    rng = random.Random(seed)
    papers = papers if papers is not None else max(1, nodes // 5)
    per_type = max(1, (nodes - papers) // len(RELATIONS))
    graph = nx.MultiDiGraph(name=f"bench {nodes}", created_by="graphkit bench")
    sentence = "We evaluate the proposed model on several benchmarks and report strong results."
    for p in range(papers):
        pid = f"2401.{p:05d}"
        month = rng.randrange(120)
        graph.add_node(
            f"paper/{pid}",
            type="paper",
            id=pid,
            title=f"A study of synthetic topic number {p}",
            abstract=sentence,
            date=f"{2015 + month // 12}-{month % 12 + 1:02d}-15",
            authors=["Ada Lovelace"],
            author_count=1,
            url=f"https://huggingface.co/papers/{pid}",
            arxiv_id=pid,
            doi=None,
            source="bench",
        )
    keys = {kind: [f"{kind}/{kind}-{i}" for i in range(per_type)] for kind in RELATIONS}
    for kind, names in sorted(keys.items()):
        for key in names:
            name = key.partition("/")[2]
            graph.add_node(
                key,
                type=kind,
                id=key,
                name=name,
                aliases=[name.upper()],
                vocab_id=None,
                url=None,
                paper_count=0,
            )
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(per_type)))
    for p in range(papers):
        linked = set()
        for _ in range(5):
            kind = rng.choice(sorted(RELATIONS))
            target = rng.choices(keys[kind], cum_weights=cumulative)[0]
            if target in linked:
                continue
            linked.add(target)
            evidence = [
                {
                    "text": "model",
                    "field": "abstract",
                    "start": 30,
                    "end": 35,
                    "sentence": sentence,
                    "rule": "gazetteer",
                }
            ]
            graph.add_edge(
                f"paper/2401.{p:05d}",
                target,
                key=RELATIONS[kind],
                relation=RELATIONS[kind],
                proposed=False,
                evidence=evidence,
            )
            graph.nodes[target]["paper_count"] += 1
        for a, b in product(sorted(linked), repeat=2):
            if (a.partition("/")[0], b.partition("/")[0]) in CO_OCCURS:
                if graph.has_edge(a, b, "co_occurs"):
                    graph.edges[a, b, "co_occurs"]["count"] += 1
                else:
                    graph.add_edge(a, b, key="co_occurs", relation="co_occurs", count=1, papers=[])
    return graph


def first_paint(browser: Browser, path: Path) -> tuple[float, float, int, int]:
    """Open ``path``; return the page's first paint (s), the wall time until then (s), the
    nodes drawn and the console errors or blocked requests."""
    page = browser.new_page()
    start = time.perf_counter()
    page.navigate(path.as_uri(), timeout=300)
    page.wait_for(READY, timeout=300)
    wall = time.perf_counter() - start
    paint = page.evaluate("graphkitView.readyAt") / 1000
    drawn = page.evaluate("graphkitView.data.canvas")
    problems = len(page.errors) + len(page.blocked)
    page.close()
    return paint, wall, drawn, problems


def measure(browser: Browser, name: str, graph: nx.MultiDiGraph, path: Path, **options) -> dict:
    """Build the page of ``graph`` and open it; print one line and return its figures."""
    start = time.perf_counter()
    write_html(graph, path, **options)
    build = time.perf_counter() - start
    paint, wall, drawn, problems = first_paint(browser, path)
    papers = sum(1 for _, kind in graph.nodes(data="type") if kind == "paper")
    print(
        f"{name:14} papers={papers:>7} nodes={graph.number_of_nodes():>8} drawn={drawn:>5} "
        f"build={build:6.2f}s first_paint={paint:5.2f}s wall={wall:5.2f}s "
        f"size={path.stat().st_size / 1e6:5.1f}MB problems={problems}",
        flush=True,
    )
    return {f"build_{name}_s": round(build, 2), f"paint_{name}_s": round(paint, 2)}


def main() -> None:
    """Print build time and first paint per graph; the last line is key=value."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", action="store_true", help="the bundled sample's graph")
    parser.add_argument("--papers", type=int, nargs="*", default=[], help="synthetic builds")
    parser.add_argument("--sizes", type=int, nargs="*", default=[], help="synthetic node counts")
    args = parser.parse_args()
    results: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        Browser(Path(tmp) / "profile", width=1400, height=900) as browser,
    ):
        if args.sample:
            from graphkit.run.pipeline import build

            results.update(measure(browser, "sample", build().graph, Path(tmp) / "sample.html"))
        for papers in args.papers:
            start = time.perf_counter()
            graph = synthetic_graph(papers * 5, papers=papers)
            print(f"generated {papers:,} papers in {time.perf_counter() - start:.0f}s", flush=True)
            results.update(measure(browser, f"papers{papers}", graph, Path(tmp) / "p.html"))
            del graph
        for size in args.sizes:
            graph = synthetic_graph(size)
            for view, large in (("default", None), ("whole", 10**9)):
                path = Path(tmp) / f"{size}-{view}.html"
                options = {"large": large} if large else {}
                results.update(measure(browser, f"{view}{size}", graph, path, **options))
    print(" ".join(f"{key}={value}" for key, value in results.items()))


if __name__ == "__main__":
    main()
