#!/usr/bin/env bash
# The comparison the CSV reader is held to by hand: numpy's loadtxt reading the same 45 MB file that
# CsvReadBenchmark reads (WriteBenchmarkData writes it), in MB/s (10⁶ bytes per second), the best and
# the median of RUNS reads (default 5) in one Python process, after one read that is not counted.
# Not part of scripts/benchmarks.sh's run: the page gives only what its own run measures. Needs python3
# with numpy, and the benchmarks module built (mvn -B -q package -pl benchmarks -am -DskipTests).
# Usage: scripts/numpy-loadtxt.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${1:-5}"
target="$root/benchmarks/target"
if ! python3 -c 'import numpy' 2> /dev/null; then
  echo "numpy-loadtxt: python3 with numpy not found; nothing measured" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$target/backprop-benchmarks.jar:$target/lib/*" io.backprop.bench.WriteBenchmarkData \
  "$work/data.csv" "$work/mlp.json"
python3 - "$work/data.csv" "$runs" <<'PYTHON'
import os, statistics, sys, time
import numpy
path, runs = sys.argv[1], int(sys.argv[2])
size = os.path.getsize(path)
numpy.loadtxt(path, delimiter=",", skiprows=1)  # not counted: the file in the page cache, numpy's code loaded
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    table = numpy.loadtxt(path, delimiter=",", skiprows=1)
    seconds.append(time.perf_counter() - start)
best, median = min(seconds), statistics.median(seconds)
print(f"numpy {numpy.__version__} loadtxt of {size / 1e6:.1f} MB ({table.shape[0]} rows x {table.shape[1]} columns),"
      f" {runs} reads: best {size / 1e6 / best:.0f} MB/s ({best:.2f} s), median {size / 1e6 / median:.0f} MB/s"
      f" ({median:.2f} s)")
PYTHON
