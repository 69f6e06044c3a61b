"""Measure RDF export speed (triples/s) on a synthetic graph that follows docs/graph-model.md.

python benchmarks/rdf_bench.py --papers 2000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphkit.export.rdf import write_rdf
from graphkit.export.store import load_graph, open_store

RELATIONS = {"method": "uses", "dataset": "evaluates_on", "metric": "measures", "task": "addresses"}


def synthetic_graph(papers: int, entities: int, links: int, seed: int = 0) -> nx.MultiDiGraph:
    """``papers`` papers, ``entities`` entities of each type, ``links`` links per paper."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(name="bench", created_by="graphkit bench")
    keys = {kind: [f"{kind}/{kind}-{i}" for i in range(entities)] for kind in RELATIONS}
    sentence = "We evaluate the proposed model on several benchmarks and report strong results."
    for p in range(papers):
        pid = f"2401.{p:05d}"
        graph.add_node(
            f"paper/{pid}",
            type="paper",
            id=pid,
            title=f"Paper number {p}",
            abstract=sentence * 8,
            date="2024-01-15",
            authors=["Ada Lovelace", "Alan Turing"],
            author_count=2,
            url=f"https://huggingface.co/papers/{pid}",
            arxiv_id=pid,
            doi=None,
            source="bench",
        )
    for kind, names in keys.items():
        for key in names:
            name = key.partition("/")[2]
            graph.add_node(
                key,
                type=kind,
                id=key,
                name=name,
                aliases=[name.upper()],
                vocab_id=f"pwc:{name}",
                url=None,
                paper_count=1,
            )
    for p in range(papers):
        for _ in range(links):
            kind = rng.choice(list(RELATIONS))
            target = rng.choice(keys[kind])
            start = rng.randrange(0, 500)
            evidence = [
                {
                    "text": "model",
                    "field": "abstract",
                    "start": start,
                    "end": start + 5,
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
    return graph


def main() -> None:
    """Build the graph; export N-Triples and Turtle, load a store; print triples per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--entities", type=int, default=500)
    parser.add_argument("--links", type=int, default=4)
    args = parser.parse_args()
    graph = synthetic_graph(args.papers, args.entities, args.links)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("nt", "ttl"):
            path = Path(tmp) / f"graph.{fmt}"
            start = time.perf_counter()
            count = write_rdf(graph, path, fmt)
            seconds = time.perf_counter() - start
            print(
                f"{fmt:5} {count:>9,} triples  {seconds:6.2f} s  "
                f"{count / seconds:>10,.0f} triples/s  {path.stat().st_size / 1e6:6.1f} MB"
            )
        start = time.perf_counter()
        _, count = load_graph(open_store(Path(tmp) / "store"), graph)
        seconds = time.perf_counter() - start
        print(f"store {count:>9,} triples  {seconds:6.2f} s  {count / seconds:>10,.0f} triples/s")


if __name__ == "__main__":
    main()
