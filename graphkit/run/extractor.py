"""The ``Extractor``: the extract stage, then the link stage, paper after paper."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.extract import MentionFinder, build_pipeline
from graphkit.extract.vocab import Vocabulary, load_vocabulary
from graphkit.link import Linker
from graphkit.link.results import link_results
from graphkit.models import Entity, Extraction, Mention, Paper


class Extractor:
    """Find methods, datasets, metrics, tasks and repos in papers, linked into entities."""

    def __init__(
        self,
        *,
        extra_vocab: Sequence[str] = (),
        builtin_vocab: bool = True,
        model: str | None = None,
        rules: Sequence[str] = (),
    ) -> None:
        self._options: dict[str, Any] = {
            "extra_vocab": [str(p) for p in extra_vocab],
            "builtin_vocab": bool(builtin_vocab),
            "model": model,
            "rules": [str(p) for p in rules],
        }
        self.finder = MentionFinder(
            build_pipeline(
                extra_vocab=extra_vocab, builtin_vocab=builtin_vocab, model=model, rules=rules
            )
        )
        self.vocabulary: Vocabulary = load_vocabulary(extra_vocab, builtin=builtin_vocab)
        self._linker = self._new_linker()

    def _new_linker(self) -> Linker:
        return Linker(self.vocabulary, weak_rules=self.finder.table.weak)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline of the extract stage."""
        return self.finder.nlp

    def options(self) -> dict[str, Any]:
        """Return the keyword arguments that rebuild this extractor (picklable)."""
        return {k: list(v) if isinstance(v, list) else v for k, v in self._options.items()}

    def extract_paper(self, paper: Paper) -> Extraction:
        """Extract the entities of one paper."""
        return next(self.extract([paper]))

    def extract(self, papers: Iterable[Paper], *, batch_size: int = 64) -> Iterator[Extraction]:
        """Extract entities and results from papers, in order, ``batch_size`` papers at a time."""
        for found in self.finder.find(papers, batch_size=batch_size):
            entities = self.link(found.mentions, found.abbreviations)
            yield Extraction(
                paper=found.paper, entities=entities, results=link_results(found.results, entities)
            )

    def entities(self, docs: dict[str, Doc], texts: dict[str, str] | None = None) -> list[Entity]:
        """Link the mentions of one paper's processed fields into entities.

        ``texts`` holds the text each doc was made from; given, it spares
        rebuilding the text from the tokens.
        """
        mentions, abbreviations = self.finder.mentions(docs, texts)
        return self.link(mentions, abbreviations)

    def link(self, mentions: list[Mention], abbreviations: dict[str, str]) -> list[Entity]:
        """Group one paper's mentions into entities against the vocabulary."""
        if self._linker.vocabulary is not self.vocabulary:
            self._linker = self._new_linker()
        return self._linker.entities(mentions, abbreviations)
