"""The HTML view in a real headless chromium: offline, complete, interactive and inert to XSS."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from cdp import Browser, Page, chromium_path
from test_rdf_fixtures import hand_graph, hostile_graph

from graphkit.export.html import write_html
from graphkit.graph.results import rank, results_of

pytestmark = pytest.mark.browser

READY = "window.graphkitView && window.graphkitView.ready"
VISIBLE = (
    "(() => { const v = graphkitView; return v.nodes.get().filter(n => !n.hidden).length; })()"
)
DRAWN = "Object.values(graphkitView.network.body.nodes).filter(n => !n.options.hidden).length"
PANEL_OPEN = "!document.getElementById('panel').hidden"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One chromium for the module, with a fresh profile; skipped without chromium (not in CI)."""
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing; CI installs it (apt-get install -y chromium)")
        pytest.skip("chromium is not installed")
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    with Browser(profile, width=1400, height=900) as running:
        yield running


@pytest.fixture(scope="module")
def sample_graph() -> nx.MultiDiGraph:
    """The graph of the bundled sample corpus (real extraction), built once for the module."""
    pipeline = pytest.importorskip("graphkit.run.pipeline")
    return pipeline.build().graph


@pytest.fixture(scope="module")
def sample_page(sample_graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default view of the sample graph."""
    return write_html(sample_graph, tmp_path_factory.mktemp("sample") / "sample.html")


def open_view(browser: Browser, path: Path) -> Page:
    """Open the page at ``path`` in a new tab and wait until it has drawn."""
    page = browser.new_page()
    page.navigate(path.as_uri())
    page.wait_for(READY)
    return page


def assert_offline_and_clean(page: Page, path: Path) -> None:
    """No console error, no dialog, and no request but the page file itself."""
    assert page.errors == []
    assert page.dialogs == []
    assert page.blocked == []
    assert page.requests == [path.as_uri()]


def node_point(page: Page, name: str) -> tuple[float, float]:
    """Viewport coordinates of the node named ``name``, centred first so nothing covers it."""
    return tuple(
        page.evaluate(
            f"""(() => {{
            const v = graphkitView;
            const id = v.data.nodes.findIndex(n => n.n === {json.dumps(name)});
            v.network.moveTo({{position: v.network.getPosition(id), scale: 1.2}});
            const p = v.network.canvasToDOM(v.network.getPosition(id));
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }})()"""
        )
    )


def click_element(page: Page, selector: str) -> None:
    """A real mouse click in the middle of the element matching ``selector``."""
    x, y = page.evaluate(
        f"""(() => {{ const r = document.querySelector({json.dumps(selector)})
            .getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"""
    )
    page.click(x, y)


def test_page_loads_offline_and_draws_every_node(browser: Browser, tmp_path: Path) -> None:
    graph = hand_graph()
    path = write_html(graph, tmp_path / "hand.html")
    page = open_view(browser, path)
    expected = page.evaluate("graphkitView.data.canvas")
    assert expected == graph.number_of_nodes() == 15
    assert page.evaluate(DRAWN) == expected
    assert page.evaluate("graphkitView.network.getPositions().constructor === Object")
    assert len(page.evaluate("Object.keys(graphkitView.network.getPositions())")) == expected
    assert page.evaluate("document.title") == "hand knowledge graph: 3 papers, 12 entities"
    assert page.evaluate("document.getElementById('summary').textContent").startswith(
        "3 papers, 12 entities (3 methods, 3 datasets, 2 metrics, 2 tasks, 2 code repositories)"
    )
    page.screenshot(tmp_path / "hand.png")
    assert (tmp_path / "hand.png").stat().st_size > 10_000
    assert_offline_and_clean(page, path)
    page.close()


def test_sample_corpus_page_loads_offline(
    browser: Browser, sample_page: Path, tmp_path: Path
) -> None:
    page = open_view(browser, sample_page)
    assert page.evaluate(DRAWN) == page.evaluate("graphkitView.data.canvas") > 100
    page.screenshot(tmp_path / "sample.png")
    assert_offline_and_clean(page, sample_page)
    page.close()


LABEL_BOXES = """(() => {
  const net = graphkitView.network, scale = net.getScale(), out = [];
  for (const node of Object.values(net.body.nodes)) {
    if (node.options.hidden || !node.labelModule.visible()) continue;
    const size = node.labelModule.size;
    const a = net.canvasToDOM({x: size.left, y: size.top});
    const b = net.canvasToDOM({x: size.left + size.width, y: size.top + size.height});
    out.push([node.options.label, node.labelModule.fontOptions.size * scale, a.x, a.y, b.x, b.y]);
  }
  return out;
})()"""


def test_map_has_readable_labels_that_do_not_overlap(browser: Browser, sample_page: Path) -> None:
    page = open_view(browser, sample_page)
    assert page.evaluate("window.innerWidth") == 1400
    width, height = page.evaluate(
        "(() => { const g = document.getElementById('graph');"
        " return [g.clientWidth, g.clientHeight]; })()"
    )
    labels = page.evaluate(LABEL_BOXES)
    readable = [label for label in labels if label[1] >= 11]
    assert readable == labels  # no label is drawn smaller than 11 px on screen
    on_screen = [
        b for b in readable if b[2] >= 0 and b[3] >= 0 and b[4] <= width and b[5] <= height
    ]
    assert len(on_screen) >= 20
    for (one, *_, a), (other, *_, b) in itertools.combinations(
        [(box[0], box[2:]) for box in labels], 2
    ):
        overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        assert not overlap, (one, other)
    page.close()


def test_no_unlinked_entity_is_drawn(browser: Browser, sample_page: Path) -> None:
    page = open_view(browser, sample_page)
    data = page.evaluate("graphkitView.data")
    drawn = page.evaluate("Object.keys(graphkitView.network.getPositions()).map(Number)")
    assert len(drawn) == data["canvas"]
    ends = {end for edge in data["edges"] for end in edge[:2]}
    assert set(drawn) <= ends  # every drawn node has an edge on the map
    assert data["unlinked"] and min(data["unlinked"]) >= data["canvas"]
    names = {data["nodes"][i]["n"] for i in data["unlinked"]}
    listed = page.evaluate(
        "[...document.querySelectorAll('#unlinked-list button')].map(b => b.textContent)"
    )
    assert set(listed) == names
    colours = page.evaluate("new Set(graphkitView.nodes.get().map(n => n.color.background)).size")
    assert colours >= 5  # clusters are coloured apart
    page.close()


def test_date_range_filters_the_map(browser: Browser, sample_page: Path) -> None:
    page = open_view(browser, sample_page)
    data = page.evaluate("graphkitView.data")
    months = data["months"]
    assert len(months) > 24 and not page.evaluate("document.getElementById('time').hidden")
    start = len(months) - 12
    page.evaluate(
        f"(() => {{ const input = document.getElementById('range-from'); input.value = '{start}';"
        " input.dispatchEvent(new Event('input')); })()"
    )
    assert page.evaluate("document.getElementById('range-text').textContent").startswith(
        f"{months[start]} to {months[-1]}"
    )
    shown = page.evaluate("graphkitView.nodes.get().filter(n => !n.hidden).map(n => n.id)")
    expected = [
        i
        for i, node in enumerate(data["nodes"][: data["canvas"]])
        if any(month >= start for month in node.get("m", [])[::2])
    ]
    assert shown == expected and 0 < len(shown) < data["canvas"]
    assert page.evaluate(DRAWN) == len(shown)
    click_element(page, "#range-reset")
    assert page.evaluate(VISIBLE) == data["canvas"]
    assert_offline_and_clean(page, sample_page)
    page.close()


def test_entity_panel_shows_papers_per_month(browser: Browser, sample_page: Path) -> None:
    page = open_view(browser, sample_page)
    data = page.evaluate("graphkitView.data")
    index, node = max(
        enumerate(data["nodes"][: data["canvas"]]), key=lambda item: len(item[1].get("m", []))
    )
    page.evaluate(f"graphkitView.select({index}, true)")
    bars = page.evaluate(
        "[...document.querySelectorAll('#panel svg.trend rect.bar')]"
        ".map(b => [b.querySelector('title').textContent, +b.getAttribute('height')])"
    )
    series = list(zip(node["m"][::2], node["m"][1::2], strict=True))
    assert [title for title, _ in bars] == [
        f"{data['months'][month]}: {count} paper{'s' if count > 1 else ''}"
        for month, count in series
    ]
    tallest = max(range(len(series)), key=lambda i: (series[i][1], -i))
    assert max(height for _, height in bars) == bars[tallest][1]
    axis = page.evaluate("document.querySelector('#panel .trend-axis').textContent")
    assert axis.startswith(data["months"][0]) and axis.endswith(data["months"][-1])
    assert_offline_and_clean(page, sample_page)
    page.close()


def test_leaderboard_panel_ranks_rows_with_paper_and_evidence(
    browser: Browser, sample_graph: nx.MultiDiGraph, sample_page: Path
) -> None:
    page = open_view(browser, sample_page)
    data = page.evaluate("graphkitView.data")
    index = data["boards"][0]
    name = data["nodes"][index]["n"]
    key = next(k for k, a in sample_graph.nodes(data=True) if a.get("name") == name)
    expected = rank(results_of(sample_graph, {"dataset": key}))
    page.evaluate(f"graphkitView.select({index}, true)")
    values = page.evaluate(
        "[...document.querySelectorAll('#panel .leaderboard li .value')].map(v => v.textContent)"
    )
    assert values == [row["text"] for row in expected][: len(values)] and values
    first = "#panel .leaderboard li"
    quote = page.evaluate(f"document.querySelector('{first} blockquote').textContent")
    mark = page.evaluate(f"document.querySelector('{first} blockquote mark').textContent")
    assert quote == expected[0]["sentence"] and mark == expected[0]["text"]
    click_element(page, f"{first} .relation button")
    assert page.evaluate("document.querySelector('#panel h2').textContent") == expected[0]["title"]
    click_element(page, '#tabs button[data-tab="boards"]')
    assert page.evaluate("graphkitView.tab") == "boards"
    heads = page.evaluate("[...document.querySelectorAll('#boards h3')].map(h => h.textContent)")
    assert heads[0] == name and len(heads) == len(data["boards"])
    assert_offline_and_clean(page, sample_page)
    page.close()


def test_papers_and_entities_tabs(browser: Browser, sample_page: Path) -> None:
    page = open_view(browser, sample_page)
    data = page.evaluate("graphkitView.data")
    click_element(page, '#tabs button[data-tab="papers"]')
    assert page.evaluate("document.querySelectorAll('#paper-list > li').length") == min(
        200, len(data["papers"])
    )
    title = data["nodes"][data["papers"][-1]]["n"]
    word = max(title.split(), key=len).lower()
    click_element(page, "#paper-search")
    page.type_text(word)
    titles = page.evaluate(
        "[...document.querySelectorAll('#paper-list > li > button')].map(b => b.textContent)"
    )
    wanted = [
        data["nodes"][p]["n"] for p in data["papers"] if word in data["nodes"][p]["n"].lower()
    ]
    assert titles == wanted and title in titles
    click_element(page, "#paper-list > li > button")
    assert page.evaluate("document.querySelector('#panel h2').textContent") == titles[0]
    click_element(page, '#tabs button[data-tab="entities"]')
    counts = (
        "[...document.querySelectorAll('#entity-table tbody td:nth-child(2)')]"
        ".map(t => +t.textContent)"
    )
    down = page.evaluate(counts)
    assert down == sorted(down, reverse=True) and len(down) == 200
    click_element(page, '#entity-table th button[data-sort="c"]')
    up = page.evaluate(counts)
    assert up == sorted(up) and up[0] <= down[-1]
    page.evaluate(
        "(() => { const s = document.getElementById('entity-type'); s.value = 'dataset';"
        " s.dispatchEvent(new Event('change')); })()"
    )
    kinds = page.evaluate(
        "[...document.querySelectorAll('#entity-table tbody td:first-child .muted')]"
        ".map(t => t.textContent)"
    )
    assert kinds and set(kinds) == {"Dataset"}
    assert_offline_and_clean(page, sample_page)
    page.close()


def test_search_and_type_filters_change_what_is_visible(browser: Browser, tmp_path: Path) -> None:
    path = write_html(hand_graph(), tmp_path / "hand.html")
    page = open_view(browser, path)
    assert page.evaluate(VISIBLE) == 15
    click_element(page, "#search")
    page.type_text("imagenet")
    visible = page.evaluate("graphkitView.nodes.get().filter(n => !n.hidden).map(n => n.label)")
    assert sorted(visible)[0] == "A Study of Residual Networks"
    assert "ImageNet" in visible and len(visible) == 4
    assert page.evaluate(DRAWN) == 4
    assert page.evaluate("document.getElementById('search-status').textContent") == "1 match"
    page.type_text("z")
    assert page.evaluate(VISIBLE) == 0
    page.press("Escape")
    assert page.evaluate(VISIBLE) == 15
    click_element(page, '#filters li[data-type="paper"] input')
    assert page.evaluate(VISIBLE) == 12
    derived = "graphkitView.edges.get().filter(e => !e.hidden).length"
    assert page.evaluate(derived) > 0
    click_element(page, '#filters li[data-type="method"] input')
    assert page.evaluate(VISIBLE) == 9
    assert page.evaluate(DRAWN) == 9
    click_element(page, "#search")
    page.type_text("ViT")
    matched = "graphkitView.matched.map(i => graphkitView.data.nodes[i].n)"
    assert page.evaluate(matched) == ["mit-han-lab/efficientvit"]
    click_element(page, '#filters li[data-type="method"] input')
    assert page.evaluate(matched) == [
        "Vision Transformer",
        "EfficientViT",
        "mit-han-lab/efficientvit",
    ]
    click_element(page, "#search")
    page.press("Enter")
    assert page.evaluate(PANEL_OPEN)
    assert page.evaluate("document.querySelector('#panel h2').textContent") == "Vision Transformer"
    page.screenshot(tmp_path / "search.png")
    assert_offline_and_clean(page, path)
    page.close()


def test_clicking_a_node_highlights_it_and_fills_the_panel(
    browser: Browser, tmp_path: Path
) -> None:
    path = write_html(hand_graph(), tmp_path / "hand.html")
    page = open_view(browser, path)
    assert not page.evaluate(PANEL_OPEN)
    page.click(*node_point(page, "ResNet"))
    page.wait_for(PANEL_OPEN, timeout=10)
    resnet = page.evaluate("graphkitView.data.nodes.findIndex(n => n.n === 'ResNet')")
    assert page.evaluate("graphkitView.network.getSelectedNodes()") == [resnet]
    panel = page.evaluate("document.getElementById('panel').textContent")
    assert "ResNet" in panel and "2 papers" in panel and "ResNets, residual network" in panel
    kind = page.evaluate("document.querySelector('#panel .kind').textContent")
    assert kind == "Method"  # the registry's title of the type
    assert "EfficientViT: Memory Efficient Vision Transformer" in panel
    assert "A Study of Residual Networks" in panel and "We do it." in panel
    links = page.evaluate(
        "[...document.querySelectorAll('#panel a')].map(a => [a.textContent, a.href, a.target,"
        " a.rel])"
    )
    assert ["arXiv", "https://arxiv.org/abs/2305.07027", "_blank", "noopener noreferrer"] in links
    assert any(link[0] == "GitHub" for link in links)
    assert all(link[1].startswith("https://") and "noopener" in link[3] for link in links)
    dimmed = page.evaluate(
        "graphkitView.nodes.get().filter(n => n.color && n.color.background === '#eef0f3').length"
    )
    assert dimmed == 15 - 1 - 2
    page.screenshot(tmp_path / "panel.png")
    corner = "(() => { const r = document.getElementById('graph').getBoundingClientRect();"
    page.click(*page.evaluate(corner + " return [r.left + 5, r.bottom - 5]; })()"))
    assert not page.evaluate(PANEL_OPEN)
    assert_offline_and_clean(page, path)
    page.close()


def test_focus_opens_selected(browser: Browser, tmp_path: Path) -> None:
    path = write_html(hand_graph(), tmp_path / "ego.html", focus="dataset/imagenet")
    page = open_view(browser, path)
    assert page.evaluate(PANEL_OPEN)
    assert page.evaluate("document.querySelector('#panel h2').textContent") == "ImageNet"
    assert_offline_and_clean(page, path)
    page.close()


def test_xss_payloads_stay_inert(browser: Browser, tmp_path: Path) -> None:
    graph = hostile_graph()
    path = write_html(graph, tmp_path / "hostile.html", title="<img src=x onerror=alert(1)>")
    page = open_view(browser, path)
    title = "<img src=x onerror=alert(1)>: 2 papers, 11 entities"
    assert page.evaluate("document.title") == title
    injected = (
        "document.querySelectorAll('img, iframe, object, embed, b, x, svg:not(.trend),"
        " svg.trend :not(rect):not(title)').length"
    )
    assert page.evaluate(injected) == 0
    assert page.evaluate("document.scripts.length") == 4
    assert page.evaluate("document.getElementById('heading').textContent") == title.split(":")[0]
    count = page.evaluate("graphkitView.data.nodes.length")
    for index in range(count):
        page.evaluate(f"graphkitView.select({index}, true)")
        assert page.evaluate(injected) == 0
        hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
        assert all(href.startswith(("https://", "http://")) for href in hrefs)
    for tab in ("entities", "papers", "boards", "map"):
        page.evaluate(f"graphkitView.showTab('{tab}')")
        assert page.evaluate(injected) == 0
    listed = page.evaluate("document.getElementById('side').textContent")
    assert "</script><script>alert(1)</script>" in listed
    page.evaluate("graphkitView.select(graphkitView.data.nodes.findIndex(n => n.t === 'paper'))")
    panel = page.evaluate("document.getElementById('panel').textContent")
    assert "</script><script>alert(1)</script>" in panel and "<b>&amp;</b>" in panel
    x, y = node_point(page, "</script>")
    page.mouse("mouseMoved", x, y)
    page.wait_for(
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return t && t.style.visibility === 'visible'; })()",
        timeout=10,
    )
    tooltip = page.evaluate(
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return [[...t.children].map(c => c.tagName), t.innerText]; })()"
    )
    assert set(tooltip[0]) <= {"BR"}
    assert tooltip[1].startswith("</script>\nTask · 1 paper")
    assert '\nAlso: say "hi" <b>&amp;</b>' in tooltip[1]
    assert page.evaluate(injected) == 0
    assert page.evaluate("document.title") == title
    page.screenshot(tmp_path / "hostile.png")
    assert_offline_and_clean(page, path)
    page.close()
