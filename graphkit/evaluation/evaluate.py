"""Quality measurement: score extractions against gold sets and public benchmarks.

- ``evaluate_gold``: entity sets per paper against a gold file annotated by
  the guidelines (precision, recall, F1 per type, and ``proposed`` accuracy),
  from a predictions file or by running the extractor on the gold papers.
- ``benchmark_recall``: mention-level benchmarks (SciERC, SciREX, TDMSci),
  each document's mentions folded into a set per type; only recall is
  meaningful, because those schemes also tag generic phrases.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import InputError
from graphkit.evaluation.scoring import Counts, Report, score
from graphkit.keys import fold
from graphkit.models import ENTITY_TYPES, Paper

BENCHMARKS: dict[str, str] = {"scierc": "test", "scirex": "dev", "tdmsci": "test"}
"""The public benchmarks and the split scored by default."""


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, record) of a JSON-lines file; raise InputError on a bad line."""
    where = str(path)
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not valid JSON ({exc.msg})", where, number) from exc
            if not isinstance(record, dict) or "id" not in record:
                raise InputError("expected a JSON object with an 'id'", where, number)
            yield number, record


def read_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read a gold file: one paper per line with ``id``, ``title``, ``abstract``, ``entities``."""
    records = []
    for number, record in read_jsonl(path):
        entities = record.get("entities")
        if not isinstance(entities, list) or not all(
            isinstance(e, dict) and "name" in e and "type" in e for e in entities
        ):
            raise InputError(
                "'entities' must be a list of objects with name and type", str(path), number
            )
        records.append(record)
    return records


def read_predictions(path: str | os.PathLike[str]) -> dict[str, list[dict[str, Any]]]:
    """Read extractions (``graphkit extract`` output): paper id -> entity records."""
    return {str(r["id"]): list(r.get("entities") or []) for _, r in read_jsonl(path)}


def gold_papers(records: Iterable[Mapping[str, Any]]) -> Iterator[Paper]:
    """The papers of gold records, for the extractor to read."""
    for r in records:
        yield Paper(id=str(r["id"]), title=r.get("title") or "", abstract=r.get("abstract") or "")


def predict(records: list[dict[str, Any]], extractor: Any) -> dict[str, list[dict[str, Any]]]:
    """Run ``extractor`` on the gold papers; return paper id -> entity records."""
    return {
        ex.paper.id: [e.to_dict() for e in ex.entities]
        for ex in extractor.extract(gold_papers(records))
    }


def evaluate_gold(
    gold_path: str | os.PathLike[str],
    pred_path: str | os.PathLike[str] | None = None,
    *,
    extractor: Any = None,
) -> Report:
    """Score predictions (a file, or the extractor run on the gold papers) against gold."""
    gold = read_gold(gold_path)
    if pred_path is not None:
        pred = read_predictions(pred_path)
    else:
        if extractor is None:
            from graphkit.run.extractor import Extractor

            extractor = Extractor()
        pred = predict(gold, extractor)
    return score(gold, pred)


def evaluate_golds(
    gold_paths: Iterable[str | os.PathLike[str]],
    pred_path: str | os.PathLike[str] | None = None,
    *,
    extractor: Any = None,
) -> list[tuple[str, Report]]:
    """Score several gold files, each on its own, with one extractor; return (path, report)
    pairs in order."""
    reports = []
    for path in gold_paths:
        if pred_path is None and extractor is None:
            from graphkit.run.extractor import Extractor

            extractor = Extractor()
        reports.append((str(path), evaluate_gold(path, pred_path, extractor=extractor)))
    return reports


def pooled(reports: Iterable[Report]) -> Report:
    """One report holding the counts of all ``reports`` (papers of several gold files)."""
    total = Report()
    for report in reports:
        total.add(report)
    return total


@dataclass
class BenchmarkResult:
    """Recall per type of one benchmark split, over documents' folded mention sets."""

    name: str
    split: str
    documents: int = 0
    per_type: dict[str, Counts] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {
            "benchmark": self.name,
            "split": self.split,
            "documents": self.documents,
            "types": {
                t: {"found": c.tp, "missed": c.fn, "recall": round(c.recall, 4)}
                for t, c in self.per_type.items()
            },
        }


