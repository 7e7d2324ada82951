/* Sổ tay — theme behaviour. Loaded with `defer` on every page; no inline script anywhere (CSP).
 *
 * Hooks other parts rely on (keep them stable):
 *   html.js                  set here first thing; CSS switches the no-JS fallbacks off
 *   html.is-loaded           after the load event (smooth in-page scrolling from then on)
 *   html.nav-open            the phone drawer (#nav) is open
 *   button.nav-toggle        aria-controls="nav", aria-expanded kept in sync
 *   #search-input            "/" focuses it (outside form fields); #search-results is the
 *                            search part's panel (hidden by default, left alone here)
 *   meta[name=sotay-live]    content="1" (dev server only) → EventSource /__sotay/live,
 *                            reload on a "reload" message.
 *   .toc-list a.is-current   the TOC entry of the heading being read
 *   table.is-text-table      a content table of sentences (wider columns on phones)
 */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  root.classList.add("js");

  function ready(fn) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function isTyping(el) {
    if (!el) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  /* ---------- phone navigation drawer ---------- */
  function setupNav() {
    var toggle = doc.querySelector(".nav-toggle");
    var nav = doc.getElementById("nav");
    if (!toggle || !nav) return;
    var closeBtn = nav.querySelector(".nav-close");
    var backdrop = null;
    var wide = window.matchMedia("(min-width: 64rem)");

    function isOpen() {
      return root.classList.contains("nav-open");
    }
    function open() {
      root.classList.add("nav-open");
      toggle.setAttribute("aria-expanded", "true");
      toggle.setAttribute("aria-label", "Đóng danh mục");
      if (!backdrop) {
        backdrop = doc.createElement("div");
        backdrop.className = "nav-backdrop";
        backdrop.addEventListener("click", function () { close(true); });
      }
      doc.body.appendChild(backdrop);
      var target = nav.querySelector('[aria-current="page"]') || nav.querySelector("a, button");
      if (target) {
        target.focus({ preventScroll: true });
        scrollNavTo(nav, target);
      }
    }
    function close(returnFocus) {
      if (!isOpen()) return;
      root.classList.remove("nav-open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-label", "Mở danh mục");
      if (backdrop && backdrop.parentNode) backdrop.parentNode.removeChild(backdrop);
      if (returnFocus) toggle.focus();
    }

    toggle.addEventListener("click", function () {
      if (isOpen()) close(false);
      else open();
    });
    if (closeBtn) closeBtn.addEventListener("click", function () { close(true); });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && isOpen()) {
        e.preventDefault();
        close(true);
      }
    });
    // Keep keyboard focus inside the open drawer.
    nav.addEventListener("keydown", function (e) {
      if (e.key !== "Tab" || !isOpen()) return;
      var items = Array.prototype.filter.call(
        nav.querySelectorAll("a[href], button, summary"),
        function (el) { return el.offsetParent !== null; }
      );
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (e.shiftKey && doc.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && doc.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    });
    var onWide = function () { if (wide.matches) close(false); };
    if (wide.addEventListener) wide.addEventListener("change", onWide);

    // Desktop: bring the current page into view inside the sticky sidebar.
    var current = nav.querySelector('[aria-current="page"]');
    if (current && wide.matches) scrollNavTo(nav, current);
  }

  function scrollNavTo(nav, el) {
    var navBox = nav.getBoundingClientRect();
    var box = el.getBoundingClientRect();
    if (box.top < navBox.top || box.bottom > navBox.bottom) {
      nav.scrollTop += box.top - navBox.top - nav.clientHeight / 3;
    }
  }

  /* ---------- "/" focuses the search box ---------- */
  function setupSearchShortcut() {
    var input = doc.getElementById("search-input");
    if (!input) return;
    doc.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(doc.activeElement)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  /* ---------- live reload (dev server only) ---------- */
  function setupLiveReload() {
    var meta = doc.querySelector('meta[name="sotay-live"]');
    if (!meta || meta.getAttribute("content") !== "1" || !window.EventSource) return;
    var source = new EventSource("/__sotay/live");
    source.addEventListener("reload", function () { window.location.reload(); });
    source.onmessage = function (e) {
      if (e.data === "reload") window.location.reload();
    };
  }

  /* ---------- on-page TOC: mark the heading being read ---------- */
  function setupTocSpy() {
    var links = doc.querySelectorAll(".toc-aside .toc-list a");
    if (!links.length || !window.IntersectionObserver) return;
    var byId = {};
    var headings = [];
    Array.prototype.forEach.call(links, function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = doc.getElementById(id);
      if (h) {
        byId[id] = a;
        headings.push(h);
      }
    });
    var visible = {};
    var current = null;
    function update() {
      var pick = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { pick = headings[i]; break; }
      }
      if (!pick) {
        // Between headings: the last one above the viewport top.
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < 120) { pick = headings[j]; break; }
        }
      }
      var link = pick ? byId[pick.id] : null;
      if (link === current) return;
      if (current) current.classList.remove("is-current");
      if (link) link.classList.add("is-current");
      current = link;
    }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) { visible[en.target.id] = en.isIntersecting; });
      update();
    }, { rootMargin: "-56px 0px -55% 0px" });
    headings.forEach(function (h) { io.observe(h); });
  }

  /* ---------- wide tables / code: keyboard-scrollable ---------- */
  function setupScrollables() {
    var nodes = doc.querySelectorAll(".content table, .table-wrap, .content pre");
    if (!nodes.length) return;
    // Tables of sentences get wider columns on phones (CSS .is-text-table) than tables of numbers.
    Array.prototype.forEach.call(doc.querySelectorAll(".content table"), function (table) {
      var cells = table.querySelectorAll("td");
      if (!cells.length) return;
      var chars = 0;
      Array.prototype.forEach.call(cells, function (c) { chars += c.textContent.length; });
      if (chars / cells.length > 30) table.classList.add("is-text-table");
    });
    function check() {
      Array.prototype.forEach.call(nodes, function (el) {
        if (el.classList.contains("table-wrap") === false && el.closest(".table-wrap")) return;
        var scrolls = el.scrollWidth > el.clientWidth + 1;
        if (scrolls && !el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
          el.setAttribute("data-scrollable", "1");
        } else if (!scrolls && el.getAttribute("data-scrollable") === "1") {
          el.removeAttribute("tabindex");
          el.removeAttribute("data-scrollable");
        }
      });
    }
    check();
    var t = null;
    window.addEventListener("resize", function () {
      clearTimeout(t);
      t = setTimeout(check, 150);
    });
  }

  /* ---------- 404: suggest a query from the missing path ---------- */
  function setupNotFound() {
    var input = doc.getElementById("notfound-q");
    if (!input || input.value) return;
    var words = window.location.pathname
      .split("/")
      .map(function (part) {
        try { return decodeURIComponent(part); } catch (e) { return part; }
      })
      .join(" ")
      .replace(/\.html?$/i, "")
      .replace(/[-_/.]+/g, " ")
      .trim();
    if (words && words !== "404") input.value = words;
  }

  /* ---------- print: show collapsed <details> content ---------- */
  function setupPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = [];
      Array.prototype.forEach.call(doc.querySelectorAll(".content details:not([open])"), function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  window.addEventListener("load", function () {
    setTimeout(function () { root.classList.add("is-loaded"); }, 0);
  });

  ready(function () {
    setupNav();
    setupSearchShortcut();
    setupLiveReload();
    setupTocSpy();
    setupScrollables();
    setupNotFound();
    setupPrint();
  });
})();
