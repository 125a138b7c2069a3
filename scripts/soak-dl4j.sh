#!/usr/bin/env bash
# Soak run of the dl4j backend: 100,000 per-sample SGD steps of the article's network through the
# `backprop` launcher, sampling the process's resident memory every 2 s. It prints the run time and
# the largest resident size; a bounded run levels off (about 745 MB with the launcher's -Xmx512m).
# Takes about 3 minutes; not part of the test command. Extra JVM options: BACKPROP_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/backprop" backends > /dev/null   # build first, outside the measurement
start=$(date +%s)
"$root/backprop" train --backend dl4j --model "$root/examples/article/spec.json" \
  --data "$root/examples/article/people.csv" --epochs 25000 --batch-size 1 --every 2500 \
  --out "$work/model.json" > "$work/train.log" 2>&1 &
pid=$!   # the launcher execs java, so this is the JVM
max=0
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [ "${rss:-0}" -gt "$max" ] && max=$rss
  echo "$(( $(date +%s) - start )) s  ${rss:-0} kB" >> "$work/rss.log"
  sleep 2
done
wait "$pid"
cat "$work/train.log"
echo "100,000 steps in $(( $(date +%s) - start )) s; largest resident size $(( max / 1024 )) MB"
echo "resident size over time (kB):"
awk 'NR % 10 == 1' "$work/rss.log"
