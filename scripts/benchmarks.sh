#!/usr/bin/env bash
# Runs the benchmarks module (JMH) and writes docs/performance.md and docs/images/performance.png
# from that one run. Usage: scripts/benchmarks.sh [--quick] [JMH options...]
#   full:    about 16 minutes on a 2-core machine: the iterations the benchmark classes declare, then
#            scripts/soak-dl4j.sh for the memory target (about 2 minutes);
#   --quick: about 3 minutes on a quiet 2-core machine (6 or more on a busy one), 2 × 1 s warm-up and 2 × 0.5 s measured per benchmark, a smaller sweep and
#            no soak run, for trying things; its numbers are rough.
# Extra JMH options (a benchmark regex, -p width=64, ...) go after; BENCH_JAVA_OPTS go to JMH and every
# fork (e.g. -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
mode="scripts/benchmarks.sh"
jmh_options=()
soak=yes
if [ "${1:-}" = "--quick" ]; then
  shift
  soak=no
  mode="scripts/benchmarks.sh --quick"
  jmh_options=(-f 1 -wi 2 -w 1s -i 2 -r 500ms -p width=16,256,1024 -p batch=1,64,256)
fi

echo "benchmarks: building (mvn package, tests skipped)..." >&2
(cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package)

target="$root/benchmarks/target"
classpath="$target/backprop-benchmarks.jar:$target/lib/*"
results="$target/jmh-results.json"
mkdir -p "$root/docs/images"

# "Raw DL4J at its defaults" is DL4J with nothing set: the caller's OMP_NUM_THREADS must not reach the
# forks (JMH forks inherit this environment). The best setting is made inside its own forks (RawDl4j).
unset OMP_NUM_THREADS

start=$(date +%s)
# One JMH run: every scenario, with the gc profiler for bytes per op; JSON for the report.
java ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.openjdk.jmh.Main \
  'io.backprop.bench.(ArticleStep|Mlp|Sweep|Peak)Benchmark' \
  -prof gc -rf json -rff "$results" "${jmh_options[@]}" "$@"
echo "benchmarks: JMH took $(( $(date +%s) - start )) s; results in $results" >&2

soak_result=()
if [ "$soak" = yes ]; then
  echo "benchmarks: soak run of the dl4j backend (scripts/soak-dl4j.sh)..." >&2
  "$root/scripts/soak-dl4j.sh" "$target/soak.properties" >&2
  soak_result=("$target/soak.properties")
fi

java -Djava.awt.headless=true -cp "$classpath" \
  io.backprop.bench.PerformanceReport "$results" "$root/docs/performance.md" \
  "$root/docs/images/performance.png" "$mode" "${soak_result[@]}"
