#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, mobile profile, Debian's Chromium) on the home page, a long
# article and the calculator page; prints the four category scores of each, the audits that
# cost points, then Chromium's installability verdict (benches/search/installable.mjs:
# CDP Page.getInstallabilityErrors once the service worker controls the page).
# Usage: scripts/lighthouse.sh [BUILT_SITE_DIR [PATH…]]   (default: builds into a temp dir;
#        the paths default to /, the long article and the first calculator page)
# Installs lighthouse and puppeteer-core into a temporary npm prefix (not the project's).
# The site is served as a static host would serve it in production: gzip for text and wasm,
# long cache for the fingerprinted /assets/ (python's http.server does neither, and Lighthouse's
# simulated slow 4G would then measure a server we do not deploy on).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/sotay-lighthouse
mkdir -p "$work"
site=${1:-}
if [ -z "$site" ]; then
  site="$work/site"
  (cd "$root" && cargo run -q -p sotay -- build --out "$site")
fi
site=$(cd "$site" && pwd)
if [ ! -x "$work/npm/node_modules/.bin/lighthouse" ] || [ ! -d "$work/npm/node_modules/puppeteer-core" ]; then
  npm install --silent --prefix "$work/npm" lighthouse@12 puppeteer-core >/dev/null
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node - "$site" "$port" <<'EOF' &
const [dir, port] = process.argv.slice(2);
const http = require("http"), fs = require("fs"), path = require("path"), zlib = require("zlib");
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".xml": "application/xml",
  ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
  ".webmanifest": "application/manifest+json", ".ico": "image/x-icon" };
http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let f = path.join(dir, p);
  if (f.startsWith(dir) && fs.existsSync(f) && fs.statSync(f).isDirectory()) {
    if (!p.endsWith("/")) { res.writeHead(301, { Location: p + "/" }); return res.end(); }
    f = path.join(f, "index.html");
  }
  let status = 200;
  if (!f.startsWith(dir) || !fs.existsSync(f)) { status = 404; f = path.join(dir, "404.html"); }
  const ext = path.extname(f), h = { "Content-Type": types[ext] || "application/octet-stream",
    "Cache-Control": p.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache" };
  let body = fs.readFileSync(f);
  if (ext !== ".png" && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
    body = zlib.gzipSync(body, { level: 9 }); h["Content-Encoding"] = "gzip"; h["Vary"] = "Accept-Encoding";
  }
  res.writeHead(status, h); res.end(req.method === "HEAD" ? undefined : body);
}).listen(+port, "127.0.0.1");
EOF
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
calc=${SOTAY_CALC_PAGE:-$(grep -rl 'id="calc-' "$site" --include=index.html | grep -v "^$site/index.html" | head -1 | sed "s|^$site||; s|index.html$||")}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
pages=("${@:2}")
[ ${#pages[@]} -gt 0 ] || pages=(/ /giam-sat/giam-sat-trong-diem/ "${calc:-/}")
for path in "${pages[@]}"; do
  out="$work/report$(echo "$path" | tr '/' '_').json"
  "$work/npm/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet \
    --chrome-flags="$flags" --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$out" || true
  node -e '
    const r = require(process.argv[1]); const c = r.categories;
    console.log(process.argv[2].padEnd(34), ["performance","accessibility","best-practices","seo"]
      .map(k => k + " " + Math.round((c[k] && c[k].score || 0) * 100)).join("  "));
    // Audits that cost points (scored, below 1), with what they found.
    for (const [k, cat] of Object.entries(c)) for (const ref of cat.auditRefs) {
      const a = r.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1)
        console.log("    " + k + ": " + a.id + " " + a.score + (a.displayValue ? " (" + a.displayValue + ")" : ""));
    }
  ' "$out" "$path"
done
echo "== Installability (Android Chrome criteria, Chromium's own check)"
NODE_PATH="$work/npm/node_modules" node "$root/benches/search/installable.mjs" "http://127.0.0.1:$port/" || true
