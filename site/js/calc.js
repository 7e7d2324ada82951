/* Sổ tay — loader of the calculator pages (/cong-cu/…). No logic: it imports the
 * wasm-bindgen glue named by this script's data-calc-js, initialises it with the module named
 * by data-calc-wasm, and calls the module's start(root) on the page's [data-tool] element.
 * Everything else (reading the form, computing, showing results, exports) is in
 * wasm/src/web/. On failure the root gets data-calc-ready="0" and a message.
 *
 * Loaded `async` (tool.html): the glue is imported and the module fetched and compiled (as it
 * arrives) while the page is still being parsed; only start(root) waits for the DOM. Except on
 * a page whose first view was written at build time (data-calc-store: the module's storage
 * key) when the planner has nothing saved there and the address links nothing: that page is
 * complete as served, so the module waits for the first paint (on a slow network the page's
 * text then has the line to itself; Lighthouse counts the module in the largest paint
 * otherwise). */
(function () {
  "use strict";
  var me = document.currentScript;
  var glueUrl = me && me.getAttribute("data-calc-js");
  var wasmUrl = me && me.getAttribute("data-calc-wasm");
  var store = me && me.getAttribute("data-calc-store");
  if (!glueUrl || !wasmUrl) return;
  /* Milestones (ms since navigation start) for scripts/calc-budget.sh: loader ran, fetches
   * started, glue imported, module compiled and instantiated, DOM ready, page wired (start
   * returned), ready (its first render complete). */
  var t = [performance.now()];
  /* Whether the planner has a state saved under the module's key (data-calc-store): then the
   * module loads at once. The read also opens this origin's storage (the first access is
   * synchronous and costs a few ms) here rather than in start(root)'s task. */
  var saved = false;
  try {
    saved = !!store && window.localStorage.getItem(store) !== null;
  } catch (e) { /* storage off: the module copes */ }

  function fail(root, err) {
    root.setAttribute("data-calc-ready", "0");
    var p = document.getElementById("calc-loading");
    if (p) {
      p.hidden = false;
      p.textContent = "Không tải được máy tính trên trình duyệt này (cần WebAssembly). Hãy thử trình duyệt khác hoặc tải lại trang.";
    }
    if (window.console) console.error("Sổ tay: calculator failed to start", err);
  }

  var dom = new Promise(function (resolve) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });
  /* The page as served is the planner's view: load after the first paint (a frame rendered
   * once the DOM is complete). A hidden tab renders no frame: load at once. */
  var waitForPaint = !!store && !saved && !location.hash.slice(1) &&
    document.visibilityState !== "hidden" && typeof requestAnimationFrame === "function";
  var waited = null; /* when the frame it waited for began (data-calc-waited) */
  var when = waitForPaint
    ? dom.then(function () {
        return new Promise(function (r) {
          requestAnimationFrame(function () { waited = performance.now(); setTimeout(r, 0); });
        });
      })
    : Promise.resolve();
  /* The module's request starts with the glue's, not after it; the glue compiles the response
   * as it streams in (instantiateStreaming). */
  var module = when.then(function () {
    t[1] = performance.now();
    var wasm = fetch(wasmUrl);
    wasm.catch(function () { /* reported through the glue below */ });
    return import(glueUrl).then(function (glue) {
      t[2] = performance.now();
      return Promise.resolve(glue.default({ module_or_path: wasm })).then(function () {
        t[3] = performance.now();
        return glue;
      });
    });
  });

  /* Whether the page's form was used before the module started: a control's value differs from
   * the one the page was served with (value attribute, checked, the selected option). The form
   * of a page whose first view was written at build time works before the module arrives; the
   * module then lets what was typed win over a saved state (it reads data-touched, and compares
   * field by field only then). */
  function formUsed(root) {
    var els = root.querySelectorAll("input, select, textarea");
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      if (e.type === "file") continue;
      if (e.type === "checkbox" || e.type === "radio") {
        if (e.checked !== e.defaultChecked) return true;
      } else if (e.tagName === "SELECT") {
        var def = 0;
        for (var k = 0; k < e.options.length; k++) if (e.options[k].defaultSelected) { def = k; break; }
        if (e.options.length > 0 && e.selectedIndex !== def) return true;
      } else if (e.value !== e.defaultValue) return true;
    }
    return false;
  }

  dom.then(function () {
    var root = document.querySelector("[data-tool]");
    if (!root) return;
    /* A page whose first view was written at build time shows it already. When start(root)
     * still has work to do on such a page (data-start-apart: the deadlines page's "due next"
     * and counters), or when nothing waits for it (the loader waited for the first paint: the
     * page as served is the planner's view), it runs in a task of its own, after the one that
     * finished compiling the module. A saved plan's first result on the allocation page does
     * not wait. */
    var wait = root.hasAttribute("data-start-apart") || waitForPaint
      ? function (glue) { return new Promise(function (r) { setTimeout(function () { r(glue); }, 0); }); }
      : function (glue) { return glue; };
    /* start(root) wires the page and returns a promise for its first render, which the module
     * may run in short tasks of its own (the deadlines page: no long task); the page is
     * "ready" when that promise resolves. */
    module
      .then(wait)
      .then(function (glue) {
        t[4] = performance.now();
        if (formUsed(root)) root.setAttribute("data-touched", "1");
        var rendered = glue.start(root);
        t[5] = performance.now();
        var p = document.getElementById("calc-loading");
        if (p) p.hidden = true;
        return rendered;
      })
      .then(function () {
        t[6] = performance.now();
        root.setAttribute("data-calc-milestones", t.map(function (x) { return x.toFixed(1); }).join(" "));
        if (waited !== null) root.setAttribute("data-calc-waited", waited.toFixed(1));
        root.setAttribute("data-calc-ready", "1");
      })
      .catch(function (err) { fail(root, err); });
  });
})();
