/* Sổ tay — search as you type, offline, no server.
 *
 * The index (/assets/search-index.<build>.txt, written by generator/src/search) and the search
 * module (calc-search.js/.wasm, named by this <script>'s data-calc-js / data-calc-wasm) hold
 * the one Vietnamese normaliser used both when the index is built and here, so "giam sat" finds
 * "giám sát", đ matches d, and the glossary's abbreviations (NCMT, GSTĐ…) are expanded.
 *
 * Loading, for slow networks: the bytes of both are fetched once the page is idle after its
 * load event (not with Save-Data), so a first search usually finds them there; the module is
 * only compiled and the index only built when the reader first focuses or types. While bytes
 * are still coming, the results panel says so with the share received ("Đang tải chỉ mục tìm
 * kiếm… 40%"; the index's first line gives its size and the module's).
 *
 * A result links to its section with the matched words in `?hl=` (as written, space separated);
 * on that page this script marks those words in the section (<mark class="search-hl">), scrolls
 * the first into view and drops the parameter from the address bar.
 *
 * Contract with the theme (base.html): form[role=search] > #search-input + #search-results;
 * the page has <meta name="sotay-build">. The /tim-kiem/ page has #search-page-results for the
 * full list. User text is only ever inserted with textContent / createTextNode.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var calcJs = me && me.getAttribute("data-calc-js");
  var calcWasm = me && me.getAttribute("data-calc-wasm");
  var RS = "\u001e", FS = "\u001f", MS = "\u0001", ME = "\u0002";
  var HEADER = "sotay-search 2 ";
  var bytes = null;    // Promise of {mod, wasm, index}: the downloads (prefetch or first use)
  var loading = null;  // Promise of a SearchIndex
  var progress = { got: 0, total: 0, listeners: [] };

  function buildId() {
    var m = document.querySelector('meta[name="sotay-build"]');
    return m ? m.getAttribute("content") : "";
  }

  function report() {
    progress.listeners.forEach(function (f) { f(); });
  }

  /* Percentage of the first search's bytes received (null before the index's size is known). */
  function percent() {
    if (!progress.total) return null;
    return Math.min(99, Math.floor(100 * progress.got / progress.total));
  }

  /* Reads a response's body, counting its bytes into the progress; resolves to a Uint8Array.
     `onFirst(chunk)` sees the first chunk (the index's header line). */
  function readCounted(r, onFirst) {
    if (!r.body || !r.body.getReader) {
      return r.arrayBuffer().then(function (b) {
        var u = new Uint8Array(b);
        if (onFirst) onFirst(u);
        progress.got += u.length; report();
        return u;
      });
    }
    var reader = r.body.getReader(), parts = [], size = 0;
    function next() {
      return reader.read().then(function (step) {
        if (step.done) {
          var out = new Uint8Array(size), at = 0;
          parts.forEach(function (p) { out.set(p, at); at += p.length; });
          return out;
        }
        if (!parts.length && onFirst) onFirst(step.value);
        parts.push(step.value);
        size += step.value.length;
        progress.got += step.value.length;
        report();
        return next();
      });
    }
    return next();
  }

  function get(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " " + url);
      return r;
    });
  }

  /* Download the module's glue, its wasm and the index once. */
  function download() {
    if (!bytes) {
      var url = "/assets/search-index." + buildId() + ".txt";
      progress.got = 0;
      progress.total = 0;
      bytes = Promise.all([
        import(calcJs),
        get(calcWasm).then(function (r) { return readCounted(r); }),
        get(url).then(function (r) {
          return readCounted(r, function (first) {
            // "sotay-search 2 <bytes after this line> <module bytes>\n"
            var line = new TextDecoder().decode(first.subarray(0, 80)).split("\n")[0];
            if (line.indexOf(HEADER) !== 0) return;
            var f = line.slice(HEADER.length).split(" ");
            progress.total = line.length + 1 + (+f[0] || 0) + (+f[1] || 0);
            report();
          });
        })
      ]).then(function (all) {
        return { mod: all[0], wasm: all[1], index: all[2] };
      });
      bytes.catch(function () { bytes = null; });
    }
    return bytes;
  }

  /* Compile the module and build the index once; resolves to a SearchIndex. */
  function load() {
    if (!loading) {
      loading = download().then(function (b) {
        return b.mod.default({ module_or_path: b.wasm }).then(function () {
          var t0 = performance.now();
          // Decoded here, on first use, not in the prefetch (no work on an idle page).
          var index = new b.mod.SearchIndex(new TextDecoder().decode(b.index));
          document.documentElement.setAttribute("data-search-load-ms", (performance.now() - t0).toFixed(2));
          return index;
        });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  /* After the first paint and the load event, when the page is idle: fetch the bytes. */
  function prefetchWhenIdle() {
    var c = navigator.connection;
    if (c && c.saveData) return;
    var start = function () { download().catch(function () {}); };
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1000); };
    var later = function () { idle(start, { timeout: 4000 }); };
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  }

  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }

  /* Append `marked` (matches between U+0001 and U+0002) to `parent` as text and <mark>. */
  function appendMarked(parent, marked) {
    var parts = marked.split(MS);
    parent.appendChild(document.createTextNode(parts[0]));
    for (var i = 1; i < parts.length; i++) {
      var end = parts[i].indexOf(ME);
      var m = el("mark");
      m.textContent = end < 0 ? parts[i] : parts[i].slice(0, end);
      parent.appendChild(m);
      if (end >= 0) parent.appendChild(document.createTextNode(parts[i].slice(end + 1)));
    }
  }

  /* The result's link with its matched words: /page/?hl=w1%20w2#anchor. */
  function linkWithWords(href, words) {
    if (!words) return href;
    var hash = href.indexOf("#");
    var path = hash < 0 ? href : href.slice(0, hash);
    return path + "?hl=" + encodeURIComponent(words) + (hash < 0 ? "" : href.slice(hash));
  }

  function parse(raw) {
    var out = [];
    raw.split(RS).forEach(function (rec) {
      if (!rec) return;
      var f = rec.split(FS);
      out.push({ href: f[0], page: f[1], heading: f[2], snippet: f[3], words: f[4] || "" });
    });
    return out;
  }

  /* Run a query; returns {hits, ms}. The query is NFC, as the index is. */
  function run(index, q, limit) {
    var t0 = performance.now();
    var raw = index.query(q.normalize ? q.normalize("NFC") : q, limit);
    var ms = performance.now() - t0;
    return { hits: parse(raw), ms: ms };
  }

  function renderList(container, q, res, full) {
    container.textContent = "";
    container.removeAttribute("aria-busy");
    container.setAttribute("data-query", q);
    container.setAttribute("data-ms", res.ms.toFixed(3));
    var status = el("p", "search-status");
    status.setAttribute("role", "status");
    status.textContent = res.hits.length
      ? res.hits.length + (full ? " kết quả" : " kết quả hàng đầu")
      : "Không tìm thấy kết quả nào.";
    container.appendChild(status);
    if (!res.hits.length) return;
    var list = el("ol", "search-hits");
    res.hits.forEach(function (h) {
      var li = el("li", "search-hit");
      var a = el("a", "search-hit-link");
      a.href = linkWithWords(h.href, h.words);
      var page = el("span", "search-hit-page");
      page.textContent = h.page;
      var title = el("span", "search-hit-title");
      appendMarked(title, h.heading);
      var snip = el("span", "search-hit-snippet");
      appendMarked(snip, h.snippet);
      if (h.heading !== h.page) a.appendChild(page);
      a.appendChild(title);
      a.appendChild(snip);
      li.appendChild(a);
      list.appendChild(li);
    });
    container.appendChild(list);
  }

  /* "Đang tải chỉ mục tìm kiếm… 40%" in `container` until the index is ready. */
  function showLoading(container) {
    var p = container.querySelector(".search-loading");
    if (!p) {
      container.textContent = "";
      container.setAttribute("aria-busy", "true");
      p = el("p", "search-status search-loading");
      p.setAttribute("role", "status");
      var text = el("span", "search-loading-text");
      var bar = el("progress", "search-loading-bar");
      bar.max = 100;
      p.appendChild(text);
      p.appendChild(bar);
      container.appendChild(p);
    }
    var pc = percent();
    var text = p.querySelector(".search-loading-text");
    var bar = p.querySelector("progress");
    var msg = "Đang tải chỉ mục tìm kiếm…" + (pc === null ? "" : " " + pc + "%");
    if (text.textContent !== msg) text.textContent = msg;
    if (pc === null) bar.removeAttribute("value");
    else bar.value = pc;
    container.hidden = false;
  }

  function showError(container, err) {
    container.textContent = "";
    container.removeAttribute("aria-busy");
    var p = el("p", "search-status search-error");
    p.setAttribute("role", "alert");
    p.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử lại khi có mạng.";
    container.appendChild(p);
    container.hidden = false;
    if (window.console) console.warn("sotay search:", err);
  }

  /* Runs `show(index)` once the index is loaded, with the progress in `container` meanwhile. */
  function whenLoaded(container, isCurrent, show) {
    var ready = false;
    var onProgress = function () { if (!ready && isCurrent()) showLoading(container); };
    progress.listeners.push(onProgress);
    var done = function () {
      ready = true;
      progress.listeners = progress.listeners.filter(function (f) { return f !== onProgress; });
    };
    var p = load();
    // Not yet loaded: say so at once (a microtask later, when a loaded index has answered).
    Promise.resolve().then(function () { if (!ready && isCurrent()) showLoading(container); });
    p.then(function (index) {
      done();
      if (isCurrent()) show(index);
    }, function (err) {
      done();
      if (isCurrent()) showError(container, err);
    });
  }

  function setup() {
    var input = document.getElementById("search-input");
    var box = document.getElementById("search-results");
    if (!input || !box || !calcJs) return;
    var form = input.form;
    var pending = 0;

    function update() {
      var q = input.value;
      if (!q.trim()) {
        ++pending;
        box.hidden = true;
        box.textContent = "";
        input.setAttribute("aria-expanded", "false");
        return;
      }
      var ticket = ++pending;
      input.setAttribute("aria-expanded", "true");
      whenLoaded(box, function () { return ticket === pending; }, function (index) {
        renderList(box, q, run(index, q, 8), false);
        box.hidden = false;
      });
    }

    input.setAttribute("aria-controls", "search-results");
    input.setAttribute("aria-expanded", "false");
    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim() && box.childNodes.length) box.hidden = false; });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var first = box.querySelector("a");
        if (first && !box.hidden) { e.preventDefault(); first.focus(); }
      } else if (e.key === "Escape") {
        box.hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
    });
    box.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(box.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < links.length) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i ? links[i - 1] : input).focus(); }
      else if (e.key === "Escape") { box.hidden = true; input.focus(); }
    });
    document.addEventListener("click", function (e) {
      if (form && !form.contains(e.target)) box.hidden = true;
    });

    // The search page: full results for ?q=… (also the target of the form without JS).
    var page = document.getElementById("search-page-results");
    var pageTicket = 0;
    if (page) {
      var q = new URLSearchParams(location.search).get("q") || "";
      var pageInput = document.getElementById("search-page-input");
      if (pageInput) {
        pageInput.value = q;
        pageInput.addEventListener("input", function () { showPage(pageInput.value); });
      }
      if (q) input.value = q;
      showPage(q);
    }

    function showPage(q) {
      var ticket = ++pageTicket;
      if (!q.trim()) { page.textContent = ""; return; }
      whenLoaded(page, function () { return ticket === pageTicket; }, function (index) {
        renderList(page, q, run(index, q, 30), true);
      });
    }

    highlightArrival();
    prefetchWhenIdle();
  }

  /* ---- On the page a result leads to: mark the words of ?hl= in the section. ---- */

  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var SKIP = "script, style, svg, button, textarea, select, noscript, template, mark, [aria-hidden=true]";

  /* The text nodes of the section a link's #anchor names, in .content: from its heading to the
     next h2/h3 with an id (from the top of the content to the first one, for no anchor). */
  function sectionText() {
    var content = document.querySelector(".content") || document.querySelector("main");
    if (!content) return [];
    var id = decodeURIComponent(location.hash.slice(1));
    var start = id ? document.getElementById(id) : null;
    if (id && (!start || !content.contains(start))) return [];
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    var out = [], inside = !start, node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === 1) {
        if (node === start) inside = true;
        else if (/^H[23]$/.test(node.tagName) && node.id && inside) break;
        continue;
      }
      if (inside && node.nodeValue.trim() && !node.parentNode.closest(SKIP)) out.push(node);
    }
    return out;
  }

  /* Wrap the words of text node `t` found in `words` in <mark class="search-hl">. */
  function markWords(t, words, marks) {
    var text = t.nodeValue, last = 0, frag = null, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!words[m[0].normalize("NFC").toLowerCase()]) continue;
      if (!frag) frag = document.createDocumentFragment();
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = el("mark", "search-hl");
      mark.textContent = m[0];
      frag.appendChild(mark);
      marks.push(mark);
      last = m.index + m[0].length;
    }
    if (frag) {
      frag.appendChild(document.createTextNode(text.slice(last)));
      t.parentNode.replaceChild(frag, t);
    }
  }

  function highlightArrival() {
    var params = new URLSearchParams(location.search);
    var hl = params.get("hl");
    if (!hl) return;
    var words = {};
    hl.normalize("NFC").toLowerCase().split(/\s+/).slice(0, 40).forEach(function (w) { if (w) words[w] = true; });
    var marks = [];
    sectionText().forEach(function (t) { markWords(t, words, marks); });
    document.documentElement.setAttribute("data-search-highlights", String(marks.length));
    // Keep the address clean (a reload or a shared link shows the plain page).
    params.delete("hl");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    if (!marks.length) return;
    // After the browser's own scroll to the #anchor (at load): bring the first word into view.
    var reveal = function () {
      requestAnimationFrame(function () {
        var r = marks[0].getBoundingClientRect();
        if (r.top < 0 || r.bottom > window.innerHeight) marks[0].scrollIntoView({ block: "center" });
        document.documentElement.setAttribute("data-search-revealed", "");
      });
    };
    if (document.readyState === "complete") reveal();
    else window.addEventListener("load", reveal, { once: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
