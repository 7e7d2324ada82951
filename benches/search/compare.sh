#!/usr/bin/env bash
# Search engine comparison: our index + wasm module vs Pagefind (npm `pagefind`, which ships its
# binary in the registry package), on the real handbook built by `sotay build`.
# 1. The bytes a first query transfers, from the files (gzip -9 for our text files, as a
#    compressing static host would send them; Pagefind's files are already gzip-compressed).
# 2. compare.mjs: both engines in Debian's Chromium (puppeteer-core) on the queries of
#    tests/search-queries.toml with and without diacritics: top-3 quality, latency after load,
#    and the bytes a first query actually transfers (see the top of compare.mjs).
# Needs npm (pagefind@1 and puppeteer-core go to a temporary prefix, not the project) and
# /usr/bin/chromium (or CHROME_PATH). No network other than the npm registry.
# Usage: benches/search/compare.sh [BUILT_SITE_DIR]   (default: builds into a temp dir)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${TMPDIR:-/tmp}/sotay-search-bench
mkdir -p "$work"
site=${1:-}
if [ -z "$site" ]; then
  site="$work/site"
  (cd "$root" && cargo run -q -p sotay -- build --out "$site")
fi
gz() { gzip -9c "$1" | wc -c; }
echo "== Sổ tay (search.js, the wasm module it loads, the index text)"
a=$site/assets
# search.js and the module files named by its <script> tag's data-* attributes (glue, wasm).
tag=$(grep -o '<script src="/assets/search\.[^>]*>' "$site/index.html")
files=$(echo "$tag" | grep -o '"/assets/[^"]*"' | tr -d '"' | sed "s|^/assets/|$a/|")
idx=$(ls "$a"/search-index.*.txt)
ours=0
for f in $files "$idx"; do
  n=$(gz "$f"); ours=$((ours + n)); printf '  %-40s %8d raw %8d gzip\n' "$(basename "$f")" "$(stat -c%s "$f")" "$n"
done
echo "  first query total (gzip): $ours bytes"

echo "== Pagefind"
if [ ! -x "$work/pf/node_modules/.bin/pagefind" ] || [ ! -d "$work/pf/node_modules/puppeteer-core" ]; then
  npm install --silent --prefix "$work/pf" pagefind@1 puppeteer-core >/dev/null 2>&1 || { echo "  npm install pagefind puppeteer-core failed"; exit 1; }
fi
echo "  pagefind $(node -p "require('$work/pf/node_modules/pagefind/package.json').version")"
rm -rf "$work/pf-site"; cp -r "$site" "$work/pf-site"
# Index what our engine indexes, as we would mark it if we used Pagefind: each page's
# <div class="content"> (not the header, sidebar, notices or footer), not the search and offline
# pages (generator/src/search NOT_INDEXED), not the home page's cards or the 404 page.
find "$work/pf-site" -name index.html ! -path '*/tim-kiem/*' ! -path '*/ngoai-tuyen/*' \
  -exec sed -i 's|<div class="content">|<div class="content" data-pagefind-body>|' {} +
"$work/pf/node_modules/.bin/pagefind" --site "$work/pf-site" --output-subdir pagefind >/dev/null
p=$work/pf-site/pagefind
pjs=$(gz "$p/pagefind.js"); entry=$(stat -c%s "$p/pagefind-entry.json"); pw=$(stat -c%s "$p"/wasm.*.pagefind)
meta=$(stat -c%s "$p"/pagefind.*.pf_meta)
chunks=$(ls "$p"/index/*.pf_index | wc -l); chunk_avg=$(( $(cat "$p"/index/*.pf_index | wc -c) / chunks ))
frag_avg=$(( $(cat "$p"/fragment/* | wc -c) / $(ls "$p"/fragment | wc -l) ))
printf '  pagefind.js %d, entry %d, wasm %d, meta %d, index chunk avg %d (%d chunks), fragment avg %d\n' \
  "$pjs" "$entry" "$pw" "$meta" "$chunk_avg" "$chunks" "$frag_avg"
first=$((pjs + entry + pw + meta + chunk_avg + 5 * frag_avg))
echo "  first query total (1 chunk + 5 result fragments): $first bytes"

echo "== In Chromium: quality, latency, measured first-query bytes"
NODE_PATH="$work/pf/node_modules" node "$root/benches/search/compare.mjs" "$work/pf-site" \
  "$root/tests/search-queries.toml" "$work/compare.json"
echo "  details: $work/compare.json"
