// handout: search the exercise library as you type, with no server.
// The index (search-index.js) sets window.HANDOUT_SEARCH; see src/search.rs for its shape.
// It is loaded only when first needed: when the search box is used, or when the
// address already holds a search. search-rank.js says how results match and rank.
(function () {
  "use strict";
  var section = document.getElementById("find");
  if (!section) return;
  var data = null;
  var form = section.querySelector("form");
  var input = document.getElementById("search-query");
  var count = document.getElementById("search-count");
  var list = document.getElementById("search-results");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  // Where this language's pages and index are, and its words; a theme's older
  // page without them gets the index beside the script, and English.
  var said = section.dataset;
  var root = said.root !== undefined ? said.root
    : document.querySelector("script[src$='search.js']").getAttribute("src").replace(/search\.js$/, "");
  var words = {
    more: said.more || "Show {n} more",
    none: said.none || "No exercises match. Try fewer letters, or clear the filters.",
    one: said.one || "1 exercise found",
    many: said.many || "{n} exercises found"
  };
  // Results are shown a page at a time.
  var PAGE = 20;
  var shown = PAGE;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "button secondary";
  more.hidden = true;
  list.after(more);

  // How results rank: search-rank.js, shared with the program builder.
  var rank = null;

  function chosenFilters() {
    return selects.map(function (select) {
      var facet = data.facets[Number(select.dataset.facet)];
      var value = select.value;
      if (!facet || !value) return -1;
      for (var v = 0; v < facet.values.length; v++) {
        if (facet.values[v][0] === value) return v;
      }
      return -1;
    });
  }

  function passes(item, filters) {
    return filters.every(function (v, f) {
      return v < 0 || item.f[f].indexOf(v) >= 0;
    });
  }

  function render(found) {
    list.textContent = "";
    found.slice(0, shown).forEach(function (i) {
      var item = data.items[i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.u;
      a.textContent = item.t;
      li.appendChild(a);
      if (item.s) {
        var summary = document.createElement("span");
        summary.className = "summary";
        summary.textContent = item.s;
        li.appendChild(summary);
      }
      var tags = document.createElement("span");
      tags.className = "tags";
      rank.labelsOf(item, "kinds").concat(rank.labelsOf(item, "regions")).forEach(function (label) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = label;
        tags.appendChild(tag);
      });
      li.appendChild(tags);
      list.appendChild(li);
    });
  }

  function update(fromUser) {
    if (!data) return load();
    var query = input.value.trim();
    var filters = chosenFilters();
    var filtering = filters.some(function (v) { return v >= 0; });
    if (!query && !filtering) {
      list.textContent = "";
      count.textContent = "";
      list.hidden = true;
      more.hidden = true;
      if (fromUser) remember("", filters);
      return;
    }
    var found = rank.find(query, function (item) { return passes(item, filters); });
    render(found);
    list.hidden = found.length === 0;
    var left = found.length - Math.min(shown, found.length);
    more.hidden = left === 0;
    more.textContent = words.more.replace("{n}", Math.min(left, PAGE));
    count.textContent = found.length === 0 ? words.none
      : found.length === 1 ? words.one : words.many.replace("{n}", found.length);
    if (fromUser) remember(query, filters);
    // What the shown results answer (for tests and tools that wait for them).
    section.dataset.searched = query;
  }

  // Keep the search in the address, so Back returns to it; file:// may refuse.
  function remember(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    selects.forEach(function (select, n) {
      if (filters[n] >= 0) params.set(select.name, select.value);
    });
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search + "#find" : location.pathname);
    } catch (e) { /* not allowed here */ }
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var value = params.get(select.name);
    if (value && select.querySelector("option[value='" + CSS.escape(value) + "']")) {
      select.value = value;
      select.closest("details").open = true;
    }
  });
  // The index, loaded once, when first needed; what was typed meanwhile is searched
  // as soon as it arrives.
  var loading = false;
  function load() {
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = said.index || root + "search-index.js";
    script.onload = function () {
      data = window.HANDOUT_SEARCH;
      if (!data) return;
      rank = self.HandoutSearch(data);
      update(true);
    };
    document.head.appendChild(script);
  }
  // A search runs once typing pauses, not at every key.
  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      shown = PAGE;
      update(true);
    }, 60);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update(true);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { update(true); }, 0);
  });
  input.addEventListener("focus", load);
  input.addEventListener("input", soon);
  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      shown = PAGE;
      update(true);
    });
  });
  more.addEventListener("click", function () {
    var next = list.children.length;
    shown += PAGE;
    update(true);
    // Keyboard users go on from the first new result.
    var first = list.children[next] && list.children[next].querySelector("a");
    if (first) first.focus();
  });
  if (input.value || selects.some(function (select) { return select.value; })) load();
})();
