// Search over every agreement of the site (the page zoeken/). The index is
// built with the site (internal/search): an entry file, chunks of terms
// with their pages, and one small file per page to show it, in its
// agreement's folder. This script cuts the query into words exactly as the
// index cut the pages (words(), term() and stem() mirror
// internal/search/text.go and the Dutch Snowball stemmer that builds the
// index), fetches the chunk of each word and the pages it shows, and ranks
// them (BM25, title and headings weighed higher). No inline script, no
// eval: it runs under script-src 'self'.
(function () {
  "use strict";

  // words: lower case, accents removed, runs of letters and digits.
  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  // The Dutch Snowball stemmer (snowballstem.org, dutch.sbl), for words of
  // the letters a-z only; accents are gone already (words()).
  function isV(c) { return "aeiouy\u00e8".indexOf(c) >= 0 && c !== ""; }
  function stem(w) {
    var s = w.split(""), i;
    // prelude: y at the start and after a vowel, i between vowels, are
    // consonants (marked upper case).
    if (s[0] === "y") s[0] = "Y";
    for (i = 0; i + 1 < s.length; i++) {
      if (!isV(s[i])) continue;
      if (s[i + 1] === "i" && i + 2 < s.length && isV(s[i + 2])) s[i + 1] = "I";
      else if (s[i + 1] === "y") s[i + 1] = "Y";
    }
    s = s.join("");
    // mark_regions: R1 after the first non-vowel following a vowel (at
    // least 3), R2 the same again after R1.
    var n = s.length, p1 = n, p2 = n, c = 0;
    function pastV() { while (c < n && !isV(s[c])) c++; if (c >= n) return false; c++; return true; }
    function pastNonV() { while (c < n && isV(s[c])) c++; if (c >= n) return false; c++; return true; }
    if (pastV() && pastNonV()) {
      p1 = Math.max(c, 3);
      if (pastV() && pastNonV()) p2 = c;
    }
    function ends(x) { return s.length >= x.length && s.slice(s.length - x.length) === x; }
    function at(k) { return k >= 0 && k < s.length ? s[k] : ""; }
    function nonV(k) { return k >= 0 && k < s.length && !isV(s[k]); }
    function cut(k) { s = s.slice(0, s.length - k); }
    function undouble() {
      if (ends("kk") || ends("dd") || ends("tt")) { cut(1); return true; }
      return false;
    }
    var eFound = false;
    function eEnding() {
      eFound = false;
      var b = s.length - 1;
      if (!ends("e") || p1 > b || !nonV(b - 1)) return false;
      cut(1);
      eFound = true;
      return undouble();
    }
    // enEnding with the suffix of length k at the end.
    function enEnding(k) {
      var b = s.length - k;
      if (p1 > b || !nonV(b - 1) || s.slice(0, b).slice(-3) === "gem") return false;
      cut(k);
      return undouble();
    }
    // Step 1.
    if (ends("heden")) {
      if (p1 <= s.length - 5) s = s.slice(0, s.length - 5) + "heid";
    } else if (ends("ene")) enEnding(3);
    else if (ends("en")) enEnding(2);
    else if (ends("se") || ends("s")) {
      var k = ends("se") ? 2 : 1, b = s.length - k;
      if (p1 <= b && nonV(b - 1) && at(b - 1) !== "j") cut(k);
    }
    // Step 2.
    eEnding();
    // Step 3.
    if (ends("heid") && p2 <= s.length - 4 && at(s.length - 5) !== "c") {
      cut(4);
      if (ends("en")) enEnding(2);
    }
    // Step 4.
    var L = s.length;
    if (ends("end") || ends("ing")) {
      if (p2 <= L - 3) {
        cut(3);
        if (ends("ig") && p2 <= s.length - 2 && at(s.length - 3) !== "e") cut(2);
        else undouble();
      }
    } else if (ends("ig")) {
      if (p2 <= L - 2 && at(L - 3) !== "e") cut(2);
    } else if (ends("lijk")) {
      if (p2 <= L - 4) { cut(4); eEnding(); }
    } else if (ends("baar")) {
      if (p2 <= L - 4) cut(4);
    } else if (ends("bar")) {
      if (p2 <= L - 3 && eFound) cut(3);
    }
    // Step 5: a double vowel before a last consonant becomes single.
    L = s.length;
    var last = at(L - 1), pair = s.slice(L - 3, L - 1);
    if (L >= 4 && last !== "I" && !isV(last) && /^(aa|ee|oo|uu)$/.test(pair) && nonV(L - 4)) {
      s = s.slice(0, L - 2) + last;
    }
    return s.replace(/Y/g, "y").replace(/I/g, "i");
  }

  var stop = {};
  // term is a word's index term, "" for a stop word or a single letter.
  function term(w) {
    if (stop[w] || (w.length === 1 && !/[0-9]/.test(w))) return "";
    return /^[a-z]+$/.test(w) ? stem(w) : w;
  }

  // pageFile is the file of page d of the entry e, below the site's base:
  // in the folder of its group (the pages of one agreement), numbered from
  // the group's first page. Each group [folder, hash, pages] gets the
  // number of its first page the first time.
  function pageFile(e, d) {
    var g = e.groups, lo = 0, hi = g.length - 1, n = 0;
    if (g.length && g[0].length < 4) g.forEach(function (x) { x.push(n); n += x[2]; });
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (g[mid][3] <= d) lo = mid; else hi = mid - 1;
    }
    return g[lo][0] + "zoeken/" + g[lo][1] + "/" + (d - g[lo][3]) + ".json";
  }

  // For the tests of internal/search, which run this file in Node.
  if (typeof document === "undefined") {
    if (typeof module !== "undefined") module.exports = { words: words, stem: stem, pageFile: pageFile };
    return;
  }

  var form = document.querySelector("form[data-search-index]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  // The button for more results needs this script, so it makes it.
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "Meer resultaten";
  more.hidden = true;
  var moreP = document.createElement("p");
  moreP.appendChild(more);
  list.parentNode.insertBefore(moreP, list.nextSibling);
  var base = form.getAttribute("data-search-base");
  var entryURL = form.getAttribute("data-search-index");
  var dir = entryURL.slice(0, entryURL.lastIndexOf("/") + 1);
  var PAGE = 10;

  var files = {};
  function get(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }
  var entry = get(entryURL).then(function (e) {
    e.stop.forEach(function (w) { stop[w] = true; });
    return e;
  });

  // chunksFor lists the chunks that may hold term t (or, with prefix,
  // every term that starts with t): the chunk whose first term is the
  // last one not after t, and the next ones while they start with t.
  function chunksFor(e, t, prefix) {
    var c = e.chunks, lo = 0, hi = c.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (c[mid][0] <= t) lo = mid; else hi = mid - 1;
    }
    var out = [c[lo][1]];
    for (var j = lo + 1; prefix && j < c.length && c[j][0].indexOf(t) === 0; j++) out.push(c[j][1]);
    return out;
  }

  // postings of one query word: the pages with its term, and with prefix
  // also those with a longer term that starts with the word as typed
  // (while typing "woni" already finds "woning"), weighed lower.
  function postings(e, word, prefix) {
    var t = term(word);
    if (!t) return Promise.resolve(null);
    var names = chunksFor(e, t, false);
    if (prefix) names = names.concat(chunksFor(e, word, true));
    return Promise.all(names.map(function (n) { return get(dir + n); })).then(function (chunks) {
      var found = {}, seen = {};
      chunks.forEach(function (ch) {
        Object.keys(ch).forEach(function (k) {
          var w = k === t ? 1 : (prefix && k.length > word.length && k.indexOf(word) === 0 ? 0.5 : 0);
          if (!w || seen[k]) return;
          seen[k] = true;
          var p = ch[k], doc = 0;
          var idf = Math.log(1 + (e.pages - p.length / 2 + 0.5) / (p.length / 2 + 0.5));
          for (var i = 0; i < p.length; i += 2) {
            doc += p[i];
            found[doc] = Math.max(found[doc] || 0, w * idf * p[i + 1] / 100);
          }
        });
      });
      return found;
    });
  }

  var run = 0;
  var shown = [];
  function search(q) {
    var id = ++run;
    var ws = words(q);
    var typing = !/\s$/.test(q);
    if (!ws.length) { show(id, q, [], 0); return; }
    entry.then(function (e) {
      return Promise.all(ws.map(function (w, i) {
        return postings(e, w, typing && i === ws.length - 1 && w.length >= 3);
      }));
    }).then(function (per) {
      if (id !== run) return;
      per = per.filter(Boolean);
      if (!per.length) { show(id, q, [], 0); return; }
      // Every word must match; the scores add up.
      var score = per[0];
      per.slice(1).forEach(function (p) {
        var next = {};
        Object.keys(score).forEach(function (d) { if (p[d]) next[d] = score[d] + p[d]; });
        score = next;
      });
      var docs = Object.keys(score).map(Number).sort(function (a, b) {
        return score[b] - score[a] || a - b;
      });
      show(id, q, docs, 0);
    }).catch(function () {
      if (id === run) status.textContent = "Zoeken lukt nu niet: de zoekindex kon niet worden geladen. Probeer het later opnieuw.";
    });
  }

  function terms(q) {
    var ts = {};
    var ws = words(q);
    ws.forEach(function (w) { var t = term(w); if (t) ts[t] = true; });
    return { terms: ts, last: /\s$/.test(q) ? "" : ws[ws.length - 1] || "" };
  }
  function matches(qt, w) {
    var t = term(w);
    return t && (qt.terms[t] || (qt.last.length >= 3 && w.indexOf(qt.last) === 0));
  }

  // quote picks the block with most matching words and cuts about 30
  // words around the first, the matches marked.
  function quote(page, qt) {
    var best = null, bestN = -1;
    page.blocks.forEach(function (b) {
      var n = words(b[2]).filter(function (w) { return matches(qt, w); }).length;
      if (n > bestN) { best = b; bestN = n; }
    });
    var frag = document.createDocumentFragment();
    if (!best) return { anchor: "", frag: frag };
    var parts = best[2].split(/(\s+)/), first = -1;
    for (var i = 0; i < parts.length; i++) {
      if (words(parts[i]).some(function (w) { return matches(qt, w); })) { first = i; break; }
    }
    var from = Math.max(0, first - 20), to = Math.min(parts.length, Math.max(first, 0) + 40);
    if (from > 0) frag.appendChild(document.createTextNode("… "));
    for (i = from; i < to; i++) {
      var hit = words(parts[i]).some(function (w) { return matches(qt, w); });
      if (hit) {
        var m = document.createElement("mark");
        m.textContent = parts[i];
        frag.appendChild(m);
      } else {
        frag.appendChild(document.createTextNode(parts[i]));
      }
    }
    if (to < parts.length) frag.appendChild(document.createTextNode(" …"));
    return { anchor: best[0], heading: best[1], frag: frag };
  }

  // mark tells when the first results are on screen (make bench-search
  // reads it).
  function mark() {
    if (window.performance && performance.mark) performance.mark("zoeken-resultaten");
  }

  // result is the list item of one page: its title linked to the place
  // of the best quote, where it is, and the quote.
  function result(p, qt) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    var qu = quote(p, qt);
    a.href = base + p.path + (qu.anchor ? "#" + qu.anchor : "");
    a.textContent = p.title;
    h.appendChild(a);
    li.appendChild(h);
    var ctx = [p.context, qu.heading && qu.heading !== p.title ? qu.heading : ""].filter(Boolean).join(" › ");
    if (ctx) {
      var c = document.createElement("p");
      c.className = "search-context";
      c.textContent = ctx;
      li.appendChild(c);
    }
    var s = document.createElement("p");
    s.appendChild(qu.frag);
    li.appendChild(s);
    return li;
  }

  function show(id, q, docs, from) {
    if (from === 0) {
      list.textContent = "";
      shown = docs;
      var n = docs.length;
      status.textContent = !q.trim() ? "" : n === 0 ?
        "Geen resultaten voor “" + q.trim() + "”. Probeer een ander of korter woord." :
        n + (n === 1 ? " resultaat" : " resultaten") + " voor “" + q.trim() + "”";
    }
    more.hidden = true;
    var slice = docs.slice(from, from + PAGE);
    if (!slice.length) {
      if (from === 0) mark();
      return;
    }
    entry.then(function (e) {
      var qt = terms(q);
      var pages = slice.map(function (d) { return get(base + pageFile(e, d)); });
      // Each result shows as soon as it and those above it are in.
      return pages.reduce(function (chain, page, k) {
        return chain.then(function () { return page; }).then(function (p) {
          if (id !== run) return;
          list.appendChild(result(p, qt));
          if (from === 0 && k === 0) mark();
        });
      }, Promise.resolve());
    }).then(function () {
      if (id === run) more.hidden = from + PAGE >= docs.length;
    }).catch(function () {
      if (id === run) status.textContent = "Zoeken lukt nu niet: de resultaten konden niet worden geladen. Probeer het later opnieuw.";
    });
  }

  document.querySelectorAll("[data-search-nojs]").forEach(function (el) { el.hidden = true; });
  form.hidden = false;
  more.addEventListener("click", function () {
    show(run, input.value, shown, list.children.length);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", function () {
    var u = new URL(location.href);
    if (input.value) u.searchParams.set("q", input.value); else u.searchParams.delete("q");
    history.replaceState(null, "", u);
    search(input.value);
  });
  var q = new URL(location.href).searchParams.get("q");
  if (q) {
    input.value = q;
    search(q + " ");
  }
})();
