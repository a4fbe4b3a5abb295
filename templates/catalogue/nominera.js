/* The nomination form's script (nominera.html). It evaluates the data `publish` put in the
   page's data block (reporting/formpage.py): the questions, when each is asked, what step a
   requires, each answer's limits, the words of both languages and the catalogue's search index.
   No rule of the routine is written here. No eval, no new Function, no network: it runs from
   file:// under the page's Content-Security-Policy. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("form-data").textContent);
  var form = document.getElementById("nomination-form");
  var summary = document.getElementById("error-summary");
  var result = document.getElementById("result");
  var yamlBox = document.getElementById("nomination-yaml");
  var lang = document.documentElement.lang || data.languages[0];
  var WS = "[" + data.white_space + "]";
  var TRIM = new RegExp("^" + WS + "+|" + WS + "+$", "gu");
  var HAS_CONTACT = data.has_sob_contact;
  var shownErrors = null; // [{path, code, params}] after a submit, re-said on a language switch
  var shownWarnings = [];

  var questions = data.questions;
  var byPath = {};
  questions.forEach(function (q) { byPath[q.path] = q; });

  function idOf(path) { return path.replace(/\./g, "-"); }
  function box(q) { return document.getElementById("q-" + idOf(q.path)); }
  function controls(q) { return form.querySelectorAll("[name='" + q.path + "']"); }
  function ui(key) { return data.ui[lang][key]; }
  function fill(text, params) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && name in params ? String(params[name]) : all;
    });
  }
  function trimmed(text) { return text.replace(TRIM, ""); }
  function lengthOf(text) { return Array.from(text).length; } // code points, as Python counts

  /* --- what was answered ---------------------------------------------------------------- */

  function raw(q) {
    var found = controls(q);
    if (found.length && found[0].type === "radio") {
      for (var i = 0; i < found.length; i++) {
        if (found[i].checked) { return found[i].value; }
      }
      return "";
    }
    return found.length ? found[0].value : "";
  }

  // An answer as the file would hold it: {value} when taken, {value: raw, error} when not,
  // null when not given.
  function parse(q, text) {
    var limits = q.limits || {};
    if (q.kind === "bool") {
      if (text === "") { return null; }
      if (text === "true" || text === "false") { return {value: text === "true"}; }
      return {value: text, error: "err_choice"};
    }
    if (q.kind === "choice") {
      if (text === "") { return null; }
      if (q.choices.indexOf(text) >= 0) { return {value: text}; }
      return {value: text, error: "err_choice"};
    }
    var value = trimmed(text);
    if (value === "") { return null; }
    if (q.kind === "int") {
      var digits = value.replace(/[ \u00a0]/g, "").replace(/kr$/, "");
      digits = trimmed(digits);
      if (!/^[+-]?[0-9]+$/.test(digits)) { return {value: value, error: "err_int"}; }
      var number = BigInt(digits);
      if ("minimum" in limits && number < BigInt(limits.minimum)) {
        return {value: number, error: "err_min", params: {min: limits.minimum}};
      }
      if ("maximum" in limits && number > BigInt(limits.maximum)) {
        return {value: number, error: "err_max", params: {max: limits.maximum}};
      }
      return {value: number};
    }
    if ("maxLength" in limits && lengthOf(value) > limits.maxLength) {
      return {value: value, error: "err_too_long", params: {max: limits.maxLength}};
    }
    if ("pattern" in limits && !new RegExp(limits.pattern, "u").test(value)) {
      return {value: value, error: q.kind === "email" ? "err_email" : "err_control"};
    }
    return {value: value};
  }

  function get(values, path) { return path in values ? values[path] : null; }

  function holds(values, condition) {
    if (condition === null || condition === undefined) { return true; }
    if (Array.isArray(condition)) { return condition.some(function (c) { return holds(values, c); }); }
    return Object.keys(condition).every(function (path) {
      var expected = condition[path], value = get(values, path);
      if (typeof value === "bigint") { value = Number(value); }
      return Array.isArray(expected) ? expected.indexOf(value) >= 0 : value === expected;
    });
  }

  function asked(q, values) {
    if (!q.when) { return true; }
    return Object.keys(q.when).every(function (path) {
      return q.when[path].indexOf(get(values, path)) >= 0;
    });
  }

  // Every question in order: whether it is asked (by the answers before it, as the terminal
  // form asks) and its answer. `values` is the file as written, wrong answers included.
  function collect() {
    var values = {}, answers = [];
    questions.forEach(function (q) {
      var on = asked(q, values);
      var answer = on ? parse(q, raw(q)) : null;
      if (answer) { values[q.path] = answer.value; }
      answers.push({q: q, asked: on, answer: answer});
    });
    return {values: values, answers: answers};
  }

  function parentGiven(path, values) {
    var parent = path.slice(0, path.lastIndexOf("."));
    return Object.keys(values).some(function (other) {
      return other !== HAS_CONTACT && other.indexOf(parent + ".") === 0;
    });
  }

  function verdict() {
    var found = collect(), errors = [], warnings = [];
    found.answers.forEach(function (one) {
      var q = one.q;
      if (!one.asked) { return; }
      if (one.answer && one.answer.error) {
        errors.push({path: q.path, code: one.answer.error, params: one.answer.params});
        return;
      }
      var rules = q.rules.filter(function (r) { return holds(found.values, r.when); });
      if (!one.answer) {
        var parent = q.path.indexOf(".") > 0 && q.model_required && parentGiven(q.path, found.values);
        if (rules.length || parent) { errors.push({path: q.path, code: "err_required"}); }
        return;
      }
      rules.forEach(function (r) {
        if (r.equals !== null && one.answer.value !== r.equals) {
          warnings.push({path: q.path, code: "blocks"});
        }
      });
    });
    return {errors: errors, warnings: warnings, values: found.values};
  }

  /* --- the file ------------------------------------------------------------------------- */

  function quote(text) {
    var escapes = {"\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\r": "\\r"};
    return "\"" + text.replace(/[\\"\n\t\r]|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g,
      function (c) {
        if (c in escapes) { return escapes[c]; }
        var hex = c.charCodeAt(0).toString(16);
        return "\\u" + "0000".slice(hex.length) + hex;
      }) + "\"";
  }

  function scalar(value) {
    if (value === null) { return "null"; }
    if (typeof value === "boolean") { return value ? "true" : "false"; }
    if (typeof value === "bigint") { return value.toString(); }
    return quote(String(value));
  }

  function nested(values) {
    var out = {};
    Object.keys(values).forEach(function (path) {
      if (path === HAS_CONTACT) { return; }
      var node = out, parts = path.split(".");
      parts.slice(0, -1).forEach(function (part) {
        if (!(part in node) || node[part] === null) { node[part] = {}; }
        node = node[part];
      });
      node[parts[parts.length - 1]] = values[path];
    });
    if (values[HAS_CONTACT] === false) {
      out.anchoring = out.anchoring || {};
      out.anchoring.sob_contact = null;
    }
    return out;
  }

  function dump(node, indent) {
    return Object.keys(node).map(function (key) {
      var value = node[key];
      if (value !== null && typeof value === "object") {
        return indent + key + ":\n" + dump(value, indent + "  ");
      }
      return indent + key + ": " + scalar(value) + "\n";
    }).join("");
  }

  function yamlText(values) {
    var comment = fill(ui("file_comment"), {date: new Date().toISOString().slice(0, 10)});
    var head = comment.split("\n").map(function (line) { return "# " + line + "\n"; }).join("");
    return head + dump(nested(values), "");
  }

  /* --- saying it ------------------------------------------------------------------------ */

  function titleOf(path) { return byPath[path].texts[lang].title; }

  function message(item) {
    return fill(ui(item.code), Object.assign({title: titleOf(item.path)}, item.params || {}));
  }

  function clearMarks() {
    questions.forEach(function (q) {
      var id = idOf(q.path);
      ["e-", "w-"].forEach(function (prefix) {
        var el = document.getElementById(prefix + id);
        if (el) { el.hidden = true; el.textContent = ""; }
      });
      box(q).classList.remove("has-error");
      Array.prototype.forEach.call(controls(q), function (c) { c.removeAttribute("aria-invalid"); });
    });
  }

  function focusField(path) {
    var all = controls(byPath[path]), target = all[0];
    Array.prototype.forEach.call(all, function (c) { if (c.checked) { target = c; } });
    if (target) {
      target.focus();
      box(byPath[path]).scrollIntoView({block: "center"});
    }
  }

  function showErrors(errors, warnings, focus) {
    clearMarks();
    var list = summary.querySelector("ul");
    list.textContent = "";
    errors.forEach(function (item) {
      var id = idOf(item.path), el = document.getElementById("e-" + id);
      el.textContent = message(item);
      el.hidden = false;
      box(byPath[item.path]).classList.add("has-error");
      Array.prototype.forEach.call(controls(byPath[item.path]), function (c) {
        c.setAttribute("aria-invalid", "true");
      });
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#f-" + id;
      a.setAttribute("data-path", item.path);
      a.textContent = message(item);
      a.addEventListener("click", function (event) {
        event.preventDefault();
        focusField(item.path);
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    warnings.forEach(function (item) {
      var el = document.getElementById("w-" + idOf(item.path));
      if (el) { el.textContent = message(item); el.hidden = false; }
    });
    summary.hidden = errors.length === 0;
    if (errors.length && focus) { summary.focus(); }
  }

  function showResult(values) {
    var text = yamlText(values);
    yamlBox.textContent = text;
    document.getElementById("download").href =
      "data:application/x-yaml;charset=utf-8," + encodeURIComponent(text);
    var mail = document.getElementById("mail");
    if (mail && data.email) {
      var subject = fill(ui("mail_subject"), {title: values.title || ""});
      mail.href = "mailto:" + data.email + "?subject=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(text);
    }
    result.hidden = false;
    document.getElementById("result-title").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = verdict();
    shownErrors = found.errors;
    shownWarnings = found.warnings;
    showErrors(found.errors, found.warnings, true);
    if (found.errors.length) {
      result.hidden = true;
      yamlBox.textContent = "";
      return;
    }
    showResult(found.values);
  });

  /* --- conditional questions ------------------------------------------------------------ */

  function showAsked() {
    var values = {};
    questions.forEach(function (q) {
      var on = asked(q, values);
      box(q).hidden = !on;
      var answer = on ? parse(q, raw(q)) : null;
      if (answer) { values[q.path] = answer.value; }
    });
  }

  form.addEventListener("change", showAsked);
  form.addEventListener("input", showAsked);

  /* --- similar programs, from the catalogue's own index ------------------------------- */

  var index = data.index;
  var subjects = new Set(index.subjects), STOP = new Set(index.stopwords);
  var entries = null, known = null;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  // Snowball's Swedish stemmer (snowballstem.org), as `search` stems (engine/collation.py).
  var VOWELS = "aeiouyäåö", S_ENDING = "bcdfghjklmnoprtvy", OST_ENDING = "iklnprtuv";
  var MAIN = ["heterna", "hetens", "arnas", "ernas", "ornas", "andes", "arens", "andet", "anden",
    "heten", "heter", "arna", "erna", "orna", "ades", "ande", "arne", "aste", "aren", "erns",
    "ade", "are", "ern", "het", "ast", "ens", "as", "es", "at", "ad", "en", "ar", "er", "or",
    "et", "a", "e", "s"];
  var ET_NOT = ["fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit", "ilit",
    "mit", "nit", "pit", "rit", "sit", "tit", "uit", "ivit", "kvit", "xit"];
  var isVowel = function (c) { return VOWELS.indexOf(c) >= 0; };

  function region1(w) {
    if (w.length < 3) { return w.length; }
    var i = 0;
    while (i < w.length && !isVowel(w[i])) { i++; }
    if (i >= w.length) { return w.length; }
    while (i < w.length && isVowel(w[i])) { i++; }
    if (i >= w.length) { return w.length; }
    return Math.max(i + 1, 3);
  }

  function etCondition(w, at) { // `at`: where "et" begins
    if (at < 2 || isVowel(w[at - 1]) || !isVowel(w[at - 2]) || at - 2 <= 0) { return false; }
    var before = w.slice(0, at).join("");
    return !ET_NOT.some(function (end) { return before.endsWith(end); });
  }

  function stem(word) {
    var w = Array.from(word), p1 = region1(w);
    var s = w.join("");
    var longest = MAIN.filter(function (end) {
      return s.endsWith(end) && w.length - Array.from(end).length >= p1;
    }).sort(function (a, b) { return b.length - a.length; })[0];
    if (longest === "s") {
      var at = w.length - 1;
      if (s.slice(0, at).endsWith("et") && etCondition(w, at - 2)) {
        w = w.slice(0, at - 2);
      } else if (at > 0 && S_ENDING.indexOf(w[at - 1]) >= 0) {
        w = w.slice(0, at);
      }
    } else if (longest === "et") {
      if (etCondition(w, w.length - 2)) { w = w.slice(0, w.length - 2); }
    } else if (longest) {
      w = w.slice(0, w.length - Array.from(longest).length);
    }
    s = w.join("");
    if (w.length - 2 >= p1 && ["dd", "gd", "nn", "dt", "gt", "kt", "tt"].some(function (e) {
      return s.endsWith(e);
    })) {
      w = w.slice(0, w.length - 1);
    }
    s = w.join("");
    var others = ["fullt", "els", "lig", "öst", "ig"].filter(function (end) {
      return s.endsWith(end) && w.length - Array.from(end).length >= p1;
    });
    if (others.length) {
      var end = others[0];
      if (end === "fullt") { s = s.slice(0, -1); }
      else if (end === "öst") {
        if (w.length > 3 && OST_ENDING.indexOf(w[w.length - 4]) >= 0) { s = s.slice(0, -1); }
      } else { s = s.slice(0, s.length - end.length); }
    }
    return s;
  }

  function words(text) {
    var found = [];
    text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(/\s+/).forEach(function (w) {
      if (!w || STOP.has(fold(w))) { return; }
      fold(stem(w)).split(" ").forEach(function (x) { if (x) { found.push(x); } });
    });
    return found;
  }

  // As engine/compounds.py: the first part a compound is about, when a known word; the last
  // part, when a subject of care.
  function parts(word, more) {
    var found = [];
    var isKnown = function (part) { return known.has(part) || more.has(part); };
    for (var end = word.length - 3; end >= 4; end--) {
      var part = word.slice(0, end);
      if (isKnown(part)) { found.push(part); }
      else if (part.endsWith("s") && part.length > 4 && isKnown(part.slice(0, -1))) {
        found.push(part.slice(0, -1));
      }
    }
    for (var start = 3; start <= word.length - 4; start++) {
      if (subjects.has(word.slice(start))) { found.push(word.slice(start)); break; }
    }
    return found.filter(function (p, i) { return found.indexOf(p) === i; });
  }

  // rapidfuzz's ratio: 100 × twice the longest common subsequence over both lengths.
  function ratio(a, b) {
    if (!a.length && !b.length) { return 100; }
    var row = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = 0;
      for (var j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
        diagonal = above;
      }
    }
    return 100 * 2 * row[b.length] / (a.length + b.length);
  }

  // As reporting/scoring.py: a query word beginning a field word 100, inside it 95, else the
  // ratio, or 90 when the field word begins with the query word's first part.
  function meeting(word, token, own) {
    if (token.indexOf(word) === 0) { return 100; }
    if (word.length >= 4 && token.indexOf(word) >= 0) { return 95; }
    var r = ratio(word, token);
    if (r < 90 && own.some(function (p) { return token.indexOf(p) === 0; })) { return 90; }
    return r;
  }

  // A query's scorer: per query word its best meeting with a field's words, averaged. Each
  // (word, field word) pair is met once per search, as reporting/scoring.py's Query does: a
  // catalogue's vocabulary is far smaller than its items' words.
  function scorer(more) {
    var partsOf = new Map(), met = new Map();
    function meet(word, token) {
      var key = word + "\u0000" + token, value = met.get(key);
      if (value === undefined) {
        var own = partsOf.get(word);
        if (own === undefined) { own = parts(word, more); partsOf.set(word, own); }
        value = meeting(word, token, own);
        met.set(key, value);
      }
      return value;
    }
    return function (query, tokens) {
      if (!query.length || !tokens.length) { return 0; }
      var total = 0;
      query.forEach(function (word) {
        var best = 0;
        tokens.forEach(function (token) { best = Math.max(best, meet(word, token)); });
        total += best;
      });
      return total / query.length;
    };
  }

  // The catalogue's items with their words as `search` keeps them (`_words`: the id's and the
  // name's, folded and stemmed), made when first needed, not as the page loads.
  function prepare() {
    if (entries) { return; }
    known = new Set(subjects);
    entries = index.entries.map(function (item) {
      var fields = {id: words(item[0]), title: words(item[1])};
      fields.id.concat(fields.title).forEach(function (w) { known.add(w); });
      return {id: item[0], title: item[1], type: item[2],
              page: item[3] ? "programs/" + item[0] + ".html" : null, fields: fields};
    });
  }

  // As reporting/search.py's `similar`: the title's words found in an item's fields, or the
  // item's name's words found in the title, need and target group.
  function similar() {
    var title = words(raw(byPath.title));
    var whole = words(["title", "need", "target_group.description"].map(function (p) {
      return raw(byPath[p]);
    }).join(" "));
    if (!title.length && !whole.length) { return null; }
    var more = new Set(whole), query = title.join(" "), score = scorer(more);
    var hits = [];
    prepare();
    entries.forEach(function (entry) {
      var forward = 0;
      Object.keys(entry.fields).forEach(function (name) {
        forward = Math.max(forward, score(title, entry.fields[name]));
      });
      var backward = whole.length ? score(entry.fields.title || [], whole) : 0;
      var value = Math.max(forward, backward);
      if (value >= data.similar_cutoff) {
        hits.push({entry: entry, score: value,
                   close: ratio(query, (entry.fields.title || []).join(" "))});
      }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || b.close - a.close || (a.entry.id < b.entry.id ? -1 : 1);
    });
    return hits.slice(0, 5);
  }

  var similarList = document.getElementById("similar-list");
  function showSimilar() {
    var hits = similar();
    similarList.textContent = "";
    var p = document.createElement("p");
    if (hits === null) { p.textContent = ui("similar_hint"); similarList.appendChild(p); return; }
    if (!hits.length) { p.textContent = ui("similar_none"); similarList.appendChild(p); return; }
    var list = document.createElement("ul");
    hits.forEach(function (hit) {
      var li = document.createElement("li"), name = hit.entry.title;
      if (hit.entry.page) {
        var a = document.createElement("a");
        a.href = hit.entry.page;
        a.textContent = name;
        li.appendChild(a);
      } else {
        li.appendChild(document.createTextNode(hit.entry.id + " " + name));
      }
      li.appendChild(document.createTextNode(" (" + ui(hit.entry.type) + ")"));
      li.setAttribute("data-id", hit.entry.id);
      list.appendChild(li);
    });
    similarList.appendChild(list);
  }

  var timer = null;
  ["title", "need", "target_group.description"].forEach(function (path) {
    controls(byPath[path])[0].addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(showSimilar, 200);
    });
  });

  /* --- copying, and the other language ------------------------------------------------- */

  document.getElementById("copy").addEventListener("click", function () {
    var status = document.getElementById("copy-status");
    var range = document.createRange();
    range.selectNodeContents(yamlBox);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = function () { status.textContent = ui("copied"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(yamlBox.textContent).then(done, function () {
        if (document.execCommand("copy")) { done(); }
      });
    } else if (document.execCommand("copy")) {
      done();
    }
  });

  var switcher = document.getElementById("lang-switch");
  function relabel() {
    document.documentElement.lang = lang;
    document.title = ui("page_title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-ui]"), function (el) {
      el.textContent = ui(el.getAttribute("data-ui"));
    });
    questions.forEach(function (q) {
      var el = box(q), texts = q.texts[lang];
      el.querySelector("[data-q='title']").textContent = texts.title;
      el.querySelector("[data-q='help']").textContent = texts.help;
      Array.prototype.forEach.call(el.querySelectorAll("[data-choice]"), function (c) {
        c.textContent = texts.choices[c.getAttribute("data-choice")];
      });
    });
    var other = data.languages.filter(function (l) { return l !== lang; })[0];
    switcher.textContent = data.ui[other].switch;
    switcher.lang = other;
    if (shownErrors) { showErrors(shownErrors, shownWarnings, false); }
    if (!result.hidden) {
      var found = verdict();
      if (!found.errors.length) { showResult(found.values); }
    }
    showSimilar();
  }
  switcher.hidden = false;
  switcher.addEventListener("click", function () {
    lang = data.languages.filter(function (l) { return l !== lang; })[0];
    relabel();
  });

  showAsked();
  // For tests and for a person checking what the page searches with: its words and its ranking.
  window.sobregNominationForm = {words: words, similar: similar};
})();
