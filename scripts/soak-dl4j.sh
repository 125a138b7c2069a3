#!/usr/bin/env bash
# Soak run of the dl4j backend: 300,000 per-sample SGD steps of the article's network through the
# `backprop` launcher (its heap: a quarter of memory), sampling the process's resident memory every
# 0.5 s. The resident size saws up and down (about 0.8 to 2 GB with the launcher's heap) as G1 grows
# the heap between the backend's garbage-budget collections, which shrink it, a cycle of a few
# seconds; whether memory is bounded is whether that saw drifts upwards. So the script fits a straight
# line to every sample after the first tenth of the run (start-up: the heap and the JIT growing to
# their working size) and reports the line's rise over the fitted span against the mean: a bounded
# run's rise is near zero, a leak's is its growth. It also prints the largest resident size in each
# half of the run, the statistic of earlier versions: two extreme values of the saw, they swung from
# -6.8% to +15% between runs with no drift. Takes about 4 minutes; not part of the test command.
# Usage: scripts/soak-dl4j.sh [RESULT.properties] (the figures, for PerformanceReport).
# Extra JVM options: BACKPROP_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/resident-size.sh"
result="${1:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/backprop" backends > /dev/null   # build first, outside the measurement
start=$(date +%s)
"$root/backprop" train --backend dl4j --model "$root/examples/article/spec.json" \
  --data "$root/examples/article/people.csv" --epochs 75000 --batch-size 1 --every 7500 --progress lines \
  --out "$work/model.json" > "$work/train.log" 2>&1 &
pid=$!   # the launcher execs java, so this is the JVM
heap=""
while kill -0 "$pid" 2>/dev/null; do
  # The heap the run had: the last -Xmx on java's command line (the launcher's, or BACKPROP_JAVA_OPTS's),
  # read once the launcher has exec'd java.
  if [ -z "$heap" ] && tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | head -1 | grep -q 'java$'; then
    heap="$(tr '\0' '\n' < "/proc/$pid/cmdline" | grep -E '^-Xmx|^-XX:MaxRAMPercentage' | tail -1 || true)"
  fi
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  echo "$(( $(date +%s) - start )) ${rss:-0}" >> "$work/rss.log"
  sleep 0.5
done
wait "$pid"
seconds=$(( $(date +%s) - start ))
cat "$work/train.log"
read -r first second rise mean from to < <(summarize_resident "$work/rss.log")
echo "300,000 steps in $seconds s (${heap:-default heap}); resident size after ${from} s: mean $(( mean / 1024 )) MB," \
  "fitted trend $(( rise / 1024 )) MB to ${to} s ($(awk -v r="$rise" -v m="$mean" 'BEGIN {printf "%+.1f%%", 100 * r / m}'));" \
  "largest $(( first / 1024 )) MB in the first half, $(( second / 1024 )) MB in the second"
echo "resident size over time (s kB):"
awk 'NR % 40 == 1' "$work/rss.log"
if [ -n "$result" ]; then
  printf 'steps=300000\nseconds=%s\nfirst_half_max_kb=%s\nsecond_half_max_kb=%s\nsamples=%s\nheap=%s\n' \
    "$seconds" "$first" "$second" "$(wc -l < "$work/rss.log")" "${heap:-default}" > "$result"
  printf 'trend_kb=%s\nmean_kb=%s\nfit_from_s=%s\nfit_to_s=%s\n' "$rise" "$mean" "$from" "$to" >> "$result"
fi
