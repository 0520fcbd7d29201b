#!/usr/bin/env bash
# The CLI's per-document commands at --jobs 1, 2 and N (all cores): wall time (median of
# RUNS), speed-up against one thread, peak memory, and a check that the output is the same
# bytes whatever the number. The load average is printed beside each run (the figures mean
# little on a busy machine).
# Usage: scripts/bench-jobs.sh FILE.jsonl [RUNS=3] [JOBS="1 2 N"]
set -euo pipefail
cd "$(dirname "$0")/.."
in=$1
runs=${2:-3}
n=$(nproc)
jobs=${3:-"1 2 $n"}
bin=target/release/article-analyzer
[ -x "$bin" ] || cargo build --release --bin article-analyzer
mb=$(du -m "$in" | cut -f1)
echo "input: $in ($(wc -l <"$in") documents, ${mb} MB); $n cores"
echo "| command | --jobs | wall (median of $runs) | runs | vs --jobs 1 | CPU used | peak RSS | load avg at start |"
echo "|---|---|---|---|---|---|---|---|"
for cmd in clean entities; do
  one=""
  ref=""
  for j in $jobs; do
    times=()
    loads=()
    rss=0
    cpus=()
    for _ in $(seq "$runs"); do
      loads+=("$(cut -d' ' -f1 /proc/loadavg)")
      out=$( { /usr/bin/time -f '%e %M %P' "$bin" "$cmd" --jsonl --jobs "$j" --quiet <"$in" | md5sum >/tmp/bench-jobs.md5; } 2>&1)
      times+=("$(echo "$out" | awk '{print $1}')")
      cpus+=("$(echo "$out" | awk '{print $3}')")
      rss=$(echo "$out" | awk -v r="$rss" '{print ($2 > r ? $2 : r)}')
      sum=$(cut -d' ' -f1 /tmp/bench-jobs.md5)
      if [ -z "$ref" ]; then ref=$sum; elif [ "$sum" != "$ref" ]; then echo "output differs at --jobs $j" >&2; exit 1; fi
    done
    med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    [ -n "$one" ] || one=$med
    echo "| $cmd --jsonl | $j | ${med} s | ${times[*]} | $(awk -v a="$one" -v b="$med" 'BEGIN {printf "%.2fx", a / b}') | ${cpus[*]} | $((rss / 1024)) MB | ${loads[*]} |"
  done
done
