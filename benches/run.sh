#!/usr/bin/env bash
# Site benchmark (not a timed test): builds a synthetic corpus of N Vietnamese pages (default
# 5000) with sotay, Hugo and mdBook, RUNS times each (default 3, median reported), and the real
# handbook with the wasm already built.   bash benches/run.sh [N]   (RUNS=5 bash benches/run.sh)
# BASELINE=path/to/older/sotay also times that binary in the same rounds (before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5000}"
RUNS="${RUNS:-3}"
WORK="${BENCH_DIR:-bench-out}"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi; }
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> tools"
if ! command -v hugo >/dev/null || [[ ! -x /usr/bin/time ]]; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq hugo time
fi
if ! command -v mdbook >/dev/null; then
    cargo install mdbook --locked
fi
hugo version
mdbook --version

echo "==> sotay (release)"
cargo build --release -q -p sotay
SOTAY="$PWD/target/release/sotay"

echo "==> corpus: $N pages"
python3 benches/gen_corpus.py "$N" "$WORK/corpus"

echo "==> building, $RUNS runs each (+1 warm-up)"
python3 benches/measure.py --pages "$N" --corpus "$WORK/corpus" --out "$WORK/out" \
    --sotay "$SOTAY" --runs "$RUNS" --handbook . ${BASELINE:+--baseline "$BASELINE"}
