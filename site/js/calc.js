/* Sổ tay — loader of the calculator pages (/cong-cu/…). No logic: it imports the
 * wasm-bindgen glue named by this script's data-calc-js, initialises it with the module named
 * by data-calc-wasm, and calls the module's start(root) on the page's [data-tool] element.
 * Everything else (reading the form, computing, showing results, exports) is in
 * wasm/src/web/. On failure the root gets data-calc-ready="0" and a message. */
(function () {
  "use strict";
  var me = document.currentScript;
  var glueUrl = me && me.getAttribute("data-calc-js");
  var wasmUrl = me && me.getAttribute("data-calc-wasm");

  function fail(root, err) {
    root.setAttribute("data-calc-ready", "0");
    var p = document.getElementById("calc-loading");
    if (p) {
      p.hidden = false;
      p.textContent = "Không tải được máy tính trên trình duyệt này (cần WebAssembly). Hãy thử trình duyệt khác hoặc tải lại trang.";
    }
    if (window.console) console.error("Sổ tay: calculator failed to start", err);
  }

  function go() {
    var root = document.querySelector("[data-tool]");
    if (!root || !glueUrl || !wasmUrl) return;
    import(glueUrl)
      .then(function (glue) {
        return Promise.resolve(glue.default({ module_or_path: wasmUrl })).then(function () {
          glue.start(root);
          var p = document.getElementById("calc-loading");
          if (p) p.hidden = true;
          root.setAttribute("data-calc-ready", "1");
        });
      })
      .catch(function (err) { fail(root, err); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
  else go();
})();
