#!/usr/bin/env bash
# Soak run of the pytorch backend, as scripts/soak-dl4j.sh runs the dl4j one: 100,000 per-sample SGD
# steps of the article's network through the `backprop` launcher, sampling the process's resident
# memory every 2 s. Prints the run time, the line fitted to the resident size after the run's first
# tenth (its rise against its mean: a bounded run's is near zero) and the largest resident size in
# each half of the run, judged as scripts/soak-dl4j.sh judges them. Not part of the test command. Usage: pytorch-backend/scripts/soak.sh [STEPS_IN_THOUSANDS] (default 100).
# Extra JVM options: BACKPROP_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib/resident-size.sh"
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
sample_resident "$pid" 2 "$work/rss.log"
wait "$pid"
seconds=$(( $(date +%s) - start ))
cat "$work/train.log"
read -r first second rise mean from to < <(summarize_resident "$work/rss.log")
echo "$(( thousands * 1000 )) steps in $seconds s; resident size after ${from} s: mean $(( mean / 1024 )) MB," \
  "fitted trend $(( rise / 1024 )) MB to ${to} s ($(awk -v r="$rise" -v m="$mean" 'BEGIN {printf "%+.1f%%", 100 * r / m}'));" \
  "largest $(( first / 1024 )) MB in the first half, $(( second / 1024 )) MB in the second"
echo "resident size over time (s kB):"
cat "$work/rss.log"
