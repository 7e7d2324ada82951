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
# The calculator's browser modules (wasm/web) only compile for wasm32: lint each page module's
# feature set there on its own (a module holds only its page's code), and the plain crate with
# each feature set it is built with.
for features in tool-alloc tool-dl search; do
    cargo clippy -p sotay-calc-web --target wasm32-unknown-unknown --no-default-features \
        --features "$features" -- -D warnings
    cargo clippy -p sotay-calc --lib --no-default-features --features "$features" -- -D warnings
done

section "cargo test (unit, property, end-to-end)"
cargo test --workspace

section "all tests passed in $((SECONDS - start)) s"
