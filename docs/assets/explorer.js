/* Statements explorer: one sortable, filterable table, built from statements.json.
   Runs only on a page holding #cq-explorer. Record text is only ever set as textContent,
   never as HTML; links are built from ids, which are slugs. Nothing is loaded from elsewhere. */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("cq-explorer");
    if (!root || root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var form = root.querySelector("form");
    var count = root.querySelector(".cq-count");
    var tbody = root.querySelector("tbody");
    var headers = Array.prototype.slice.call(root.querySelectorAll("th[data-key]"));
    var slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    var state = { key: "date", dir: 1 };
    var data, rows;

    function option(select, value, label) {
      var item = document.createElement("option");
      item.value = value;
      item.textContent = label;
      select.appendChild(item);
    }

    function cell(tr, text) {
      var td = document.createElement("td");
      if (text !== undefined) { td.textContent = text; }
      tr.appendChild(td);
      return td;
    }

    function build(statement) {
      var tr = document.createElement("tr");
      cell(tr, statement.date);
      cell(tr, data.speakers[statement.speaker] || statement.speaker);
      cell(tr, data.kinds[statement.kind] || statement.kind);
      cell(tr, statement.topics.map(function (t) { return data.topics[t] || t; }).join(", "));
      var td = cell(tr);
      if (slug.test(statement.id)) {
        var a = document.createElement("a");
        a.href = statement.id + "/";
        a.textContent = statement.text;
        td.appendChild(a);
      } else {
        td.textContent = statement.text;
      }
      return { tr: tr, s: statement, speakerName: (data.speakers[statement.speaker] || "").toLowerCase(),
               haystack: statement.text.toLowerCase() };
    }

    function sortValue(row) {
      var s = row.s;
      if (state.key === "speaker") { return row.speakerName; }
      if (state.key === "topics") { return s.topics.join(","); }
      if (state.key === "text") { return row.haystack; }
      return s[state.key];
    }

    function render() {
      var f = form.elements;
      var words = f.q.value.trim().toLowerCase();
      var shown = rows.filter(function (row) {
        var s = row.s;
        return (!f.speaker.value || s.speaker === f.speaker.value) &&
          (!f.kind.value || s.kind === f.kind.value) &&
          (!f.topic.value || s.topics.indexOf(f.topic.value) >= 0) &&
          (!f.from.value || s.date >= f.from.value) &&
          (!f.to.value || s.date <= f.to.value) &&
          (!words || row.haystack.indexOf(words) >= 0);
      });
      shown.sort(function (a, b) {
        var x = sortValue(a), y = sortValue(b);
        if (x < y) { return -state.dir; }
        if (x > y) { return state.dir; }
        return a.s.id < b.s.id ? -1 : 1;
      });
      var fragment = document.createDocumentFragment();
      shown.forEach(function (row) { fragment.appendChild(row.tr); });
      tbody.textContent = "";
      tbody.appendChild(fragment);
      count.textContent = shown.length + " of " + rows.length + " statements";
      headers.forEach(function (th) {
        if (th.dataset.key === state.key) {
          th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
    }

    function fill(loaded) {
      data = loaded;
      Object.keys(data.speakers).sort(function (a, b) {
        return data.speakers[a].localeCompare(data.speakers[b]);
      }).forEach(function (id) { option(form.elements.speaker, id, data.speakers[id]); });
      Object.keys(data.kinds).forEach(function (k) { option(form.elements.kind, k, data.kinds[k]); });
      var used = {};
      data.statements.forEach(function (s) { s.topics.forEach(function (t) { used[t] = true; }); });
      Object.keys(used).sort().forEach(function (t) { option(form.elements.topic, t, data.topics[t] || t); });
      rows = data.statements.map(build);
      var params = new URLSearchParams(window.location.search);
      ["speaker", "kind", "topic", "from", "to", "q"].forEach(function (name) {
        if (params.has(name)) { form.elements[name].value = params.get(name); }
      });
      render();
    }

    headers.forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        state.dir = state.key === th.dataset.key ? -state.dir : 1;
        state.key = th.dataset.key;
        render();
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function () { if (rows) { render(); } });
    form.addEventListener("change", function () { if (rows) { render(); } });
    form.addEventListener("reset", function () { window.setTimeout(function () { if (rows) { render(); } }, 0); });

    fetch(root.dataset.src)
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(fill)
      .catch(function (error) {
        count.textContent = "The statements could not be loaded (" + error.message + ").";
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
