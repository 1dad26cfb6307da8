/* vnplans: Vietnamese search for Material for MkDocs (appended to lunr.vi.min.js at build time).
 *
 * Material's search worker loads lunr.vi.min.js before it builds the index, so code appended here
 * runs inside the worker. It makes three changes, all verified against Material 9.8:
 *
 * 1. Diacritic-insensitive matching. Every indexed word is also indexed without diacritics
 *    ("Sở" -> "so", "định" -> "dinh"; đ is not decomposed by NFD, so it is mapped by hand). The
 *    folded twin shares the word's position, so results still highlight the accented word.
 *    Queries are not folded: a query typed with diacritics stays precise.
 * 2. Document and clause numbers stay whole. The site's separator keeps hyphens inside words, so
 *    "42-CT/TW" is one token; the hyphen parts are indexed too, and the query lexer no longer splits
 *    at "-" either.
 * 3. Short prefixes do not flood results. Material appends "*" to every term, so "so" matched
 *    "soát". Here only the last term keeps a prefix match, and only from 3 characters (or when it
 *    holds a digit); exact matches are boosted over prefix matches.
 * 4. Several words find the pages that have all of them. Material joins words with OR and weighs
 *    title words 1000 times, so one shared title word outranked the clause holding every word.
 *    When no page has every word, the query falls back to any of them.
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.vi || lunr.vi.vnplansPatched) return;

  var MIN_PREFIX = 3;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }

  function vietnameseForms(token) {
    var word = token.toString();
    var composed = word.normalize("NFC");
    if (composed !== word) {
      word = composed;
      token = token.clone(function () { return composed; });
    }
    var seen = {};
    var forms = [];
    function add(form) {
      if (!form || seen[form]) return;
      seen[form] = true;
      forms.push(form === word ? token : token.clone(function () { return form; }));
    }
    var parts = [word];
    if (word.indexOf("-") > 0) parts = parts.concat(word.split("-"));
    parts.forEach(function (part) { add(part); add(fold(part)); });
    return forms.length === 1 ? forms[0] : forms;
  }
  lunr.Pipeline.registerFunction(vietnameseForms, "vnplansVietnameseForms");

  var original = lunr.vi;
  lunr.vi = function () {
    original.call(this);
    this.pipeline.add(vietnameseForms);
    this.searchPipeline.reset(); // lunr's English stemmer must not touch Vietnamese query terms
  };
  for (var key in original) {
    if (Object.prototype.hasOwnProperty.call(original, key)) lunr.vi[key] = original[key];
  }
  lunr.vi.vnplansPatched = true;

  lunr.QueryLexer.termSeparator = /\s+/;

  // Words lunr.vi drops from the index: a query cannot require them.
  var STOP_WORDS = { "là": true, "cái": true, "nhưng": true, "mà": true };

  function rewrite(terms, requireAll) {
    return terms.map(function (term, index) {
      var match = /^([^+\-].*?)\*$/.exec(term);
      if (!match || /[~^:*]/.test(match[1])) return term;
      var word = match[1];
      var required = requireAll && !STOP_WORDS[word] ? "+" : "";
      var last = index === terms.length - 1;
      if (last && (word.length >= MIN_PREFIX || /\d/.test(word))) {
        return required + word + "* " + word + "^10"; // a prefix match, and an exact match ranks higher
      }
      return required + word;
    }).join(" ");
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var terms = String(query).normalize("NFC").split(/\s+/).filter(Boolean);
    // Several words: pages with all of them ("giam dinh xa hoi" finds the clause, not every page
    // titled "xã hội"). When no page has them all, fall back to any of them.
    if (terms.length > 1) {
      var all = search.call(this, rewrite(terms, true));
      if (all.length > 0) return all;
    }
    return search.call(this, rewrite(terms, false));
  };
})(self.lunr);
