"""Plain data records that flow between the stages: Paper -> Mention -> Entity."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graphkit.types import SCORED, TYPES

ENTITY_TYPES: tuple[str, ...] = tuple(t.name for t in SCORED)
"""The scored entity types, in the order graphkit reports them (from the type registry)."""

LINK = "link"
"""Type of URLs that are not code repositories; kept, never scored."""

SPAN_LABELS: dict[str, str] = {t.name: t.label for t in TYPES}
"""spaCy span label for each entity type (``method`` -> ``METHOD``)."""

FIELDS: tuple[str, ...] = ("title", "abstract")
"""The paper fields the extractor reads, in order."""


@dataclass
class Paper:
    """One paper as read from a source, before extraction."""

    id: str
    title: str
    abstract: str = ""
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    author_count: int | None = None
    url: str | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    source: str | None = None
    line: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str:
        """Return the text of field ``name`` (``title`` or ``abstract``)."""
        return self.title if name == "title" else self.abstract

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-ready data."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of text that names an entity, with the evidence for it."""

    text: str
    label: str
    field: str
    start: int
    end: int
    sentence: str
    rule: str
    proposed: bool = False

    def evidence(self) -> dict[str, Any]:
        """Return the JSON evidence record of DESIGN.md (text, field, offsets, sentence, rule)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "sentence": self.sentence,
            "rule": self.rule,
        }


@dataclass(slots=True)
class PaperMentions:
    """What the extract stage hands on for one paper: its mentions and the abbreviations
    it defines (short form to long form)."""

    paper: Paper
    mentions: list[Mention]
    abbreviations: dict[str, str]


@dataclass(slots=True)
class Entity:
    """A distinct thing named in one paper, with all the mentions that name it."""

    id: str
    name: str
    type: str
    proposed: bool = False
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    vocab_id: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the entity in the ``extractions.jsonl`` shape."""
        record: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "proposed": self.proposed,
            "aliases": list(self.aliases),
            "id": self.id,
        }
        if self.vocab_id:
            record["vocab_id"] = self.vocab_id
        if self.url:
            record["url"] = self.url
        record["mentions"] = [m.evidence() for m in self.mentions]
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Rebuild an entity from its ``extractions.jsonl`` record."""
        label = SPAN_LABELS.get(data["type"], data["type"].upper())
        mentions = []
        for m in data.get("mentions", []):
            mentions.append(
                Mention(
                    text=m.get("text", ""),
                    label=label,
                    field=m["field"],
                    start=m["start"],
                    end=m["end"],
                    sentence=m["sentence"],
                    rule=m["rule"],
                )
            )
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            proposed=bool(data.get("proposed", False)),
            aliases=list(data.get("aliases", [])),
            mentions=mentions,
            vocab_id=data.get("vocab_id"),
            url=data.get("url"),
        )


@dataclass
class Extraction:
    """A paper and the entities found in it: one line of ``extractions.jsonl``."""

    paper: Paper
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record of DESIGN.md, with the paper's metadata kept."""
        p = self.paper
        record: dict[str, Any] = {"id": p.id, "title": p.title}
        record["abstract"] = p.abstract
        for key in ("date", "author_count", "url", "arxiv_id", "doi", "source"):
            value = getattr(p, key)
            if value is not None:
                record[key] = value
        if p.authors:
            record["authors"] = list(p.authors)
        record["entities"] = [e.to_dict() for e in self.entities]
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an extraction from one ``extractions.jsonl`` record."""
        paper = Paper(
            id=data["id"],
            title=data["title"],
            abstract=data.get("abstract", ""),
            date=data.get("date"),
            authors=list(data.get("authors", [])),
            author_count=data.get("author_count"),
            url=data.get("url"),
            arxiv_id=data.get("arxiv_id"),
            doi=data.get("doi"),
            source=data.get("source"),
        )
        return cls(paper=paper, entities=[Entity.from_dict(e) for e in data.get("entities", [])])
