// Search engines side by side in Debian's Chromium (puppeteer-core): ours (the site's own
// search box, whatever module search.js loads) and Pagefind's JS API, on the queries of
// tests/search-queries.toml, each typed with and without diacritics.
//
// Measures, per engine:
// - quality: expected target in the top 3. Ours returns headings, so a `page#id` target must be
//   one of the first 3 hits. Pagefind returns pages (its sub-results are the page's headings in
//   document order, not ranked), so for Pagefind a `page#id` target counts when the page is in
//   the top 3 pages and the heading is among its sub-results (lenient to Pagefind); the
//   page-level score (page in the top 3, anchor ignored) is given for both;
// - latency after load: ours = `data-ms` written by search.js (the wasm query call); Pagefind =
//   `await pagefind.search(q)` once its chunks for that query are loaded (second run), and the
//   same plus `data()` of the first 5 results (what a results list needs: URL, title, excerpt);
// - bytes of a first query on a fresh page with an empty cache, as sent by a gzip-compressing
//   static server (Pagefind's .pf_* / .pagefind files are already gzip, sent as they are): ours
//   = search.js + the module it loads + the index; Pagefind = everything under /pagefind/
//   (JS API only, no UI), for every query (its chunks depend on the words).
//
// Usage: node compare.mjs SITE_WITH_PAGEFIND_DIR QUERIES_TOML [OUT_JSON]
//   NODE_PATH must resolve puppeteer-core (compare.sh installs it in a temporary prefix).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PATH ? path.join(process.env.NODE_PATH, "x") : import.meta.url);
const puppeteer = require("puppeteer-core");

const [siteArg, queriesPath, outPath] = process.argv.slice(2);
if (!siteArg || !queriesPath) {
  console.error("usage: node compare.mjs SITE_DIR QUERIES_TOML [OUT_JSON]");
  process.exit(2);
}
const siteDir = path.resolve(siteArg);

// --- queries (the file's subset of TOML: [[query]] tables of q / accented / expect) ---
function readQueries(file) {
  const out = [];
  let inQuery = false; // only the [[query]] tables (not [[abbreviation]])
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const l = line.trim();
    if (l.startsWith("[[")) {
      inQuery = l === "[[query]]";
      if (inQuery) out.push({});
    }
    const m = l.match(/^(q|accented|expect)\s*=\s*(.*)$/);
    if (m && inQuery) out[out.length - 1][m[1]] = JSON.parse(m[2]);
  }
  return out;
}
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
const queries = readQueries(queriesPath).map((q) => ({
  expect: q.expect,
  accented: q.accented || q.q,
  plain: q.accented ? q.q : fold(q.q),
}));

// --- static server: gzip like a compressing host, count bytes sent per path ---
const MIME = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png", ".webmanifest": "application/manifest+json",
};
let sent = [];
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  // No service worker in the bench: its precache would download the whole site.
  if (p === "/sw.js") { res.writeHead(404); res.end(); return; }
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(siteDir, p);
  if (!file.startsWith(siteDir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end(); return;
  }
  let body = fs.readFileSync(file);
  const ext = path.extname(file);
  const headers = { "Content-Type": MIME[ext] || "application/octet-stream", "Cache-Control": "no-store" };
  const precompressed = /\.pf_|\.pagefind$/.test(file);
  if (!precompressed && /gzip/.test(req.headers["accept-encoding"] || "")) {
    body = zlib.gzipSync(body, { level: 9 });
    headers["Content-Encoding"] = "gzip";
  }
  sent.push({ path: p, bytes: body.length });
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
// A page without our CSP or scripts to host Pagefind (same origin).
fs.writeFileSync(path.join(siteDir, "pagefind-bench.html"), '<!doctype html><html lang="vi"><meta charset="utf-8"><title>pf</title></html>');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

function matches(expect, href) {
  return expect.some((e) => (e.includes("#") ? href === e : href.split("#")[0] === e));
}
const pageOf = (e) => e.split("#")[0];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1], n: s.length };
};

