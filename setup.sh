#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh Debian machine of this kind.
# Idempotent: each step checks first and is quick when all is there.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n== setup: %s\n' "$*"; }
need_apt=()
command -v clang >/dev/null || need_apt+=(clang)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
python3 -c 'import ensurepip, venv' 2>/dev/null || need_apt+=(python3-venv)
if ((${#need_apt[@]})); then
  say "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}"
fi

say "rust toolchain (rust-toolchain.toml) and the wasm target"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install "$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# trunk 0.22 needs a newer rustc; 0.21.14 is the proven one.
if [[ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]]; then
  say "cargo install trunk 0.21.14 (about 11 minutes)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]]; then
  say "cargo install wasm-bindgen-cli $wb_version (about 3 minutes)"
  # Not --locked: its published lockfile pins a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi
grep -q "wasm_bindgen = \"$wb_version\"" Trunk.toml || {
  echo "setup: Trunk.toml [tools] wasm_bindgen must be $wb_version (Cargo.lock)" >&2; exit 1; }

say "npm packages: binaryen 132 (wasm-opt), esbuild (minifies the JS glue), playwright-core, lz-string (link-length comparison)"
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund
fi

say "python venv with real Alembic (golden refresh, benchmarks)"
if ! .venv/bin/python -c 'import alembic, sqlalchemy, pytest_alembic; assert alembic.__version__ == "1.20.1"' 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q alembic==1.20.1 sqlalchemy==2.1.9 pytest-alembic==0.13.1 pytest==8.4.2
fi

say "cargo fetch (trunk builds offline)"
cargo fetch --quiet
say "done"
