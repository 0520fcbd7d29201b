#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer): each target of fuzz/ in turn, for
# SECONDS each (default 600), one job at a time at low priority. Every target checks the
# invariants of tests/common/invariants.rs, not just "no panic".
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: decode clean entities dedup pipeline diff quotes html
#
# Seeds come from tests/fixtures/*.txt, tests/fuzz-regressions/ and a few tricky inputs;
# the growing corpus is kept in fuzz/corpus/<target>/ (not committed). A crashing input is
# minimised and copied to tests/fuzz-regressions/<target>/, which `cargo test` replays
# (tests/fuzz_regressions.rs): commit it with the fix.
source "$(dirname "$0")/lib.sh"

secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode clean entities dedup pipeline diff quotes html)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
FUZZ=(nice -n 10 cargo +nightly fuzz)
# Release build with debug assertions and overflow checks.
BUILD=(-O -a)

if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz
fi

# Writes the seed corpus of one target into $1.
seed() {
  local target=$1 dir=$2 f i=0
  mkdir -p "$dir"
  for f in tests/fixtures/*.txt; do
    cp "$f" "$dir/fixture-$(basename "$f")"
  done
  if [ -d "tests/fuzz-regressions/$target" ]; then
    cp tests/fuzz-regressions/"$target"/* "$dir"/ 2>/dev/null || true
  fi
  local tricky=(
    '\xff\xfeH\x00i\x00 \x00\x00\xd8 \x00\x3d\xd8\x00\xde'   # UTF-16LE, lone high surrogate, emoji
    '\xfe\xff\x00H\xdc\x00\x00i\xd8\x00'                     # UTF-16BE, lone low surrogate, cut pair
    '\xef\xbb\xbfcaf\xc3\xa9 \xe2\x80\xae Putin \xe2\x80\xac'  # UTF-8 BOM, RTL override
    'caf\xe9 \x93quoted\x94 M\xfcller'                        # Windows-1252
    'a\x00b\x00c'                                               # NULs
    'Zelenske\xcc\x81 e\xcc\x81\xcc\x82\xcc\x83 Vladimir Putin met Donald Trump on June 28, 2019.'
    '\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \xf0\x9f\x87\xba\xf0\x9f\x87\xa6 Kyiv'
    '\xe5\x8c\x97\xe4\xba\xac Beijing \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xe2\x81\xa7x\xe2\x81\xa9'
    '<html><head><style>p{}</style></head><p>A &amp; B &#x1F600; &#0; &#xD800; &rsquo;\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac</p><script>x</script>'
    'Advertisement\nShare this story\n\xc3\xa2\xe2\x82\xac\xe2\x84\xa2 himself.The donald trump said\n\n\n'
  )
  for t in "${tricky[@]}"; do
    printf "$t" >"$dir/tricky-$i"
    i=$((i + 1))
  done
  # Corpus targets: several documents separated by 0x1E, one of them a copy.
  if [ "$target" = dedup ] || [ "$target" = pipeline ]; then
    local all=(tests/fixtures/0*.txt)
    { cat "${all[0]}"; printf '\x1e'; cat "${all[1]}"; printf '\x1e'; cat "${all[0]}"; printf '\x1e'; cat "${all[2]}"; } >"$dir/docs-0"
    { cat "${all[3]}"; printf '\x1e'; head -c 1500 "${all[3]}"; printf '\x1e'; cat "${all[4]}"; } >"$dir/docs-1"
  fi
  # diff: a source and a copy separated by 0x1E (a seed and its truncation, two seeds).
  if [ "$target" = diff ]; then
    local seeds=(tests/fixtures/0*.txt)
    { cat "${seeds[0]}"; printf '\x1e'; head -c 2000 "${seeds[0]}"; } >"$dir/pair-0"
    { cat "${seeds[1]}"; printf '\x1e'; cat "${seeds[2]}"; } >"$dir/pair-1"
  fi
}

say "building the fuzz targets"
"${FUZZ[@]}" build "${BUILD[@]}"

summary=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  artifacts="fuzz/artifacts/$target"
  log="fuzz/artifacts/$target.log"
  mkdir -p "$artifacts"
  seed "$target" "$corpus"
  say "fuzzing $target for ${secs}s"
  start=$(date +%s)
  set +e
  # -jobs=1 -workers=1: one fuzzing process; libFuzzer then writes its output to
  # ./fuzz-0.log, which is moved next to the target's artifacts.
  rm -f fuzz-0.log
  "${FUZZ[@]}" run "${BUILD[@]}" "$target" "$corpus" -- \
    -max_total_time="$secs" -max_len=65536 -timeout=60 -rss_limit_mb=2048 \
    -jobs=1 -workers=1 -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  if [ -f fuzz-0.log ]; then cat fuzz-0.log >>"$log" && rm fuzz-0.log; fi
  grep -E '^#[0-9]+.*DONE|panicked at|^SUMMARY|^stat::' "$log" >&2 || true
  took=$(($(date +%s) - start))
  execs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  found=0
  for crash in "$artifacts"/crash-* "$artifacts"/oom-* "$artifacts"/timeout-*; do
    [ -e "$crash" ] || continue
    found=$((found + 1))
    dest="tests/fuzz-regressions/$target"
    mkdir -p "$dest"
    name=$(basename "$crash")
    if [[ $name == crash-* ]]; then
      say "minimising $crash"
      "${FUZZ[@]}" tmin "${BUILD[@]}" "$target" "$crash" -- -runs=2000 >/dev/null 2>&1 || true
      small=$(ls -t "$artifacts"/minimized-from-* 2>/dev/null | head -1 || true)
      if [ -n "$small" ]; then mv "$small" "$dest/$name"; else cp "$crash" "$dest/$name"; fi
      rm -f "$artifacts"/minimized-from-*
    else
      cp "$crash" "$dest/$name"
    fi
    mv "$crash" "$artifacts/seen-$name"
    say "saved tests/fuzz-regressions/$target/$name"
  done
  summary+=("$target: ${took}s, ${execs:-?} executions, corpus $size files, exit $status, $found new crash input(s)")
done

say "summary"
printf '  %s\n' "${summary[@]}" >&2
