"""Readers of JSON and JSON Lines: plain records, Hugging Face daily papers, arXiv metadata.

Records are objects with ``title`` and ``abstract`` (or ``summary``) and optional
``id``, ``date``, ``authors``, ... A Hugging Face daily papers item nests the
paper under ``paper``; an arXiv bulk metadata record carries ``authors_parsed``
and ``update_date``. A JSON array is read one record at a time, so a large file
is never held whole.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from typing import Any

from graphkit.errors import InputError
from graphkit.models import Paper
from graphkit.sources.base import Context, open_binary, read_lines

CHUNK = 1 << 20
"""Bytes read at a time from a JSON array."""

_ID_KEYS = ("id", "arxiv_id", "arxivId", "paper_id")
_ABSTRACT_KEYS = ("abstract", "summary")
_DATE_KEYS = ("date", "published", "publishedAt", "published_date", "update_date")
_URL_KEYS = ("url", "link", "abs_url")
_LIST_KEYS = ("papers", "items", "results", "data", "entries", "records")
_EXTRA_KEYS = ("categories", "upvotes", "journal-ref", "venue", "year")
_DECODER = json.JSONDecoder()
_JSON_SPACE = " \t\n\r"
"""The white space JSON allows around a value."""


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """Return the value of the first key present with a non-empty value."""
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def record_fields(record: Any) -> dict[str, Any]:
    """Map one JSON record (plain, Hugging Face item or arXiv metadata) to paper fields."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    if isinstance(record.get("paper"), dict):
        record = {**record, **{k: v for k, v in record["paper"].items() if v not in (None, "")}}
    for key in ("title", *_ABSTRACT_KEYS):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ValueError(f"field {key!r} must be a string")
    authors = record.get("authors_parsed") or record.get("authors")
    return {
        "id": _first(record, _ID_KEYS),
        "title": record.get("title"),
        "abstract": _first(record, _ABSTRACT_KEYS),
        "date": _first(record, _DATE_KEYS),
        "authors": authors,
        "author_count": _first(record, ("author_count", "num_authors")),
        "url": _first(record, _URL_KEYS),
        "arxiv_id": record.get("arxiv_id"),
        "doi": record.get("doi"),
        "extra": {k: record[k] for k in _EXTRA_KEYS if record.get(k) not in (None, "")},
    }


def _paper(ctx: Context, record: Any, start: int, end: int, what: str) -> Paper | None:
    """Turn one decoded record into a paper; report it as ``what`` when it is bad."""
    try:
        fields = record_fields(record)
    except ValueError as exc:
        ctx.error(f"{what}: {exc}", start)
        return None
    return ctx.paper(fields, start, end)


