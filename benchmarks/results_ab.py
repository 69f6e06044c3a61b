"""What the results component costs: extraction with and without ``graphkit_results``.

python benchmarks/results_ab.py --abstracts 600 --rounds 10

Each round starts two fresh processes, one whose extractor has the full
pipeline and one with ``graphkit_results`` removed, in alternating order; both
take the same generated abstracts (``bench.py``'s text) after the same
warm-up, and report the CPU seconds of the extraction. The process with the
component also times the component alone over docs the rest of the pipeline
has made, and the part of it that finds where each doc may hold a number (the
text test and the number-flag array, ``flags``). The figures are medians over
the rounds; ``paired_ratio`` is the median of each round's with / without
ratio, which a machine whose speed drifts disturbs least; ``flags_share`` is
the median of each round's flags / component.

The extractor is set up as ``graphkit extract`` sets up its own
(``RenewingExtractor``): once it is built, ``gc.freeze()`` keeps the
collector from walking the pipeline. ``--unfrozen`` leaves that out, as the
script did before: then each full collection walks the pipeline's objects,
and the variant that allocates more (the one with the component) pays for
more of those walks.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time

from bench import generate

from graphkit.extract import run_pipeline
from graphkit.extract.results.candidates import may_hold_number, number_spans
from graphkit.run.extractor import Extractor

VARIANTS = ("with", "without")
"""The two extractors: the full pipeline, and the pipeline less ``graphkit_results``."""


def child(variant: str, count: int, *, frozen: bool = True) -> dict[str, float]:
    """In a fresh process: the CPU seconds of extracting ``count`` generated abstracts with
    the ``variant`` extractor (and, with the component, of the component alone); ``frozen``
    freezes the pipeline's objects out of the collector's sight, as ``graphkit extract``
    does."""
    papers = list(generate(count))
    extractor = Extractor()
    if variant == "without":
        extractor.nlp.remove_pipe("graphkit_results")
    if frozen:
        gc.collect()
        gc.freeze()
    list(extractor.extract(generate(128, seed=7)))
    began = time.process_time()
    list(extractor.extract(papers))
    figures = {"extract_s": time.process_time() - began}
    if variant == "with":
        texts = [t for p in papers for t in (p.title, p.abstract)]
        component = extractor.nlp.get_pipe("graphkit_results")
        with extractor.nlp.select_pipes(disable=["graphkit_results"]):
            docs = run_pipeline(extractor.nlp, texts)
        began = time.process_time()
        for doc in docs:
            component(doc)
        figures["component_s"] = time.process_time() - began
        began = time.process_time()
        for doc, text in zip(docs, texts, strict=True):
            if may_hold_number(text):
                number_spans(doc)
        figures["flags_s"] = time.process_time() - began
    return figures


def run_child(variant: str, count: int, *, frozen: bool = True) -> dict[str, float]:
    """Run :func:`child` in a new interpreter and read its figures."""
    command = [sys.executable, __file__, "--child", variant, "--abstracts", str(count)]
    if not frozen:
        command.append("--unfrozen")
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def measure(count: int, rounds: int, *, frozen: bool = True) -> dict[str, float]:
    """The medians over ``rounds`` rounds of fresh processes in alternating order."""
    times: dict[str, list[float]] = {"with": [], "without": [], "component": [], "flags": []}
    for number in range(rounds):
        for variant in VARIANTS if number % 2 == 0 else VARIANTS[::-1]:
            figures = run_child(variant, count, frozen=frozen)
            times[variant].append(figures["extract_s"])
            if "component_s" in figures:
                times["component"].append(figures["component_s"])
                times["flags"].append(figures["flags_s"])
    result = {f"{name}_s": statistics.median(values) for name, values in times.items()}
    result["ratio"] = result["with_s"] / result["without_s"]
    result["paired_ratio"] = statistics.median(
        w / o for w, o in zip(times["with"], times["without"], strict=True)
    )
    result["component_share"] = statistics.median(
        c / o for c, o in zip(times["component"], times["without"], strict=True)
    )
    result["flags_share"] = statistics.median(
        f / c for f, c in zip(times["flags"], times["component"], strict=True)
    )
    return result


def main() -> None:
    """Parse the flags, measure, print ``key=value`` pairs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=600, help="abstracts to generate")
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds")
    parser.add_argument(
        "--unfrozen",
        action="store_true",
        help="leave the pipeline's objects to the garbage collector (no gc.freeze)",
    )
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.abstracts, frozen=not args.unfrozen)))
        return
    figures = measure(args.abstracts, args.rounds, frozen=not args.unfrozen)
    print(" ".join(f"{key}={value:.3g}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
