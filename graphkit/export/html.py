"""The interactive HTML view: one self-contained, offline page per graph.

The page is rendered from an autoescaped Jinja2 template in ``graphkit/data/html/``. vis-network
(the library pyvis drives), the page's own script and style are inlined; the graph travels as
JSON in a non-executed ``<script type="application/json">`` element with ``<``, ``>`` and ``&``
escaped; a Content-Security-Policy allows only those inline blocks (by hash) and no request at
all. Node positions are computed in Python (:mod:`graphkit.export.layout`) and physics is off,
so the page opens in about the time the browser takes to draw it.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import networkx as nx
from jinja2 import Environment, PackageLoader
from pyvis.network import Network

from graphkit.atomic import atomic_write
from graphkit.export.boards import entity_boards, row_paper
from graphkit.export.clusters import (
    OTHER_COLOUR,
    communities,
    grouped_layout,
    label_priority,
    layout_groups,
    name_clusters,
    paper_count,
)
from graphkit.export.timeline import Timeline, month_of, timeline
from graphkit.graph.schema import DERIVED_RELATIONS, PAPER, PAPER_RELATIONS
from graphkit.models import ENTITY_TYPES
from graphkit.types import SCORED

LARGE = 1000
"""Graphs with more nodes than this open on the top-entities view."""

DEFAULT_TOP = 500
"""Entities shown on the top-entities view when ``top`` is not given."""

PANEL_PAPERS = 100
"""Papers listed in an entity's side panel at most (the panel says how many more)."""

LABEL_CHARS = 32
"""Canvas labels longer than this are shortened with an ellipsis."""

SPACING = 160.0
"""Ideal edge length on the canvas, in pixels."""

LABEL_CANDIDATES = 80
"""Entities that may carry a label at the default zoom; the page keeps those that fit."""

PAPER_LIST = 1000
"""Papers in the Papers tab at most (the newest)."""

BOARDS = 40
"""Dataset leaderboards in the Leaderboards tab at most (those with most results)."""

EDGES_PER_NODE = 4
"""Strongest edges each node keeps on the top-entities view."""

LABEL_PX = 11
"""Smallest label size drawn, in screen pixels: smaller labels are left out, never drawn tiny."""

ENTITY_SET = frozenset(ENTITY_TYPES)
"""Node types drawn as entities (the type registry's)."""

TYPES: dict[str, tuple[str, str, str]] = {
    "paper": ("Papers", "#8c9bab", "square"),
    **{t.name: (t.legend, t.colour, t.shape) for t in SCORED},
}
"""Legend label, colour and vis-network shape of each node type (entity types: the registry)."""

NOUNS: dict[str, tuple[str, str]] = {t.name: (t.noun, t.plural) for t in SCORED}
"""Singular and plural noun of each entity type, for the corpus summary."""

TITLES: dict[str, str] = {"paper": "Paper", **{t.name: t.title for t in SCORED}}
"""The name of each node type on a node of the view."""

RELATION_TEXT: dict[str, str] = {
    "proposes": "proposes",
    "co_occurs": "co-occurs with",
    "implements": "implements",
    **{t.relation: t.relation_text for t in SCORED if t.relation and t.relation_text},
}
"""Each relation as the view words it: the registry's for the relations of entity types."""

RELATIONS: tuple[str, ...] = (*PAPER_RELATIONS, *DERIVED_RELATIONS)
"""Edge relations of docs/graph-model.md, in the order the page refers to them."""

SITES = {
    "github.com": "GitHub",
    "paperswithcode.com": "Papers with Code",
    "huggingface.co": "Hugging Face",
    "arxiv.org": "arXiv",
}
"""Link text for well-known hosts; other links show their host name."""

ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


@dataclass
class Selection:
    """Which nodes the page places on the canvas, and what was left out.

    ``unlinked`` are chosen entities with no edge to another canvas node: the page lists them
    instead of drawing them around the map.
    """

    canvas: list[str]
    entities_total: int
    entities_shown: int
    papers_on_canvas: bool
    unlinked: list[str] = field(default_factory=list)


