#!/usr/bin/env bash
# Soak run of the pytorch backend, as scripts/soak-dl4j.sh runs the dl4j one: 100,000 per-sample SGD
# steps of the article's network through the `backprop` launcher, sampling the process's resident
# memory every 2 s. Prints the run time and the largest resident size in each half of the run: a
# bounded run levels off, so the second half's largest is no more than the first half's. Not part of
# the test command. Usage: pytorch-backend/scripts/soak.sh [STEPS_IN_THOUSANDS] (default 100).
# Extra JVM options: BACKPROP_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
thousands="${1:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/backprop" backends > /dev/null   # build first, outside the measurement
start=$(date +%s)
# The article's data has 4 rows: 250 epochs of per-sample SGD are 1,000 steps.
"$root/backprop" train --backend pytorch --model "$root/examples/article/spec.json" \
  --data "$root/examples/article/people.csv" --epochs $(( thousands * 250 )) --batch-size 1 \
  --every $(( thousands * 25 )) --progress lines --out "$work/model.json" > "$work/train.log" 2>&1 &
pid=$!   # the launcher execs java, so this is the JVM
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  echo "$(( $(date +%s) - start )) ${rss:-0}" >> "$work/rss.log"
  sleep 2
done
wait "$pid"
seconds=$(( $(date +%s) - start ))
cat "$work/train.log"
read -r first second < <(awk '$2 > 0 {n++; s[n] = $2} END {h = int(n / 2); for (i = 1; i <= n; i++) {
  if (i <= h) { if (s[i] > a) a = s[i] } else { if (s[i] > b) b = s[i] } }; print a + 0, b + 0}' "$work/rss.log")
echo "$(( thousands * 1000 )) steps in $seconds s; largest resident size $(( first / 1024 )) MB in the first half, $(( second / 1024 )) MB in the second"
echo "resident size over time (s kB):"
cat "$work/rss.log"
