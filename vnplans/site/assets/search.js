/* vnplans: the site's search (the box in the header, its results and filters) and the highlight of
 * the query on the page a result opens.
 *
 * The index is static files under search/ written at build time by vnplans/site/search/index.py
 * (its docstring describes them). Nothing is fetched from another host. Data are shown with
 * textContent and DOM nodes only, never as HTML: a name or a text in the data may hold markup.
 *
 * The text normalisation (fold + tokens) is the same as vnplans/site/search/text.py; the browser
 * tests compare the two on a list of tricky strings.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ normalisation (text.py) --

  var foldTable = new Map();
  var MARK = /\p{Mn}/gu;
  var TOKEN = /[\p{L}\p{N}]+(?:[-\/.&][\p{L}\p{N}]+)*/gu;
  var CONNECTOR = /[-\/.&]/;

  function foldChar(ch) {
    var folded = foldTable.get(ch);
    if (folded !== undefined) return folded;
    var code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) folded = " "; // half of a pair: not a letter we fold
    else if (ch === "đ" || ch === "Đ") folded = "d";
    else folded = ch.normalize("NFD").replace(MARK, "").toLowerCase();
    if (folded.length !== 1) folded = " ";
    foldTable.set(ch, folded);
    return folded;
  }

  /** "Sở Tài chính" -> "so tai chinh": one UTF-16 unit in, one out (offsets stay valid). */
  function fold(text) {
    text = String(text).normalize("NFC");
    var out = "";
    for (var i = 0; i < text.length; i++) out += foldChar(text[i]);
    return out;
  }

  /** Tokens with their offsets in the (NFC) text: [{token, start, end}]. */
  function tokenSpans(text) {
    var folded = fold(text);
    var spans = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(folded)) !== null) {
      spans.push({ token: match[0], start: match.index, end: match.index + match[0].length });
    }
    return spans;
  }

  function tokens(text) {
    return tokenSpans(text).map(function (s) { return s.token; });
  }

  // -------------------------------------------------------------------------------- queries --

  var MIN_PREFIX = 3;

  /** The terms of a query; the last may match as a prefix (from 3 letters, or with a digit) while
   *  the reader is still typing it. Short words match whole words only: "so" is not "soát". */
  function parseQuery(raw) {
    var terms = Array.from(new Set(tokens(raw)));
    var open = terms.length > 0 && !/\s$/.test(raw);
    var last = terms[terms.length - 1];
    return {
      raw: raw,
      terms: terms,
      prefix: open && (last.length >= MIN_PREFIX || /\d/.test(last)) ? last : null,
    };
  }

  /** Does a word of the text match a term of the query (whole token, a part of a joined token,
   *  or the start of a token for the prefix term)? */
  function wordMatches(token, query) {
    var parts = CONNECTOR.test(token) ? token.split(CONNECTOR) : null;
    for (var i = 0; i < query.terms.length; i++) {
      var term = query.terms[i];
      if (token === term || (parts && parts.indexOf(term) >= 0)) return true;
      if (term === query.prefix && token.indexOf(term) === 0) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------- the index --

  function Index(root) {
    this.root = root; // URL of the site root, ending in "/"
    this.meta = null;
    this.shards = new Map();
    this.chunks = new Map();
  }

  Index.prototype.url = function (path) {
    var version = this.meta ? "?v=" + this.meta.hash : "";
    return new URL("search/" + path + version, this.root).href;
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = fetch(new URL("search/meta.json", this.root).href, { cache: "no-cache" })
        .then(function (r) {
          if (!r.ok) throw new Error("search/meta.json: HTTP " + r.status);
          return r.json();
        })
        .then(function (meta) {
          self.meta = meta;
          document.dispatchEvent(new CustomEvent("vnsearch:ready", { detail: { records: meta.count } }));
          return meta;
        });
      this.loading.catch(function () { self.loading = null; });
    }
    return this.loading;
  };

  /** Number of the shard that would hold `term` (shards hold sorted, consecutive terms). */
  Index.prototype.shardOf = function (term) {
    var heads = this.meta.shards;
    var lo = 0;
    var hi = heads.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (heads[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  Index.prototype.shard = function (number) {
    var self = this;
    if (!this.shards.has(number)) {
      this.shards.set(number, fetch(this.url("i/" + number + ".json")).then(function (r) {
        if (!r.ok) throw new Error("search shard " + number + ": HTTP " + r.status);
        return r.json();
      }));
      this.shards.get(number).catch(function () { self.shards.delete(number); });
    }
    return this.shards.get(number);
  };

  Index.prototype.chunk = function (number) {
    var self = this;
    if (!this.chunks.has(number)) {
      this.chunks.set(number, fetch(this.url("r/" + number + ".json")).then(function (r) {
        if (!r.ok) throw new Error("search records " + number + ": HTTP " + r.status);
        return r.json();
      }));
      this.chunks.get(number).catch(function () { self.chunks.delete(number); });
    }
    return this.chunks.get(number);
  };

  /** [url, heading, text] of a record. */
  Index.prototype.record = function (id) {
    var size = this.meta.chunk;
    return this.chunk(Math.floor(id / size)).then(function (rows) { return rows[id % size]; });
  };

  /** The postings of `term` in a loaded shard, or null ("constructor" is a word, not Object's). */
  function postings(shard, term) {
    return shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
  }

  /** For each query term, the postings of the words it matches: [{weight, list}] per term. */
  Index.prototype.lookup = function (query) {
    var self = this;
    var needed = {};
    query.terms.forEach(function (term) {
      needed[self.shardOf(term)] = true;
      if (term === query.prefix) {
        for (var n = self.shardOf(term); n <= self.shardOf(term + "\uffff"); n++) needed[n] = true;
      }
    });
    var numbers = Object.keys(needed).map(Number);
    return Promise.all(numbers.map(function (n) { return self.shard(n); })).then(function (loaded) {
      var byNumber = {};
      numbers.forEach(function (n, i) { byNumber[n] = loaded[i]; });
      var terms = [];
      query.terms.forEach(function (term) {
        var words = [];
        var exact = postings(byNumber[self.shardOf(term)], term);
        if (exact) words.push({ weight: 1, list: exact });
        if (term === query.prefix) {
          for (var n = self.shardOf(term); n <= self.shardOf(term + "\uffff"); n++) {
            var shard = byNumber[n];
            for (var word of Object.keys(shard)) {
              // A longer word counts less the more it adds to what was typed.
              if (word !== term && word.indexOf(term) === 0) words.push({ weight: 0.6 * term.length / word.length, list: shard[word] });
            }
          }
        }
        if (!words.length && CONNECTOR.test(term)) {
          // A joined word the index does not have ("tế-xã"): look for its parts instead.
          term.split(CONNECTOR).forEach(function (part) {
            var list = postings(byNumber[self.shardOf(part)], part);
            terms.push({ term: part, words: list ? [{ weight: 1, list: list }] : [], split: true });
          });
          return;
        }
        terms.push({ term: term, words: words });
      });
      var missing = terms.filter(function (t) { return t.split && !byNumber[self.shardOf(t.term)]; });
      if (!missing.length) return terms;
      // Parts of a joined word may live in shards not loaded yet.
      return Promise.all(missing.map(function (t) { return self.shard(self.shardOf(t.term)); })).then(function () {
        return self.lookup({ raw: query.raw, terms: terms.map(function (t) { return t.term; }), prefix: null });
      });
    });
  };

  // ------------------------------------------------------------------------------- ranking --

  var HEADING_WEIGHT = 4;
  var KIND_BOOST = { a: 1.3, g: 1.3, d: 1.3, p: 1.2, m: 1.2, s: 1.2, c: 1 };

  function saturate(count) {
    return (count * 2.2) / (count + 1.2);
  }

  /** Decode one term's postings into record -> {h, b, hp, bp} (heading/text counts and positions). */
  function decode(words) {
    var hits = new Map();
    words.forEach(function (word) {
      var list = word.list;
      var record = 0;
      for (var i = 0; i < list.length;) {
        record += list[i];
        var nh = list[i + 1];
        var nb = list[i + 2];
        i += 3;
        var hit = hits.get(record);
        if (!hit) {
          hit = { h: 0, b: 0, hp: [], bp: [] };
          hits.set(record, hit);
        }
        var p = 0;
        for (var k = 0; k < nh; k++) { p += list[i++]; hit.hp.push(p); }
        p = 0;
        for (k = 0; k < nb; k++) { p += list[i++]; hit.bp.push(p); }
        hit.h += nh * word.weight;
        hit.b += nb * word.weight;
      }
    });
    return hits;
  }

  /** Shortest span of positions holding every term once ([positions per term]); and whether the
   *  terms stand next to each other in the query's order (a phrase). */
  function proximity(lists) {
    var phrase = false;
    lists[0].forEach(function (start) {
      if (phrase) return;
      phrase = lists.every(function (list, i) { return list.indexOf(start + i) >= 0; });
    });
    var events = [];
    lists.forEach(function (list, term) { list.forEach(function (p) { events.push([p, term]); }); });
    events.sort(function (a, b) { return a[0] - b[0]; });
    var counts = new Array(lists.length).fill(0);
    var covered = 0;
    var best = Infinity;
    for (var lo = 0, hi = 0; hi < events.length; hi++) {
      if (counts[events[hi][1]]++ === 0) covered++;
      while (covered === lists.length) {
        best = Math.min(best, events[hi][0] - events[lo][0] + 1);
        if (--counts[events[lo][1]] === 0) covered--;
        lo++;
      }
    }
    return { span: best, phrase: phrase };
  }

  /** The records holding the query's terms: every term when some record has them all (complete),
   *  otherwise at least one. Decoded postings are kept for scoring. */
  function match(meta, terms) {
    var total = meta.count;
    var hits = terms.map(function (t) { return decode(t.words); });
    var idf = hits.map(function (h) { return Math.log(1 + (total - h.size + 0.5) / (h.size + 0.5)); });
    var counts = new Map();
    hits.forEach(function (h) { h.forEach(function (_, id) { counts.set(id, (counts.get(id) || 0) + 1); }); });
    var all = [];
    var some = [];
    counts.forEach(function (matched, id) { (matched === terms.length ? all : some).push(id); });
    return { hits: hits, idf: idf, counts: counts, ids: all.length ? all : some, complete: all.length > 0 };
  }

  var NAME_SPAN = 1000; // index.py: the n-th name of a record starts at heading position n * NAME_SPAN

  /** x2 when the query's words make one of the record's names whole, x1.3 when they start one. */
  function nameBoost(lengths, hit, nTerms, allInHeading) {
    if (!Array.isArray(lengths)) lengths = [lengths];
    var boost = 1;
    lengths.forEach(function (length, n) {
      var start = n * NAME_SPAN;
      var whole = length > 0;
      for (var p = start; whole && p < start + length; p++) whole = hit.has(p);
      if (whole) boost = 2;
      else if (allInHeading && boost < 1.3 && hit.has(start) && nTerms <= length) boost = 1.3;
    });
    return boost;
  }

  /** The matched records that `accept` keeps, best first: [{id, score, matched}]. */
  function rank(meta, found, accept) {
    var hits = found.hits;
    var idf = found.idf;
    var nTerms = hits.length;
    var idfSum = idf.reduce(function (a, b) { return a + b; }, 0);
    var chosen = [];
    found.ids.forEach(function (id) {
      if (!accept(id)) return;
      var matched = found.counts.get(id);
      var score = 0;
      var heading = [];
      var body = [];
      hits.forEach(function (h, i) {
        var hit = h.get(id);
        if (!hit) return;
        score += idf[i] * (HEADING_WEIGHT * saturate(hit.h) + saturate(hit.b));
        heading.push(hit.hp);
        body.push(hit.bp);
      });
      if (nTerms > 1 && matched === nTerms) {
        // Words next to each other, in the query's order, rank first: "giam dinh xa hoi" is the
        // clause saying "giám định xã hội", not one saying "giảm" here and "quy định" there.
        [[heading, 2], [body, 1]].forEach(function (field) {
          var lists = field[0];
          if (lists.some(function (l) { return !l.length; })) return;
          var near = proximity(lists);
          // Parts of one joined word share its position: a span shorter than the query is as close as it gets.
          var closeness = Math.min(1, nTerms / near.span);
          score += idfSum * field[1] * (near.phrase ? 3 : 1.5 * closeness * closeness);
        });
      }
      // The query is one of the record's names whole ("so noi vu" -> Sở Nội vụ, "42-CT/TW" -> the
      // Chỉ thị), or the start of one.
      var headingHit = new Set();
      heading.forEach(function (list) { list.forEach(function (p) { headingHit.add(p); }); });
      score *= nameBoost(meta.rec.hlen[id], headingHit, nTerms, heading.length === nTerms);
      chosen.push({ id: id, matched: matched, score: score * (KIND_BOOST[meta.rec.kind[id]] || 1) });
    });
    chosen.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.id - b.id; });
    return chosen;
  }

  // ------------------------------------------------------------------------------- filters --

  var FILTERS = ["plan", "actor", "role", "type"];

  function roleCodes(meta, id) {
    return meta.rec.roles[id];
  }

  /** Does record `id` pass filter `name` set to `value` ("" = any)? */
  function passes(meta, id, name, value, filters) {
    if (value === "") return true;
    var v = Number(value);
    if (name === "plan") return meta.rec.plan[id] === v;
    if (name === "type") return meta.rec.type[id] === v;
    var codes = roleCodes(meta, id);
    if (name === "actor") {
      return codes.some(function (c) { return c >> 3 === v && (filters.role === "" || (c & 7) === Number(filters.role)); });
    }
    if (name === "role") {
      var actor = filters.actor;
      return codes.some(function (c) { return (c & 7) === v && (actor === "" || c >> 3 === Number(actor)); });
    }
    return true;
  }

  function accepts(meta, filters, except) {
    return function (id) {
      return FILTERS.every(function (name) { return name === except || passes(meta, id, name, filters[name], filters); });
    };
  }

  // ------------------------------------------------------------------------------- display --

  var SHOWN = 20;
  var SNIPPET_CHARS = 220;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /** Append `text` to `parent` with the words matching `query` in <mark> (DOM nodes, no HTML). */
  function appendMarked(parent, text, query) {
    var at = 0;
    tokenSpans(text).forEach(function (span) {
      if (!wordMatches(span.token, query)) return;
      if (span.start > at) parent.appendChild(document.createTextNode(text.slice(at, span.start)));
      parent.appendChild(el("mark", null, text.slice(span.start, span.end)));
      at = span.end;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /** The part of `text` around its matches, about SNIPPET_CHARS long, cut at word boundaries. */
  function snippet(text, query) {
    text = text.replace(/\s+/g, " ").trim();
    if (text.length <= SNIPPET_CHARS) return text;
    var spans = tokenSpans(text);
    var hits = spans.filter(function (s) { return wordMatches(s.token, query); });
    var start = 0;
    var best = -1;
    hits.forEach(function (first) {
      var inside = hits.filter(function (s) { return s.start >= first.start && s.end <= first.start + SNIPPET_CHARS; });
      var distinct = new Set(inside.map(function (s) { return s.token; })).size;
      if (distinct > best) { best = distinct; start = first.start; }
    });
    start = Math.max(0, start - 40);
    var from = spans.find(function (s) { return s.start >= start; });
    start = start === 0 || !from ? 0 : from.start;
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    var last = spans.filter(function (s) { return s.end <= end; }).pop();
    if (end < text.length && last) end = last.end;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function leadLine(meta, id) {
    var codes = roleCodes(meta, id);
    var roles = meta.roles;
    for (var role = 0; role < 2; role++) { // chủ trì, else thực hiện
      var names = codes.filter(function (c) { return (c & 7) === role; }).map(function (c) { return meta.actors[c >> 3][1]; });
      if (names.length) return roles[role][1] + ": " + names.join(", ");
    }
    return "";
  }

  function withHighlight(href, raw) {
    var hash = href.indexOf("#");
    var path = hash < 0 ? href : href.slice(0, hash);
    var anchor = hash < 0 ? "" : href.slice(hash);
    return path + "?h=" + encodeURIComponent(raw.trim()) + anchor;
  }

  // ------------------------------------------------------------------------------------ UI --

  function SearchBox(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.panel = document.getElementById(form.getAttribute("data-panel"));
    this.status = this.panel.querySelector("[role=status]");
    this.list = this.panel.querySelector(".vn-search__results");
    this.more = this.panel.querySelector(".vn-search__more");
    this.filterBox = this.panel.querySelector(".vn-search__filters");
    this.selects = {};
    var self = this;
    FILTERS.forEach(function (name) { self.selects[name] = self.panel.querySelector("select[name=" + name + "]"); });
    this.root = new URL(form.getAttribute("data-base").replace(/\/?$/, "/"), location.href);
    this.index = new Index(this.root);
    this.sequence = 0;
    this.results = [];
    this.shown = 0;
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var self = this;
    var timer = null;
    this.input.addEventListener("focus", function () { self.index.load().catch(function () {}); });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 40);
    });
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.openFirst();
    });
    this.input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        var first = self.list.querySelector("a");
        if (first) { ev.preventDefault(); first.focus(); }
      } else if (ev.key === "Escape" && !self.panel.hidden) {
        ev.preventDefault(); // the first Escape closes the results; the next one clears the box
        self.close();
      }
    });
    this.panel.addEventListener("keydown", function (ev) {
      var links = Array.prototype.slice.call(self.list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (ev.key === "Escape") {
        ev.preventDefault();
        self.close();
        self.input.focus();
      } else if (at >= 0 && (ev.key === "ArrowDown" || ev.key === "ArrowUp")) {
        ev.preventDefault();
        var next = at + (ev.key === "ArrowDown" ? 1 : -1);
        if (next < 0) self.input.focus();
        else links[Math.min(next, links.length - 1)].focus();
      }
    });
    FILTERS.forEach(function (name) {
      self.selects[name].addEventListener("change", function () { self.run(); });
    });
    this.panel.querySelector(".vn-search__reset").addEventListener("click", function () {
      FILTERS.forEach(function (name) { self.selects[name].value = ""; });
      self.run();
    });
    this.more.addEventListener("click", function () { self.showMore(true); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var target = ev.target;
      if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
      ev.preventDefault();
      self.input.focus();
      self.input.select();
    });
    document.addEventListener("click", function (ev) {
      if (!self.panel.hidden && !self.panel.contains(ev.target) && !self.form.contains(ev.target)) self.close();
    });
  };

  SearchBox.prototype.filters = function () {
    var values = {};
    var self = this;
    FILTERS.forEach(function (name) { values[name] = self.selects[name].value; });
    return values;
  };

  SearchBox.prototype.close = function () {
    this.panel.hidden = true;
  };

  SearchBox.prototype.open = function () {
    this.panel.hidden = false;
  };

  SearchBox.prototype.say = function (text) {
    this.status.textContent = text;
  };

  SearchBox.prototype.run = function () {
    var self = this;
    var raw = this.input.value;
    var query = parseQuery(raw);
    var sequence = ++this.sequence;
    var started = performance.now();
    if (!query.terms.length) {
      this.list.replaceChildren();
      this.more.hidden = true;
      this.results = [];
      this.say(raw.trim() ? "Hãy gõ chữ hoặc số để tìm." : "");
      if (!raw.trim()) this.close();
      else this.open();
      return Promise.resolve();
    }
    this.open();
    return this.index.load().then(function (meta) {
      return self.index.lookup(query).then(function (terms) {
        if (sequence !== self.sequence) return null;
        var filters = self.filters();
        var found = match(meta, terms);
        var ranked = { results: rank(meta, found, accepts(meta, filters, null)), complete: found.complete };
        self.query = query;
        self.results = ranked.results;
        self.shown = 0;
        self.list.replaceChildren();
        self.updateFilters(meta, found.ids, filters);
        return self.showMore(false).then(function () {
          if (sequence !== self.sequence) return;
          self.announce(raw.trim(), ranked);
          document.dispatchEvent(new CustomEvent("vnsearch:results", {
            detail: { query: raw, count: ranked.results.length, complete: ranked.complete, ms: performance.now() - started },
          }));
        });
      });
    }).catch(function (error) {
      if (sequence !== self.sequence) return;
      self.say("Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.");
      document.dispatchEvent(new CustomEvent("vnsearch:error", { detail: { query: raw, message: String(error) } }));
    });
  };

  SearchBox.prototype.announce = function (shownQuery, ranked) {
    var count = ranked.results.length;
    var text;
    if (!count) text = "Không tìm thấy kết quả nào cho «" + shownQuery + "».";
    else if (ranked.complete) text = count + " kết quả cho «" + shownQuery + "».";
    else text = "Không có kết quả chứa đủ các từ «" + shownQuery + "»; " + count + " kết quả chứa một phần.";
    var active = FILTERS.filter(function (name) { return this.selects[name].value !== ""; }, this).length;
    if (active) text += " Đang lọc theo " + active + " điều kiện.";
    this.say(text);
  };

  /** Draw the next SHOWN results (fetching what they show). */
  SearchBox.prototype.showMore = function (focusFirstNew) {
    var self = this;
    var meta = this.index.meta;
    var batch = this.results.slice(this.shown, this.shown + SHOWN);
    var sequence = this.sequence;
    return Promise.all(batch.map(function (r) { return self.index.record(r.id); })).then(function (rows) {
      if (sequence !== self.sequence) return;
      var firstNew = null;
      rows.forEach(function (row, i) {
        var item = self.item(meta, batch[i].id, row, batch[i].score);
        firstNew = firstNew || item.querySelector("a");
        self.list.appendChild(item);
      });
      self.shown += batch.length;
      self.more.hidden = self.shown >= self.results.length;
      if (focusFirstNew && firstNew) firstNew.focus();
    });
  };

  SearchBox.prototype.item = function (meta, id, row, score) {
    var query = this.query;
    var kind = meta.rec.kind[id];
    var li = el("li", "vn-result vn-result--" + kind);
    li.setAttribute("data-score", String(Math.round(score * 100) / 100));
    var link = el("a", "vn-result__link");
    link.href = withHighlight(new URL(row[0], this.root).href, query.raw);
    var head = el("span", "vn-result__head");
    head.appendChild(el("span", "vn-result__kind", meta.kinds[kind]));
    head.appendChild(document.createTextNode(" "));
    var title = el("span", "vn-result__title");
    appendMarked(title, row[1], query);
    head.appendChild(title);
    link.appendChild(head);
    var context = [];
    if (meta.rec.plan[id] >= 0 && kind !== "p") context.push(meta.plans[meta.rec.plan[id]][1]);
    var lead = kind === "c" ? leadLine(meta, id) : "";
    if (lead) context.push(lead);
    if (context.length) link.appendChild(el("span", "vn-result__context", context.join(" · ")));
    if (row[2]) {
      var text = el("span", "vn-result__snippet");
      appendMarked(text, snippet(row[2], query), query);
      link.appendChild(text);
    }
    li.appendChild(link);
    return li;
  };

  /** Options of each filter with the number of results each would leave (other filters applied). */
  SearchBox.prototype.updateFilters = function (meta, all, filters) {
    var self = this;
    FILTERS.forEach(function (name) {
      var select = self.selects[name];
      var keep = accepts(meta, filters, name);
      var counts = new Map();
      all.forEach(function (id) {
        if (!keep(id)) return;
        var values = [];
        if (name === "plan" && meta.rec.plan[id] >= 0) values.push(meta.rec.plan[id]);
        if (name === "type" && meta.rec.type[id] >= 0) values.push(meta.rec.type[id]);
        if (name === "actor" || name === "role") {
          roleCodes(meta, id).forEach(function (c) {
            if ((c & 7) === 7) { if (name === "actor") values.push(c >> 3); return; }
            if (name === "actor" && (filters.role === "" || (c & 7) === Number(filters.role))) values.push(c >> 3);
            if (name === "role" && (filters.actor === "" || c >> 3 === Number(filters.actor))) values.push(c & 7);
          });
        }
        new Set(values).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
      });
      var labels = name === "plan" ? meta.plans : name === "actor" ? meta.actors : name === "role" ? meta.roles : meta.docTypes;
      var current = select.value;
      var options = [el("option", null, select.getAttribute("data-any"))];
      options[0].value = "";
      labels.forEach(function (label, value) {
        var count = counts.get(value) || 0;
        if (!count && String(value) !== current) return;
        var option = el("option", null, label[1] + " (" + count + ")");
        option.value = String(value);
        options.push(option);
      });
      select.replaceChildren.apply(select, options);
      select.value = current;
    });
  };

  SearchBox.prototype.openFirst = function () {
    var self = this;
    var go = function () {
      var first = self.list.querySelector("a");
      if (first) location.href = first.href;
    };
    if (this.query && this.query.raw === this.input.value && this.list.children.length) go();
    else this.run().then(go);
  };

  // ------------------------------------------------------------------ highlight on landing --

  /** Mark the words of ?h= in the clause the address points to (or in the page's text). */
  function highlightLanding() {
    var raw = new URLSearchParams(location.search).get("h");
    if (!raw) return;
    var query = parseQuery(raw + " "); // a finished query: whole words only
    if (!query.terms.length) return;
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var scopes = [];
    if (target) {
      var section = target.closest("section.clause");
      if (section) {
        Array.prototype.forEach.call(section.children, function (child) {
          // The clause's own words: not its sub-clauses, not the roles and basis listed under it.
          if (child.tagName !== "SECTION" && !child.classList.contains("clause__meta")) scopes.push(child);
        });
      } else {
        scopes.push(target.parentElement || target);
      }
    } else {
      var article = document.querySelector("article.md-content__inner") || document.querySelector("main");
      if (article) scopes.push(article);
    }
    var marked = 0;
    scopes.forEach(function (scope) {
      var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var parent = node.parentElement;
          if (!parent || parent.closest("script, style, mark, .clause__permalink, .headerlink")) return NodeFilter.FILTER_REJECT;
          return /\S/.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
        },
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var text = node.nodeValue;
        if (text !== text.normalize("NFC")) return; // offsets would not line up
        var spans = tokenSpans(text).filter(function (s) { return wordMatches(s.token, query); });
        if (!spans.length) return;
        var fragment = document.createDocumentFragment();
        var at = 0;
        spans.forEach(function (span) {
          if (span.start > at) fragment.appendChild(document.createTextNode(text.slice(at, span.start)));
          fragment.appendChild(el("mark", "vn-hit", text.slice(span.start, span.end)));
          at = span.end;
          marked++;
        });
        if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)));
        node.parentNode.replaceChild(fragment, node);
      });
    });
    document.documentElement.setAttribute("data-vn-highlighted", String(marked));
  }

  // ------------------------------------------------------------------------------- startup --

  window.vnSearch = { fold: fold, tokens: tokens, parseQuery: parseQuery };

  function start() {
    var form = document.querySelector("form.vn-search");
    if (form) window.vnSearch.box = new SearchBox(form);
    highlightLanding();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
