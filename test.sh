#!/usr/bin/env bash
# Runs every test: native unit/golden/CLI tests, wasm tests in headless Chromium,
# the release web build, and the end-to-end browser tests.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "== formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

echo "== native tests (the application layer and the page's glue included)"
cargo test --workspace

echo "== wasm tests in headless Chromium"
cargo test -p web --target wasm32-unknown-unknown

echo "== release web build (trunk, wasm-opt -Oz)"
trunk build --release

echo "== end-to-end tests in headless Chromium"
node --test tests/e2e/
