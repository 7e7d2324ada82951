#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, mobile profile, Debian's Chromium) on the home page, a long
# article and the calculator page; prints the four category scores of each.
# Usage: scripts/lighthouse.sh [BUILT_SITE_DIR]   (default: builds into a temp dir)
# Installs lighthouse into a temporary npm prefix (not the project's package.json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/sotay-lighthouse
mkdir -p "$work"
site=${1:-}
if [ -z "$site" ]; then
  site="$work/site"
  (cd "$root" && cargo run -q -p sotay -- build --out "$site")
fi
if [ ! -x "$work/npm/node_modules/.bin/lighthouse" ]; then
  npm install --silent --prefix "$work/npm" lighthouse@12 >/dev/null
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
calc=${SOTAY_CALC_PAGE:-$(grep -rl 'id="calc-' "$site" --include=index.html | grep -v "^$site/index.html" | head -1 | sed "s|^$site||; s|index.html$||")}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
for path in / /giam-sat/giam-sat-trong-diem/ "${calc:-/}"; do
  out="$work/report$(echo "$path" | tr '/' '_').json"
  "$work/npm/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu" --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$out" || true
  node -e '
    const r = require(process.argv[1]); const c = r.categories;
    console.log(process.argv[2].padEnd(34), ["performance","accessibility","best-practices","seo"]
      .map(k => k + " " + Math.round((c[k] && c[k].score || 0) * 100)).join("  "));
  ' "$out" "$path"
done
