"""Measure the HTML view: build time in Python and settle time in headless chromium.

For synthetic graphs (docs/graph-model.md) of 500, 2,000 and 10,000 nodes it writes the default
view (whole graph up to 1,000 nodes, else the top entities) and the whole-graph view, opens each
in chromium and times from navigation to the first drawn frame with positions in place.

python benchmarks/html_bench.py [--sizes 500 2000 10000]
"""

from __future__ import annotations

import argparse
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


def synthetic_graph(nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """About ``nodes`` nodes: a fifth papers, the rest entities whose popularity is skewed
    (a few are in many papers), five links per paper, with co_occurs edges derived."""
    rng = random.Random(seed)
    papers = max(1, nodes // 5)
    per_type = (nodes - papers) // len(RELATIONS)
    graph = nx.MultiDiGraph(name=f"bench {nodes}", created_by="graphkit bench")
    sentence = "We evaluate the proposed model on several benchmarks and report strong results."
    for p in range(papers):
        pid = f"2401.{p:05d}"
        graph.add_node(
            f"paper/{pid}",
            type="paper",
            id=pid,
            title=f"A study of synthetic topic number {p}",
            abstract=sentence,
            date="2024-01-15",
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
    weights = [1 / (i + 1) for i in range(per_type)]
    for p in range(papers):
        linked = set()
        for _ in range(5):
            kind = rng.choice(sorted(RELATIONS))
            target = rng.choices(keys[kind], weights)[0]
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


def main() -> None:
    """Print build and settle times per graph size and view; the last line is key=value."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    args = parser.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, Browser(Path(tmp) / "profile") as browser:
        for size in args.sizes:
            graph = synthetic_graph(size)
            for view, large in (("default", None), ("whole", 10**9)):
                path = Path(tmp) / f"{size}-{view}.html"
                start = time.perf_counter()
                write_html(graph, path, **({"large": large} if large else {}))
                build = time.perf_counter() - start
                page = browser.new_page()
                start = time.perf_counter()
                page.navigate(path.as_uri(), timeout=300)
                page.wait_for(READY, timeout=300)
                settle = time.perf_counter() - start
                drawn = page.evaluate("graphkitView.data.canvas")
                errors = len(page.errors) + len(page.blocked)
                page.close()
                print(
                    f"nodes={graph.number_of_nodes():>6} view={view:7} drawn={drawn:>6} "
                    f"build={build:6.2f}s settle={settle:6.2f}s "
                    f"size={path.stat().st_size / 1e6:5.1f}MB problems={errors}",
                    flush=True,
                )
                results[f"build_{view}_{size}_s"] = round(build, 2)
                results[f"settle_{view}_{size}_s"] = round(settle, 2)
    print(" ".join(f"{key}={value}" for key, value in results.items()))


if __name__ == "__main__":
    main()