def benchmark_path(name: str, directory: str | os.PathLike[str], split: str | None = None) -> Path:
    """Return the file of a benchmark split (``DIR/NAME/SPLIT.jsonl``)."""
    if name not in BENCHMARKS:
        raise InputError(f"unknown benchmark {name!r}; expected one of {', '.join(BENCHMARKS)}")
    path = Path(directory) / name / f"{split or BENCHMARKS[name]}.jsonl"
    if not path.is_file():
        raise InputError("benchmark file not found", str(path))
    return path


_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_GENERIC_TAIL = re.compile(
    r"(?:\s+(?:dataset|datasets|data set|data sets|corpus|corpora|data|benchmark|benchmarks|"
    r"task|tasks|shared task|score|scores|metric|metrics))+$",
    re.IGNORECASE,
)


def benchmark_key(text: str) -> str:
    """Fold a benchmark mention for matching: a leading article and a trailing generic word
    ("dataset", "corpus", "task", "score") are dropped, since those schemes include them in
    spans where graphkit names the thing alone ("Penn Treebank dataset")."""
    stripped = _GENERIC_TAIL.sub("", _DETERMINER.sub("", text.strip()))
    return fold(stripped or text)


def benchmark_recall(
    name: str,
    directory: str | os.PathLike[str],
    *,
    split: str | None = None,
    extractor: Any = None,
) -> BenchmarkResult:
    """Score the extractor's recall on a mention-level benchmark, per graphkit type.

    Each document's gold mentions of a type are folded into a set (see
    ``benchmark_key``); a gold name is found when a predicted entity of that
    type has it as its name or an alias, after the same folding.
    """
    path = benchmark_path(name, directory, split)
    records = [r for _, r in read_jsonl(path)]
    if extractor is None:
        from graphkit.run.extractor import Extractor

        extractor = Extractor()
    papers = (Paper(id=str(r["id"]), title="", abstract=r.get("abstract") or "") for r in records)
    result = BenchmarkResult(name, path.stem, len(records))
    for record, extraction in zip(records, extractor.extract(papers), strict=True):
        gold: dict[str, set[str]] = {}
        for m in record.get("entities") or []:
            if m.get("type") in ENTITY_TYPES and (key := benchmark_key(m["text"])):
                gold.setdefault(m["type"], set()).add(key)
        found: dict[str, set[str]] = {}
        for e in extraction.entities:
            forms = found.setdefault(e.type, set())
            forms.update(benchmark_key(f) for f in (e.name, *e.aliases))
        for etype, keys in gold.items():
            counts = result.per_type.setdefault(etype, Counts())
            hits = len(keys & found.get(etype, set()))
            counts.tp += hits
            counts.fn += len(keys) - hits
    result.per_type = {t: result.per_type[t] for t in ENTITY_TYPES if t in result.per_type}
    return result


def format_report(report: Report, title: str = "") -> str:
    """Return a plain-text table of precision, recall and F1 per type and over all types."""
    lines = [title] if title else []
    lines.append(f"{'type':8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    rows = [*report.per_type.items(), ("micro", report.micro)]
    for name, c in rows:
        scores = f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
        lines.append(f"{name:8s} {scores} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
    lines.append(
        f"proposed accuracy {report.proposed_accuracy:.3f} "
        f"({report.proposed_correct}/{report.proposed_total} matched methods and datasets)"
    )
    lines.append(
        f"proposed recall {report.proposed_recall:.3f} "
        f"({report.proposed_found}/{report.proposed_gold} gold proposed found and flagged)"
    )
    return "\n".join(lines)


def format_rules(report: Report) -> str:
    """Return a plain-text table of precision per rule: the entities that carry a mention
    found by the rule, right (tp) or not (fp), most entities first."""
    lines = [f"{'rule':20s} {'P':>6s} {'tp':>5s} {'fp':>5s}"]
    ranked = sorted(report.rules.items(), key=lambda item: (-item[1].tp - item[1].fp, item[0]))
    for rule, c in ranked:
        lines.append(f"{rule:20s} {c.precision:6.3f} {c.tp:5d} {c.fp:5d}")
    return "\n".join(lines)


def format_benchmark(result: BenchmarkResult) -> str:
    """Return a plain-text table of recall per type on a benchmark."""
    lines = [f"{result.name} {result.split} ({result.documents} documents): recall"]
    for etype, c in result.per_type.items():
        lines.append(f"{etype:8s} {c.recall:6.3f} ({c.tp} of {c.tp + c.fn} folded names)")
    return "\n".join(lines)
