// handout: how the library's search matches and ranks exercises, shared by the home
// page's search (search.js) and the program builder (builder/builder.js). It reads
// the index search-index.js sets as window.HANDOUT_SEARCH (see src/site/search.rs).
// Matching forgives accents ("plie" finds "Plié"), unfinished words ("kn" finds "knee")
// and, in words of five letters or more, small typos ("brigde" finds "bridge").
// Whole words and word starts rank before typos; a word in the title, body region or
// type ranks before one in the summary, and that before one in the steps.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function tokens(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The labels of an item's values for one facet ("kinds", "regions").
  function labelsOf(data, item, key) {
    var f = data.facets.findIndex(function (facet) { return facet.key === key; });
    if (f < 0) return [];
    return item.f[f].map(function (v) { return data.facets[f].values[v][1]; });
  }

  // Every distinct word, with the items it occurs in; each item knows which of its
  // words are in its title, its body regions and type, and its summary.
  function prepare(data, vocabulary) {
    data.items.forEach(function (item, i) {
      item.titleWords = new Set(tokens(item.t));
      item.titleFolded = fold(item.t);
      item.summaryWords = new Set(tokens(item.s || ""));
      item.facetWords = new Set(tokens(labelsOf(data, item, "kinds").concat(labelsOf(data, item, "regions")).join(" ")));
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

  function scores(data, vocabulary, query) {
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

  // Ready to search an index: find(query, keep) gives the indexes of the items that
  // match every word of the query and that keep(item) accepts, best first (all of
  // them, in index order, for an empty query).
  self.HandoutSearch = function (data) {
    var vocabulary = new Map();
    prepare(data, vocabulary);
    return {
      labelsOf: function (item, key) { return labelsOf(data, item, key); },
      find: function (query, keep) {
        var found = [];
        var scored = query.trim() ? scores(data, vocabulary, query) : null;
        var folded = fold(query.trim());
        data.items.forEach(function (item, i) {
          if (scored && !scored.has(i)) return;
          if (keep(item)) found.push(i);
        });
        if (scored) {
          found.sort(function (a, b) {
            var sa = scored.get(a) + (data.items[a].titleFolded.startsWith(folded) ? 0.1 : 0);
            var sb = scored.get(b) + (data.items[b].titleFolded.startsWith(folded) ? 0.1 : 0);
            return sb - sa || a - b;
          });
        }
        return found;
      },
    };
  };
})();
