/* Statements explorer: one sortable, filterable, paged table, built from the explorer's shards
   (communique.site.explorer): meta.json gives each choice's title and number of statements;
   a scope (all statements, or one speaker's, kind's, topic's, treaty's, event's, speech act's,
   addressee's) has its statements
   in date order in shards of meta.shard rows, loaded as they are needed. A page of a scope by
   date loads the shard holding it; words, dates or a second choice are matched by reading the
   narrowest scope's shards in order, at most STEP shards at a time before the reader asks for
   more. Runs only on a page holding #cq-explorer. Record text is only ever set as textContent,
   never as HTML; links are built from ids, which are slugs. Nothing is loaded from elsewhere.
   Every filter, the sort order and the page are kept in the address (parameters of our own:
   "q" would open Material's search), so a view can be shared and reloaded. */
(function () {
  "use strict";

  var PAGE = 50;
  var STEP = 8;  /* shards read at most per step of a search: about 320 kB */
  var FILTERS = ["words", "speaker", "kind", "topic", "treaty", "event", "act", "addressee", "from", "to"];
  var FACETS = { speaker: "speaker", kind: "kind", topic: "topics", treaty: "treaties",
                 event: "event", act: "speech_act", addressee: "addressees" };
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
    var folder = root.dataset.src.replace(/[^\/]*$/, "");
    var state = { key: "date", dir: 1, page: 1 };
    var scan = document.createElement("p");  /* how much of a search is read, and a button to read on */
    scan.className = "cq-scan";
    scan.setAttribute("aria-live", "polite");
    scan.hidden = true;  /* until a search stops short of the scope's end */
    var scanText = scan.appendChild(document.createElement("span"));
    var further = scan.appendChild(document.createElement("button"));
    further.type = "button";
    further.textContent = "Search further";
    count.parentNode.insertBefore(scan, count.nextSibling);
    var meta, shards = {}, ticket = 0;

    /* A choice's title: a speaker's or treaty's name, a code's title. */
    function title(facet, value) {
      return Object.prototype.hasOwnProperty.call(meta.choices[facet], value) ? meta.choices[facet][value][0] : value;
    }

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

    /* A row of a shard (an array in meta.columns order) as a statement, what its words search, its table row. */
    function build(values, headlines) {
      var s = {};
      meta.columns.forEach(function (column, i) { s[column] = values[i]; });
      var speaker = title("speaker", s.speaker);
      var topics = s.topics.map(function (t) { return title("topic", t); });
      var searched = [s.text, speaker].concat(meta.aliases[s.speaker] || [], topics, s.topics, [headlines[s.article] || ""]);
      return { s: s, speakerName: speaker.toLowerCase(), text: s.text.toLowerCase(), topicNames: topics,
               haystack: searched.join("\n").toLowerCase(), tr: null };
    }

    function tableRow(row) {
      if (row.tr) { return row.tr; }
      var s = row.s;
      var tr = document.createElement("tr");
      cell(tr, s.date);
      cell(tr, title("speaker", s.speaker));
      cell(tr, title("kind", s.kind));
      cell(tr, row.topicNames.join(", "));
      var td = cell(tr);
      if (slug.test(s.id)) {
        var a = document.createElement("a");
        a.href = s.id + "/";
        a.textContent = s.text;
        td.appendChild(a);
      } else {
        td.textContent = s.text;
      }
      row.tr = tr;
      return tr;
    }

    /* Shard n (from 1) of a scope, loaded once. */
    function load(scope, n) {
      var key = scope.name + "/" + n;
      if (!shards[key]) {
        shards[key] = fetch(folder + key + ".json").then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        }).then(function (loaded) {
          var rows = loaded.rows.map(function (values) { return build(values, loaded.headlines || {}); });
          shards[key].rows = rows;
          return rows;
        }, function (error) {
          delete shards[key];  /* not kept: the next step tries again */
          throw error;
        });
      }
      return shards[key];
    }

    function loaded(scope, n) { var promise = shards[scope.name + "/" + n]; return promise && promise.rows; }

    function value(name) { return form.elements[name].value.trim(); }

    function sortName() { return (state.dir < 0 ? "-" : "") + state.key; }

    /* The sort order from its name ("-date": newest first); an unknown name leaves it as it is. */
    function sortBy(name) {
      var key = (name || "").replace(/^-/, "");
      if (KEYS.indexOf(key) < 0) { return; }
      state.key = key;
      state.dir = name.charAt(0) === "-" ? -1 : 1;
    }

    /* The narrowest scope the choices name: its folder, its number of statements and shards. */
    function scopeOf() {
      var best = null;
      Object.keys(FACETS).forEach(function (facet) {
        var chosen = value(facet);
        if (!chosen) { return; }
        var choice = Object.prototype.hasOwnProperty.call(meta.choices[facet], chosen) ? meta.choices[facet][chosen] : [chosen, 0, 0];
        if (!best || choice[1] < best.size) { best = { name: facet + "/" + choice[2], facet: facet, size: choice[1] }; }
      });
      best = best || { name: "all", facet: null, size: meta.total };
      best.shards = Math.ceil(best.size / meta.shard);
      return best;
    }

    function matcher(scope) {
      var words = value("words").toLowerCase().split(/\s+/).filter(Boolean);
      var from = value("from"), to = value("to");
      var facets = Object.keys(FACETS).filter(function (facet) { return value(facet) && facet !== scope.facet; });
      var test = function (row) {
        var s = row.s;
        return facets.every(function (facet) {
          var field = s[FACETS[facet]];
          return Array.isArray(field) ? field.indexOf(value(facet)) >= 0 : field === value(facet);
        }) &&
          (!from || s.date >= from) &&
          (!to || s.date.slice(0, to.length) <= to) &&
          words.every(function (word) { return row.haystack.indexOf(word) >= 0; });
      };
      test.all = !words.length && !from && !to && !facets.length;  /* every statement of the scope matches */
      return test;
    }

    function sortValue(row) {
      var s = row.s;
      if (state.key === "speaker") { return row.speakerName; }
      if (state.key === "topics") { return s.topics.join(","); }
      if (state.key === "text") { return row.text; }
      return s[state.key];
    }

    function compare(a, b) {
      var x = sortValue(a), y = sortValue(b);
      if (x < y) { return -state.dir; }
      if (x > y) { return state.dir; }
      return a.s.id < b.s.id ? -state.dir : state.dir;
    }

    /* The shown rows of this view: {rows, found, complete, read}. By date with no other test, the
       page's own shards; else the scope's shards in order, until the page is full (by date) or
       every shard is read (another order), reading at most STEP new shards per step asked for. */
    function select(scope, test) {
      var byDate = state.key === "date";
      if (byDate && test.all) {
        var first = (state.page - 1) * PAGE, last = Math.min(first + PAGE, scope.size) - 1;
        var at = function (i) { return state.dir > 0 ? i : scope.size - 1 - i; };  /* the place in the scope of the i-th shown */
        var numbers = [];
        for (var i = first; i <= last; i += 1) {
          var n = Math.floor(at(i) / meta.shard) + 1;
          if (numbers.indexOf(n) < 0) { numbers.push(n); }
        }
        return Promise.all(numbers.map(function (n) { return load(scope, n); })).then(function (parts) {
          var byPlace = {};
          parts.forEach(function (rows, k) { rows.forEach(function (row, j) { byPlace[(numbers[k] - 1) * meta.shard + j] = row; }); });
          var rows = [];
          for (var i = first; i <= last; i += 1) { rows.push(byPlace[at(i)]); }
          return { rows: rows, found: scope.size, complete: true, read: scope.size, offset: first };
        });
      }
      var order = [];
      for (var n = 1; n <= scope.shards; n += 1) { order.push(n); }
      if (byDate && state.dir < 0) { order.reverse(); }
      var budget = STEP, wanted = state.page * PAGE + 1, found = [], read = 0;
      function step(i) {
        if (i === order.length || (byDate && found.length >= wanted)) { return Promise.resolve(i); }
        var rows = loaded(scope, order[i]);
        if (!rows) {
          if (budget === 0) { return Promise.resolve(i); }
          budget -= 1;
          return load(scope, order[i]).then(function () { return step(i); });
        }
        read += rows.length;
        rows.forEach(function (row) { if (test(row)) { found.push(row); } });
        return step(i + 1);
      }
      return step(0).then(function (i) {
        found.sort(compare);
        var complete = i === order.length, first = (state.page - 1) * PAGE;
        return { rows: found.slice(first, first + PAGE), found: found.length, complete: complete, read: read,
                 stopped: !complete && !(byDate && found.length >= wanted), offset: first };
      });
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

    function show(scope, view) {
      var pages = view.complete ? Math.max(1, Math.ceil(view.found / PAGE)) : null;
      if (pages !== null && state.page > pages) { state.page = pages; render(); return; }
      var fragment = document.createDocumentFragment();
      view.rows.forEach(function (row) { fragment.appendChild(tableRow(row)); });
      tbody.textContent = "";
      tbody.appendChild(fragment);
      count.textContent = (view.complete ? "" : "at least ") + view.found + " of " + meta.total + " statements";
      var last = view.offset + view.rows.length;
      pageText.textContent = !view.rows.length ? "" : "Page " + state.page + (pages ? " of " + pages : "") +
        " (" + (view.offset + 1) + " to " + last + ")";
      pager.querySelector("[data-step='-1']").disabled = state.page <= 1;
      pager.querySelector("[data-step='1']").disabled = view.complete ? state.page >= pages : view.found <= last && !view.stopped;
      scanText.textContent = view.complete ? "" : "Searched " + view.read + " of the " + scope.size + " statements" +
        (scope.facet ? " of this " + scope.facet : "") + (state.key === "date" ? "." : ": sorted among those.");
      further.hidden = !view.stopped;
      scan.hidden = view.complete;
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

    function failed(error) { count.textContent = "The statements could not be loaded (" + error.message + ")."; }

    function render() {
      var mine = ++ticket;
      var scope = scopeOf();
      state.page = Math.max(1, state.page);
      select(scope, matcher(scope)).then(function (view) { if (mine === ticket) { show(scope, view); } }, failed);
    }

    function fill(loadedMeta) {
      meta = loadedMeta;
      Object.keys(FACETS).forEach(function (facet) {
        var choices = meta.choices[facet];
        Object.keys(choices).sort(function (a, b) {
          return choices[a][0].localeCompare(choices[b][0]) || (a < b ? -1 : 1);
        }).forEach(function (value) { option(form.elements[facet], value, choices[value][0]); });
      });
      var params = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (name) {
        if (params.has(name)) { form.elements[name].value = params.get(name); }
      });
      sortBy(params.get("sort"));
      state.page = parseInt(params.get("page"), 10) || 1;
      render();
    }

    function refresh() { if (meta) { state.page = 1; render(); } }

    headers.forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        state.dir = state.key === th.dataset.key ? -state.dir : 1;
        state.key = th.dataset.key;
        refresh();
      });
    });
    Array.prototype.forEach.call(pager.querySelectorAll("button"), function (button) {
      button.addEventListener("click", function () {
        if (!meta) { return; }
        state.page += parseInt(button.dataset.step, 10);
        render();
        root.scrollIntoView();
      });
    });
    further.addEventListener("click", render);  /* the shards read stay loaded: a step reads the next ones */
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
      .catch(failed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
