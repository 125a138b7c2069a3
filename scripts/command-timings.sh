#!/usr/bin/env bash
# Whole `backprop` commands, as a user runs them: `backprop train` of the MLP 784-256-10 from its
# spec-only model file on CsvReadBenchmark's 45 MB CSV file (6,400 rows; batch 64 and 4 epochs: 400
# SGD steps, no loss computed), and the same on the binary format when `backprop convert` exists.
# Each command runs RUNS times (default 5), a new JVM each time, timed by the wall clock; the median,
# fastest and slowest go to RESULT.properties for PerformanceReport, section (d) of docs/performance.md.
# Builds nothing: scripts/benchmarks.sh builds the benchmarks module (whose WriteBenchmarkData writes the
# files) and the CLI first. Takes about 40 s. Usage: scripts/command-timings.sh RESULT.properties [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
result="${1:?usage: scripts/command-timings.sh RESULT.properties [RUNS]}"
runs="${2:-5}"
target="$root/benchmarks/target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java -cp "$target/backprop-benchmarks.jar:$target/lib/*" io.backprop.bench.WriteBenchmarkData \
  "$work/data.csv" "$work/mlp.json"
# The step of MlpBenchmark's trainReference: the reference backend, η = 0.01, Xavier-uniform weights
# from seed 1, rows in order; a loss every 5th epoch of 4 is none, so the command's work is the steps.
steps=400
train_arguments="--backend reference --lr 0.01 --epochs 4 --batch-size 64 --init xavier_uniform --seed 1 --loss-every 5"

# A first command outside the measurement: the launcher would build a stale CLI here, not in a timed run.
"$root/backprop" --version > /dev/null

# time_command NAME COMMAND...: runs it $runs times and appends NAME's median, fastest and slowest (ms).
time_command() {
  local name="$1"
  shift
  local times=() start
  for ((run = 1; run <= runs; run++)); do
    start=$(date +%s%N)
    if ! "$@" > "$work/$name.log" 2>&1; then
      cat "$work/$name.log" >&2
      echo "command-timings: $name failed: $*" >&2
      exit 1
    fi
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '{ t[NR] = $1 } END {
    median = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%s_median_ms=%s\n%s_min_ms=%s\n%s_max_ms=%s\n", name, median, name, t[1], name, t[NR] }' >> "$work/result"
  echo "command-timings: $name: ${times[*]} ms" >&2
}

{
  echo "runs=$runs"
  echo "steps=$steps"
  echo "train_arguments=$train_arguments"
  echo "csv_bytes=$(stat -c %s "$work/data.csv")"
} > "$work/result"

# shellcheck disable=SC2086 # the arguments are words
time_command train_csv "$root/backprop" train --model "$work/mlp.json" --data "$work/data.csv" \
  $train_arguments --out "$work/model.json"

# The binary format is timed only where the command that writes it exists.
commands="$("$root/backprop" --help)"
if grep -qE '^ +convert +' <<< "$commands"; then
  "$root/backprop" convert "$work/data.csv" "$work/data.bpd" > /dev/null
  echo "binary_bytes=$(stat -c %s "$work/data.bpd")" >> "$work/result"
  # shellcheck disable=SC2086
  time_command train_binary "$root/backprop" train --model "$work/mlp.json" --data "$work/data.bpd" \
    $train_arguments --out "$work/model.json"
fi

mv "$work/result" "$result"
cat "$result"
