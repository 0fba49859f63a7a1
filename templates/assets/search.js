// The search page: asks Pagefind's index (pagefind/, written by the build) through its JavaScript
// API and lists the results with their kind, date and an excerpt with the words found marked.
// The query, the order and the filters live in the URL (?q=...&sort=asc&actor=...), so a search can
// be shared. Only this page loads search code; Pagefind itself fetches just the index chunks a
// query needs, and the filters' values only when the reader opens "Narrow the results".
(function () {
  "use strict";
  var input = document.getElementById("search-query");
  var options = document.querySelector("[data-search-options]");
  var list = document.querySelector("[data-search-results]");
  var status = document.querySelector("[data-search-status]");
  var more = document.querySelector("[data-search-more]");
  var details = document.querySelector("[data-search-filters]");
  if (!input || !options || !list || !status || !more || !details) { return; }
  // On a narrow screen the box is in the folded menu: the page that says "type in the search box
  // above" opens it when nothing is searched for yet, so that the box is there (with results, the
  // menu would push them down; "Menu" opens it again).
  var menu = input.closest("details");
  if (menu && !new URLSearchParams(window.location.search).get("q")) { menu.open = true; }
  // Rendered hidden, as without a script they could do nothing.
  document.querySelectorAll("[data-search-needs-script]").forEach(function (element) { element.hidden = false; });
  var filterNames = ["kind", "actor", "place", "tag"];
  var PAGE = 20;
  // What a word found in each searched field of the records' metadata adds to a result: see
  // chronology/search_records.py.
  var RANKING = { metaWeights: { names: 20, title: 5, about: 1 } };
  var root = new URL((window.base_url || ".") + "/", window.location.href);
  var pagefind = null;
  var found = [];
  var shown = 0;
  var generation = 0;
  var timer = null;
  var filtersLoaded = false;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        // No web worker: it would be one more script of 41 KB to fetch, and a search of the
        // chronology's index takes the main thread only a few milliseconds.
        return module.options({ baseUrl: root.pathname, noWorker: true, ranking: RANKING })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  function choice() {
    var filters = {};
    filterNames.forEach(function (name) {
      var value = options.elements[name].value;
      if (value) { filters[name] = value; }
    });
    return { query: input.value.trim(), sort: options.elements.sort.value, filters: filters };
  }

  function toUrl(c) {
    var params = new URLSearchParams();
    if (c.query) { params.set("q", c.query); }
    if (c.sort) { params.set("sort", c.sort); }
    filterNames.forEach(function (name) { if (c.filters[name]) { params.set(name, c.filters[name]); } });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  // An option for a value the URL names, before the filters' values have loaded.
  function ensureOption(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (!known) { select.add(new Option(value, value)); }
    select.value = value;
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var sort = params.get("sort") || "";
    options.elements.sort.value = sort === "asc" || sort === "desc" ? sort : "";
    var any = false;
    filterNames.forEach(function (name) {
      var value = params.get(name) || "";
      if (value) { ensureOption(options.elements[name], value); any = true; }
    });
    if (any) { details.open = true; }
  }

  function loadFilters() {
    if (filtersLoaded) { return; }
    filtersLoaded = true;
    load().then(function (pf) { return pf.filters(); }).then(function (all) {
      filterNames.forEach(function (name) {
        var select = options.elements[name];
        var current = select.value;
        var values = Object.keys(all[name] || {}).sort(function (a, b) { return a.localeCompare(b); });
        select.length = 1;
        values.forEach(function (value) {
          select.add(new Option(value + " (" + all[name][value] + ")", value));
        });
        if (current) { ensureOption(select, current); }
      });
    });
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found; keep only those two.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createElement("p");
    out.className = "result-excerpt";
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        out.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function render(data) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [data.meta.kind, data.meta.date].filter(Boolean);
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "result-meta";
      meta.textContent = facts.join(" \u00b7 ");
      item.appendChild(meta);
    }
    item.appendChild(excerpt(data.excerpt || ""));
    return item;
  }

  function fold(text) { return text.normalize("NFC").toLocaleLowerCase().replace(/\s+/g, " ").trim(); }

  // Whether the query is the result's title or one of its names, whole.
  function named(data, query) {
    var names = [data.meta.title || ""].concat(data.meta.names ? data.meta.names.split("; ") : []);
    return names.some(function (name) { return fold(name) === query; });
  }

  function showMore(mine, c) {
    var first = shown === 0;
    var batch = found.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (all) {
      if (mine !== generation) { return; }
      // Of the first results by relevance, those named by the query go first (why: search_records.py).
      if (first && c && c.query && !c.sort) {
        var query = fold(c.query);
        all = all.filter(function (data) { return named(data, query); })
          .concat(all.filter(function (data) { return !named(data, query); }));
      }
      all.forEach(function (data) { list.appendChild(render(data)); });
      more.hidden = shown >= found.length;
    });
  }

  // Pagefind matches words by how they begin, not by likeness: say so when nothing is found.
  function misspelt(query) {
    if (!query) { return ""; }
    var hint = " Words are found by how they begin, so a word misspelt finds nothing: try its first letters";
    var word = query.split(/\s+/);
    if (word.length === 1 && word[0].length >= 5) {
      return hint + " (\u201c" + word[0].slice(0, Math.ceil(word[0].length / 2)) + "\u201d).";
    }
    return hint + ".";
  }

  function describe(c, count) {
    var filtered = Object.keys(c.filters).length > 0;
    var what = c.query ? "\u201c" + c.query + "\u201d" + (filtered ? " with the filters chosen" : "") : "the filters chosen";
    // Ordered by date, the index leaves out what has none: say so, rather than lose them unseen.
    var dated = c.sort ? " dated" : "";
    var undated = c.sort && !c.filters.kind ? " Actors, places and tags have no date: order by relevance to see them too." : "";
    if (count === 0) { return "Nothing" + dated + " in the chronology matches " + what + "." + undated + misspelt(c.query); }
    var order = c.sort === "asc" ? ", oldest first" : c.sort === "desc" ? ", newest first" : "";
    return count + dated + (count === 1 ? " result" : " results") + " for " + what + order + "." + undated;
  }

  function run() {
    var c = choice();
    var mine = ++generation;
    toUrl(c);
    if (!c.query && !Object.keys(c.filters).length) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    // Until this run's results are on the page, the status line claims none: the list is about to
    // be replaced, and a reader (or a test) must not take the last run's count for this one's.
    status.textContent = "Searching\u2026";
    var request = { filters: c.filters };
    if (c.sort) { request.sort = { date: c.sort }; }
    return load().then(function (pf) {
      return pf.search(c.query || null, request);
    }).then(function (search) {
      if (mine !== generation || !search) { return; }
      found = search.results;
      shown = 0;
      list.textContent = "";
      // The status line changes once the results are on the page, so it announces what is there.
      return showMore(mine, c).then(function () {
        if (mine === generation) { status.textContent = describe(c, found.length); }
      });
    }).catch(function () {
      if (mine === generation) { status.textContent = "The search index could not be loaded."; }
    });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  }

  input.addEventListener("input", soon);
  input.form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  options.addEventListener("change", run);
  options.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  details.addEventListener("toggle", function () { if (details.open) { loadFilters(); } });
  more.addEventListener("click", function () { showMore(generation); });
  fromUrl();
  if (details.open) { loadFilters(); }
  run();
})();
