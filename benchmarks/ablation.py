"""What each candidate component of the extractor buys and costs.

python benchmarks/ablation.py --gold ../shared/annotation/dev.jsonl --abstracts 4000

For the full pipeline and for the pipeline without each candidate
component (``graphkit_gazetteer``, ``graphkit_urls``, ``graphkit_patterns``,
``graphkit_abbreviations``) and for the vocabularies and links alone (``lists_only``: no
patterns, no abbreviations), it prints the scores on a gold set (micro and
per-type F1) and the single-process extraction rate on N generated abstracts
(``bench.py``'s text), as a ratio to the tokenizer floor (``make_doc`` of a
fresh ``spacy.blank("en")``) measured in the same turns. The variants and the
floor take the text in turn, a segment at a time in rotating order, so drift
on a shared machine slows all alike. The resolver (``graphkit_entities``)
stays in every variant: it turns candidates into the entities that are scored.

The last line is ``key=value`` pairs: ``<variant>_ratio`` and ``<variant>_f1``
for each variant (``full``, ``no_gazetteer``, ...).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench import generate

from graphkit.extract import COMPONENTS
from graphkit.models import Paper
from graphkit.run.extractor import Extractor

OPTIONAL = COMPONENTS[:-1]
"""The components that only add candidates: the pipeline runs without any one of them."""
SEGMENT = 512
"""Papers per turn."""


RULES = ("graphkit_patterns", "graphkit_abbreviations")
"""The components that find names no vocabulary lists."""


def variants() -> dict[str, Extractor]:
    """The full extractor, one without each optional component, and one with the
    vocabularies and links alone (no rules), by name."""
    removed = {"full": ()}
    removed.update({"no_" + c.removeprefix("graphkit_"): (c,) for c in OPTIONAL})
    removed["lists_only"] = RULES
    extractors = {}
    for name, components in removed.items():
        extractor = Extractor()
        for component in components:
            extractor.nlp.remove_pipe(component)
        extractors[name] = extractor
    return extractors


def scores(extractors: dict[str, Extractor], gold: Path) -> dict[str, dict[str, float]]:
    """Micro and per-type F1 of each variant on the gold set."""
    from graphkit.evaluation.evaluate import evaluate_gold

    result: dict[str, dict[str, float]] = {}
    for name, extractor in extractors.items():
        report = evaluate_gold(gold, extractor=extractor)
        row = {"f1": report.micro.f1, "precision": report.micro.precision}
        row["recall"] = report.micro.recall
        row.update({f"{etype}_f1": counts.f1 for etype, counts in report.per_type.items()})
        result[name] = row
    return result


def rates(extractors: dict[str, Extractor], papers: list[Paper]) -> dict[str, float]:
    """Seconds each variant and the floor take on ``papers``, timed in rotating turns."""
    import spacy

    blank = spacy.blank("en")
    warmup = list(generate(256, seed=2))
    for extractor in extractors.values():
        list(extractor.extract(warmup))
    for paper in warmup:
        blank.make_doc(paper.title)
        blank.make_doc(paper.abstract)

    def floor(segment: list[Paper]) -> None:
        for paper in segment:
            blank.make_doc(paper.title)
            blank.make_doc(paper.abstract)

    steps = {"floor": floor}
    for name, extractor in extractors.items():
        steps[name] = lambda segment, e=extractor: sum(1 for _ in e.extract(segment))
    names = list(steps)
    seconds = dict.fromkeys(names, 0.0)
    for number, start in enumerate(range(0, len(papers), SEGMENT)):
        segment = papers[start : start + SEGMENT]
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            began = time.perf_counter()
            steps[name](segment)
            seconds[name] += time.perf_counter() - began
    return seconds


def main() -> None:
    """Parse the flags, measure every variant, print the table and the key=value line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="gold set (JSON Lines)")
    parser.add_argument("--abstracts", type=int, default=4000, help="abstracts to generate")
    args = parser.parse_args()
    if not args.gold.is_file():
        raise SystemExit(f"{args.gold}: no such gold file")
    extractors = variants()
    quality = scores(extractors, args.gold)
    seconds = rates(extractors, list(generate(args.abstracts)))
    types = [k for k in quality["full"] if k.endswith("_f1")]
    header = ["variant", "ratio", "us/paper", "P", "R", "F1", *types]
    print("  ".join(f"{h:>14}" for h in header))
    pairs = []
    for name in extractors:
        ratio = seconds["floor"] / seconds[name]
        row = quality[name]
        cells = [name, f"{ratio:.3f}", f"{seconds[name] / args.abstracts * 1e6:.0f}"]
        cells += [f"{row[k]:.3f}" for k in ("precision", "recall", "f1", *types)]
        print("  ".join(f"{c:>14}" for c in cells))
        pairs += [f"{name}_ratio={ratio:.3g}", f"{name}_f1={row['f1']:.3g}"]
    print(" ".join(pairs))


if __name__ == "__main__":
    main()
