/* Statements explorer: one sortable, filterable, paged table, built from statements.json.
   Runs only on a page holding #cq-explorer. Record text is only ever set as textContent,
   never as HTML; links are built from ids, which are slugs. Nothing is loaded from elsewhere.
   Every filter, the sort order and the page are kept in the address (parameters of our
   own: "q" would open Material's search), so a view can be shared and reloaded. */
(function () {
  "use strict";

  var PAGE = 50;
  var FILTERS = ["words", "speaker", "kind", "topic", "treaty", "event", "act", "addressee", "from", "to"];
  var KEYS = ["date", "speaker", "kind", "topics", "text"];

  function start() {
    var root = document.getElementById("cq-explorer");
    if (!root || root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var form = root.querySelector("form");
    var count = root.querySelector(".cq-count");
    var tbody = root.querySelector("tbody");
    var pager = root.querySelector(".cq-pages");
    var pageText = pager.querySelector(".cq-page");
    var headers = Array.prototype.slice.call(root.querySelectorAll("th[data-key]"));
    var labels = headers.map(function (th) { return th.textContent; });
    var slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    var state = { key: "date", dir: 1, page: 1 };
    var data, rows;

    function option(select, value, label) {
      var item = document.createElement("option");
      item.value = value;
      item.textContent = label;
      select.appendChild(item);
    }

    function cell(tr, text) {
      var td = document.createElement("td");
      td.setAttribute("data-label", labels[tr.children.length]);
      if (text !== undefined) { td.textContent = text; }
      tr.appendChild(td);
      return td;
    }

    function build(statement) {
      var tr = document.createElement("tr");
      var speaker = data.speakers[statement.speaker] || statement.speaker;
      var topics = statement.topics.map(function (t) { return data.topics[t] || t; });
      cell(tr, statement.date);
      cell(tr, speaker);
      cell(tr, data.kinds[statement.kind] || statement.kind);
      cell(tr, topics.join(", "));
      var td = cell(tr);
      if (slug.test(statement.id)) {
        var a = document.createElement("a");
        a.href = statement.id + "/";
        a.textContent = statement.text;
        td.appendChild(a);
      } else {
        td.textContent = statement.text;
      }
      var searched = [statement.text, speaker].concat(data.aliases[statement.speaker] || [], topics, statement.topics,
                                                      [data.headlines[statement.article] || ""]);
      return { tr: tr, s: statement, speakerName: speaker.toLowerCase(), text: statement.text.toLowerCase(),
               haystack: searched.join("\n").toLowerCase() };
    }

    function sortValue(row) {
      var s = row.s;
      if (state.key === "speaker") { return row.speakerName; }
      if (state.key === "topics") { return s.topics.join(","); }
      if (state.key === "text") { return row.text; }
      return s[state.key];
    }

    function value(name) { return form.elements[name].value.trim(); }

    function sortName() { return (state.dir < 0 ? "-" : "") + state.key; }

    /* The sort order from its name ("-date": newest first); an unknown name leaves it as it is. */
    function sortBy(name) {
      var key = (name || "").replace(/^-/, "");
      if (KEYS.indexOf(key) < 0) { return; }
      state.key = key;
      state.dir = name.charAt(0) === "-" ? -1 : 1;
    }

    /* The address of this view: every filter set, the sort order if not the default, the page if not the first. */
    function remember() {
      var params = new URLSearchParams();
      FILTERS.forEach(function (name) { if (value(name)) { params.set(name, value(name)); } });
      if (state.key !== "date" || state.dir !== 1) { params.set("sort", sortName()); }
      if (state.page > 1) { params.set("page", String(state.page)); }
      var query = params.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function render() {
      var words = value("words").toLowerCase().split(/\s+/).filter(Boolean);
      var from = value("from"), to = value("to");
      var shown = rows.filter(function (row) {
        var s = row.s;
        return (!value("speaker") || s.speaker === value("speaker")) &&
          (!value("kind") || s.kind === value("kind")) &&
          (!value("topic") || s.topics.indexOf(value("topic")) >= 0) &&
          (!value("treaty") || (s.treaties || []).indexOf(value("treaty")) >= 0) &&
          (!value("event") || s.event === value("event")) &&
          (!value("act") || s.act === value("act")) &&
          (!value("addressee") || (s.addressees || []).indexOf(value("addressee")) >= 0) &&
          (!from || s.date >= from) &&
          (!to || s.date.slice(0, to.length) <= to) &&
          words.every(function (word) { return row.haystack.indexOf(word) >= 0; });
      });
      shown.sort(function (a, b) {
        var x = sortValue(a), y = sortValue(b);
        if (x < y) { return -state.dir; }
        if (x > y) { return state.dir; }
        return a.s.id < b.s.id ? -1 : 1;
      });
      var pages = Math.max(1, Math.ceil(shown.length / PAGE));
      state.page = Math.min(Math.max(1, state.page), pages);
      var first = (state.page - 1) * PAGE;
      var fragment = document.createDocumentFragment();
      shown.slice(first, first + PAGE).forEach(function (row) { fragment.appendChild(row.tr); });
      tbody.textContent = "";
      tbody.appendChild(fragment);
      count.textContent = shown.length + " of " + rows.length + " statements";
      pageText.textContent = shown.length ? "Page " + state.page + " of " + pages +
        " (" + (first + 1) + " to " + Math.min(first + PAGE, shown.length) + ")" : "";
      pager.querySelector("[data-step='-1']").disabled = state.page <= 1;
      pager.querySelector("[data-step='1']").disabled = state.page >= pages;
      var sorted = form.elements.sort;
      if (!Array.prototype.some.call(sorted.options, function (o) { return o.value === sortName(); })) {
        option(sorted, sortName(), state.key + ", descending");
      }
      sorted.value = sortName();
      headers.forEach(function (th) {
        if (th.dataset.key === state.key) {
          th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
      remember();
    }

    function fill(loaded) {
      data = loaded;
      data.aliases = data.aliases || {};
      data.headlines = data.headlines || {};
      data.treaties = data.treaties || {};
      data.events = data.events || {};
      data.acts = data.acts || {};
      data.addressees = data.addressees || {};
      Object.keys(data.speakers).sort(function (a, b) {
        return data.speakers[a].localeCompare(data.speakers[b]);
      }).forEach(function (id) { option(form.elements.speaker, id, data.speakers[id]); });
      Object.keys(data.kinds).forEach(function (k) { option(form.elements.kind, k, data.kinds[k]); });
      var used = {};
      data.statements.forEach(function (s) { s.topics.forEach(function (t) { used[t] = true; }); });
      Object.keys(used).sort().forEach(function (t) { option(form.elements.topic, t, data.topics[t] || t); });
      Object.keys(data.treaties).sort(function (a, b) {
        return data.treaties[a].localeCompare(data.treaties[b]);
      }).forEach(function (id) { option(form.elements.treaty, id, data.treaties[id]); });
      /* Events in the order they began, speech acts in their codelist's order, addressees by name
         (as statements.json lists them): only those some statement has. */
      var acts = {};
      data.statements.forEach(function (s) { if (s.act) { acts[s.act] = true; } });
      Object.keys(data.events).forEach(function (id) { option(form.elements.event, id, data.events[id]); });
      Object.keys(data.acts).filter(function (a) { return acts[a]; })
        .forEach(function (a) { option(form.elements.act, a, data.acts[a]); });
      Object.keys(data.addressees).forEach(function (id) { option(form.elements.addressee, id, data.addressees[id]); });
      rows = data.statements.map(build);
      var params = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (name) {
        if (params.has(name)) { form.elements[name].value = params.get(name); }
      });
      sortBy(params.get("sort"));
      state.page = parseInt(params.get("page"), 10) || 1;
      render();
    }

    function refresh() { if (rows) { state.page = 1; render(); } }

    headers.forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        state.dir = state.key === th.dataset.key ? -state.dir : 1;
        state.key = th.dataset.key;
        refresh();
      });
    });
    Array.prototype.forEach.call(pager.querySelectorAll("button"), function (button) {
      button.addEventListener("click", function () {
        if (!rows) { return; }
        state.page += parseInt(button.dataset.step, 10);
        render();
        root.scrollIntoView();
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) { if (event.target !== form.elements.sort) { refresh(); } });
    form.addEventListener("change", function (event) {
      if (event.target === form.elements.sort) { sortBy(event.target.value); }
      refresh();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { state.key = "date"; state.dir = 1; refresh(); }, 0);
    });

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
