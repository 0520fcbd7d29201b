#!/usr/bin/env bash
# Runs every test: formatting and lints (rustfmt, clippy), native (cargo test), the shared
# checks as wasm in headless Chromium (wasm-bindgen-test), the Python package and its Spark
# job (pytest), and the browser end-to-end tests (playwright-core + Debian Chromium).
# Installs whatever is missing first; quick when everything is present.
source "$(dirname "$0")/lib.sh"

ensure_rust_wasm
ensure_chromium
ensure_node_modules

failed=()
step() {
  local name=$1
  shift
  say "$name"
  if "$@"; then :; else failed+=("$name"); fi
}

step "formatting (cargo fmt --check)" cargo fmt --all --check
# The wasm boundary (src/wasm.rs) only builds for wasm32, so it is linted there too.
step "lints (cargo clippy, native and wasm32)" \
  bash -c 'cargo clippy --workspace --all-targets -- -D warnings &&
    cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings'
# Property tests draw from a fixed seed here so a CI run is reproducible; run
# `PROPTEST_RNG_SEED=$RANDOM cargo test` to explore new cases.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261123}"
step "native tests (cargo test)" cargo test --release --no-fail-fast
export CHROMEDRIVER=/usr/bin/chromedriver
step "wasm tests in headless Chromium (wasm-bindgen-test)" \
  wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --release -- --test web
step "Python package and Spark job (pytest)" bash -c 'source scripts/lib.sh && ensure_python && "$PY" -m pytest -q tests/python'
step "building the page" build_web
step "browser end-to-end tests (playwright-core)" node --test --test-concurrency=1 tests/e2e/

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nFAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
say "all test suites passed"
