#!/usr/bin/env bash
# Time to the first search result at 400 kbit/s (slow-network.mjs) on one or more built sites,
# e.g. before and after a change: benches/search/slow-network.sh OLD_SITE NEW_SITE
# (default: builds the handbook into a temp dir). Installs puppeteer-core into a temporary npm
# prefix (not the project's); needs /usr/bin/chromium (or CHROME_PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${TMPDIR:-/tmp}/sotay-search-bench
mkdir -p "$work"
if [ $# -eq 0 ]; then
  (cd "$root" && cargo run -q -p sotay -- build --out "$work/site")
  set -- "$work/site"
fi
if [ ! -d "$work/pf/node_modules/puppeteer-core" ]; then
  npm install --silent --prefix "$work/pf" puppeteer-core >/dev/null 2>&1 || { echo "npm install puppeteer-core failed"; exit 1; }
fi
NODE_PATH="$work/pf/node_modules" node "$root/benches/search/slow-network.mjs" "$@"
