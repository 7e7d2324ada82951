#!/usr/bin/env bash
# THE test command (README): installs what it needs, then formatting, lints and every test
# (unit, property and end-to-end in headless Chromium). Works as root without stdin (CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
section() { printf '\n==> %s\n' "$*"; }
start=$SECONDS

bash scripts/setup.sh --test

section "cargo fmt --check"
cargo fmt --all -- --check

section "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings
# The calculator's browser layer (wasm/src/web) only compiles for wasm32: lint it there too.
cargo clippy -p sotay-calc --target wasm32-unknown-unknown --lib -- -D warnings

section "cargo test (unit, property, end-to-end)"
cargo test --workspace

section "all tests passed in $((SECONDS - start)) s"
