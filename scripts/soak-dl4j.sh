#!/usr/bin/env bash
# Soak run of the dl4j backend: 300,000 per-sample SGD steps of the article's network through the
# `backprop` launcher (its heap: a quarter of memory), sampling the process's resident memory every
# 0.5 s. It prints the run time and the largest resident size in each half of the run: a bounded run
# levels off, so the second half's largest is no more than the first half's. The resident size saws
# up and down as the backend's garbage budget collects (between about 1.3 and 1.8 GB with the
# launcher's heap), a cycle some tens of seconds long: each half is long enough (about 100 s) to hold
# several cycles, and the samples dense enough to catch each top, so the halves' largest compare the
# saw's tops rather than where the samples fell (100,000 steps sampled every 2 s gave -6.8%, +13%,
# +1.2% and +7.5% in four runs with no climb). Takes about 4 minutes; not part of the test command.
# Usage: scripts/soak-dl4j.sh [RESULT.properties] (the figures, for PerformanceReport).
# Extra JVM options: BACKPROP_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
# The largest resident size in each half of the samples (kB); the last sample may be taken after exit.
read -r first second < <(awk '$2 > 0 {n++; s[n] = $2} END {h = int(n / 2); for (i = 1; i <= n; i++) {
  if (i <= h) { if (s[i] > a) a = s[i] } else { if (s[i] > b) b = s[i] } }; print a + 0, b + 0}' "$work/rss.log")
echo "300,000 steps in $seconds s (${heap:-default heap}); largest resident size $(( first / 1024 )) MB in the first half, $(( second / 1024 )) MB in the second"
echo "resident size over time (s kB):"
awk 'NR % 40 == 1' "$work/rss.log"
if [ -n "$result" ]; then
  printf 'steps=300000\nseconds=%s\nfirst_half_max_kb=%s\nsecond_half_max_kb=%s\nsamples=%s\nheap=%s\n' \
    "$seconds" "$first" "$second" "$(wc -l < "$work/rss.log")" "${heap:-default}" > "$result"
fi
