#!/usr/bin/env bash
# Search engine comparison: our index + wasm module vs Pagefind (npm `pagefind`, which ships its
# binary in the registry package), on the real handbook built by `sotay build`.
# Prints the bytes a first query transfers (gzip -9 for our text files, as a compressing static
# host would send them; Pagefind's files are already gzip-compressed). Quality and latency of our
# engine are measured by tests/tests/search.rs (Chromium) on tests/search-queries.toml.
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
echo "== Sổ tay (index text + calc.wasm shared with the calculator)"
a=$site/assets
idx=$(ls "$a"/search-index.*.txt); wasm=$(ls "$a"/calc.*.wasm); glue=$(ls "$a"/calc.*.js); js=$(ls "$a"/search.*.js)
ours=0
for f in "$js" "$glue" "$wasm" "$idx"; do
  n=$(gz "$f"); ours=$((ours + n)); printf '  %-40s %8d raw %8d gzip\n' "$(basename "$f")" "$(stat -c%s "$f")" "$n"
done
echo "  first query total (gzip): $ours bytes"

echo "== Pagefind"
if [ ! -x "$work/pf/node_modules/.bin/pagefind" ]; then
  npm install --silent --prefix "$work/pf" pagefind@1 >/dev/null 2>&1 || { echo "  npm install pagefind failed"; exit 0; }
fi
rm -rf "$work/pf-site"; cp -r "$site" "$work/pf-site"
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
