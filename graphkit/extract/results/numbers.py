"""Numbers as abstracts write them: digits with their unit, ranges, and numbers in words.

``find_numbers`` reads a text with two regular expressions built from
``units.tsv`` and ``number_words.tsv``, one for digits and one for number words,
tried only inside the tokens that hold a digit or a number word. It skips what cannot be a reported
value: digits glued to a word (``ResNet-50``, ``2D``, ``v2``), version-like
numbers (``1.7.0``, ``1.2.3%``), bracketed citations, and numbers that do not
parse to a finite value of at most 15 significant digits (so ``∞`` or a
200-digit string give nothing rather than a wrong value).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from graphkit.extract.results.words import Unit, number_words, units

MAX_DIGITS = 15
"""Longest digit string read as a value: more cannot round-trip through a float."""


@dataclass(slots=True)
class Number:
    """One number found in a text: its span (with the unit), value and unit."""

    start: int
    end: int
    value: float
    unit: str | None
    kind: str | None = None
    size: bool = False
    signed: bool = False
    worded: bool = False
    digits_end: int = -1
    """Where the digits end (before the unit); -1 when they run to ``end``."""

    @property
    def bare(self) -> bool:
        """True when no unit is written: a score only where a metric names it."""
        return self.unit is None and not self.size


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NOT_GLUED = r"(?<![\w.\-^\\])"
"""What a number may not follow: a word character, a point, a hyphen, a caret, a backslash."""
_RANGE = r"\s?(?:-|\u2013|~|\\sim|sim|\$\\sim\$)\s?"


def _unit_alternatives(forms: list[str]) -> str:
    parts = []
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        escaped = re.escape(form)
        parts.append(escaped + r"(?![A-Za-z0-9])" if form[-1].isalnum() else escaped)
    return "|".join(parts)


@dataclass(frozen=True)
class _Patterns:
    """The compiled number patterns and the tables they were built from."""

    numeric: re.Pattern[str]
    worded: re.Pattern[str]
    cues: tuple[str, ...]
    """Lower-cased, the words that are a number alone ("twice", "half") and the multipliers a
    count in words needs after it ("three times"): a text holds a number in words only where
    one of them stands."""
    places: re.Pattern[str]
    """Where a number may start, for a text without token spans: a digit run or a number word."""
    units: dict[str, Unit]
    words: dict[str, tuple[float, str | None]]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    table = units()
    words = number_words()
    alone = [w for w, (_, unit) in words.items() if unit]
    counted = [w for w, (_, unit) in words.items() if not unit]
    multipliers = [f for f in table if table[f].unit == "x" and f[0].isalpha()]
    units_pattern = _unit_alternatives(list(table))
    numeric = re.compile(
        rf"{_NOT_GLUED}(?P<sign>[+\-\u2212](?=[\d.]))?(?P<low>{_DIGITS})"
        rf"(?:[ \u00a0]?(?P<low_unit>{units_pattern}))?"
        rf"(?:(?P<range>{_RANGE})(?P<high>{_DIGITS})(?:[ \u00a0]?(?P<unit>{units_pattern}))?)?",
        re.IGNORECASE,
    )
    worded = re.compile(
        rf"\b(?P<word>{'|'.join(map(re.escape, alone))})\b"
        rf"|\b(?P<count>{'|'.join(map(re.escape, counted))})[\s-]"
        rf"(?P<times>{'|'.join(map(re.escape, multipliers))})\b",
        re.IGNORECASE,
    )
    places = re.compile(rf"\d[\d.,]*|\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)
    cues = (*alone, *sorted({m.lower() for m in multipliers}))
    return _Patterns(numeric, worded, cues, places, table, words)


def may_hold_worded(lowered: str) -> bool:
    """False only when the lower-cased ASCII text ``lowered`` holds no number in words: it
    has none of the words that are a number alone, and no multiplier right after a space or
    a hyphen (where a count in words would stand before it)."""
    patterns = _patterns()
    for word in patterns.cues:
        alone = word in patterns.words
        at = lowered.find(word)
        while at >= 0:
            before = lowered[at - 1 : at]
            if alone or before == "-" or before.isspace():
                return True
            at = lowered.find(word, at + 1)
    return False


def _value(digits: str) -> float | None:
    plain = digits.replace(",", "")
    # The pattern's digits and at most one point: every other character is a digit.
    if len(plain) - plain.count(".") > MAX_DIGITS:
        return None
    value = float(plain)
    return value if math.isfinite(value) else None


def _glued(text: str, end: int) -> bool:
    """True when the digits run on into a word or another decimal part (``2D``, ``1.2.3``)."""
    rest = text[end : end + 2]
    return bool(rest) and (rest[0].isalnum() or (rest[0] in ".,_" and rest[1:2].isdigit()))


_START = re.compile(rf"{_NOT_GLUED}[+\-\u2212.\d]")
"""Where the numeric pattern can start: a sign, a point or a digit, not glued."""

Spans = list[tuple[int, int]]
"""Character spans, in text order, that hold every digit and every number word of a text."""


def find_numbers(text: str, spans: Spans | None = None) -> list[Number]:
    """Every number of ``text`` that could be a reported value, in text order.

    ``spans`` (the tokens with a digit or a number word, see :mod:`.candidates`) limit
    where the patterns are tried; without them the text is searched for such places."""
    patterns = _patterns()
    if spans is None:
        spans = [m.span() for m in patterns.places.finditer(text)]
    found = []
    done = 0
    for start, end in spans:
        if end <= done:
            continue
        if start >= done and text[start : start + 1].isalpha():
            match = patterns.worded.match(text, start)
            if match is not None:
                done = match.end()
                if (number := _worded(match, patterns.words)) is not None:
                    found.append(number)
            if text[start:end].isalpha():
                continue
        at = max(done, start - 2)
        while (place := _START.search(text, at, end)) is not None:
            at = place.start()
            match = patterns.numeric.match(text, at)
            if match is None:
                at += 1
                continue
            number = _numeric(text, match, patterns.units)
            done = at = match.end() if number is None else number.end
            if number is not None:
                found.append(number)
    return found


def _worded(match: re.Match[str], words: dict[str, tuple[float, str | None]]) -> Number | None:
    """A number in words: "twice", "half", or a count before "times"/"fold" ("three times").
    Only lower case or a capital first letter: "HALF" in a name is no number."""
    word = match.group("word") or match.group("count")
    if word != word.lower() and not word.istitle():
        return None
    value, unit = words[word.lower()]
    return Number(match.start(), match.end(), value, unit or "x", "relative", worded=True)


def _same_unit(match: re.Match[str], table: dict[str, Unit]) -> bool:
    """True when a range written with a unit on both ends has one unit ("1M~60M")."""
    low, high = table.get(match.group("low_unit")), table.get(match.group("unit") or "")
    return low is not None and high is not None and low.unit == high.unit


def _low(text: str, match: re.Match[str], table: dict[str, Unit]) -> Number | None:
    """The first number of what looked like a range with a unit on each end, with its own
    unit: "1.2K -0.5" is 1.2K, then -0.5."""
    low = _patterns().numeric.match(text, match.start(), match.end("low_unit"))
    return None if low is None else _numeric(text, low, table)


def _numeric(text: str, match: re.Match[str], table: dict[str, Unit]) -> Number | None:
    """A number in digits with its unit; None when it is glued to a word or cannot be read.
    The pattern ignores case, so a unit of another case (``m`` for ``M``) is no unit."""
    start = match.start()
    ranged = match.group("high") is not None
    if ranged and match.group("low_unit") and not _same_unit(match, table):
        return _low(text, match, table)
    unit_group = "unit" if ranged else "low_unit"
    form = match.group(unit_group)
    unit = table.get(form) if form else None
    if unit is None:
        end = match.end("high" if ranged else "low")
        if _glued(text, end):
            return None
    else:
        end = match.end(unit_group)
        if unit.unit == "x" and text[end : end + 2].lstrip()[:1].isdigit():
            return None
    if text[start - 1 : start] == "[" or text[end : end + 1] == "]":
        return None
    value = _value(match.group("high") or match.group("low"))
    if value is None:
        return None
    sign = match.group("sign")
    if sign and sign != "+":
        value = -value
    if unit is None:
        return Number(start, end, value, None, signed=sign == "+")
    value = round(value * unit.scale, 9) if unit.scale != 1 else value
    return Number(
        start,
        end,
        value,
        unit.unit,
        unit.kind,
        unit.size,
        signed=sign == "+",
        digits_end=match.start(unit_group),
    )