def write_html(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    top: int | None = None,
    title: str | None = None,
    focus: str | None = None,
    large: int = LARGE,
    totals: dict[str, int] | None = None,
) -> Path:
    """Write the interactive view of ``graph`` to ``path`` atomically and return the path.

    Graphs of at most ``large`` nodes are drawn whole, papers included. Larger graphs, or any
    graph when ``top`` is given and it has more entities than that, show the ``top`` entities
    with most papers (default :data:`DEFAULT_TOP`) and the edges among them; their papers are
    listed in the side panel. ``focus`` (a node key) is always drawn and opens selected.
    ``totals`` gives the nodes of each type (``paper`` and the entity types) and the paper
    ``links`` of a corpus of which ``graph`` holds only the part drawn (a streamed build's
    view).
    """
    target = Path(path)
    with atomic_write(target) as handle:
        page = render_html(graph, top=top, title=title, focus=focus, large=large, totals=totals)
        handle.write(page)
    return target


def render_html(
    graph: nx.MultiDiGraph,
    *,
    top: int | None = None,
    title: str | None = None,
    focus: str | None = None,
    large: int = LARGE,
    totals: dict[str, int] | None = None,
) -> str:
    """Return the page :func:`write_html` writes."""
    if top is not None and top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    if focus is not None and focus not in graph:
        raise ValueError(f"no node {focus!r} in the graph")
    selection = select_view(graph, top=top, focus=focus, large=large)
    if totals is not None:
        selection.entities_total = sum(totals.get(kind, 0) for kind in ENTITY_SET)
    data = page_data(graph, selection, focus=focus)
    if totals is not None:
        data["paperTotal"] = totals["paper"]
    name = clean_text(str(graph.graph.get("name") or "graphkit"))
    heading = clean_text(title) if title else f"{name} knowledge graph"
    summary = corpus_summary(graph, selection, totals)
    assets = _assets()
    blocks = {
        "data_json": script_json(data),
        "options_json": script_json(view_options(len(selection.canvas))),
    }
    policy = "; ".join(
        (
            "default-src 'none'",
            f"script-src {_hash(assets['vis_js'])} {_hash(assets['view_js'])}",
            f"style-src {_hash(assets['vis_css'])} {_hash(assets['view_css'])}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return _template().render(
        heading=heading,
        page_title=f"{heading}: {summary['short']}",
        summary=summary,
        legend=data["types"],
        policy=policy,
        **assets,
        **blocks,
    )


def select_view(
    graph: nx.MultiDiGraph,
    *,
    top: int | None = None,
    focus: str | None = None,
    large: int = LARGE,
) -> Selection:
    """Choose the canvas nodes: the whole graph, or the ``top`` entities by paper count.

    Entity nodes are those of the type registry's types; other node types (results, links)
    are never drawn. Chosen entities linked to no other canvas node go to ``unlinked``.
    """
    kinds = dict(graph.nodes(data="type"))
    papers = [key for key, kind in kinds.items() if kind == PAPER]
    entities = [key for key, kind in kinds.items() if kind in ENTITY_SET]
    if top is None and graph.number_of_nodes() <= large:
        limit = len(entities)
    else:
        limit = top if top is not None else DEFAULT_TOP
    whole = limit >= len(entities) and graph.number_of_nodes() <= large
    if whole:
        chosen = set(papers) | set(entities)
    else:
        ranked = sorted(entities, key=lambda key: (-paper_count(graph, key), key))
        chosen = set(ranked[:limit])
        if focus is not None:
            chosen.add(focus)
    linked = {
        key
        for key in chosen
        if any(other in chosen and other != key for other in graph.succ[key])
        or any(other in chosen and other != key for other in graph.pred[key])
    }
    canvas = [key for key in graph.nodes if key in linked or key == focus]
    unlinked = [key for key in graph.nodes if key in chosen and key not in linked and key != focus]
    unlinked = [key for key in unlinked if kinds[key] in ENTITY_SET]
    shown = sum(1 for key in canvas if kinds[key] in ENTITY_SET)
    return Selection(canvas, len(entities), shown, whole, unlinked)


def page_data(
    graph: nx.MultiDiGraph, selection: Selection, *, focus: str | None = None
) -> dict[str, Any]:
    """Return the JSON the page script reads: node records, canvas edges and evidence rows.

    Records are canvas nodes (with ``x``/``y`` and their cluster ``g``) followed by the nodes
    only the side panel and the tabs need. ``links`` rows are ``[paper, entity, relation,
    proposed, evidence]`` with evidence as ``[sentence, mention text]`` pairs; ``results`` rows
    are result records; indices point into ``nodes``.
    """
    index: dict[str, int] = {key: i for i, key in enumerate(selection.canvas)}
    kinds = dict(graph.nodes(data="type"))
    order = {node: i for i, node in enumerate(graph.nodes)}
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    listed: dict[str, int] = {}

    def add_paper_rows(paper: str) -> None:
        for _, target, relation, attrs in graph.out_edges(paper, keys=True, data=True):
            if kinds.get(target) in ENTITY_SET:
                rows.setdefault((paper, target, relation), attrs)

    for key in selection.canvas:
        if kinds[key] == PAPER:
            add_paper_rows(key)
    for key in selection.canvas + selection.unlinked:
        if kinds[key] != PAPER and not selection.papers_on_canvas:
            linked = graph.pred[key]
            papers = sorted(
                (node for node in linked if node != key and kinds[node] == PAPER),
                key=order.__getitem__,
            )
            edges = (
                (paper, key, relation, attrs)
                for paper in papers
                for relation, attrs in linked[paper].items()
            )
            for paper, target, relation, attrs in itertools.islice(edges, PANEL_PAPERS):
                rows.setdefault((paper, target, relation), attrs)
            listed[key] = sum(len(linked[paper]) for paper in papers)
    paper_list = listed_papers(graph)
    for paper in paper_list:
        add_paper_rows(paper)
    ordered = sorted(rows, key=lambda row: (order[row[0]], order[row[1]], row[2]))
    rows_of: dict[str, int] = {}
    for _, target, _ in ordered:
        rows_of[target] = rows_of.get(target, 0) + 1
    for source, target, _ in ordered:
        for key in (source, target):
            if key not in index:
                index[key] = len(index)
    for key in [*selection.unlinked, *paper_list]:
        index.setdefault(key, len(index))
    entity_keys = [key for key in index if kinds[key] in ENTITY_SET]
    boards = entity_boards(graph, entity_keys)
    result_rows = [_result_row(row, index) for row in boards.rows]
    times = timeline(graph, entity_keys)
    edges = _canvas_edges(graph, selection, index)
    entities = [key for key in selection.canvas if kinds[key] in ENTITY_SET]
    clusters = name_clusters(graph, communities(graph, entities))
    cluster_of = {key: i for i, cluster in enumerate(clusters) for key in cluster.members}
    groups = layout_groups(selection.canvas, list(edges), cluster_of, kinds)
    positions = grouped_layout(len(selection.canvas), list(edges), groups, spacing=SPACING)
    priority = label_priority(graph, entities, clusters, limit=LABEL_CANDIDATES)
    nodes = []
    for key in index:
        record = _record(graph, key)
        if index[key] < len(positions):
            record["x"], record["y"] = positions[index[key]]
            if key in cluster_of:
                record["g"] = cluster_of[key]
            if key in priority:
                record["k"] = priority[key]
        if listed.get(key, 0) > rows_of.get(key, 0):
            record["more"] = listed[key] - rows_of[key]
        if kinds[key] == PAPER:
            month = month_of(graph.nodes[key].get("date"))
            if month is not None and times.first is not None:
                record["mo"] = month - times.first
        else:
            _time_fields(record, key, times)
            if key in boards.of:
                record["r"] = boards.of[key]
        nodes.append(record)
    links = [
        [
            index[source],
            index[target],
            _relation(relation),
            bool(rows[source, target, relation].get("proposed")),
            _evidence(rows[source, target, relation].get("evidence") or []),
        ]
        for source, target, relation in ordered
    ]
    types = [
        {"type": kind, "label": label, "color": color, "shape": shape, "title": TITLES[kind]}
        for kind, (label, color, shape) in TYPES.items()
    ]
    leaderboards = sorted(
        (key for key in boards.of if kinds[key] == "dataset"),
        key=lambda key: (-len(boards.of[key]), order[key]),
    )
    return {
        "types": types,
        "relations": list(RELATIONS),
        "relationText": [RELATION_TEXT.get(relation, relation) for relation in RELATIONS],
        "nodes": nodes,
        "canvas": len(selection.canvas),
        "edges": [[a, b, relations] for (a, b), relations in edges.items()],
        "links": links,
        "focus": index.get(focus) if focus is not None else None,
        "papersOnCanvas": selection.papers_on_canvas,
        "clusters": [
            {"n": clean_text(c.name), "c": c.colour, "s": len(c.members)} for c in clusters
        ],
        "other": OTHER_COLOUR,
        "months": times.labels(),
        "unlinked": [index[key] for key in selection.unlinked],
        "papers": [index[key] for key in paper_list],
        "paperTotal": sum(1 for kind in kinds.values() if kind == PAPER),
        "entityTotal": selection.entities_total,
        "results": result_rows,
        "boards": [index[key] for key in leaderboards[:BOARDS]],
    }


def listed_papers(graph: nx.MultiDiGraph, limit: int = PAPER_LIST) -> list[str]:
    """The papers of the Papers tab: newest first (undated last), at most ``limit``."""
    papers = [
        (month_of(attrs.get("date")), str(attrs.get("date") or ""), i, key)
        for i, (key, attrs) in enumerate(graph.nodes(data=True))
        if attrs.get("type") == PAPER
    ]
    papers.sort(key=lambda p: (p[0] is None, -(p[0] or 0), "" if p[0] is None else p[1], p[2]))
    return [key for *_, key in papers[:limit]]


def _time_fields(record: dict[str, Any], key: str, times: Timeline) -> None:
    """An entity's papers per month (``m``), first and last dates and whether it is new."""
    series = times.series(key)
    if series:
        record["m"] = series
        first, last = times.dates[key]
        record["f"], record["z"] = clean_text(first), clean_text(last)
    if times.is_new(key):
        record["nw"] = True


def _result_row(row: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    """A result as the page reads it: value, unit, kind, roles by name, paper and evidence."""
    value = row.get("value")
    number = value if isinstance(value, (int, float)) and math.isfinite(value) else None
    found: dict[str, Any] = {
        "v": number,
        "x": clean_text(str(row.get("text") or "")),
        "s": clean_text(str(row.get("sentence") or "")),
        "k": clean_text(str(row.get("kind") or "")),
        "p": index.get(row_paper(row)),
    }
    for role, short in (("unit", "u"), ("metric", "me"), ("dataset", "da"), ("method", "mt")):
        if row.get(role):
            found[short] = clean_text(str(row[role]))
    if row.get("compared_to"):
        found["vs"] = clean_text(str(row["compared_to"]))
    if row.get("better"):
        found["b"] = clean_text(str(row["better"]))
    return found


def corpus_summary(
    graph: nx.MultiDiGraph, selection: Selection, totals: dict[str, int] | None = None
) -> dict[str, Any]:
    """Counts for the header and title: papers, entities per type, links, and the view shown
    (``totals`` gives the nodes of each type and the ``links`` instead of the graph)."""
    if totals is not None:
        counts = {kind: totals.get(kind, 0) for kind in TYPES}
        links = totals["links"]
    else:
        kinds = dict(graph.nodes(data="type"))
        counts = {kind: 0 for kind in TYPES}
        for kind in kinds.values():
            if kind in counts:
                counts[kind] += 1
        links = sum(
            len(relations)
            for source, targets in graph.adj.items()
            if kinds[source] == PAPER
            for target, relations in targets.items()
            if kinds[target] in ENTITY_SET
        )
    entities = sum(count for kind, count in counts.items() if kind != "paper")
    parts = [_plural(counts[kind], *NOUNS[kind]) for kind in ENTITY_TYPES if counts[kind]]
    short = f"{_plural(counts['paper'], 'paper')}, {_plural(entities, 'entity', 'entities')}"
    if selection.papers_on_canvas and selection.entities_shown == selection.entities_total:
        view = "Showing the whole graph."
    elif selection.unlinked:
        chosen = selection.entities_shown + len(selection.unlinked)
        view = (
            f"Showing {selection.entities_shown:,} of the {chosen:,} entities with most papers "
            f"of {selection.entities_total:,} (the other {len(selection.unlinked):,} link to "
            "none of them; the Map tab lists them); click one to list its papers."
        )
    else:
        view = (
            f"Showing the {selection.entities_shown:,} entities with most papers "
            f"of {selection.entities_total:,}; click one to list its papers."
        )
    return {
        "short": short,
        "detail": f"{short} ({', '.join(parts) or 'none'}), {_plural(links, 'paper link')}.",
        "view": view,
    }


def view_options(canvas_nodes: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are given), straight edges, plain tooltips,
    and no label drawn smaller than :data:`LABEL_PX` on screen (the page sizes labels)."""
    net = Network(directed=True)
    net.toggle_physics(False)
    net.options.edges.smooth.enabled = False
    net.options.edges.inherit_colors(False)
    net.toggle_hide_edges_on_drag(canvas_nodes > 300)
    options = json.loads(net.options.to_json())
    options.pop("configure", None)
    options["physics"] = {"enabled": False}
    options["layout"] = {"improvedLayout": False}
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False}
    )
    options["edges"].update(
        {
            "color": {"color": "#c3cad3", "highlight": "#3d4a5c", "hover": "#3d4a5c"},
            "width": 1,
            "selectionWidth": 1.5,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.35}},
        }
    )
    options["nodes"] = {
        "borderWidth": 1,
        "font": {"size": 13, "face": "system-ui, sans-serif", "color": "#1f2933"},
        "scaling": {
            "min": 7,
            "max": 30,
            "label": {"enabled": False, "drawThreshold": LABEL_PX + 1},
        },
    }
    return options


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and U+2028/9 are escaped."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&]", lambda m: JSON_ESCAPES[m.group()], text)


def clean_text(value: str) -> str:
    """Drop control characters and lone surrogates, which HTML text cannot carry."""
    return CONTROL.sub("", value)


def safe_url(value: object) -> str | None:
    """Return ``value`` if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = clean_text(value).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def paper_links(attrs: dict[str, Any]) -> list[list[str]]:
    """Label and URL of each outside page of a paper: arXiv, the source page, DOI."""
    links = []
    arxiv = attrs.get("arxiv_id")
    if isinstance(arxiv, str) and ARXIV_ID.fullmatch(arxiv):
        links.append(["arXiv", f"https://arxiv.org/abs/{arxiv}"])
    url = safe_url(attrs.get("url"))
    if url and not url.startswith("https://arxiv.org/abs/"):
        links.append([_site(url), url])
    doi = attrs.get("doi")
    if isinstance(doi, str) and doi.startswith("10.") and not doi.startswith("10.48550/"):
        links.append(["DOI", f"https://doi.org/{quote(doi, safe='/:;()._-')}"])
    return links


def _record(graph: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    """The page record of one node: short keys keep large pages small."""
    attrs = graph.nodes[key]
    kind = attrs.get("type")
    if kind == "paper":
        title = clean_text(str(attrs.get("title") or attrs.get("id") or key))
        record: dict[str, Any] = {"t": "paper", "n": title, "l": _short(title)}
        if attrs.get("date"):
            record["d"] = clean_text(str(attrs["date"]))
        authors = [clean_text(str(a)) for a in attrs.get("authors") or []]
        if authors:
            record["au"] = authors
        code = [
            [_site(url), url]
            for _, target, relation in graph.out_edges(key, keys=True)
            if relation == "has_code" and (url := safe_url(graph.nodes[target].get("url")))
        ]
        record["u"] = paper_links(attrs) + code
        return record
    name = clean_text(str(attrs.get("name") or key))
    record = {"t": kind, "n": name, "l": _short(name), "c": paper_count(graph, key)}
    aliases = [clean_text(str(a)) for a in attrs.get("aliases") or [] if str(a).strip()]
    aliases = sorted({a for a in aliases if a != name})
    if aliases:
        record["a"] = aliases
    url = safe_url(attrs.get("url"))
    if url:
        record["u"] = [[_site(url), url]]
    return record


def _site(url: str) -> str:
    """Link text for ``url``: the site's name, or its host."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return SITES.get(host, host or "link")


def _canvas_edges(
    graph: nx.MultiDiGraph, selection: Selection, index: dict[str, int]
) -> dict[tuple[int, int], list[int]]:
    """Edges between canvas nodes, one per node pair, with the relations that join them.

    The top-entities view keeps only the backbone: each node's :data:`EDGES_PER_NODE`
    strongest edges (by co-occurrence count), so the map shows structure, not a hairball,
    and every drawn node keeps at least one edge.
    """
    canvas = set(selection.canvas)
    joined: dict[tuple[int, int], list[int]] = {}
    weight: dict[tuple[int, int], int] = {}
    for key in selection.canvas:
        for _, target, relation, attrs in graph.out_edges(key, keys=True, data=True):
            if target in canvas:
                pair = (index[key], index[target])
                joined.setdefault(pair, []).append(_relation(relation))
                count = attrs.get("count")
                weight[pair] = weight.get(pair, 0) + (count if isinstance(count, int) else 1)
    if selection.papers_on_canvas:
        return joined
    ends: dict[int, list[tuple[int, int]]] = {}
    for pair in joined:
        ends.setdefault(pair[0], []).append(pair)
        ends.setdefault(pair[1], []).append(pair)
    kept = {
        pair
        for pairs in ends.values()
        for pair in sorted(pairs, key=lambda p: (-weight[p], p))[:EDGES_PER_NODE]
    }
    return {pair: relations for pair, relations in joined.items() if pair in kept}


def _evidence(records: list[dict[str, Any]]) -> list[list[str]]:
    """Distinct evidence sentences of an edge, each with the mention text, in text order."""
    seen: dict[str, str] = {}
    for record in records:
        sentence = clean_text(str(record.get("sentence") or ""))
        if sentence and sentence not in seen:
            seen[sentence] = clean_text(str(record.get("text") or ""))
    return [[sentence, text] for sentence, text in seen.items()]


def _relation(name: str) -> int:
    """Index of a relation in :data:`RELATIONS` (unknown relations are added at the end)."""
    return RELATIONS.index(name) if name in RELATIONS else len(RELATIONS)


def _short(text: str) -> str:
    """``text`` on one line, cut to :data:`LABEL_CHARS` with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1].rstrip() + "…"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    """``1 paper``, ``2 papers``."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _hash(source: str) -> str:
    """CSP source expression allowing exactly this inline block."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def _assets() -> dict[str, str]:
    """The inlined files from ``graphkit/data/html/``, checked to be safe inside their tags."""
    folder = resources.files("graphkit") / "data" / "html"
    names = {
        "vis_js": "vis-network.min.js",
        "vis_css": "vis-network.min.css",
        "view_js": "view.js",
        "view_css": "view.css",
    }
    assets = {key: (folder / name).read_text(encoding="utf-8") for key, name in names.items()}
    for key, text in assets.items():
        lowered = text.lower()
        if "</script" in lowered or "</style" in lowered or "<!--" in lowered:
            raise RuntimeError(f"{names[key]} cannot be inlined: it closes its element")
    return assets


@cache
def _template() -> Any:
    """The page template, autoescaped."""
    env = Environment(
        loader=PackageLoader("graphkit", "data/html"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("view.html")
