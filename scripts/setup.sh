#!/usr/bin/env bash
# Installs what building and testing Sổ tay needs, idempotently (safe to run again; does
# nothing when everything is there). Sourced by scripts/test.sh and scripts/serve.sh.
#   setup.sh          wasm32 target + npm tools (binaryen's wasm-opt, axe-core)
#   setup.sh --test   also Chromium (Debian), clippy/rustfmt and the PyPI package `holidays`
#                     (the calendar's oracle, pinned in scripts/holidays_oracle.py)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

section() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

apt_updated=0
apt_install() {
    if ! command -v apt-get >/dev/null; then
        echo "apt-get not found: install $* with your package manager" >&2
        return 1
    fi
    if [[ $apt_updated -eq 0 ]]; then
        as_root apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

section "Rust toolchain"
if ! command -v cargo >/dev/null; then
    echo "cargo not found: install Rust from your distribution or with rustup" >&2
    exit 1
fi
cargo --version
if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        rustup target add wasm32-unknown-unknown
    fi
    if [[ $want_test -eq 1 ]]; then
        for c in clippy rustfmt; do
            if ! rustup component list --installed | grep -q "^$c"; then
                rustup component add "$c"
            fi
        done
    fi
    echo "wasm32-unknown-unknown target: installed"
else
    echo "rustup not found: make sure the wasm32-unknown-unknown target is installed" >&2
fi

section "npm tools (binaryen wasm-opt, axe-core)"
if ! command -v npm >/dev/null; then
    apt_install nodejs npm
fi
if [[ ! -x node_modules/.bin/wasm-opt || ! -f node_modules/axe-core/axe.min.js \
      || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
echo "wasm-opt: $(node_modules/.bin/wasm-opt --version)"

if [[ $want_test -eq 1 ]]; then
    section "Chromium (headless browser tests)"
    if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
        apt_install chromium chromium-driver
    fi
    "${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || true
fi

if [[ $want_test -eq 1 ]]; then
    section "Python holidays (oracle of wasm/tests/holidays_oracle.rs)"
    holidays_pin=$(sed -n 's/^PIN = "\(.*\)"$/\1/p' scripts/holidays_oracle.py)
    holidays_dir="target/holidays-$holidays_pin"
    have_holidays() {
        python3 -c "import sys; sys.path.insert(0, '$holidays_dir'); import holidays; sys.exit(holidays.__version__ != '$holidays_pin')" 2>/dev/null
    }
    if ! have_holidays; then
        command -v python3 >/dev/null || apt_install python3
        python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
        # --target: a folder of its own, no virtual environment, and Debian's externally
        # managed system Python (PEP 668) is left alone.
        rm -rf "$holidays_dir"
        python3 -m pip install --quiet --disable-pip-version-check --no-input \
            --root-user-action=ignore --target "$holidays_dir" "holidays==$holidays_pin"
    fi
    have_holidays
    echo "holidays: $holidays_pin in $holidays_dir"
fi