// --- ours ---
async function ours() {
  const page = await browser.newPage();
  await page.setCacheEnabled(false);
  // Files loaded for search: search.js, the module it imports (glue + wasm), the index.
  const isSearch = (p) => /^\/assets\/(search\.[0-9a-f]+\.js|[a-z-]+\.[0-9a-f]+\.wasm|search-index\..*)$/.test(p) || imported.has(p);
  const imported = new Set();
  page.on("request", (r) => {
    const u = new URL(r.url());
    // The JS module(s) search.js imports (initiated by a script, not by the HTML parser).
    if (u.pathname.endsWith(".js") && r.initiator()?.type === "script") imported.add(u.pathname);
  });
  const searchBytes = () => {
    const files = sent.filter((r) => isSearch(r.path));
    console.log("ours, first query:", files.map((r) => `${r.path} ${r.bytes}`).join(", "));
    return files.reduce((a, r) => a + r.bytes, 0);
  };
  await page.goto(base + "/", { waitUntil: "load" });
  const ask = async (q) => page.evaluate(async (q) => {
    const i = document.getElementById("search-input");
    const box = document.getElementById("search-results");
    i.focus();
    i.value = q;
    i.dispatchEvent(new Event("input", { bubbles: true }));
    const t0 = performance.now();
    while (box.getAttribute("data-query") !== q) {
      if (performance.now() - t0 > 30000) throw new Error("no results for " + q);
      await new Promise((r) => setTimeout(r, 5));
    }
    // Links carry the matched words (?hl=…) for the page's highlight: compare page#anchor.
    const strip = (h) => h.replace(/\?[^#]*/, "");
    return { hrefs: [...box.querySelectorAll("a")].map((a) => strip(a.getAttribute("href"))), ms: +box.getAttribute("data-ms") };
  }, q);
  const rows = [];
  let firstBytes = null;
  for (const q of queries) {
    const row = { expect: q.expect };
    for (const v of ["accented", "plain"]) {
      const r = await ask(q[v]);
      if (firstBytes === null) firstBytes = searchBytes();
      row[v] = {
        q: q[v], ms: r.ms, top3: r.hrefs.slice(0, 3),
        hit: r.hrefs.slice(0, 3).some((h) => matches(q.expect, h)),
        pageHit: r.hrefs.slice(0, 3).some((h) => q.expect.some((e) => h.split("#")[0] === pageOf(e))),
      };
    }
    rows.push(row);
  }
  const loadMs = await page.evaluate(() => document.documentElement.getAttribute("data-search-load-ms"));
  await page.close();
  return { rows, firstBytes, loadMs };
}

// --- Pagefind ---
async function pagefindPage() {
  const page = await browser.newPage();
  await page.setCacheEnabled(false);
  await page.goto(base + "/pagefind-bench.html", { waitUntil: "load" });
  await page.evaluate(async () => {
    window.pf = await import("/pagefind/pagefind.js");
    await window.pf.init();
  });
  return page;
}
const pfAsk = (page, q) => page.evaluate(async (q) => {
  const t0 = performance.now();
  const s = await window.pf.search(q);
  const t1 = performance.now();
  const data = await Promise.all(s.results.slice(0, 5).map((r) => r.data()));
  const t2 = performance.now();
  return {
    searchMs: t1 - t0, withDataMs: t2 - t0, count: s.results.length,
    top: data.map((d) => ({ url: d.url, subs: (d.sub_results || []).map((x) => x.url) })),
  };
}, q);

async function pagefind() {
  // Bytes of a first query: a fresh page per query (its chunks depend on the words).
  const firstBytes = [];
  for (const q of queries) {
    sent = [];
    const page = await pagefindPage();
    await pfAsk(page, q.accented);
    const files = sent.filter((r) => r.path.startsWith("/pagefind/"));
    if (!firstBytes.length) console.log("pagefind, first query:", files.map((r) => `${r.path} ${r.bytes}`).join(", "));
    firstBytes.push(files.reduce((a, r) => a + r.bytes, 0));
    await page.close();
  }
  const page = await pagefindPage();
  const rows = [];
  for (const q of queries) {
    const row = { expect: q.expect };
    for (const v of ["accented", "plain"]) {
      await pfAsk(page, q[v]); // loads this query's chunks and fragments
      const r = await pfAsk(page, q[v]);
      const top = r.top.slice(0, 3);
      const urls = top.map((d) => d.url);
      row[v] = {
        q: q[v], searchMs: r.searchMs, withDataMs: r.withDataMs, top3: urls,
        pageHit: urls.some((u) => q.expect.some((e) => u === pageOf(e))),
        hit: q.expect.some((e) => {
          const d = top.find((d) => d.url === pageOf(e));
          return d && (!e.includes("#") || d.subs.includes(e));
        }),
      };
    }
    rows.push(row);
  }
  await page.close();
  return { rows, firstBytes };
}

sent = [];
const a = await ours();
const b = await pagefind();
await browser.close();
server.close();
fs.unlinkSync(path.join(siteDir, "pagefind-bench.html"));

const count = (rows, v, k) => rows.filter((r) => r[v][k]).length;
const lat = (rows, k) => stats(rows.flatMap((r) => [r.accented[k], r.plain[k]]));
const n = queries.length;
const fmt = (s) => `median ${s.median.toFixed(2)} ms, max ${s.max.toFixed(2)} ms`;
const fb = stats(b.firstBytes);
console.log(`${n} queries × (with, without diacritics)`);
console.log("engine     | top-3 target (with / without) | top-3 page (with / without) | latency after load | first-query bytes (gzip)");
console.log(`ours       | ${count(a.rows, "accented", "hit")}/${n} / ${count(a.rows, "plain", "hit")}/${n} | ${count(a.rows, "accented", "pageHit")}/${n} / ${count(a.rows, "plain", "pageHit")}/${n} | ${fmt(lat(a.rows, "ms"))} | ${a.firstBytes} (index load ${a.loadMs} ms)`);
console.log(`pagefind   | ${count(b.rows, "accented", "hit")}/${n} / ${count(b.rows, "plain", "hit")}/${n} | ${count(b.rows, "accented", "pageHit")}/${n} / ${count(b.rows, "plain", "pageHit")}/${n} | search() ${fmt(lat(b.rows, "searchMs"))}; + data() of 5: ${fmt(lat(b.rows, "withDataMs"))} | median ${fb.median}, max ${fb.max}`);
for (const [name, rows] of [["ours", a.rows], ["pagefind", b.rows]]) {
  for (const r of rows) {
    for (const v of ["accented", "plain"]) {
      if (!r[v].hit) console.log(`  ${name} miss: ${JSON.stringify(r[v].q)} want ${r.expect.join(" | ")}, top 3 ${JSON.stringify(r[v].top3)}`);
    }
  }
}
if (outPath) fs.writeFileSync(outPath, JSON.stringify({ ours: a, pagefind: b }, null, 1));
