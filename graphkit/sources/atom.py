"""Reader of arXiv API Atom feeds: one paper per ``<entry>``, read incrementally.

The feed is parsed with the standard library's expat-based pull parser. A
document type declaration is refused before parsing starts, so no entity, internal
or external, is ever expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from graphkit.errors import InputError
from graphkit.models import Paper
from graphkit.sources.base import Context, open_binary

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_]")


def _text(entry: Element, tag: str) -> str | None:
    """Return the text of the first child ``tag``, or None."""
    child = entry.find(tag)
    return "".join(child.itertext()) if child is not None else None


def _fields(entry: Element) -> dict[str, Any]:
    """Map one Atom entry to paper fields."""
    url = None
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            url = link.get("href")
            break
    categories = [c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("term")]
    extra: dict[str, Any] = {"categories": " ".join(categories)} if categories else {}
    return {
        "id": _text(entry, f"{ATOM}id"),
        "title": _text(entry, f"{ATOM}title"),
        "abstract": _text(entry, f"{ATOM}summary"),
        "date": _text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"),
        "authors": [_text(a, f"{ATOM}name") or "" for a in entry.findall(f"{ATOM}author")],
        "url": url,
        "doi": _text(entry, f"{ARXIV}doi"),
        "extra": extra,
    }


def _check_prolog(ctx: Context, head: bytes) -> None:
    """Refuse a document type declaration, which is only allowed before the root element."""
    root = _ROOT.search(head)
    prolog = head[: root.start()] if root else head
    match = _DOCTYPE.search(prolog)
    if match:
        line = prolog.count(b"\n", 0, match.start()) + 1
        raise InputError(
            "XML with a document type declaration is refused (entities are never expanded)",
            ctx.name,
            line,
        )


def read_atom(ctx: Context) -> Iterator[Paper]:
    """Yield one paper per ``<entry>`` of an Atom feed, in document order.

    Malformed XML ends the file with an error naming the line; its entries
    already read are kept when skipping.
    """
    parser = XMLPullParser(events=("start", "end"))
    line = 1
    start_line = 1
    checked = False
    head = b""
    content = False
    with open_binary(ctx.path) as handle:
        for raw in handle:
            if not checked:
                head += raw
                if _ROOT.search(head) or len(head) > 1 << 16:
                    _check_prolog(ctx, head)
                    checked = True
            if raw.strip():
                content = True
            try:
                parser.feed(raw)
                events = list(parser.read_events())
            except ParseError as exc:
                raise InputError(f"malformed XML: {exc.msg}", ctx.name, exc.position[0]) from exc
            except LookupError as exc:
                raise InputError(f"malformed XML: {exc}", ctx.name, line) from exc
            for event, element in events:
                if element.tag != f"{ATOM}entry":
                    continue
                if event == "start":
                    start_line = line
                    continue
                paper = ctx.paper(_fields(element), start_line, line)
                element.clear()
                if paper is not None:
                    yield paper
            line += raw.count(b"\n")
        if not checked:
            _check_prolog(ctx, head)
        if not content:
            return
        try:
            parser.close()
        except ParseError as exc:
            raise InputError(
                f"malformed XML: {exc.msg} (is the file truncated?)", ctx.name, exc.position[0]
            ) from exc
