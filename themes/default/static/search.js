// handout: search the exercise library as you type, with no server.
// The index (search-index.js) sets window.HANDOUT_SEARCH; see src/search.rs for its shape.
// It is loaded only when first needed: when the search box is used, or when the
// address already holds a search.
// Matching forgives accents ("plie" finds "Plié"), unfinished words ("kn" finds "knee")
// and, in words of five letters or more, small typos ("brigde" finds "bridge").
// Whole words and word starts rank before typos; a word in the title, body region or
// type ranks before one in the summary, and that before one in the steps.
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
  var root = document.querySelector("script[src$='search.js']").getAttribute("src").replace(/search\.js$/, "");
  // Results are shown a page at a time.
  var PAGE = 20;
  var shown = PAGE;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "button secondary";
  more.hidden = true;
  list.after(more);

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function tokens(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Every distinct word, with the items it occurs in; each item knows which of its
  // words are in its title, its body regions and type, and its summary.
  var vocabulary = new Map();
  function prepare() {
    data.items.forEach(function (item, i) {
      item.titleWords = new Set(tokens(item.t));
      item.titleFolded = fold(item.t);
      item.summaryWords = new Set(tokens(item.s || ""));
      item.facetWords = new Set(tokens(labelsOf(item, "kinds").concat(labelsOf(item, "regions")).join(" ")));
      var add = function (word) {
        if (!word) return;
        var found = vocabulary.get(word);
        if (!found) vocabulary.set(word, (found = []));
        if (found[found.length - 1] !== i) found.push(i);
      };
      item.w.split(" ").forEach(add);
      item.titleWords.forEach(add);
      item.facetWords.forEach(add);
    });
  }

  // A word typed in full that names one of the item's body regions or its type
  // ("knee", "stretch") counts most; then the title, the summary, the rest.
  function weight(item, word, exact) {
    if (exact && item.facetWords.has(word)) return 4;
    if (item.titleWords.has(word)) return 3;
    if (item.summaryWords.has(word)) return 2;
    return item.facetWords.has(word) ? 1.5 : 1;
  }

  // Edit distance with transpositions, stopping early once it exceeds `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        row.push(d);
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  // How well `word` answers the typed `token`: 0 for not at all. A whole word beats
  // the start of a longer one, which beats a typo, in any field.
  function wordScore(token, word) {
    if (word === token) return 3;
    if (word.startsWith(token)) return 2 + token.length / word.length / 2;
    // Short words have too many neighbours ("band": "and", "hand", "bend").
    if (token.length < 5) return 0;
    var limit = token.length > 8 ? 2 : 1;
    // A typo in a whole word, or in the start of a word still being typed.
    if (distance(token, word, limit) <= limit) return 0.5;
    if (word.length > token.length && distance(token, word.slice(0, token.length), limit) <= limit) return 0.4;
    return 0;
  }

  function search(query) {
    var typed = tokens(query);
    var scores = null;
    typed.forEach(function (token) {
      var best = new Map();
      vocabulary.forEach(function (items, word) {
        var score = wordScore(token, word);
        if (!score) return;
        items.forEach(function (i) {
          var s = score * weight(data.items[i], word, score === 3);
          if (!(best.get(i) >= s)) best.set(i, s);
        });
      });
      // Every typed word must match.
      if (scores === null) {
        scores = best;
      } else {
        var both = new Map();
        scores.forEach(function (s, i) {
          if (best.has(i)) both.set(i, s + best.get(i));
        });
        scores = both;
      }
    });
    return scores;
  }

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

  function labelsOf(item, key) {
    var f = data.facets.findIndex(function (facet) { return facet.key === key; });
    if (f < 0) return [];
    return item.f[f].map(function (v) { return data.facets[f].values[v][1]; });
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
      labelsOf(item, "kinds").concat(labelsOf(item, "regions")).forEach(function (label) {
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
    var scores = query ? search(query) : null;
    var folded = fold(query);
    var found = [];
    data.items.forEach(function (item, i) {
      if (scores && !scores.has(i)) return;
      if (passes(item, filters)) found.push(i);
    });
    if (scores) {
      found.sort(function (a, b) {
        var sa = scores.get(a) + (data.items[a].titleFolded.startsWith(folded) ? 0.1 : 0);
        var sb = scores.get(b) + (data.items[b].titleFolded.startsWith(folded) ? 0.1 : 0);
        return sb - sa || a - b;
      });
    }
    render(found);
    list.hidden = found.length === 0;
    var left = found.length - Math.min(shown, found.length);
    more.hidden = left === 0;
    more.textContent = "Show " + Math.min(left, PAGE) + " more";
    count.textContent = found.length === 0
      ? "No exercises match. Try fewer letters, or clear the filters."
      : found.length === 1 ? "1 exercise found" : found.length + " exercises found";
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
    script.src = root + "search-index.js";
    script.onload = function () {
      data = window.HANDOUT_SEARCH;
      if (!data) return;
      prepare();
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
