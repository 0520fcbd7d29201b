# Shared by scripts/serve.sh and scripts/test.sh: installs what is missing, quickly when
# everything is present. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# A key of wasm-pack.toml: toml_get SECTION KEY (flat tables, string/bool values only).
toml_get() {
  awk -v sec="[$1]" -v key="$2" '
    /^\[/ { in_sec = ($0 == sec) }
    in_sec && $1 == key { sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t]*#.*$/, ""); gsub(/"/, ""); print; exit }
  ' wasm-pack.toml
}

ensure_rust_wasm() {
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    say "adding the rustfmt and clippy components"
    rustup component add rustfmt clippy
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # The CLI must be exactly the wasm-bindgen version in Cargo.lock.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
  if ! command -v wasm-pack >/dev/null; then
    say "installing wasm-pack"
    cargo install wasm-pack
  fi
}

ensure_node_modules() {
  if [ ! -d node_modules/playwright-core ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
}

# The Python package (pip install ".[spark,test]", built by maturin) in a virtualenv at
# .venv, with Java 17 for PySpark. PySpark 4 needs Python >= 3.11.
PY="$ROOT/.venv/bin/python"
ensure_python() {
  if ! command -v java >/dev/null; then
    say "installing Java 17 for PySpark"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless
  fi
  if [ ! -x "$PY" ]; then
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
      { echo "Python >= 3.11 is needed (PySpark 4)" >&2; return 1; }
    say "creating the Python virtualenv .venv"
    python3 -m venv "$ROOT/.venv"
  fi
  say "installing the Python package (maturin builds the core)"
  "$PY" -m pip install --quiet --disable-pip-version-check ".[spark,test]"
}

# Builds the page's wasm with the settings of wasm-pack.toml, then the single-file page.
build_web() {
  ensure_rust_wasm
  local target out profile opt
  target=$(toml_get build target)
  out=$(toml_get build out-dir)
  profile=$(toml_get build profile)
  opt=$(toml_get build wasm-opt)
  rm -f "$ROOT/$out/article_analyzer_bg.wasm"
  local flags=(--target "$target" --out-dir "$ROOT/$out" "--$profile" --no-typescript --no-pack)
  [ "$opt" = "false" ] && flags+=(--no-opt)
  say "wasm-pack build ${flags[*]}"
  wasm-pack --quiet build "${flags[@]}" 2>&1 | grep -v '^\[INFO\]' >&2 || true
  [ -f "$ROOT/$out/article_analyzer_bg.wasm" ] || { echo "wasm build failed" >&2; exit 1; }
  rm -f "$ROOT/$out/.gitignore"
  node scripts/build-single.mjs "$ROOT/$out" "$ROOT/$(toml_get single-file out)"
}
