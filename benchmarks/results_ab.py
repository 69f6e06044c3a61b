"""What the results component costs: extraction with and without ``graphkit_results``.

python benchmarks/results_ab.py --abstracts 600 --rounds 15

Two extractors take the same generated abstracts (``bench.py``'s text) in
alternating rounds, one with the full pipeline and one with
``graphkit_results`` removed; a third timing runs the component alone over
docs the rest of the pipeline has made. CPU seconds per round; the figures
are medians, and ``paired_ratio`` is the median of each round's
with / without ratio, which a machine whose speed drifts disturbs least.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bench import generate

from graphkit.extract import run_pipeline
from graphkit.run.extractor import Extractor


def measure(count: int, rounds: int) -> dict[str, float]:
    """The median CPU seconds of each timing over ``rounds`` alternating rounds, and ratios."""
    papers = list(generate(count))
    full, without = Extractor(), Extractor()
    without.nlp.remove_pipe("graphkit_results")
    warmup = list(generate(128, seed=7))
    for extractor in (full, without):
        list(extractor.extract(warmup))
    texts = [t for p in papers for t in (p.title, p.abstract)]
    component = full.nlp.get_pipe("graphkit_results")
    with full.nlp.select_pipes(disable=["graphkit_results"]):
        docs = run_pipeline(full.nlp, texts)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("with", lambda: list(full.extract(papers))),
        ("without", lambda: list(without.extract(papers))),
        ("component", lambda: [component(doc) for doc in docs]),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    for number in range(rounds):
        for name, step in steps if number % 2 == 0 else steps[::-1]:
            began = time.process_time()
            step()
            times[name].append(time.process_time() - began)
    figures = {f"{name}_s": statistics.median(values) for name, values in times.items()}
    figures["ratio"] = figures["with_s"] / figures["without_s"]
    figures["paired_ratio"] = statistics.median(
        w / o for w, o in zip(times["with"], times["without"], strict=True)
    )
    figures["component_share"] = figures["component_s"] / figures["without_s"]
    return figures


def main() -> None:
    """Parse the flags, measure, print ``key=value`` pairs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=600, help="abstracts to generate")
    parser.add_argument("--rounds", type=int, default=15, help="alternating rounds")
    args = parser.parse_args()
    figures = measure(args.abstracts, args.rounds)
    print(" ".join(f"{key}={value:.3g}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
