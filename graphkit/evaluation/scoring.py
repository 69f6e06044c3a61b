"""Entity-set scoring by the rules of the annotation guidelines.

For each paper and type the predicted entities are compared with the gold
entities after folding; a gold entity matches at most once. Counts are summed
over papers, per type and over all scored types (``link`` is not scored).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphkit.keys import fold
from graphkit.models import ENTITY_TYPES
from graphkit.types import PROPOSABLE


@dataclass
class Counts:
    """True positives, false positives and false negatives, with derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    """Scores per type and over all types, plus the accuracy of ``proposed``."""

    per_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ENTITY_TYPES})
    proposed_correct: int = 0
    proposed_total: int = 0
    proposed_gold: int = 0
    proposed_found: int = 0
    rules: dict[str, Counts] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.per_type.values():
            total.add(counts)
        return total

    @property
    def proposed_accuracy(self) -> float:
        return self.proposed_correct / self.proposed_total if self.proposed_total else 0.0

    @property
    def proposed_recall(self) -> float:
        """The share of the gold proposed methods and datasets found and flagged proposed."""
        return self.proposed_found / self.proposed_gold if self.proposed_gold else 0.0

    def add(self, other: Report) -> None:
        """Add the counts of ``other`` (another gold file's report) to this one."""
        for etype, counts in other.per_type.items():
            self.per_type.setdefault(etype, Counts()).add(counts)
        for rule, counts in other.rules.items():
            self.rules.setdefault(rule, Counts()).add(counts)
        self.proposed_correct += other.proposed_correct
        self.proposed_total += other.proposed_total
        self.proposed_gold += other.proposed_gold
        self.proposed_found += other.proposed_found
        self.errors.extend(other.errors)

    def to_dict(self) -> dict[str, Any]:
        """Return the scores as JSON-ready data."""

        def row(c: Counts) -> dict[str, Any]:
            return {
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }

        return {
            "types": {t: row(c) for t, c in self.per_type.items()},
            "micro": row(self.micro),
            "proposed_accuracy": round(self.proposed_accuracy, 4),
            "proposed_total": self.proposed_total,
            "proposed_recall": round(self.proposed_recall, 4),
            "proposed_gold": self.proposed_gold,
            "rules": {
                rule: {"tp": c.tp, "fp": c.fp, "precision": round(c.precision, 4)}
                for rule, c in sorted(self.rules.items())
            },
        }


def _forms(entity: Mapping[str, Any]) -> set[str]:
    forms = {fold(entity["name"])}
    forms.update(fold(a) for a in entity.get("aliases", []) or [])
    forms.discard("")
    return forms


def _rules(entity: Mapping[str, Any]) -> set[str]:
    """The rules that found the mentions of a predicted entity."""
    return {m["rule"] for m in entity.get("mentions", []) or [] if m.get("rule")}


def matches(
    golds: list[tuple[Mapping[str, Any], set[str]]], preds: Iterable[Mapping[str, Any]]
) -> list[int | None]:
    """For each predicted entity of one paper and type, the index of the gold entity it
    matches (with its folded forms in ``golds``), or None: a prediction matches by its name,
    else by an alias, and a gold entity matches at most once."""
    matched: set[int] = set()
    found: list[int | None] = []
    for p in preds:
        key = fold(p["name"])
        alias_keys = {key} | {fold(a) for a in p.get("aliases", []) or []}
        hit = next((i for i, (_, forms) in enumerate(golds) if key in forms), None)
        if hit is None:
            hit = next((i for i, (_, forms) in enumerate(golds) if alias_keys & forms), None)
        if hit in matched:
            found.append(None)
            continue
        if hit is not None:
            matched.add(hit)
        found.append(hit)
    return found


def judged(
    gold: Iterable[Mapping[str, Any]], pred: Iterable[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], bool]]:
    """Each scored predicted entity of one paper with whether it matches a gold entity."""
    gold = list(gold)
    result = []
    for etype in ENTITY_TYPES:
        golds = [(g, _forms(g)) for g in gold if g["type"] == etype]
        preds = [p for p in pred if p["type"] == etype]
        hits = matches(golds, preds)
        result.extend((p, hit is not None) for p, hit in zip(preds, hits, strict=True))
    return result


def score_paper(
    gold: Iterable[Mapping[str, Any]],
    pred: Iterable[Mapping[str, Any]],
    report: Report,
    paper_id: str = "",
) -> None:
    """Score one paper's predicted entities against its gold entities, adding to ``report``."""
    gold = [g for g in gold if g["type"] in report.per_type]
    pred = [p for p in pred if p["type"] in report.per_type]
    for etype, counts in report.per_type.items():
        golds = [(g, _forms(g)) for g in gold if g["type"] == etype]
        preds = [p for p in pred if p["type"] == etype]
        hits = matches(golds, preds)
        for p, hit in zip(preds, hits, strict=True):
            rules = _rules(p)
            for rule in rules:
                by_rule = report.rules.setdefault(rule, Counts())
                if hit is None:
                    by_rule.fp += 1
                else:
                    by_rule.tp += 1
            if hit is None:
                counts.fp += 1
                report.errors.append(
                    {
                        "paper": paper_id,
                        "kind": "fp",
                        "type": etype,
                        "name": p["name"],
                        "rules": sorted(rules),
                    }
                )
                continue
            counts.tp += 1
            g = golds[hit][0]
            if etype in PROPOSABLE:
                report.proposed_total += 1
                if p.get("proposed") and g.get("proposed"):
                    report.proposed_found += 1
                if bool(p.get("proposed")) == bool(g.get("proposed")):
                    report.proposed_correct += 1
                else:
                    report.errors.append(
                        {
                            "paper": paper_id,
                            "kind": "proposed",
                            "type": etype,
                            "name": p["name"],
                            "gold": bool(g.get("proposed")),
                        }
                    )
        if etype in PROPOSABLE:
            report.proposed_gold += sum(1 for g, _ in golds if g.get("proposed"))
        found = set(hits)
        for i, (g, _) in enumerate(golds):
            if i not in found:
                counts.fn += 1
                report.errors.append(
                    {"paper": paper_id, "kind": "fn", "type": etype, "name": g["name"]}
                )


def score(
    gold: Iterable[Mapping[str, Any]], pred: Mapping[str, Iterable[Mapping[str, Any]]]
) -> Report:
    """Score predictions (paper id -> entities) against gold records (with ``entities``)."""
    report = Report()
    for record in gold:
        score_paper(record["entities"], pred.get(record["id"], []), report, record["id"])
    return report
