"""Safe IRI minting: every IRI graphkit writes is percent-encoded ASCII without
spaces, quotes, angle brackets or other characters that break RDF syntaxes."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, urlsplit

from graphkit.export.namespaces import DEFAULT_BASE_IRI
from graphkit.ids import arxiv_id
from graphkit.types import TYPES

_UNRESERVED = "-._~"
_HEX = frozenset("0123456789ABCDEFabcdef")
_URL_KEEP = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&()*+,;=:@/?"
)
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$")
_SAFE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~!$&()*+,;=:@/?#%\[\]]+$")

PWC_PAGES: dict[str, str] = {t.name: t.pwc_page for t in TYPES if t.pwc_page}
"""Papers with Code page prefixes, for vocabulary entities that carry a ``pwc:`` id but no URL."""


def segment(text: str) -> str:
    """Percent-encode ``text`` as one IRI path segment (UTF-8; only unreserved characters stay).

    ``/`` is encoded too, so an id can never escape its segment; the dot
    segments ``.`` and ``..`` are encoded so that no IRI resolver removes them,
    and so is a final ``.``, which some Turtle readers mistake for the end of
    a statement.
    """
    if not text:
        raise ValueError("cannot mint an IRI from an empty id")
    encoded = quote(text, safe=_UNRESERVED)
    if encoded in (".", ".."):
        return encoded.replace(".", "%2E")
    if encoded.endswith("."):
        return encoded[:-1] + "%2E"
    return encoded


def is_safe_iri(iri: str) -> bool:
    """Tell whether ``iri`` is absolute, ASCII, and free of spaces, quotes and angle brackets."""
    return bool(_SAFE_IRI.match(iri))


def check_base_iri(base_iri: str | None) -> str:
    """Return a usable base IRI (ending in ``/`` or ``#``), or raise ValueError saying why not."""
    base = DEFAULT_BASE_IRI if base_iri is None else base_iri.strip()
    if not base.endswith(("/", "#")):
        base += "/"
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or not is_safe_iri(base):
        raise ValueError(
            f"base IRI {base_iri!r} must be an absolute http(s) IRI of safe ASCII characters"
        )
    return base


def web_iri(url: str | None) -> str | None:
    """Return ``url`` as a safe http(s) IRI, or None when it is not a usable web address.

    The host is lower-cased (and IDNA-encoded when not ASCII); every other
    character outside the RFC 3986 set, and every ``%`` that does not start an
    escape, is percent-encoded.
    """
    if not url:
        return None
    text = url.strip()
    if any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username:
        return None
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    netloc = host if port is None else f"{host}:{port}"
    if not _HOST.match(netloc):
        return None
    iri = f"{parts.scheme.lower()}://{netloc}{_escape(parts.path)}"
    if parts.query:
        iri += "?" + _escape(parts.query)
    if parts.fragment:
        iri += "#" + _escape(parts.fragment)
    return iri if is_safe_iri(iri) else None


def _escape(text: str) -> str:
    """Percent-encode the characters of a URL part that are not allowed to stand as they are."""
    out: list[str] = []
    for i, ch in enumerate(text):
        escape = text[i + 1 : i + 3]
        if ch in _URL_KEEP or (ch == "%" and len(escape) == 2 and set(escape) <= _HEX):
            out.append(ch)
        else:
            out.append(quote(ch, safe=""))
    return "".join(out)


class IriMinter:
    """Mint the IRIs of one export: papers, entities, evidence records and the run."""

    def __init__(self, base_iri: str | None = None) -> None:
        self.base = check_base_iri(base_iri)

    def paper(self, paper_id: str) -> str:
        """``<base>paper/<id>``; an old-style arXiv id's ``/`` is encoded."""
        return f"{self.base}paper/{segment(paper_id)}"

    def entity(self, key: str, url: str | None = None) -> str:
        """The IRI of the entity node ``<type>/<slug>``; a repository's IRI is its URL."""
        kind, _, slug = key.partition("/")
        if kind == "repo":
            found = web_iri(url) or web_iri(f"https://{slug}")
            if found:
                return found
        if not slug:
            raise ValueError(f"entity id {key!r} is not of the form <type>/<slug>")
        return f"{self.base}{segment(kind)}/{segment(slug)}"

    def evidence(self, *parts: object) -> str:
        """``<base>evidence/<hash>``: 16 hex digits of SHA-1 over the statement and the record."""
        digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
        return f"{self.base}evidence/{digest[:16]}"

    def graph(self, name: str) -> str:
        """``<base>graph/<name>``: the named graph of one dataset in a store or TriG file."""
        return f"{self.base}graph/{segment(name)}"

    def run(self) -> str:
        """``<base>run``: the extraction run, described only when run metadata is asked for."""
        return f"{self.base}run"


def vocabulary_iri(kind: str, url: str | None, vocab_id: str | None) -> str | None:
    """A vocabulary entity's Papers with Code IRI: its ``url``, else built from a ``pwc:`` id."""
    found = web_iri(url)
    if found:
        return found
    if vocab_id and vocab_id.startswith("pwc:") and kind in PWC_PAGES and len(vocab_id) > 4:
        return PWC_PAGES[kind] + segment(vocab_id[4:])
    return None


def arxiv_page(value: str | None) -> str | None:
    """The arXiv page of an arXiv id (``https://arxiv.org/abs/<id>``), or None if not one."""
    found = arxiv_id(value)
    if not found:
        return None
    return "https://arxiv.org/abs/" + "/".join(segment(part) for part in found.split("/"))
