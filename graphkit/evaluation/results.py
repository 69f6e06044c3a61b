"""Result scoring by the rules of ``shared/annotation/RESULTS.md``.

Per paper, predicted results are matched to gold results one to one on value
(to 1e-6), unit (folded: ``percent`` is ``%``, ``times`` and ``-fold`` are
``x``, ``points`` is ``pp``) and kind; precision, recall and F1 are summed
over papers. Over the matched pairs, metric, dataset, method and
``compared_to`` are scored for accuracy, a name matching when it folds to the
gold name or an alias of the gold entity of that name. A complete tuple also
matches metric and dataset.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphkit.evaluation.scoring import Counts
from graphkit.keys import fold

SCORED_ROLES: tuple[str, ...] = ("metric", "dataset", "method", "compared_to")
"""The entity fields scored for accuracy over matched results."""

UNIT_FORMS: dict[str, str] = {
    "percent": "%",
    "times": "x",
    "-fold": "x",
    "fold": "x",
    "points": "pp",
}
"""Unit spellings that score as another unit."""


@dataclass
class ResultsReport:
    """Value P/R/F1, role accuracies over matched results, and complete-tuple P/R/F1."""

    values: Counts = field(default_factory=Counts)
    complete: Counts = field(default_factory=Counts)
    role_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_ROLES, 0))
    papers: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: ResultsReport) -> None:
        """Add the counts of ``other`` (the papers of another gold file) to this report."""
        self.values.add(other.values)
        self.complete.add(other.complete)
        for role in SCORED_ROLES:
            self.role_correct[role] += other.role_correct[role]
        self.papers += other.papers
        self.errors.extend(other.errors)

    def accuracy(self, role: str) -> float:
        """The share of matched results whose ``role`` is right."""
        return self.role_correct[role] / self.values.tp if self.values.tp else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the scores as JSON-ready data."""

        def row(c: Counts) -> dict[str, Any]:
            scores = {"precision": c.precision, "recall": c.recall, "f1": c.f1}
            return {
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                **{k: round(v, 4) for k, v in scores.items()},
            }

        return {
            "papers": self.papers,
            "values": row(self.values),
            "accuracy": {role: round(self.accuracy(role), 4) for role in SCORED_ROLES},
            "complete": row(self.complete),
        }


def unit_key(unit: Any) -> str:
    """The unit as scored: lower case, with the spellings of ``UNIT_FORMS`` made one."""
    text = str(unit).strip().lower() if unit is not None else ""
    return UNIT_FORMS.get(text, text)


