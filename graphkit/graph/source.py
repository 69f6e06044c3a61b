"""One query interface, two sources: the in-memory graph and a store of its RDF.

:class:`GraphQueries` is the base of :class:`~graphkit.graph.KnowledgeGraph` (the
NetworkX graph, for graphs that fit in memory) and
:class:`~graphkit.graph.store_queries.StoreGraph` (an Oxigraph store, for any size):
both answer the same queries with the same arguments and the same answers on the same
build, and the filters they share are resolved here once.
:func:`open_graph` gives the one that fits a path.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import InputError
from graphkit.graph.results import ROLE_TYPES, rank
from graphkit.graph.schema import ENTITY_TYPES, PAPER_RELATIONS
from graphkit.types import SCORED

if TYPE_CHECKING:
    from graphkit.graph.model import KnowledgeGraph
    from graphkit.graph.store_queries import StoreGraph


Refs = str | Sequence[str] | None
"""An entity reference of a filter: one id, name or alias, or a list of them."""

FILTERS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    **{
        t.filter: ((t.name,), frozenset({t.relation, *(("proposes",) if t.proposable else ())}))
        for t in SCORED
        if t.filter and t.relation
    },
    "proposing": (tuple(t.name for t in SCORED if t.proposable), frozenset({"proposes"})),
    "mentioning": ((), frozenset(PAPER_RELATIONS)),
}
"""Paper filters: the entity types a reference may name and the relations that satisfy it
(one per entity type, named by the registry's ``filter``)."""


def check_type(type: str | None) -> None:
    """ValueError naming the registered types unless ``type`` is one of them (or None)."""
    if type is not None and type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {type!r}; choose from {', '.join(ENTITY_TYPES)}")


class GraphQueries(abc.ABC):
    """What both sources share: the filters of :meth:`papers` and :meth:`results` resolved
    the same way, and :meth:`leaderboard` ranked the same way. Each source answers the
    resolved query (:meth:`_papers`, :meth:`_results`) and the other queries
    (``entity``, ``entities``, ``top``, ``related``, ``evidence``, ``stats``) itself."""

    @abc.abstractmethod
    def _resolve(self, ref: str, types: tuple[str, ...]) -> str:
        """The id of the entity ``ref`` names among ``types`` (all types if empty)."""

    @abc.abstractmethod
    def _papers(
        self, conditions: list[tuple[str, frozenset[str]]], *, with_code: bool | None
    ) -> list[dict[str, Any]]:
        """The papers linked to every (entity id, relations) of ``conditions``."""

    @abc.abstractmethod
    def _results(self, filters: dict[str, str], *, kind: str | None) -> list[dict[str, Any]]:
        """The results whose roles name the entity ids of ``filters`` (role -> id)."""

    def papers(
        self,
        *,
        using: Refs = None,
        evaluated_on: Refs = None,
        measuring: Refs = None,
        addressing: Refs = None,
        proposing: Refs = None,
        with_repo: Refs = None,
        mentioning: Refs = None,
        with_code: bool | None = None,
        **by_type: Refs,
    ) -> list[dict[str, Any]]:
        """Papers that meet every filter given, in graph order.

        ``using`` a method (used or proposed), ``evaluated_on`` a dataset (or
        proposing it), ``measuring`` a metric, ``addressing`` a task,
        ``proposing`` a method or dataset, ``with_repo`` a repository,
        ``mentioning`` any entity. Each takes one name or a list, all of which
        must hold. ``with_code`` True keeps papers with a code link, False those
        without. Each paper is ``{"key", "id", "title", "date", "url", "code"}``.
        ``by_type`` takes the ``filter`` keywords of types added to the registry.
        """
        given = {
            "using": using,
            "evaluated_on": evaluated_on,
            "measuring": measuring,
            "addressing": addressing,
            "proposing": proposing,
            "with_repo": with_repo,
            "mentioning": mentioning,
            **by_type,
        }
        unknown = sorted(set(given) - set(FILTERS))
        if unknown:
            raise TypeError(f"papers() got an unexpected keyword argument {unknown[0]!r}")
        conditions = []
        for name, refs in given.items():
            if refs is None:
                continue
            types, relations = FILTERS[name]
            for ref in [refs] if isinstance(refs, str) else refs:
                conditions.append((self._resolve(ref, types), relations))
        return self._papers(conditions, with_code=with_code)

    def results(
        self,
        *,
        task: str | None = None,
        dataset: str | None = None,
        metric: str | None = None,
        method: str | None = None,
        kind: str | None = None,
    ) -> list[dict[str, Any]]:
        """The results whose task, dataset, metric and method are the entities named (all
        given must hold), of ``kind`` (``absolute`` or ``relative``) if given, in graph order.

        Each is the ``extractions.jsonl`` result record with ``<role>_id`` entity ids,
        ``paper`` (the paper id) and ``title``.
        """
        given = {"task": task, "dataset": dataset, "metric": metric, "method": method}
        filters = {
            role: self._resolve(ref, (ROLE_TYPES[role],))
            for role, ref in given.items()
            if ref is not None
        }
        return self._results(filters, kind=kind)

    def leaderboard(
        self,
        *,
        task: str | None = None,
        dataset: str | None = None,
        metric: str | None = None,
        directions: Sequence[str | os.PathLike[str]] = (),
    ) -> list[dict[str, Any]]:
        """The absolute results of the task, dataset and metric given, best first per metric:
        highest first for metrics that are better higher, lowest first for those better lower
        (``graphkit/data/results/metric_direction.tsv``, and ``directions`` files of the same
        columns). Each row is a result of :meth:`results` with ``better``."""
        found = self.results(task=task, dataset=dataset, metric=metric, kind="absolute")
        return rank(found, directions)


def open_graph(path: str | os.PathLike[str]) -> KnowledgeGraph | StoreGraph:
    """The graph at ``path``: a StoreGraph when it is an Oxigraph store folder (``graphkit
    build --store``), else the KnowledgeGraph of a ``graph.json``; InputError names a path
    that is neither."""
    from graphkit.export.store import is_store_dir

    source = Path(path)
    if is_store_dir(source):
        from graphkit.graph.store_queries import StoreGraph

        return StoreGraph(source)
    if not source.is_file():
        raise InputError("no such graph file or store", str(source))
    from graphkit.graph.model import KnowledgeGraph

    return KnowledgeGraph.load(source)
