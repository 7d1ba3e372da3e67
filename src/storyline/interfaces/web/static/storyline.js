// storyline article view: the side panel for a clicked fact, and #span=S-E targets.
// Served as a file (the Content-Security-Policy forbids inline script). Article data is
// only ever written with textContent, never as HTML.
(function () {
  "use strict";

  var text = document.getElementById("text");
  if (!text) return;
  var facts = {};
  var data = document.getElementById("facts");
  if (data) {
    try { facts = JSON.parse(data.textContent || "{}"); } catch (e) { facts = {}; }
  }
  var panel = document.getElementById("panel");
  var title = document.getElementById("panel-title");
  var hint = document.getElementById("panel-hint");
  var fields = document.getElementById("panel-fields");
  var also = document.getElementById("panel-also");
  var linkRow = document.getElementById("panel-link-row");
  var link = document.getElementById("panel-link");
  var actorRow = document.getElementById("panel-actor");

  function fieldValue(fact) {
    var wanted = Array.prototype.slice.call(arguments, 1);
    var pairs = fact.fields || [];
    for (var i = 0; i < wanted.length; i++) {
      for (var j = 0; j < pairs.length; j++) if (pairs[j][0] === wanted[i]) return pairs[j][1];
    }
    return fact.label || "";
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function select(id) {
    var old = text.querySelectorAll(".hl.sel");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("sel");
    if (!id) return;
    var mine = text.querySelectorAll(".hl");
    for (var j = 0; j < mine.length; j++) {
      if ((mine[j].getAttribute("data-f") || "").split(" ").indexOf(id) >= 0) mine[j].classList.add("sel");
    }
  }

  function show(id, others) {
    var fact = facts[id];
    if (!fact) return;
    clear(title);
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = fact.kindLabel;
    title.appendChild(kind);
    title.appendChild(document.createTextNode(fact.label || ""));
    clear(fields);
    (fact.fields || []).forEach(function (pair) {
      var dt = document.createElement("dt");
      dt.textContent = pair[0];
      var dd = document.createElement("dd");
      dd.textContent = pair[1];
      fields.appendChild(dt);
      fields.appendChild(dd);
    });
    clear(also);
    (others || []).forEach(function (other) {
      if (other === id || !facts[other]) return;
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = facts[other].kindLabel + ": " + (facts[other].label || "");
      b.addEventListener("click", function () { show(other, others); });
      also.appendChild(b);
    });
    clear(actorRow);
    if (typeof fact.actor === "string" && fact.actor.indexOf("/actors/") === 0) {
      var a = document.createElement("a");
      a.setAttribute("href", fact.actor);
      a.textContent = "Actor page: " + (fact.kind === "entity" ? fact.label : fieldValue(fact, "speaker", "source", "name"));
      actorRow.appendChild(a);
    }
    actorRow.hidden = !actorRow.firstChild;
    link.setAttribute("href", "#span=" + fact.span[0] + "-" + fact.span[1]);
    linkRow.hidden = false;
    hint.hidden = true;
    panel.classList.add("open");
    panel.setAttribute("data-fact", id);
    select(id);
  }

  function close() {
    panel.classList.remove("open");
    panel.removeAttribute("data-fact");
    clear(title);
    title.textContent = "Facts";
    clear(fields);
    clear(also);
    clear(actorRow);
    actorRow.hidden = true;
    linkRow.hidden = true;
    hint.hidden = false;
    select(null);
  }

  text.addEventListener("click", function (event) {
    var piece = event.target.closest ? event.target.closest(".hl") : null;
    if (!piece) return;
    var ids = (piece.getAttribute("data-f") || "").split(" ").filter(Boolean);
    if (ids.length) show(ids[0], ids);
  });
  document.getElementById("panel-close").addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
  document.addEventListener("click", function (event) {
    var a = event.target.closest ? event.target.closest("a[data-fact]") : null;
    if (a) show(a.getAttribute("data-fact"), [a.getAttribute("data-fact")]);
  });

  var legend = document.getElementById("legend");
  if (legend) {
    legend.addEventListener("change", function (event) {
      var box = event.target;
      var kind = box.getAttribute("data-kind");
      if (kind) text.classList.toggle("hide-" + kind, !box.checked);
    });
  }

  // Offsets are Python code points; JavaScript strings count UTF-16 units.
  function unitIndex(s, codePoints) {
    var units = 0;
    for (var n = 0; n < codePoints && units < s.length; n++) {
      var c = s.charCodeAt(units);
      units += (c >= 0xd800 && c <= 0xdbff && units + 1 < s.length) ? 2 : 1;
    }
    return units;
  }

  function codeLength(s) { return Array.from(s).length; }

  function unmark() {
    var marks = text.querySelectorAll("mark.target");
    for (var i = 0; i < marks.length; i++) {
      var m = marks[i];
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    }
  }

  function markSpan(start, end) {
    unmark();
    var first = null;
    var pieces = text.querySelectorAll("span[data-s]");
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i];
      var node = piece.firstChild;
      if (!node || node.nodeType !== 3) continue;
      var s = parseInt(piece.getAttribute("data-s"), 10);
      var e = s + codeLength(node.data);
      if (e <= start || s >= end) continue;
      var from = unitIndex(node.data, Math.max(start, s) - s);
      var to = unitIndex(node.data, Math.min(end, e) - s);
      if (from > 0) node = node.splitText(from);
      if (to - from < node.data.length) node.splitText(to - from);
      var mark = document.createElement("mark");
      mark.className = "target";
      piece.replaceChild(mark, node);
      mark.appendChild(node);
      if (!first) first = mark;
    }
    return first;
  }

  function fromHash() {
    var m = /^#span=(\d+)-(\d+)$/.exec(window.location.hash);
    if (!m) { unmark(); return; }
    var start = parseInt(m[1], 10);
    var end = parseInt(m[2], 10);
    if (!(end > start)) return;
    var first = markSpan(start, end);
    if (first) first.scrollIntoView({ block: "center" });
    var exact = Object.keys(facts).filter(function (id) {
      return facts[id].span[0] === start && facts[id].span[1] === end;
    });
    if (exact.length && panel.getAttribute("data-fact") === null) show(exact[0], exact);
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
