"""The word lists of the result rules, read once from the data files in ``graphkit/data/results``.

Each file holds one concept (see ``graphkit/data/results/README.md``); the
code here only reads them. Lines starting with ``#`` and blank lines are
skipped. A cue ending in ``*`` matches every word that starts with it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphkit.errors import InputError

RESULTS_DATA = Path(__file__).resolve().parents[2] / "data" / "results"
"""Where the result word lists live inside the package."""


@dataclass(frozen=True)
class Unit:
    """A unit as written after a number: its canonical unit, scale, default kind, and whether
    it counts things (``M``, ``B``, ``K``), which makes the number a size unless a result
    cue says otherwise."""

    unit: str | None
    scale: float = 1.0
    kind: str | None = None
    size: bool = False


@dataclass(frozen=True)
class Cues:
    """Words matched exactly, and stems that match every word starting with them."""

    words: frozenset[str]
    stems: tuple[str, ...]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.words or word.startswith(self.stems))


def read_rows(path: str | os.PathLike[str], columns: int) -> list[list[str]]:
    """The rows of a data file (TSV with a header when ``columns`` > 1), padded to ``columns``."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read word list: {exc}", str(path)) from exc
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    if columns > 1:
        rows = rows[1:]
    return [[cell.strip() for cell in row] + [""] * (columns - len(row)) for row in rows]


def cues(words: list[str]) -> Cues:
    """Exact words and ``*`` stems, lower-cased."""
    lowered = [w.lower() for w in words if w]
    stems = tuple(sorted(w[:-1] for w in lowered if w.endswith("*")))
    return Cues(frozenset(w for w in lowered if not w.endswith("*")), stems)


def _file(name: str) -> Path:
    return RESULTS_DATA / name


@cache
def word_list(name: str) -> Cues:
    """A one-column list (``.txt``) as cues."""
    return cues([row[0] for row in read_rows(_file(name), 1)])


@cache
def units() -> dict[str, Unit]:
    """``units.tsv``: unit form as written -> Unit (``-`` for no unit, e.g. ``K`` scales)."""
    table = {}
    for form, unit, scale, kind, size in read_rows(_file("units.tsv"), 5):
        table[form] = Unit(
            None if unit in ("", "-") else unit, float(scale or 1), kind or None, size == "yes"
        )
    return table


@cache
def number_words() -> dict[str, tuple[float, str | None]]:
    """``number_words.tsv``: word -> (value, unit); a unit ``-`` needs a unit word after it."""
    return {
        word.lower(): (float(value), None if unit in ("", "-") else unit)
        for word, value, unit in read_rows(_file("number_words.tsv"), 3)
    }


@cache
def kind_cues() -> dict[tuple[str, str], Cues]:
    """``kind_cues.tsv``: (side, kind) -> cues, side ``before`` or ``after`` the number."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for cue, side, kind in read_rows(_file("kind_cues.tsv"), 3):
        grouped.setdefault((side, kind), []).append(cue)
    return {key: cues(words) for key, words in grouped.items()}


@cache
def implied_metrics() -> dict[str, str]:
    """``implied_metrics.tsv``: a word after a number -> the metric it names ("faster": speed)."""
    return {w.lower(): m for w, m in read_rows(_file("implied_metrics.tsv"), 2)}


@cache
def amount_units() -> frozenset[str]:
    """``amount_units.txt``: units that, with "of" after them, measure an amount of data
    ("330 hours of recordings"), a setting rather than a result."""
    return frozenset(row[0] for row in read_rows(_file("amount_units.txt"), 1))


@cache
def unit_metrics() -> dict[str, str]:
    """``unit_metrics.tsv``: a unit -> the measure a number in it gives when the sentence
    names none ("15 minutes": time)."""
    return {u: m for u, m in read_rows(_file("unit_metrics.tsv"), 2)}


@cache
def setup_before() -> dict[str, tuple[tuple[str, ...], ...]]:
    """``setup_before.tsv``: ``all`` or ``size`` -> phrases (as word tuples) that, right before
    a number, make it a setting rather than a result."""
    grouped: dict[str, list[tuple[str, ...]]] = {"all": [], "size": []}
    for phrase, applies in read_rows(_file("setup_before.tsv"), 2):
        grouped.setdefault(applies or "all", []).append(tuple(phrase.lower().split()))
    return {key: tuple(sorted(value, key=len, reverse=True)) for key, value in grouped.items()}
