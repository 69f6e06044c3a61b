"""Plain data records that flow between the stages: Paper -> Mention -> Entity."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graphkit.types import PROPOSABLE, SCORED, TYPES, type_of_label

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

    def relabelled(self, label: str) -> Mention:
        """This mention with another label, proposed only if a thing of that label can be (a
        method or dataset, not a task); the constructor is cheaper than ``dataclasses.replace``."""
        proposed = self.proposed and type_of_label(label) in PROPOSABLE
        return Mention(
            self.text, label, self.field, self.start, self.end, self.sentence, self.rule, proposed
        )

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
    results: list[ResultMention] = field(default_factory=list)


MentionRow = tuple[str, str, str, int, int, str, str, bool]
"""A mention as plain values, in the order of ``Mention``'s fields."""
EntityRow = tuple[str, str, str, bool, tuple[str, ...], tuple[MentionRow, ...], Any, Any]
"""An entity as plain values (``Entity.to_row``)."""


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

    def to_row(self) -> EntityRow:
        """Return the entity as plain tuples: the compact, lossless form that worker processes
        send (cheaper to pickle than the objects)."""
        mentions = tuple(
            (m.text, m.label, m.field, m.start, m.end, m.sentence, m.rule, m.proposed)
            for m in self.mentions
        )
        return (
            self.id,
            self.name,
            self.type,
            self.proposed,
            tuple(self.aliases),
            mentions,
            self.vocab_id,
            self.url,
        )

    @classmethod
    def from_row(cls, row: EntityRow) -> Entity:
        """Rebuild an entity from ``to_row``'s tuples."""
        id_, name, type_, proposed, aliases, mentions, vocab_id, url = row
        parts = [Mention(*m) for m in mentions]
        return cls(id_, name, type_, proposed, list(aliases), parts, vocab_id, url)

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
    results: list[Result] = field(default_factory=list)

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
        if self.results:
            record["results"] = [r.to_dict() for r in self.results]
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
        return cls(
            paper=paper,
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            results=[Result.from_dict(r) for r in data.get("results") or []],
        )


RESULT_KINDS: tuple[str, ...] = ("absolute", "relative")
"""A result is the score itself, or a difference or ratio against something else."""

RESULT_ROLES: tuple[str, ...] = ("metric", "dataset", "method", "task", "compared_to")
"""The entity fields of a result, in the order of RESULTS.md."""


@dataclass(frozen=True, slots=True)
class ResultMention:
    """A reported number as the extract stage finds it in one field: its value and unit, and
    the entity mentions that give its roles as ``(role, start, end)`` character spans.

    ``names`` holds ``(role, name)`` for roles that a cue word names rather than an
    entity ("5x faster": metric ``speed``). ``ours`` says that the method is the
    paper's own ("our method"), which the link stage resolves to the paper's
    proposed method.
    """

    text: str
    start: int
    end: int
    sentence: str
    rule: str
    value: float
    unit: str | None
    kind: str
    roles: tuple[tuple[str, int, int], ...] = ()
    ours: bool = False
    field: str = ""
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """A result of RESULTS.md: a number reported as the outcome of an evaluation, with the
    names of the entities it belongs to and its evidence (text, span, sentence, rule)."""

    value: float
    unit: str | None
    kind: str
    text: str
    sentence: str
    start: int
    end: int
    field: str
    rule: str
    metric: str | None = None
    dataset: str | None = None
    method: str | None = None
    task: str | None = None
    compared_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the ``extractions.jsonl`` record (the fields of DESIGN.md, in its order)."""
        return {
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            **{role: getattr(self, role) for role in RESULT_ROLES},
            "text": self.text,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """Rebuild a result from its record; ValueError when the value is not a finite number
        or the kind is unknown."""
        value = data.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ValueError(f"result value must be a finite number, not {value!r}")
        if value in (float("inf"), float("-inf")):
            raise ValueError(f"result value must be a finite number, not {value!r}")
        if data.get("kind") not in RESULT_KINDS:
            raise ValueError(f"result kind must be one of {RESULT_KINDS}, not {data.get('kind')!r}")
        roles = {role: data.get(role) or None for role in RESULT_ROLES}
        return cls(
            value=value,
            unit=data.get("unit") or None,
            kind=data["kind"],
            text=str(data.get("text", "")),
            sentence=str(data.get("sentence", "")),
            start=int(data.get("start", 0)),
            end=int(data.get("end", 0)),
            field=str(data.get("field", "abstract")),
            rule=str(data.get("rule", "")),
            **roles,
        )
