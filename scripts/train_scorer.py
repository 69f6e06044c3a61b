"""Train the candidate scorer (graphkit/link/scorer.py) on gold sets annotated by the guidelines.

python scripts/train_scorer.py ../shared/annotation/dev.jsonl ../shared/annotation/dev2.jsonl
python scripts/train_scorer.py GOLD... --out weights.json   # also write the fitted weights
python scripts/train_scorer.py GOLD... --benchmark-dir ../shared/benchmarks

The extractor runs on the gold papers with the scorer off; each entity it
proposes is labelled right or wrong by the guidelines' matching, and a
logistic regression (L2, fitted by Newton's method in numpy) learns to tell
them apart from the features of ``graphkit.link.scorer.features``.

Every figure printed is measured on papers the model did not train on:
``cv`` is cross-validation by paper (each paper's entities are scored by a
model trained on the other folds, its threshold chosen by an inner
cross-validation on those folds), and ``A -> B`` trains on gold file A and
scores gold file B. ``rules`` is the extractor without the scorer. The
weights written with ``--out`` are fitted on all the papers given; use them with
``Linker(scorer=Scorer.load(path))``. ``--benchmark-dir`` adds the train splits
of the public benchmarks to every training fold, for the types they label like
the guidelines (they are never scored).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graphkit.evaluation.evaluate import benchmark_key, gold_papers, read_gold, read_jsonl
from graphkit.evaluation.scoring import Report, judged, score
from graphkit.link import Linker
from graphkit.link.scorer import Scorer, features
from graphkit.models import Paper
from graphkit.run.extractor import Extractor
from graphkit.types import URL_TYPES

FOLDS = 5
MIN_COUNT = 2
"""A feature seen on fewer training entities than this is left out."""
L2 = 1.0
THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.81, 0.05)]
BENCHMARK_TYPES = {
    "scierc": ("method", "metric", "task"),
    "scirex": ("method", "dataset", "metric", "task"),
    "tdmsci": ("dataset", "metric", "task"),
}
"""The train split of each public benchmark, and the types whose labels map onto the
guidelines (SciERC's Material is not a dataset; TDMSci tags no methods)."""


class Sample:
    """One proposed entity: its paper, its record, its features and whether it is right."""

    def __init__(self, paper: str, record: dict[str, Any], names: list[str], right: bool) -> None:
        self.paper = paper
        self.record = record
        self.names = names
        self.right = right


def collect(path: str, extractor: Extractor) -> tuple[list[dict[str, Any]], list[Sample]]:
    """The gold records of a file and the entities the rules propose for its papers."""
    gold = read_gold(path)
    linker = Linker(extractor.vocabulary, weak_rules=extractor.finder.table.weak)
    by_id = {str(r["id"]): r for r in gold}
    samples = []
    for found in extractor.finder.find(gold_papers(gold)):
        entities = linker.entities(found.mentions, found.abbreviations)
        records = {id(e): e.to_dict() for e in entities}
        verdicts = {
            id(record): right
            for record, right in judged(by_id[found.paper.id]["entities"], records.values())
        }
        for entity in entities:
            record = records[id(entity)]
            known = linker.lookup(entity.type, entity.name) is not None
            right = verdicts.get(id(record), False)
            samples.append(Sample(found.paper.id, record, features(entity, known=known), right))
    return gold, samples


def collect_benchmark(name: str, directory: str, extractor: Extractor) -> list[Sample]:
    """The entities the rules propose for a benchmark's train split, of the types it labels
    like the guidelines: right when a gold mention of the type folds to its name or an alias
    (``benchmark_key``)."""
    types = BENCHMARK_TYPES[name]
    records = [r for _, r in read_jsonl(Path(directory) / name / "train.jsonl")]
    linker = Linker(extractor.vocabulary, weak_rules=extractor.finder.table.weak)
    papers = (
        Paper(id=f"{name}:{r['id']}", title=r.get("title") or "", abstract=r["abstract"])
        for r in records
    )
    samples = []
    for record, found in zip(records, extractor.finder.find(papers), strict=True):
        gold: dict[str, set[str]] = {}
        for m in record.get("entities") or []:
            gold.setdefault(m["type"], set()).add(benchmark_key(m["text"]))
        for entity in linker.entities(found.mentions, found.abbreviations):
            if entity.type not in types:
                continue
            forms = {benchmark_key(f) for f in (entity.name, *entity.aliases)}
            known = linker.lookup(entity.type, entity.name) is not None
            right = bool(forms & gold.get(entity.type, set()))
            samples.append(
                Sample(found.paper.id, entity.to_dict(), features(entity, known=known), right)
            )
    return samples


def fit(samples: Sequence[Sample], l2: float = L2) -> Scorer:
    """A logistic regression over the samples' features (URL types excluded)."""
    rows = [s for s in samples if s.record["type"] not in URL_TYPES]
    counts: dict[str, int] = {}
    for s in rows:
        for name in set(s.names):
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for r, s in enumerate(rows):
        for name in s.names:
            if name in index:
                x[r, index[name]] = 1.0
    y = np.array([1.0 if s.right else 0.0 for s in rows])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = {n: round(float(w[i]), 4) for n, i in index.items() if abs(w[i]) >= 1e-4}
    return Scorer(weights, round(float(w[-1]), 4))


def kept(samples: Sequence[Sample], scorer: Scorer | None) -> dict[str, list[dict[str, Any]]]:
    """The predictions per paper that the scorer keeps (all without a scorer)."""
    pred: dict[str, list[dict[str, Any]]] = {}
    for s in samples:
        keep = (
            scorer is None
            or s.record["type"] in URL_TYPES
            or scorer.probability(s.names) >= scorer.threshold
        )
        if keep:
            pred.setdefault(s.paper, []).append(s.record)
    return pred


def folds(samples: Sequence[Sample], k: int) -> list[set[str]]:
    """The papers of ``k`` folds, assigned by a hash of the paper id (deterministic)."""
    papers = sorted({s.paper for s in samples})
    parts: list[set[str]] = [set() for _ in range(k)]
    for paper in papers:
        parts[int(hashlib.sha1(paper.encode()).hexdigest(), 16) % k].add(paper)
    return parts


def choose_threshold(
    samples: Sequence[Sample], gold: list[dict[str, Any]], l2: float, extra: Sequence[Sample] = ()
) -> float:
    """The threshold with the best micro-F1 in a cross-validation over ``samples``."""
    chosen = cross_validated(samples, l2, inner=False, extra=extra)
    best, best_f1 = 0.5, -1.0
    for threshold in THRESHOLDS:
        pred: dict[str, list[dict[str, Any]]] = {}
        for s, p in chosen:
            if s.record["type"] in URL_TYPES or p >= threshold:
                pred.setdefault(s.paper, []).append(s.record)
        f1 = score(gold, pred).micro.f1
        if f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, f1
    return best


def cross_validated(
    samples: Sequence[Sample],
    l2: float,
    *,
    inner: bool,
    gold: list[dict[str, Any]] | None = None,
    extra: Sequence[Sample] = (),
) -> list[tuple[Sample, float]]:
    """Each sample with the probability of a model trained on the other folds; with
    ``inner``, each sample's keep decision (1.0 or 0.0) by that model and a threshold chosen
    on the other folds alone. ``extra`` samples (other corpora) are in every training fold
    and never scored."""
    result = []
    for part in folds(samples, FOLDS):
        train = [s for s in samples if s.paper not in part]
        model = fit([*train, *extra], l2)
        if inner and gold is not None:
            train_gold = [g for g in gold if str(g["id"]) not in part]
            model.threshold = choose_threshold(train, train_gold, l2, extra)
        for s in samples:
            if s.paper in part:
                p = model.probability(s.names)
                result.append((s, float(p >= model.threshold) if inner else p))
    return result


def line(name: str, report: Report) -> str:
    """One row of figures."""
    m = report.micro
    types = " ".join(f"{t} {c.f1:.3f}" for t, c in report.per_type.items())
    return (
        f"{name:22s} P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f} | {types} | "
        f"proposed acc {report.proposed_accuracy:.3f} recall {report.proposed_recall:.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", help="gold files (JSON lines, GUIDELINES.md)")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty (default %(default)s)")
    parser.add_argument("--out", metavar="FILE", help="write the weights fitted on all papers")
    parser.add_argument(
        "--benchmark-dir",
        metavar="DIR",
        help="also train on the train splits of scierc/, scirex/, tdmsci/ in DIR",
    )
    args = parser.parse_args(argv)
    extractor = Extractor()
    sets = {Path(path).name: collect(path, extractor) for path in args.gold}
    everything = [s for _, samples in sets.values() for s in samples]
    all_gold = [g for gold, _ in sets.values() for g in gold]
    extra: list[Sample] = []
    if args.benchmark_dir:
        for name in BENCHMARK_TYPES:
            extra.extend(collect_benchmark(name, args.benchmark_dir, extractor))
        print(f"benchmark samples {len(extra)}, right {sum(s.right for s in extra)}")
    decided = cross_validated(everything, args.l2, inner=True, gold=all_gold, extra=extra)
    cv_pred: dict[str, list[dict[str, Any]]] = {}
    for s, keep in decided:
        if s.record["type"] in URL_TYPES or keep:
            cv_pred.setdefault(s.paper, []).append(s.record)
    for name, (gold, samples) in sets.items():
        print(line(f"{name} rules", score(gold, kept(samples, None))))
        print(line(f"{name} cv", score(gold, cv_pred)))
    for name, (gold, samples) in sets.items():
        for other, (_, train) in sets.items():
            if other != name:
                model = fit([*train, *extra], args.l2)
                model.threshold = choose_threshold(train, sets[other][0], args.l2, extra)
                print(line(f"{other} -> {name}", score(gold, kept(samples, model))))
    model = fit([*everything, *extra], args.l2)
    model.threshold = choose_threshold(everything, all_gold, args.l2, extra)
    print(f"features {len(model.weights)}, threshold {model.threshold}")
    if args.out:
        Path(args.out).write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
