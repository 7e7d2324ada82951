#!/usr/bin/env bash
# THE run command (README): installs what the build needs (wasm32 target, wasm-opt), then
# builds the handbook and serves it on http://127.0.0.1:$PORT/ (default 8000) with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"

bash scripts/setup.sh

printf '\n==> building and serving Sổ tay on http://127.0.0.1:%s/ (Ctrl-C to stop)\n' "$PORT"
exec cargo run --release -p sotay -- serve --port "$PORT"
