/* graphkit interactive view: builds the vis-network map from the page's JSON, and the tabs,
   filters, date range, search and side panel around it. Text goes into the page only through
   textContent and text nodes; links are made only for http(s) URLs; charts are SVG elements
   made here. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var options = JSON.parse(document.getElementById("graph-options").textContent);
  var DIM_NODE = { background: "#eef0f3", border: "#dde1e6" };
  var DIM_EDGE = "rgba(200, 205, 212, 0.25)";
  var FONT = (options.nodes && options.nodes.font && options.nodes.font.color) || "#1f2933";
  var HIDDEN_FONT = "rgba(0, 0, 0, 0)";
  var NEW_BORDER = "#f0b429";  /* entities whose papers are all recent */
  var SVG = "http://www.w3.org/2000/svg";
  var LABEL_PX = 13;      /* labels drawn at the default zoom, in screen pixels */
  var SMALL_PX = 7;       /* other labels at the default zoom: below the draw threshold */
  var MAX_PX = 16;        /* labels never grow beyond this on screen */
  var MAX_LABELS = 30;
  var FOCUS_ZOOM = 2.5;   /* zoom, relative to the overview, when a node is brought into view */
  var baseScale = 1;      /* the overview's zoom */
  var LIST_ROWS = 200;

  var types = {};
  data.types.forEach(function (t) { types[t.type] = t; });
  function singular(type) { return types[type] ? types[type].title : type; }
  var canvasCount = data.canvas;
  var records = data.nodes;
  var months = data.months || [];
  var enabled = {};
  data.types.forEach(function (t) { enabled[t.type] = true; });

  var linksOf = records.map(function () { return []; });
  data.links.forEach(function (row, i) {
    linksOf[row[0]].push(i);
    if (row[1] !== row[0]) linksOf[row[1]].push(i);
  });

  function relationName(index) { return data.relations[index] || "related"; }
  function relationText(index) { return data.relationText[index] || relationName(index); }
  function isDerived(edge) {
    return records[edge[0]].t !== "paper" && records[edge[1]].t !== "paper";
  }
  function plural(count, word, many) {
    return count + " " + (count === 1 ? word : many || word + "s");
  }
  function colorOf(type) { return (types[type] || { color: "#999999" }).color; }
  function isEntity(r) { return r.t !== "paper" && types[r.t] !== undefined; }
  function fillOf(index) {
    var r = records[index];
    if (r.g !== undefined && data.clusters[r.g]) return data.clusters[r.g].c;
    return r.t === "paper" ? colorOf("paper") : data.other;
  }
  function nodeColor(index) {
    var fill = fillOf(index);
    var border = records[index].nw ? NEW_BORDER : fill;
    return { background: fill, border: border, highlight: { background: fill, border: "#1f2933" },
      hover: { background: fill, border: "#1f2933" } };
  }

  function tooltip(record) {
    var lines = [record.n, singular(record.t)];
    if (record.t === "paper") {
      if (record.d) lines[1] += " · " + record.d;
    } else {
      lines[1] += " · " + plural(record.c || 0, "paper");
      if (record.f) lines[1] += " · " + record.f.slice(0, 7) + " to " + record.z.slice(0, 7);
      if (record.nw) lines[1] += " · new";
      if (record.g !== undefined && data.clusters[record.g]) {
        lines.push("Cluster: " + data.clusters[record.g].n);
      }
    }
    if (record.a && record.a.length) {
      var shown = record.a.slice(0, 8).join(", ");
      lines.push("Also: " + shown + (record.a.length > 8 ? ", …" : ""));
    }
    return lines.join("\n");
  }

  /* ---- the map ---- */
  var fontSize = [];
  function fontOf(index, color) {
    var hidden = color === HIDDEN_FONT;
    return { color: color || FONT, size: fontSize[index], strokeWidth: hidden ? 0 : 3,
      strokeColor: "#ffffff" };
  }

  function baseNode(i) {
    var r = records[i];
    var t = types[r.t] || { shape: "dot" };
    fontSize.push(1);
    var node = {
      id: i, label: r.l, title: tooltip(r), shape: t.shape, x: r.x, y: r.y,
      color: nodeColor(i), font: fontOf(i), hidden: false, borderWidth: r.nw ? 2 : 1
    };
    if (r.t === "paper") node.size = 6;
    else node.value = Math.max(r.c || 0, 1);
    return node;
  }

  var visNodes = [];
  for (var i = 0; i < canvasCount; i++) visNodes.push(baseNode(i));
  var visEdges = data.edges.map(function (e, k) {
    return { id: k, from: e[0], to: e[1], hidden: !edgeActive(e),
      title: e[2].map(relationText).join(", ") };
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var view = {
    network: network, nodes: nodes, edges: edges, data: data, tab: "map", labelled: [],
    visible: canvasCount, matched: [], panel: null, ready: false, readyAt: null
  };
  window.graphkitView = view;

  function setFonts(sizes) {
    var updates = [];
    Object.keys(sizes).forEach(function (key) {
      var n = Number(key);
      fontSize[n] = sizes[key];
      updates.push({ id: n, font: fontOf(n, highlighted && !kept[n] ? HIDDEN_FONT : FONT) });
    });
    nodes.update(updates);
  }

  /* Labels that fit: the most linked entities get readable labels at the default zoom, as
     many as fit without overlapping (read from the boxes vis-network draws); the others
     show when zoomed in and on hover. */
  function placeLabels() {
    network.fit({ animation: false });
    var scale = network.getScale();
    baseScale = scale;
    var sizes = {}, candidates = [];
    for (var n = 0; n < canvasCount; n++) {
      sizes[n] = SMALL_PX / scale;
      if (records[n].k !== undefined) candidates.push(n);
    }
    candidates.sort(function (a, b) { return records[a].k - records[b].k; });
    candidates.forEach(function (n) { sizes[n] = LABEL_PX / scale; });
    setFonts(sizes);
    network.redraw();
    var width = container.clientWidth, height = container.clientHeight;
    var taken = [], chosen = {};
    candidates.forEach(function (n) {
      if (taken.length >= MAX_LABELS) return;
      var body = network.body.nodes[n];
      if (!body || body.options.hidden || !body.labelModule.visible()) return;
      var size = body.labelModule.size;
      var a = network.canvasToDOM({ x: size.left, y: size.top });
      var b = network.canvasToDOM({ x: size.left + size.width, y: size.top + size.height });
      var box = [a.x - 2, a.y - 1, b.x + 2, b.y + 1];
      if (box[0] < 0 || box[1] < 0 || box[2] > width || box[3] > height) return;
      for (var t = 0; t < taken.length; t++) {
        var o = taken[t];
        if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return;
      }
      taken.push(box);
      chosen[n] = true;
    });
    labelled = chosen;
    sizeLabels();
    network.redraw();
    view.labelled = Object.keys(chosen).map(Number);
  }

  /* Label sizes for the current zoom: the placed labels stay 13-16 px on screen; the others
     grow with the zoom from below the draw threshold, so they appear as nodes spread apart. */
  var labelled = {};
  function sizeLabels() {
    var scale = network.getScale(), zoom = scale / baseScale, sizes = {};
    for (var n = 0; n < canvasCount; n++) {
      var px = labelled[n] ? Math.min(Math.max(LABEL_PX * zoom, LABEL_PX), MAX_PX)
        : Math.min(SMALL_PX * zoom, MAX_PX - 2);
      var size = px / scale;
      if (Math.abs(size - fontSize[n]) > 1e-6 * size) sizes[n] = size;
    }
    setFonts(sizes);
  }
  network.on("zoom", sizeLabels);

  function derivedShown() { return !data.papersOnCanvas || !enabled.paper; }
  function edgeActive(e) { return derivedShown() || !isDerived(e); }

  /* ---- visibility: type filters, dates and search ---- */
  var visible = [];
  for (var v = 0; v < canvasCount; v++) visible.push(true);
  var search = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  var matched = [];
  var edgeVisible = data.edges.map(edgeActive);
  var range = { from: 0, to: Math.max(months.length - 1, 0) };

  function fullRange() { return range.from === 0 && range.to === Math.max(months.length - 1, 0); }

  function inRange(r) {
    if (fullRange()) return true;
    if (r.t === "paper") return r.mo !== undefined && r.mo >= range.from && r.mo <= range.to;
    var series = r.m || [];
    for (var k = 0; k < series.length; k += 2) {
      if (series[k] >= range.from && series[k] <= range.to) return true;
    }
    return false;
  }

  function matches(query) {
    var exact = [], prefix = [], inner = [];
    for (var n = 0; n < canvasCount; n++) {
      var r = records[n];
      if (!enabled[r.t] || !inRange(r)) continue;
      var names = [r.n].concat(r.a || []);
      var best = 3;
      for (var k = 0; k < names.length; k++) {
        var name = names[k].toLowerCase();
        var at = name.indexOf(query);
        if (at < 0) continue;
        best = Math.min(best, name === query ? 0 : at === 0 ? 1 : 2);
      }
      if (best === 0) exact.push(n);
      else if (best === 1) prefix.push(n);
      else if (best === 2) inner.push(n);
    }
    return exact.concat(prefix, inner);
  }

  function applyVisibility() {
    var query = search.value.trim().toLowerCase();
    var wanted = null;
    matched = query ? matches(query) : [];
    if (query) {
      wanted = {};
      matched.forEach(function (n) { wanted[n] = true; });
      var hits = {};
      matched.forEach(function (n) { hits[n] = true; });
      data.edges.forEach(function (e) {
        if (!edgeActive(e)) return;
        if (hits[e[0]] && inRange(records[e[1]])) wanted[e[1]] = true;
        if (hits[e[1]] && inRange(records[e[0]])) wanted[e[0]] = true;
      });
    }
    var nodeUpdates = [];
    var counts = {};
    var shown = 0;
    for (var n = 0; n < canvasCount; n++) {
      var type = records[n].t;
      var show = enabled[type] && inRange(records[n]) && (!wanted || wanted[n] === true);
      if (show) {
        shown += 1;
        counts[type] = (counts[type] || 0) + 1;
      }
      if (show !== visible[n]) {
        visible[n] = show;
        nodeUpdates.push({ id: n, hidden: !show });
      }
    }
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    data.edges.forEach(function (e, k) {
      var show = visible[e[0]] && visible[e[1]] && edgeActive(e);
      if (show !== edgeVisible[k]) edgeUpdates.push({ id: k, hidden: !show });
      edgeVisible[k] = show;
    });
    edges.update(edgeUpdates);
    view.visible = shown;
    view.matched = matched.slice();
    searchStatus.textContent = query
      ? matched.length + (matched.length === 1 ? " match" : " matches")
      : shown === canvasCount ? "" : shown + " of " + canvasCount + " shown";
    updateLegend(counts);
  }

  var totals = {};
  for (var c = 0; c < canvasCount; c++) totals[records[c].t] = (totals[records[c].t] || 0) + 1;

  function updateLegend(counts) {
    Array.prototype.forEach.call(document.querySelectorAll("#filters li"), function (li) {
      var type = li.getAttribute("data-type");
      var total = totals[type] || 0;
      li.classList.toggle("empty", total === 0);
      var seen = counts[type] || 0;
      li.querySelector(".count").textContent = seen === total ? String(total) : seen + "/" + total;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("#filters li"), function (li) {
    var type = li.getAttribute("data-type");
    li.querySelector(".swatch").style.background = "#52606d";
    li.querySelector("input").addEventListener("change", function (event) {
      enabled[type] = event.target.checked;
      applyVisibility();
    });
  });

  search.addEventListener("input", applyVisibility);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matched.length) select(matched[0], true);
    if (event.key === "Escape") {
      search.value = "";
      applyVisibility();
    }
  });

  /* ---- date range ---- */
  var rangeFrom = document.getElementById("range-from");
  var rangeTo = document.getElementById("range-to");
  var rangeText = document.getElementById("range-text");

  function showRange() {
    rangeFrom.value = String(range.from);
    rangeTo.value = String(range.to);
    rangeText.textContent = months[range.from] + " to " + months[range.to] +
      (fullRange() ? " (all dates)" : " (undated papers hidden)");
  }

  function setRange(from, to) {
    var last = Math.max(months.length - 1, 0);
    from = Math.max(0, Math.min(last, Number(from)));
    to = Math.max(0, Math.min(last, Number(to)));
    range.from = Math.min(from, to);
    range.to = Math.max(from, to);
    if (months.length) showRange();
    applyVisibility();
  }

  if (months.length > 1) {
    document.getElementById("time").hidden = false;
    [rangeFrom, rangeTo].forEach(function (input) {
      input.max = String(months.length - 1);
      input.addEventListener("input", function () { setRange(rangeFrom.value, rangeTo.value); });
    });
    document.getElementById("range-reset").addEventListener("click", function () {
      setRange(0, months.length - 1);
    });
    showRange();
  }

  /* ---- selection: neighbourhood highlight and side panel ---- */
  var highlighted = false;
  var kept = {};

  function highlight(id) {
    var connected = {};
    kept = {};
    kept[id] = true;
    data.edges.forEach(function (e, k) {
      if (!edgeVisible[k] || (e[0] !== id && e[1] !== id)) return;
      connected[k] = true;
      kept[e[0]] = true;
      kept[e[1]] = true;
    });
    highlighted = true;
    var nodeUpdates = [];
    for (var n = 0; n < canvasCount; n++) {
      nodeUpdates.push(kept[n]
        ? { id: n, color: nodeColor(n), font: fontOf(n) }
        : { id: n, color: DIM_NODE, font: fontOf(n, HIDDEN_FONT) });
    }
    nodes.update(nodeUpdates);
    edges.update(data.edges.map(function (e, k) {
      return { id: k, color: connected[k] ? { color: "#52606d" } : { color: DIM_EDGE } };
    }));
  }

  function clearHighlight() {
    if (!highlighted) return;
    highlighted = false;
    var nodeUpdates = [];
    for (var n = 0; n < canvasCount; n++) {
      nodeUpdates.push({ id: n, color: nodeColor(n), font: fontOf(n) });
    }
    nodes.update(nodeUpdates);
    edges.update(data.edges.map(function (e, k) { return { id: k, color: options.edges.color }; }));
  }

  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(label, url) {
    if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return el("span", label);
    var a = el("a", label);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function linkList(pairs, className) {
    var p = el("p", null, className);
    (pairs || []).forEach(function (pair) { p.appendChild(link(pair[0], pair[1])); });
    return p;
  }

  function evidence(sentence, text, className) {
    var quote = el("blockquote", null, className);
    var at = text ? sentence.indexOf(text) : -1;
    if (at < 0) {
      quote.textContent = sentence;
    } else {
      quote.appendChild(document.createTextNode(sentence.slice(0, at)));
      quote.appendChild(el("mark", text));
      quote.appendChild(document.createTextNode(sentence.slice(at + text.length)));
    }
    return quote;
  }

  function nameButton(index, text) {
    var button = el("button", text === undefined ? records[index].n : text, "jump");
    button.type = "button";
    button.addEventListener("click", function () { select(index, true); });
    return button;
  }

  function badge(type) {
    var span = el("span", singular(type), "kind");
    span.style.background = colorOf(type);
    return span;
  }

  /* Papers per month over the corpus's months, as SVG bars. */
  function trendChart(r) {
    var wrap = el("div", null, "trend-wrap");
    var width = 360, height = 56, count = months.length;
    var peak = 1;
    for (var k = 1; k < r.m.length; k += 2) peak = Math.max(peak, r.m[k]);
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "trend");
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "img");
    var label = document.createElementNS(SVG, "title");
    label.textContent = "papers per month, " + months[0] + " to " + months[count - 1];
    svg.appendChild(label);
    var base = document.createElementNS(SVG, "rect");
    base.setAttribute("x", "0");
    base.setAttribute("y", String(height - 1));
    base.setAttribute("width", String(width));
    base.setAttribute("height", "1");
    base.setAttribute("fill", "#cbd2d9");
    svg.appendChild(base);
    var step = width / Math.max(count, 1);
    for (var m = 0; m < r.m.length; m += 2) {
      var bar = document.createElementNS(SVG, "rect");
      var h = Math.max(2, (height - 4) * r.m[m + 1] / peak);
      bar.setAttribute("x", (r.m[m] * step).toFixed(2));
      bar.setAttribute("y", (height - 1 - h).toFixed(2));
      bar.setAttribute("width", Math.max(step - 0.5, 1.5).toFixed(2));
      bar.setAttribute("height", h.toFixed(2));
      bar.setAttribute("fill", "#3b75af");
      bar.setAttribute("class", "bar");
      var tip = document.createElementNS(SVG, "title");
      tip.textContent = months[r.m[m]] + ": " + plural(r.m[m + 1], "paper");
      bar.appendChild(tip);
      svg.appendChild(bar);
    }
    wrap.appendChild(svg);
    var axis = el("div", null, "trend-axis");
    axis.appendChild(el("span", months[0]));
    axis.appendChild(el("span", "papers per month, most " + peak));
    axis.appendChild(el("span", months[count - 1]));
    wrap.appendChild(axis);
    return wrap;
  }

  function valueText(row) {
    if (row.x) return row.x;
    return row.v === null || row.v === undefined ? "" : row.v + (row.u ? " " + row.u : "");
  }

  /* One result: its value, what it measures, the paper (a button) and the evidence. */
  function resultItem(row, context) {
    var item = el("li", null, "item result");
    var head = el("div", null, "item-title");
    head.appendChild(el("span", valueText(row), "value"));
    var parts = [];
    if (context !== "metric" && row.me) parts.push(row.me);
    if (context !== "method" && row.mt) parts.push(row.mt);
    if (context !== "dataset" && row.da) parts.push("on " + row.da);
    if (row.vs) parts.push("vs " + row.vs);
    if (row.k === "relative") parts.push("(relative)");
    if (parts.length) head.appendChild(document.createTextNode(" " + parts.join(" · ")));
    item.appendChild(head);
    if (row.p !== null && row.p !== undefined) {
      var source = el("div", null, "relation");
      source.appendChild(document.createTextNode("in "));
      source.appendChild(nameButton(row.p));
      item.appendChild(source);
    }
    if (row.s) item.appendChild(evidence(row.s, row.x, "evidence"));
    return item;
  }

  /* Result rows grouped by metric (a leaderboard), or as reported (a method). */
  function resultList(indices, context, limit) {
    var box = el("div", null, "results");
    var list = null, metric = null, shown = 0;
    indices.forEach(function (i) {
      var row = data.results[i];
      var group = context === "method" ? ""
        : (row.me || "unnamed metric") + (row.u ? " (" + row.u + ")" : "");
      if (list === null || group !== metric) {
        metric = group;
        shown = 0;
        if (group) {
          box.appendChild(el("h4", group + (row.b ? ", " + row.b + " is better" : "")));
        }
        list = el("ol");
        box.appendChild(list);
      }
      if (limit && shown >= limit) return;
      shown += 1;
      list.appendChild(resultItem(row, context));
    });
    return box;
  }

  function showPanel(index) {
    var r = records[index];
    panelBody.textContent = "";
    panelBody.appendChild(el("h2", r.n));
    var meta = el("p", null, "meta");
    meta.appendChild(badge(r.t));
    if (r.nw) meta.appendChild(el("span", "new", "new"));
    var facts = [];
    if (r.t === "paper") {
      if (r.d) facts.push(r.d);
      if (r.au && r.au.length) {
        facts.push(r.au.slice(0, 6).join(", ") + (r.au.length > 6 ? " et al." : ""));
      }
    } else {
      facts.push(plural(r.c || 0, "paper"));
      if (r.f) facts.push(r.f + " to " + r.z);
    }
    meta.appendChild(document.createTextNode(" " + facts.join(" · ")));
    panelBody.appendChild(meta);
    if (r.g !== undefined && data.clusters[r.g]) {
      panelBody.appendChild(el("p", "Cluster: " + data.clusters[r.g].n, "meta"));
    }
    if (r.a && r.a.length) panelBody.appendChild(el("p", "Also: " + r.a.join(", "), "meta"));
    if (r.u && r.u.length) panelBody.appendChild(linkList(r.u, "links"));
    if (r.m && r.m.length && months.length) {
      panelBody.appendChild(el("h3", "Papers per month"));
      panelBody.appendChild(trendChart(r));
    }
    if (r.r && r.r.length) {
      var board = r.t === "dataset" || r.t === "metric";
      var section = el("section", null, board ? "leaderboard" : "reported");
      section.appendChild(el("h3", board ? "Leaderboard" : "Reported results"));
      section.appendChild(resultList(r.r, r.t, 0));
      panelBody.appendChild(section);
    }

    var rows = linksOf[index];
    var isPaper = r.t === "paper";
    var listed = rows.length + (r.more || 0);
    var heading = isPaper ? "Entities (" + rows.length + ")"
      : listed < (r.c || 0) ? "Papers in this view (" + listed + " of " + r.c + ")"
        : "Papers (" + listed + ")";
    panelBody.appendChild(el("h3", heading));
    var list = el("ol");
    rows.forEach(function (k) {
      var row = data.links[k];
      var other = isPaper ? row[1] : row[0];
      var o = records[other];
      var item = el("li", null, "item");
      var head = el("div", null, "item-title");
      head.appendChild(nameButton(other));
      item.appendChild(head);
      var relation = relationText(row[2]);
      var detail = isPaper ? singular(o.t) + " · this paper " + relation
        : (o.d ? o.d + " · " : "") + "the paper " + relation + " it";
      item.appendChild(el("div", detail, "relation"));
      if (!isPaper && o.u && o.u.length) item.appendChild(linkList(o.u, "paper-links"));
      row[4].forEach(function (pair) { item.appendChild(evidence(pair[0], pair[1])); });
      list.appendChild(item);
    });
    panelBody.appendChild(list);
    if (r.more) {
      panelBody.appendChild(el("p", "and " + plural(r.more, "more paper") + " not listed", "more"));
    }
    panel.hidden = false;
    panel.scrollTop = 0;
    view.panel = index;
  }

  function closePanel() {
    panel.hidden = true;
    view.panel = null;
  }

  function select(index, move) {
    if (index < canvasCount) {
      if (!visible[index]) {
        search.value = "";
        enabled[records[index].t] = true;
        var box = document.querySelector('#filters li[data-type="' + records[index].t + '"] input');
        if (box) box.checked = true;
        if (!inRange(records[index]) && months.length) setRange(0, months.length - 1);
        applyVisibility();
      }
      network.selectNodes([index]);
      highlight(index);
      if (move) {
        network.focus(index, {
          scale: Math.max(network.getScale(), baseScale * FOCUS_ZOOM),
          offset: { x: -panel.offsetWidth / 2 || -200, y: 0 },
          animation: false
        });
        sizeLabels();
      }
    } else {
      network.unselectAll();
      clearHighlight();
    }
    showPanel(index);
  }

  function clearSelection() {
    network.unselectAll();
    clearHighlight();
    closePanel();
  }

  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (!params.edges.length) clearSelection();
  });
  document.getElementById("panel-close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target !== search) clearSelection();
  });

  /* ---- tabs ---- */
  var tabs = document.querySelectorAll("#tabs button");
  function showTab(name) {
    Array.prototype.forEach.call(tabs, function (button) {
      var on = button.getAttribute("data-tab") === name;
      button.setAttribute("aria-selected", on ? "true" : "false");
      document.getElementById("tab-" + button.getAttribute("data-tab")).hidden = !on;
    });
    view.tab = name;
  }
  Array.prototype.forEach.call(tabs, function (button) {
    button.addEventListener("click", function () { showTab(button.getAttribute("data-tab")); });
  });

  /* Map tab: clusters (click to zoom to one) and entities linked to nothing shown. */
  var clusterList = document.getElementById("clusters");
  data.clusters.forEach(function (cluster, g) {
    var item = el("li");
    var button = el("button");
    button.type = "button";
    var swatch = el("span", null, "swatch");
    swatch.style.background = cluster.c;
    button.appendChild(swatch);
    button.appendChild(el("span", cluster.n));
    button.appendChild(el("span", String(cluster.s), "size"));
    button.addEventListener("click", function () {
      var ids = [];
      for (var n = 0; n < canvasCount; n++) if (records[n].g === g && visible[n]) ids.push(n);
      if (ids.length) network.fit({ nodes: ids, animation: false });
      sizeLabels();
    });
    item.appendChild(button);
    clusterList.appendChild(item);
  });
  if (data.unlinked.length) {
    var unlinked = document.getElementById("unlinked");
    unlinked.hidden = false;
    unlinked.querySelector("summary").textContent =
      plural(data.unlinked.length, "entity", "entities") +
      " linked to nothing on the map";
    var unlinkedList = document.getElementById("unlinked-list");
    data.unlinked.forEach(function (index) {
      var item = el("li");
      item.appendChild(nameButton(index));
      item.appendChild(el("span", " " + singular(records[index].t) + " · " +
        plural(records[index].c || 0, "paper"), "muted"));
      unlinkedList.appendChild(item);
    });
  }

  /* Entities tab: the drawn and listed entities, by type, sortable. */
  var entityRows = [];
  for (var e = 0; e < canvasCount; e++) if (isEntity(records[e])) entityRows.push(e);
  entityRows = entityRows.concat(data.unlinked);
  var sortKey = "c", sortDown = true;
  var entityType = document.getElementById("entity-type");
  var entityBody = document.querySelector("#entity-table tbody");

  function compare(a, b) {
    var x = records[a][sortKey], y = records[b][sortKey];
    if (sortKey === "n") { x = String(x).toLowerCase(); y = String(y).toLowerCase(); }
    if (x === undefined) x = sortKey === "c" ? 0 : "";
    if (y === undefined) y = sortKey === "c" ? 0 : "";
    var order = x < y ? -1 : x > y ? 1 : a - b;
    return sortDown && x !== y ? -order : order;
  }

  function renderEntities() {
    var wanted = entityType.value;
    var rows = entityRows.filter(function (n) { return !wanted || records[n].t === wanted; });
    rows.sort(compare);
    entityBody.textContent = "";
    rows.slice(0, LIST_ROWS).forEach(function (n) {
      var r = records[n];
      var tr = el("tr");
      var name = el("td");
      name.appendChild(nameButton(n));
      if (r.nw) name.appendChild(el("span", "new", "new"));
      name.appendChild(el("div", singular(r.t), "muted"));
      tr.appendChild(name);
      tr.appendChild(el("td", r.c || 0, "num"));
      tr.appendChild(el("td", r.f ? r.f.slice(0, 7) : "", "num"));
      tr.appendChild(el("td", r.z ? r.z.slice(0, 7) : "", "num"));
      entityBody.appendChild(tr);
    });
    document.getElementById("entity-note").textContent =
      (rows.length > LIST_ROWS ? "First " + LIST_ROWS + " of " + rows.length + ". " : "") +
      (data.entityTotal > entityRows.length
        ? "The " + entityRows.length + " entities with most papers of " + data.entityTotal + "."
        : "");
    Array.prototype.forEach.call(document.querySelectorAll("#entity-table th button"), function (b) {
      b.setAttribute("data-active", b.getAttribute("data-sort") === sortKey ? "true" : "false");
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("#entity-table th button"), function (b) {
    b.addEventListener("click", function () {
      var key = b.getAttribute("data-sort");
      sortDown = key === sortKey ? !sortDown : key !== "n";
      sortKey = key;
      renderEntities();
    });
  });
  entityType.addEventListener("change", renderEntities);
  renderEntities();

  /* Papers tab: newest first, searchable by title, with entities and code links. */
  var paperSearch = document.getElementById("paper-search");
  var paperList = document.getElementById("paper-list");
  function renderPapers() {
    var query = paperSearch.value.trim().toLowerCase();
    var found = data.papers.filter(function (p) {
      return !query || records[p].n.toLowerCase().indexOf(query) >= 0;
    });
    paperList.textContent = "";
    found.slice(0, LIST_ROWS).forEach(function (p) {
      var r = records[p];
      var item = el("li");
      item.appendChild(nameButton(p));
      if (r.d) item.appendChild(el("div", r.d, "muted"));
      var chips = el("div", null, "chips");
      linksOf[p].forEach(function (k) {
        var row = data.links[k];
        if (row[0] === p) chips.appendChild(nameButton(row[1]));
      });
      item.appendChild(chips);
      var code = (r.u || []).filter(function (pair) { return pair[0] !== "arXiv"; });
      if (r.u && r.u.length) item.appendChild(linkList(code.length ? code : r.u, "paper-links"));
      paperList.appendChild(item);
    });
    var total = data.paperTotal;
    document.getElementById("paper-status").textContent = (query
      ? plural(found.length, "match", "matches")
      : plural(data.papers.length, "paper") + (total > data.papers.length ? " (the newest of " + total + ")" : "")) +
      (found.length > LIST_ROWS ? "; first " + LIST_ROWS + " listed" : "");
  }
  paperSearch.addEventListener("input", renderPapers);
  renderPapers();

  /* Leaderboards tab: the datasets with most results, best rows per metric. */
  var boards = document.getElementById("boards");
  if (!data.boards.length) boards.appendChild(el("p", "No dataset has ranked results.", "hint"));
  data.boards.forEach(function (index) {
    var section = el("section", null, "board");
    var title = el("h3");
    title.appendChild(nameButton(index));
    section.appendChild(title);
    section.appendChild(resultList(records[index].r, "dataset", 5));
    boards.appendChild(section);
  });

  view.select = select;
  view.setRange = setRange;
  view.showTab = showTab;
  applyVisibility();
  network.once("afterDrawing", function () {
    window.setTimeout(function () {
      placeLabels();
      if (data.focus !== null && data.focus !== undefined) select(data.focus, true);
      view.ready = true;
      view.readyAt = performance.now();
      document.body.setAttribute("data-ready", "true");
    }, 0);
  });
})();