def _matches(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    try:
        close = abs(float(pred["value"]) - float(gold["value"])) <= 1e-6
    except (KeyError, TypeError, ValueError):
        return False
    return (
        close
        and unit_key(pred.get("unit")) == unit_key(gold.get("unit"))
        and pred.get("kind") == gold.get("kind")
    )


def _role_right(pred: Any, gold: Any, aliases: Mapping[str, set[str]]) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    key = fold(str(gold))
    return fold(str(pred)) in aliases.get(key, {key})


def _aliases(entities: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Folded gold name -> the folded forms of that entity (its name and aliases)."""
    table: dict[str, set[str]] = {}
    for entity in entities:
        forms = {fold(entity["name"])} | {fold(a) for a in entity.get("aliases") or []}
        for form in forms:
            table.setdefault(form, set()).update(forms)
    return table


def score_results_paper(
    gold: list[Mapping[str, Any]],
    pred: list[Mapping[str, Any]],
    report: ResultsReport,
    *,
    entities: Iterable[Mapping[str, Any]] = (),
    paper_id: str = "",
) -> None:
    """Score one paper's predicted results against its gold results, adding to ``report``."""
    aliases = _aliases(entities)
    report.papers += 1
    free = list(range(len(gold)))
    for p in pred:
        hits = [i for i in free if _matches(p, gold[i])]
        if not hits:
            report.values.fp += 1
            report.complete.fp += 1
            report.errors.append({"paper": paper_id, "kind": "fp", "text": p.get("text")})
            continue
        right = {
            i: [_role_right(p.get(r), gold[i].get(r), aliases) for r in SCORED_ROLES] for i in hits
        }
        best = max(hits, key=lambda i: (sum(right[i]), -i))
        free.remove(best)
        report.values.tp += 1
        for role, ok in zip(SCORED_ROLES, right[best], strict=True):
            report.role_correct[role] += ok
            if not ok:
                report.errors.append(
                    {
                        "paper": paper_id,
                        "kind": role,
                        "text": p.get("text"),
                        "pred": p.get(role),
                        "gold": gold[best].get(role),
                    }
                )
        if right[best][0] and right[best][1]:
            report.complete.tp += 1
        else:
            report.complete.fp += 1
            report.complete.fn += 1
    for i in free:
        report.values.fn += 1
        report.complete.fn += 1
        report.errors.append({"paper": paper_id, "kind": "fn", "text": gold[i].get("text")})


def read_results_gold(path: str | os.PathLike[str]) -> dict[str, list[dict[str, Any]]]:
    """Read gold results: paper id -> its ``results`` list."""
    from graphkit.evaluation.evaluate import read_jsonl

    return {str(r["id"]): list(r.get("results") or []) for _, r in read_jsonl(path)}


def score_results(
    gold: Mapping[str, list[Mapping[str, Any]]],
    pred: Mapping[str, list[Mapping[str, Any]]],
    entities: Mapping[str, list[Mapping[str, Any]]] | None = None,
) -> ResultsReport:
    """Score the papers of ``pred`` that have gold results; ``entities`` gives each paper's
    gold entities, whose aliases count for the roles."""
    report = ResultsReport()
    for paper_id, predicted in pred.items():
        if paper_id in gold:
            score_results_paper(
                list(gold[paper_id]),
                list(predicted),
                report,
                entities=(entities or {}).get(paper_id, ()),
                paper_id=paper_id,
            )
    return report


def format_results_report(report: ResultsReport, title: str = "") -> str:
    """Return a plain-text table of the result scores."""
    lines = [title] if title else []
    lines.append(f"{'results':8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    for name, c in (("values", report.values), ("complete", report.complete)):
        scores = f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
        lines.append(f"{name:8s} {scores} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
    accuracies = ", ".join(f"{role} {report.accuracy(role):.3f}" for role in SCORED_ROLES)
    lines.append(
        f"accuracy over {report.values.tp} matched results ({report.papers} papers): {accuracies}"
    )
    return "\n".join(lines)


def evaluate_results_files(
    results_path: str | os.PathLike[str],
    gold_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = (),
    pred_path: str | os.PathLike[str] | None = None,
    *,
    extractor: Any = None,
) -> list[tuple[str, ResultsReport]]:
    """Score results against ``results_path``, one report per gold file of ``gold_paths``
    (its papers, whose entities give aliases): the results of a predictions file, or of
    the extractor run once over the papers of all the files."""
    from graphkit.evaluation.evaluate import gold_papers, read_gold, read_jsonl

    gold = read_results_gold(results_path)
    if isinstance(gold_paths, str | os.PathLike):
        gold_paths = [gold_paths]
    files = [(str(path), read_gold(path)) for path in gold_paths]
    if pred_path is not None:
        pred = {str(r["id"]): list(r.get("results") or []) for _, r in read_jsonl(pred_path)}
    else:
        if extractor is None:
            from graphkit.run.extractor import Extractor

            extractor = Extractor()
        records = [record for _, file_records in files for record in file_records]
        pred = {
            ex.paper.id: [r.to_dict() for r in ex.results]
            for ex in extractor.extract(gold_papers(records))
        }
    reports = []
    for path, records in files:
        entities = {str(r["id"]): r["entities"] for r in records}
        mine = {paper: found for paper, found in pred.items() if paper in entities}
        reports.append((path, score_results(gold, mine, entities)))
    return reports


def evaluate_results(
    results_path: str | os.PathLike[str],
    gold_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = (),
    pred_path: str | os.PathLike[str] | None = None,
    *,
    extractor: Any = None,
) -> ResultsReport:
    """Score results against ``results_path`` over the papers of all the gold files
    ``gold_paths`` together (see ``evaluate_results_files``)."""
    files = evaluate_results_files(results_path, gold_paths, pred_path, extractor=extractor)
    return pooled_results(report for _, report in files)


def pooled_results(reports: Iterable[ResultsReport]) -> ResultsReport:
    """One report holding the counts of all ``reports`` (papers of several gold files)."""
    total = ResultsReport()
    for report in reports:
        total.add(report)
    return total
