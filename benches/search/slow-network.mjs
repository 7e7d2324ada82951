// Time to the first search result on a slow network (issue 18): Debian's Chromium driven by
// puppeteer-core, the network of the page emulated with CDP Network.emulateNetworkConditions
// (400 kbit/s down and up, 150 ms latency per request), a fresh profile (empty cache) per run.
//
// For each built site given (e.g. the site before and after a change), on the long article
// /giam-sat/giam-sat-trong-diem/:
// - "at once": the reader types "giam sat trong diem" as soon as the page has loaded;
// - "after 5 s": the reader types 5 s after the load event (what a prefetch after the first paint
//   can use);
// and measures, from the keystroke, the time until search.js shows anything in the results panel
// (a progress line or results) and until the results are shown (data-query set). Median of RUNS.
// The server sends gzip (as a compressing static host) and no service worker (its precache of the
// whole site would compete for the same 400 kbit/s; sw.js is answered 404, as in compare.mjs).
//
// Usage: node slow-network.mjs SITE_DIR [SITE_DIR…]   (NODE_PATH must resolve puppeteer-core;
//        slow-network.sh installs it in a temporary prefix). RUNS=3 by default.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PATH ? path.join(process.env.NODE_PATH, "x") : import.meta.url);
const puppeteer = require("puppeteer-core");
const sites = process.argv.slice(2).map((s) => path.resolve(s));
if (!sites.length) {
  console.error("usage: node slow-network.mjs SITE_DIR [SITE_DIR…]");
  process.exit(2);
}
const RUNS = +(process.env.RUNS || 3);
const PAGE = "/giam-sat/giam-sat-trong-diem/";
const QUERY = "giam sat trong diem";
const NET = { download: 400000 / 8, upload: 400000 / 8, latency: 150 };

const MIME = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png",
  ".json": "application/json", ".webmanifest": "application/manifest+json",
};
function serve(dir) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p === "/sw.js") { res.writeHead(404); res.end(); return; }
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(dir, p);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end(); return;
    }
    let body = fs.readFileSync(file);
    const ext = path.extname(file);
    const headers = { "Content-Type": MIME[ext] || "application/octet-stream",
      "Cache-Control": p.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache" };
    if (ext !== ".png" && /gzip/.test(req.headers["accept-encoding"] || "")) {
      body = zlib.gzipSync(body, { level: 9 });
      headers["Content-Encoding"] = "gzip";
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

async function once(base, waitMs) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.emulateNetworkConditions(NET);
  const t0 = Date.now();
  await page.goto(base + PAGE, { waitUntil: "load", timeout: 120000 });
  const loadS = (Date.now() - t0) / 1000;
  if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
  const r = await page.evaluate(async (q) => {
    const i = document.getElementById("search-input");
    const box = document.getElementById("search-results");
    const t = performance.now();
    let shown = null;
    i.focus();
    i.value = q;
    i.dispatchEvent(new Event("input", { bubbles: true }));
    for (;;) {
      if (shown === null && !box.hidden && box.textContent.trim()) shown = performance.now() - t;
      if (box.getAttribute("data-query") === q) break;
      if (performance.now() - t > 120000) throw new Error("no result after 120 s");
      await new Promise((res) => setTimeout(res, 10));
    }
    const done = performance.now() - t;
    return { shown: shown === null ? done : shown, result: done, first: box.querySelector("a")?.getAttribute("href") };
  }, QUERY);
  await ctx.close();
  return { loadS, ...r };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const dir of sites) {
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log(`== ${dir} (400 kbit/s, ${NET.latency} ms latency, median of ${RUNS})`);
  for (const [label, wait] of [["at once", 0], ["after 5 s", 5000]]) {
    const runs = [];
    for (let k = 0; k < RUNS; k++) runs.push(await once(base, wait));
    console.log(`  typed ${label.padEnd(9)} after load (page load ${median(runs.map((r) => r.loadS)).toFixed(1)} s): ` +
      `panel shows something after ${(median(runs.map((r) => r.shown)) / 1000).toFixed(2)} s, ` +
      `first result after ${(median(runs.map((r) => r.result)) / 1000).toFixed(2)} s ` +
      `[${runs.map((r) => (r.result / 1000).toFixed(2)).join(", ")}] → ${runs[0].first}`);
  }
  server.close();
}
await browser.close();
