/* graphkit interactive view: builds the vis-network graph from the page's JSON, and the
   legend filters, search and side panel around it. Text goes into the page only through
   textContent and text nodes; links are made only for http(s) URLs. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var options = JSON.parse(document.getElementById("graph-options").textContent);
  var DIM_NODE = { background: "#eef0f3", border: "#dde1e6" };
  var DIM_EDGE = "rgba(200, 205, 212, 0.25)";
  var FONT = (options.nodes && options.nodes.font && options.nodes.font.color) || "#1f2933";
  var HIDDEN_FONT = "rgba(0, 0, 0, 0)";

  var types = {};
  data.types.forEach(function (t) { types[t.type] = t; });
  function singular(type) { return types[type] ? types[type].title : type; }
  var canvasCount = data.canvas;
  var records = data.nodes;
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
  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }
  function colorOf(type) { return (types[type] || { color: "#999999" }).color; }

  function tooltip(record) {
    var lines = [record.n, singular(record.t)];
    if (record.t === "paper") {
      if (record.d) lines[1] += " · " + record.d;
    } else {
      lines[1] += " · " + plural(record.c || 0, "paper");
    }
    if (record.a && record.a.length) {
      var shown = record.a.slice(0, 8).join(", ");
      lines.push("Also: " + shown + (record.a.length > 8 ? ", …" : ""));
    }
    return lines.join("\n");
  }

  function baseNode(i) {
    var r = records[i];
    var t = types[r.t] || { color: "#999999", shape: "dot" };
    var node = {
      id: i, label: r.l, title: tooltip(r), shape: t.shape, x: r.x, y: r.y,
      color: t.color, font: { color: FONT }, hidden: false
    };
    if (r.t === "paper") node.size = 6;
    else node.value = Math.max(r.c || 0, 1);
    return node;
  }

  var visNodes = [];
  for (var i = 0; i < canvasCount; i++) visNodes.push(baseNode(i));
  var visEdges = data.edges.map(function (e, k) {
    return {
      id: k, from: e[0], to: e[1], hidden: false,
      title: e[2].map(relationText)
        .join(", ")
    };
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  function derivedShown() { return !data.papersOnCanvas || !enabled.paper; }

  function edgeActive(e) { return derivedShown() || !isDerived(e); }

  /* ---- visibility: type filters and search ---- */
  var visible = [];
  for (var v = 0; v < canvasCount; v++) visible.push(true);
  var search = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  var matched = [];
  var edgeVisible = data.edges.map(function () { return true; });

  function matches(query) {
    var exact = [], prefix = [], inner = [];
    for (var n = 0; n < canvasCount; n++) {
      var r = records[n];
      if (!enabled[r.t]) continue;
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
        if (hits[e[0]]) wanted[e[1]] = true;
        if (hits[e[1]]) wanted[e[0]] = true;
      });
    }
    var nodeUpdates = [];
    var counts = {};
    var shown = 0;
    for (var n = 0; n < canvasCount; n++) {
      var type = records[n].t;
      var show = enabled[type] && (!wanted || wanted[n] === true);
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
      edgeVisible[k] = visible[e[0]] && visible[e[1]] && edgeActive(e);
      edgeUpdates.push({ id: k, hidden: !edgeVisible[k] });
    });
    edges.update(edgeUpdates);
    view.visible = shown;
    view.matched = matched.slice();
    searchStatus.textContent = query
      ? matched.length + (matched.length === 1 ? " match" : " matches")
      : shown === canvasCount ? "" : shown + " of " + canvasCount + " shown";
    updateLegend(counts);
  }

  function updateLegend(counts) {
    var items = document.querySelectorAll("#filters li");
    Array.prototype.forEach.call(items, function (li) {
      var type = li.getAttribute("data-type");
      var total = 0;
      for (var n = 0; n < canvasCount; n++) if (records[n].t === type) total += 1;
      li.classList.toggle("empty", total === 0);
      var count = li.querySelector(".count");
      var seen = counts[type] || 0;
      count.textContent = seen === total ? String(total) : seen + "/" + total;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("#filters li"), function (li) {
    var type = li.getAttribute("data-type");
    var swatch = li.querySelector(".swatch");
    swatch.style.background = colorOf(type);
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

  /* ---- selection: neighbourhood highlight and side panel ---- */
  var highlighted = false;

  function highlight(id) {
    var keep = {};
    var connected = {};
    keep[id] = true;
    data.edges.forEach(function (e, k) {
      if (!edgeVisible[k] || (e[0] !== id && e[1] !== id)) return;
      connected[k] = true;
      keep[e[0]] = true;
      keep[e[1]] = true;
    });
    var nodeUpdates = [];
    for (var n = 0; n < canvasCount; n++) {
      nodeUpdates.push(keep[n]
        ? { id: n, color: colorOf(records[n].t), font: { color: FONT } }
        : { id: n, color: DIM_NODE, font: { color: HIDDEN_FONT } });
    }
    nodes.update(nodeUpdates);
    edges.update(data.edges.map(function (e, k) {
      return { id: k, color: connected[k] ? { color: "#52606d" } : { color: DIM_EDGE } };
    }));
    highlighted = true;
  }

  function clearHighlight() {
    if (!highlighted) return;
    var nodeUpdates = [];
    for (var n = 0; n < canvasCount; n++) {
      nodeUpdates.push({ id: n, color: colorOf(records[n].t), font: { color: FONT } });
    }
    nodes.update(nodeUpdates);
    edges.update(data.edges.map(function (e, k) {
      return { id: k, color: options.edges.color };
    }));
    highlighted = false;
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

  function evidence(pair) {
    var sentence = pair[0], text = pair[1];
    var quote = el("blockquote");
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

  function nameButton(index) {
    var button = el("button", records[index].n, "jump");
    button.type = "button";
    button.addEventListener("click", function () { select(index, true); });
    return button;
  }

  function badge(type) {
    var span = el("span", singular(type), "kind");
    span.style.background = colorOf(type);
    return span;
  }

  function showPanel(index) {
    var r = records[index];
    panelBody.textContent = "";
    panelBody.appendChild(el("h2", r.n));
    var meta = el("p", null, "meta");
    meta.appendChild(badge(r.t));
    var facts = [];
    if (r.t === "paper") {
      if (r.d) facts.push(r.d);
      if (r.au && r.au.length) {
        facts.push(r.au.slice(0, 6).join(", ") + (r.au.length > 6 ? " et al." : ""));
      }
    } else {
      facts.push(plural(r.c || 0, "paper"));
    }
    meta.appendChild(document.createTextNode(" " + facts.join(" · ")));
    panelBody.appendChild(meta);
    if (r.a && r.a.length) panelBody.appendChild(el("p", "Also: " + r.a.join(", "), "meta"));
    if (r.u && r.u.length) panelBody.appendChild(linkList(r.u, "links"));

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
      row[4].forEach(function (pair) { item.appendChild(evidence(pair)); });
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
        applyVisibility();
      }
      network.selectNodes([index]);
      highlight(index);
      if (move) network.focus(index, { scale: Math.max(network.getScale(), 1), animation: false });
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

  var view = {
    network: network, nodes: nodes, edges: edges, data: data, select: select,
    visible: canvasCount, matched: [], panel: null, ready: false
  };
  window.graphkitView = view;
  applyVisibility();
  network.once("afterDrawing", function () {
    if (data.focus !== null && data.focus !== undefined) select(data.focus, true);
    view.ready = true;
    document.body.setAttribute("data-ready", "true");
  });
})();
