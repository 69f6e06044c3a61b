"""What every reader shares: read statistics, error reporting, decoding, field normalisation."""

from __future__ import annotations

import bz2
import gzip
import logging
import lzma
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import IO, Any, NoReturn

from graphkit.errors import InputError
from graphkit.ids import arxiv_id, normalize_space, paper_id
from graphkit.models import Paper

log = logging.getLogger("graphkit.sources")

_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
COMPRESSED_SUFFIXES: tuple[str, ...] = tuple(_OPENERS)
_COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}
_DECOMPRESSION_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

MAX_FIELD = 1_000_000
"""The longest title or abstract extracted, in characters: spaCy's default ``max_length``.
A longer one makes its record a bad record."""

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH_DAY = re.compile(rf"({_MONTH})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass
class ReadStats:
    """Counts of one ``read_papers`` run: what was read, merged and skipped."""

    files: int = 0
    records: int = 0
    papers: int = 0
    duplicates: int = 0
    conflicts: int = 0
    """Records that share an earlier record's id but not its title (merged, with a warning)."""
    skipped: int = 0
    ignored: int = 0
    """Files in input folders left out because their format cannot be told."""
    errors: list[str] = field(default_factory=list)
    distinct: int | None = None
    """Number of distinct papers the run will yield, known once the first paper is out."""


class Context:
    """One file being read: where errors go and which lines held undecodable bytes."""

    def __init__(
        self, path: Path, *, on_error: str, stats: ReadStats | None, name: str | None = None
    ) -> None:
        self.path = path
        self.name = name or str(path)
        self.source = Path(self.name).name
        """The file name that papers record as their source."""
        self.on_error = on_error
        self.stats = stats
        self.bad_lines: set[int] = set()

    def error(self, message: str, line: int | None = None) -> None:
        """Report a bad record: raise :class:`InputError`, or log and count it when skipping."""
        exc = InputError(message, self.name, line)
        if self.on_error == "raise":
            raise exc
        if self.stats is not None:
            log.warning("skipped: %s", exc)
            self.stats.skipped += 1
            self.stats.errors.append(str(exc))

    def tainted(self, start: int, end: int) -> int | None:
        """Return the first line in ``start..end`` that held bytes that are not UTF-8."""
        hits = [n for n in self.bad_lines if start <= n <= end]
        return min(hits) if hits else None

    def paper(self, fields: dict[str, Any], start: int, end: int | None = None) -> Paper | None:
        """Build the paper of one record spanning lines ``start..end``; None if it is bad."""
        bad = self.tainted(start, end if end is not None else start)
        if bad is not None:
            self.error("bytes that are not UTF-8", bad)
            return None
        try:
            return make_paper(fields, source=self.source, line=start)
        except ValueError as exc:
            self.error(str(exc), start)
            return None


def open_binary(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing ``.gz``, ``.bz2`` and ``.xz`` files.

    Corrupt or truncated compressed data is an :class:`InputError` naming the
    file and the line where the data breaks off.
    """
    suffix = path.suffix.lower()
    opener = _OPENERS.get(suffix)
    try:
        if opener is None:
            return open(path, "rb")
        return _Decompressed(opener(path, "rb"), path, _COMPRESSIONS[suffix])
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), str(path)) from exc


class _Decompressed:
    """A decompressing file that reports corrupt data as an input error naming the file and
    the line reached; it reads bytes, lines and, when iterated, lines."""

    def __init__(self, handle: IO[bytes], path: Path, kind: str) -> None:
        self.handle = handle
        self.path = path
        self.kind = kind
        self.lines = 0

    def _fail(self, exc: BaseException) -> NoReturn:
        raise InputError(
            f"corrupt or truncated {self.kind} data ({exc})", str(self.path), self.lines + 1
        ) from exc

    def _counted(self, read: Callable[[int], bytes], size: int) -> bytes:
        """Call ``read(size)`` on the decompressing file, counting the lines it gives."""
        try:
            data = read(size)
        except _DECOMPRESSION_ERRORS as exc:
            self._fail(exc)
        self.lines += data.count(b"\n")
        return data

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` decompressed bytes (all when negative)."""
        return self._counted(self.handle.read, size)

    def readline(self, size: int = -1) -> bytes:
        """Read one line of decompressed bytes (at most ``size``)."""
        return self._counted(self.handle.readline, size)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def close(self) -> None:
        """Close the file."""
        self.handle.close()

    def __enter__(self) -> _Decompressed:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def check_text(head: bytes, path: Path) -> None:
    """Raise :class:`InputError` when the first bytes of a file show UTF-16 or UTF-32 text,
    which graphkit does not read, saying so: a byte order mark, or a zero byte in every
    other place (UTF-16 without a mark)."""
    name = next((found for bom, found in _WIDE_BOMS if head.startswith(bom)), None)
    if name is None:
        sample = head[:512]
        even, odd = sample[0::2], sample[1::2]
        if len(odd) < 2 or not any(
            a.count(0) >= 0.9 * len(a) and b.count(0) <= 0.1 * len(b)
            for a, b in ((odd, even), (even, odd))
        ):
            return
        name = "UTF-16"
    raise InputError(
        f"the file is {name} text; graphkit reads UTF-8 (convert it, e.g. with "
        f"iconv -f {name} -t UTF-8)",
        str(path),
        1,
    )


def read_lines(ctx: Context) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` of a UTF-8 file one line at a time, ends stripped of EOL.

    A line with bytes that are not UTF-8 is an error naming the line and column;
    when skipping, it is decoded with U+FFFD and remembered in ``ctx.bad_lines``
    so that the reader drops the record that holds it.
    """
    with open_binary(ctx.path) as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if ctx.on_error == "raise":
                    column = len(raw[: exc.start].decode("utf-8", "replace")) + 1
                    raise InputError(
                        f"bytes that are not UTF-8 (0x{raw[exc.start]:02x} at column {column})",
                        ctx.name,
                        number,
                    ) from exc
                ctx.bad_lines.add(number)
                text = raw.decode("utf-8", "replace")
            yield number, text.rstrip("\r\n")


def clean(value: Any) -> str:
    """Return ``value`` as text with white space normalised ('' for None)."""
    if value is None:
        return ""
    return normalize_space(str(value))


def normalize_date(value: Any) -> str | None:
    """Return an ISO date when the year is known, else the date as written (None if empty)."""
    text = clean(value)
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        return match.group(0)
    match = MONTH_DAY.fullmatch(text)
    if match:
        month, day, year = match.groups()
        if not year:
            return f"{month[:3].title()} {int(day)}"
        return _iso(int(year), _MONTHS[month.lower()], int(day), text)
    match = _DAY_MONTH.fullmatch(text)
    if match:
        day, month, year = match.groups()
        return _iso(int(year), _MONTHS[month.lower()], int(day), text)
    return text


def _iso(year: int, month: int, day: int, written: str) -> str:
    """Return the ISO form of a calendar date, or the text as written if there is no such day."""
    try:
        return _date(year, month, day).isoformat()
    except ValueError:
        return written


def month_number(value: Any) -> int | None:
    """Return the month 1-12 of a name ("Jun", "june") or number ("6"), else None."""
    text = clean(value).lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTHS.get(text)


def split_authors(value: Any) -> list[str]:
    """Return a list of author names from a list (of names or ``{name}``) or one string."""
    if value is None:
        return []
    if isinstance(value, str):
        text = clean(value)
        if not text:
            return []
        parts = text.split(";") if ";" in text else re.split(r",|\band\b", text)
        return [p for p in (clean(x) for x in parts) if p]
    if isinstance(value, list):
        names = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name") or item.get("fullname") or ""
            elif isinstance(item, list):
                item = " ".join(str(x) for x in reversed(item[:2]) if x)
            name = clean(item)
            if name:
                names.append(name)
        return names
    raise ValueError(f"authors must be a list or a string, not {type(value).__name__}")


def _count(value: Any) -> int | None:
    """Return a non-negative author count, None when absent."""
    if value is None or value == "":
        return None
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"author count {value!r} is not a number") from None
    if count < 0:
        raise ValueError(f"author count {count} is negative")
    return count


def make_paper(fields: dict[str, Any], *, source: str, line: int | None) -> Paper:
    """Build a :class:`Paper` from raw fields, normalising white space, dates, ids and DOIs.

    Keys: ``id``, ``title`` (required), ``abstract``, ``date``, ``authors``,
    ``author_count``, ``url``, ``arxiv_id``, ``doi``, ``extra``. Raises
    ``ValueError`` with a message for the user when the record is unusable.
    """
    title = clean(fields.get("title"))
    if not title:
        raise ValueError("record has no title")
    abstract = clean(fields.get("abstract"))
    for name, text in (("title", title), ("abstract", abstract)):
        if len(text) > MAX_FIELD:
            raise ValueError(
                f"the {name} has {len(text)} characters, more than the {MAX_FIELD} extracted"
            )
    given = clean(fields.get("id")) or None
    url = clean(fields.get("url")) or None
    given_arxiv = arxiv_id(given)
    known_arxiv = arxiv_id(clean(fields.get("arxiv_id"))) or given_arxiv or arxiv_id(url)
    authors = split_authors(fields.get("authors"))
    count = _count(fields.get("author_count"))
    doi = _DOI.sub("", clean(fields.get("doi"))) or None
    return Paper(
        id=(given_arxiv or given) if given else paper_id(title, known_arxiv),
        title=title,
        abstract=abstract,
        date=normalize_date(fields.get("date")),
        authors=authors,
        author_count=count if count is not None else (len(authors) or None),
        url=url,
        arxiv_id=known_arxiv,
        doi=doi,
        source=source,
        line=line,
        extra=dict(fields.get("extra") or {}),
    )
