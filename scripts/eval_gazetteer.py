"""Score the gazetteer alone on a gold set: blank English pipeline plus ``graphkit_gazetteer``.

Each paper's candidate spans are folded into one entity per type and
vocabulary entry, and scored by the annotation guidelines' rules. For the
mention-level benchmarks (``--benchmark``) only recall is meaningful.

    python scripts/eval_gazetteer.py ../shared/annotation/dev.jsonl
    python scripts/eval_gazetteer.py --benchmark ../shared/benchmarks/tdmsci/test.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import spacy

from graphkit.evaluation.scoring import score
from graphkit.extract.gazetteer import SPANS_KEY
from graphkit.keys import fold


def records(path: Path, benchmark: bool) -> list[dict[str, Any]]:
    """Read gold records; benchmark mentions become one entity per folded name and type."""
    result = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if benchmark:
                entities: dict[tuple[str, str], dict[str, Any]] = {}
                for m in record["entities"]:
                    entities.setdefault(
                        (m["type"], fold(m["text"])),
                        {"name": m["text"], "type": m["type"], "aliases": []},
                    )
                record["entities"] = list(entities.values())
            result.append(record)
    return result


def predict(nlp: spacy.Language, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Run the pipeline on title and abstract; one entity per type and vocabulary entry."""
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    for field in ("title", "abstract"):
        doc = nlp(record.get(field) or "")
        for span in doc.spans.get(SPANS_KEY, []):
            key = (span.label_.lower(), span.kb_id_)
            entity = entities.setdefault(key, {"name": span.text, "type": key[0], "aliases": []})
            if span.text != entity["name"] and span.text not in entity["aliases"]:
                entity["aliases"].append(span.text)
    return list(entities.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument(
        "--benchmark", action="store_true", help="gold is a mention-level benchmark: report recall"
    )
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        help="print the N most frequent false positives and negatives",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_gazetteer")
    built = time.perf_counter() - started
    gold = records(args.gold, args.benchmark)
    pred = {r["id"]: predict(nlp, r) for r in gold}
    report = score(gold, pred)
    print(f"pipeline built in {built:.2f}s; {len(gold)} records")
    for etype, counts in report.per_type.items():
        if counts.tp + counts.fn + counts.fp:
            print(
                f"{etype:8s} P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}"
                f"  (tp {counts.tp}, fp {counts.fp}, fn {counts.fn})"
            )
    micro = report.micro
    print(f"{'micro':8s} P {micro.precision:.3f}  R {micro.recall:.3f}  F1 {micro.f1:.3f}")
    if args.errors:
        for kind in ("fp", "fn"):
            tally = Counter((e["type"], e["name"]) for e in report.errors if e["kind"] == kind)
            print(kind, "; ".join(f"{t}:{n} x{c}" for (t, n), c in tally.most_common(args.errors)))
    return 0


if __name__ == "__main__":
    import graphkit.extract.gazetteer  # noqa: F401  (registers the component)

    sys.exit(main())
