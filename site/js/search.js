/* Sổ tay — search as you type, offline, no server.
 *
 * The index (/assets/search-index.<build>.txt, written by generator/src/search) is fetched on the
 * first focus of #search-input and loaded into the wasm module (calc.js/calc.wasm, the same
 * module as the calculator): wasm/src/search holds the one Vietnamese normaliser used both when
 * the index is built and here, so "giam sat" finds "giám sát" and đ matches d.
 *
 * Contract with the theme (base.html): form[role=search] > #search-input + #search-results;
 * this <script> carries data-calc-js and data-calc-wasm (fingerprinted URLs); the page has
 * <meta name="sotay-build">. The /tim-kiem/ page has #search-page-results for the full list.
 * User text is only ever inserted with textContent / createTextNode.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var calcJs = me && me.getAttribute("data-calc-js");
  var calcWasm = me && me.getAttribute("data-calc-wasm");
  var RS = "\u001e", FS = "\u001f", MS = "\u0001", ME = "\u0002";
  var loading = null;

  function buildId() {
    var m = document.querySelector('meta[name="sotay-build"]');
    return m ? m.getAttribute("content") : "";
  }

  /* Load the module and the index once; resolves to a SearchIndex. */
  function load() {
    if (!loading) {
      var url = "/assets/search-index." + buildId() + ".txt";
      loading = Promise.all([
        import(calcJs).then(function (mod) {
          return mod.default({ module_or_path: calcWasm }).then(function () { return mod; });
        }),
        fetch(url).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status + " " + url);
          return r.text();
        })
      ]).then(function (both) {
        var t0 = performance.now();
        var index = new both[0].SearchIndex(both[1]);
        document.documentElement.setAttribute("data-search-load-ms", (performance.now() - t0).toFixed(2));
        return index;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
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

  function parse(raw) {
    var out = [];
    raw.split(RS).forEach(function (rec) {
      if (!rec) return;
      var f = rec.split(FS);
      out.push({ href: f[0], page: f[1], heading: f[2], snippet: f[3] });
    });
    return out;
  }

  /* Run a query; returns {hits, ms}. */
  function run(index, q, limit) {
    var t0 = performance.now();
    var raw = index.query(q, limit);
    var ms = performance.now() - t0;
    return { hits: parse(raw), ms: ms };
  }

  function renderList(container, q, res, full) {
    container.textContent = "";
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
      a.href = h.href;
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

  function showError(container, err) {
    container.textContent = "";
    var p = el("p", "search-status search-error");
    p.setAttribute("role", "alert");
    p.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử lại khi có mạng.";
    container.appendChild(p);
    container.hidden = false;
    if (window.console) console.warn("sotay search:", err);
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
        box.hidden = true;
        box.textContent = "";
        input.setAttribute("aria-expanded", "false");
        return;
      }
      var ticket = ++pending;
      load().then(function (index) {
        if (ticket !== pending) return; // a newer keystroke won
        renderList(box, q, run(index, q, 8), false);
        box.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }, function (err) { showError(box, err); });
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
      if (!q.trim()) { page.textContent = ""; return; }
      load().then(function (index) { renderList(page, q, run(index, q, 30), true); },
        function (err) { showError(page, err); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
