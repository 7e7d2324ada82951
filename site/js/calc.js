/* Sổ tay — loader of the calculator pages (/cong-cu/…). No logic: it imports the
 * wasm-bindgen glue named by this script's data-calc-js, initialises it with the module named
 * by data-calc-wasm, and calls the module's start(root) on the page's [data-tool] element.
 * Everything else (reading the form, computing, showing results, exports) is in
 * wasm/src/web/. On failure the root gets data-calc-ready="0" and a message.
 *
 * Loaded `async` (tool.html): the glue is imported and the module compiled while the page is
 * still being parsed (both are preloaded by tool.html); only start(root) waits for the DOM. */
(function () {
  "use strict";
  var me = document.currentScript;
  var glueUrl = me && me.getAttribute("data-calc-js");
  var wasmUrl = me && me.getAttribute("data-calc-wasm");
  if (!glueUrl || !wasmUrl) return;
  /* Milestones (ms since navigation start) for scripts/calc-budget.sh: loader ran, glue
   * imported, module compiled and instantiated, DOM ready, page wired (start returned), ready
   * (its first render complete). */
  var t = [performance.now()];
  /* Open this origin's storage now, while the module downloads: the first access to
   * localStorage is synchronous and costs a few ms, which start(root) would otherwise add to
   * its own task. */
  try { window.localStorage.length; } catch (e) { /* storage off: the module copes */ }

  function fail(root, err) {
    root.setAttribute("data-calc-ready", "0");
    var p = document.getElementById("calc-loading");
    if (p) {
      p.hidden = false;
      p.textContent = "Không tải được máy tính trên trình duyệt này (cần WebAssembly). Hãy thử trình duyệt khác hoặc tải lại trang.";
    }
    if (window.console) console.error("Sổ tay: calculator failed to start", err);
  }

  var module = import(glueUrl).then(function (glue) {
    t[1] = performance.now();
    return Promise.resolve(glue.default({ module_or_path: wasmUrl })).then(function () {
      t[2] = performance.now();
      return glue;
    });
  });
  var dom = new Promise(function (resolve) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
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
     * and counters), it runs in a task of its own, after the one that finished compiling the
     * module. The allocation page's start only wires a new plan's page, and a saved plan's
     * first result should not wait. */
    var wait = root.hasAttribute("data-start-apart")
      ? function (glue) { return new Promise(function (r) { setTimeout(function () { r(glue); }, 0); }); }
      : function (glue) { return glue; };
    /* start(root) wires the page and returns a promise for its first render, which the module
     * may run in short tasks of its own (the deadlines page: no long task); the page is
     * "ready" when that promise resolves. */
    module
      .then(wait)
      .then(function (glue) {
        t[3] = performance.now();
        if (formUsed(root)) root.setAttribute("data-touched", "1");
        var rendered = glue.start(root);
        t[4] = performance.now();
        var p = document.getElementById("calc-loading");
        if (p) p.hidden = true;
        return rendered;
      })
      .then(function () {
        t[5] = performance.now();
        root.setAttribute("data-calc-milestones", t.map(function (x) { return x.toFixed(1); }).join(" "));
        root.setAttribute("data-calc-ready", "1");
      })
      .catch(function (err) { fail(root, err); });
  });
})();