def json_problem(exc: ValueError | RecursionError) -> str:
    """Say what is wrong with a JSON text that ``json`` refused."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON: values nested too deeply to read"
    if "integer string conversion" in str(exc):
        return f"invalid JSON: a number of more than {sys.get_int_max_str_digits()} digits"
    return f"invalid JSON: {exc}"


def _loads(text: str) -> Any:
    """``json.loads(text)``, a fifth faster for the usual line: one JSON value and nothing
    around it is decoded without ``json.loads``'s scans for white space around it; any other
    line goes to ``json.loads``, which accepts it or raises its own error about it."""
    try:
        value, end = _DECODER.raw_decode(text)
    except (ValueError, RecursionError):
        return json.loads(text)
    if end != len(text) and text[end:].strip(_JSON_SPACE):
        return json.loads(text)
    return value


def read_jsonl(ctx: Context) -> Iterator[Paper]:
    """Yield one paper per non-blank line of a JSON Lines file."""
    for number, text in read_lines(ctx):
        if not text.strip():
            continue
        try:
            record = _loads(text)
        except (ValueError, RecursionError) as exc:
            if number in ctx.bad_lines:
                ctx.error("bytes that are not UTF-8", number)
            else:
                ctx.error(json_problem(exc), number)
            continue
        paper = _paper(ctx, record, number, number, "record")
        if paper is not None:
            yield paper


class _Text:
    """Decoded text of a file read in chunks, with line and undecodable-byte bookkeeping."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.handle = open_binary(ctx.path)
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.pending: InputError | None = None

    def close(self) -> None:
        """Close the file."""
        self.handle.close()

    def more(self) -> bool:
        """Append the next chunk to the buffer; False at end of file.

        Bytes that are not UTF-8 end the text: what decodes before them is
        appended, and the error is raised when more text is needed.
        """
        if self.pending is not None:
            raise self.pending
        if self.eof:
            return False
        raw = self.handle.read(CHUNK)
        self.eof = not raw
        self.buffer = self.buffer[self.pos :]
        self.pos = 0
        try:
            self.buffer += self.decoder.decode(raw, final=self.eof)
        except UnicodeDecodeError as exc:
            good = self.decoder.decode(raw[: exc.start], final=True) if exc.start else ""
            line = self.line + self.buffer.count("\n") + good.count("\n")
            self.buffer += good
            self.pending = InputError("bytes that are not UTF-8", self.ctx.name, line)
        return True

    def skip_space(self) -> str:
        """Skip white space, reading more as needed; return the next character ('' at end)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos].isspace():
                if self.buffer[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.more():
                return ""

    def advance(self, end: int) -> None:
        """Move past ``buffer[pos:end]``, counting its lines."""
        self.line += self.buffer.count("\n", self.pos, end)
        self.pos = end

    def value(self) -> tuple[Any, int, int]:
        """Decode the next JSON value; return it with its first and last line."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except RecursionError as exc:
                raise InputError(json_problem(exc), self.ctx.name, self.line) from exc
            except json.JSONDecodeError as exc:
                if self.more():
                    continue
                if exc.pos >= len(self.buffer.rstrip()) or "Unterminated" in exc.msg:
                    raise InputError(
                        "truncated JSON: the file ends inside a record", self.ctx.name, self.line
                    ) from exc
                line = self.line + self.buffer.count("\n", self.pos, exc.pos)
                raise InputError(f"invalid JSON: {exc.msg}", self.ctx.name, line) from exc
            except ValueError as exc:
                raise InputError(json_problem(exc), self.ctx.name, self.line) from exc
            if end == len(self.buffer) and not self.eof:
                self.more()
                continue
            start = self.line
            self.advance(end)
            return value, start, self.line


def read_json(ctx: Context) -> Iterator[Paper]:
    """Yield the papers of a JSON document: an array of records, a list under ``papers`` (or
    ``items``, ``results``, ``data``, ``entries``, ``records``), or one record.

    Arrays are decoded record by record; an error in the JSON syntax ends the file
    (its records already read are kept when skipping).
    """
    text = _Text(ctx)
    try:
        first = text.skip_space()
        if first == "":
            return
        if first != "[":
            yield from _read_object(ctx, text)
            return
        text.advance(text.pos + 1)
        index = 0
        while True:
            char = text.skip_space()
            if char == "]":
                text.advance(text.pos + 1)
                break
            if char == "":
                raise InputError("truncated JSON: the array is not closed", ctx.name, text.line)
            if index:
                if char != ",":
                    raise InputError(
                        f"invalid JSON: expected ',' not {char!r}", ctx.name, text.line
                    )
                text.advance(text.pos + 1)
                if text.skip_space() == "":
                    raise InputError("truncated JSON: the array is not closed", ctx.name, text.line)
            index += 1
            record, start, end = text.value()
            paper = _paper(ctx, record, start, end, f"record {index}")
            if paper is not None:
                yield paper
        if text.skip_space() != "":
            raise InputError("invalid JSON: text after the closing ']'", ctx.name, text.line)
    finally:
        text.close()


def _read_object(ctx: Context, text: _Text) -> Iterator[Paper]:
    """Yield the papers of a top-level JSON object (a wrapper around a list, or one record)."""
    value, start, end = text.value()
    if text.skip_space() != "":
        raise InputError(
            "invalid JSON: more than one value (is it JSON Lines?)", ctx.name, text.line
        )
    if isinstance(value, dict):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                for index, record in enumerate(value[key], start=1):
                    paper = _paper(ctx, record, start, end, f"{key}[{index}]")
                    if paper is not None:
                        yield paper
                return
    paper = _paper(ctx, value, start, end, "record")
    if paper is not None:
        yield paper
