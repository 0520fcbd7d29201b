#!/usr/bin/env bash
# Builds the wasm and serves www/ on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop).
source "$(dirname "$0")/lib.sh"
build_web
exec node scripts/serve.mjs --port "${PORT:-8080}"
