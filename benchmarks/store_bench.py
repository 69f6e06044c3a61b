"""Measure the query API from the in-memory graph and from the store of the same build.

python benchmarks/store_bench.py --abstracts 20000

Builds N generated abstracts (those of ``bench.py``) with ``graphkit build --store``
(``store_load_s``: the build's store phase, bulk-loading its RDF), then times, in fresh
processes taking turns (graph, store, graph, store, ...), opening each source (``open_s``:
``graphkit.load`` of ``graph.json``, or opening the store) and each query (the median of
``--repeat`` runs in one process), with the peak memory (max RSS) of each process. The
figures of a source are the medians over its ``--rounds`` processes; the last line is
``key=value`` pairs for scripts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import _phases, _run, _write_input

QUERIES: dict[str, Callable[[Any, dict[str, str]], Any]] = {
    "stats": lambda g, a: g.stats(),
    "papers": lambda g, a: g.papers(),
    "papers_using": lambda g, a: g.papers(using=a["method"]),
    "entities": lambda g, a: g.entities("method"),
    "top": lambda g, a: g.top("dataset", 10),
    "entity": lambda g, a: g.entity(a["method"]),
    "related": lambda g, a: g.related(a["method"], n=10),
    "evidence": lambda g, a: g.evidence(a["dataset"]),
    "results": lambda g, a: g.results(dataset=a["dataset"]),
    "leaderboard": lambda g, a: g.leaderboard(dataset=a["dataset"]),
}
"""The queries timed, each given the source and the names it asks about."""


def child(source: str, path: str, names: dict[str, str], repeat: int) -> None:
    """Open one source, time each query ``repeat`` times and print the medians as JSON."""
    import graphkit
    from graphkit.graph.store_queries import StoreGraph

    start = time.perf_counter()
    graph = graphkit.load(path) if source == "graph" else StoreGraph(path)
    figures = {"open_s": time.perf_counter() - start}
    for name, query in QUERIES.items():
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            query(graph, names)
            times.append(time.perf_counter() - start)
        figures[f"{name}_ms"] = statistics.median(times) * 1000
    figures["rss_mb"] = _high_water_mb()
    print(json.dumps(figures))


def _high_water_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``: unlike ``ru_maxrss``, not
    inherited from the parent that forked it)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _names(graph_json: Path) -> dict[str, str]:
    """The ids of the most used method and of the dataset with the most results: what the
    queries ask (ids, as a name may name entities of several types)."""
    import graphkit

    kg = graphkit.load(graph_json)
    datasets = kg.top("dataset", 20)
    dataset = max(datasets, key=lambda e: (len(kg.results(dataset=e["id"])), e["paper_count"]))
    return {"method": kg.top("method", 1)[0]["id"], "dataset": dataset["id"]}


def measure(count: int, workers: int, rounds: int, repeat: int) -> dict[str, float]:
    """Build ``count`` abstracts with a store, then time both sources in alternating
    processes."""
    with tempfile.TemporaryDirectory() as tmp:
        source = _write_input(Path(tmp) / "papers.jsonl", count)
        out = Path(tmp) / "out"
        command = ["build", str(source), "-o", str(out), "--store", str(out / "store")]
        run = _run([*command, "--workers", str(workers)])
        phases = _phases(run.output)
        figures = {"build_s": run.seconds, "store_load_s": phases.get("store", float("nan"))}
        names = _names(out / "graph.json")
        paths = {"graph": str(out / "graph.json"), "store": str(out / "store")}
        runs: dict[str, list[dict[str, float]]] = {"graph": [], "store": []}
        for _ in range(rounds):
            for kind in ("graph", "store"):
                line = subprocess.run(
                    [
                        *(sys.executable, __file__, "--child", kind, paths[kind]),
                        *(json.dumps(names), "--repeat", str(repeat)),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                runs[kind].append(json.loads(line))
    for kind, found in runs.items():
        for key in found[0]:
            figures[f"{kind}_{key}"] = statistics.median(run[key] for run in found)
    return figures


def main() -> None:
    """Parse the flags, run the benchmark, print the table and the key=value line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=20000, help="abstracts to generate")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--rounds", type=int, default=3, help="processes per source")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query per process")
    parser.add_argument("--child", nargs=3, metavar=("SOURCE", "PATH", "NAMES"), help="internal")
    args = parser.parse_args()
    if args.child:
        kind, path, names = args.child
        child(kind, path, json.loads(names), args.repeat)
        return
    figures = measure(args.abstracts, args.workers, args.rounds, args.repeat)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>12.2f}")
    print(f"abstracts={args.abstracts} " + " ".join(f"{k}={v:.3g}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
