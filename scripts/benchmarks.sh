#!/usr/bin/env bash
# Runs the benchmarks module (JMH: training, the peak, and reading CSV and model files) and writes
# docs/performance.md and docs/images/performance.png from that one run.
# Usage: scripts/benchmarks.sh [--quick] [JMH options...]
#   full:    about 36 minutes on a 2-core machine: scripts/command-timings.sh for the whole `backprop train`
#            commands of section (d) (under a minute), the iterations the benchmark classes declare, then
#            scripts/soak-dl4j.sh for the memory target (about 4 minutes);
#   --quick: about 3 minutes on a quiet 2-core machine (6 or more on a busy one), 2 × 1 s warm-up and 2 × 0.5 s measured per benchmark, a smaller sweep and
#            no soak run and no whole commands, for trying things; its numbers are rough.
# Extra JMH options (-p width=64, ...) go after; a benchmark regex first, before them, runs those
# benchmarks in place of the whole set (JMH runs every regex it is given), and the page shows the
# sections they fill: scripts/benchmarks.sh --quick 'io.backprop.bench.CsvRead.*'. BENCH_JAVA_OPTS go to
# JMH and every fork (e.g. -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
mode="scripts/benchmarks.sh"
jmh_options=()
full=yes
if [ "${1:-}" = "--quick" ]; then
  shift
  full=no
  mode="scripts/benchmarks.sh --quick"
  jmh_options=(-f 1 -wi 2 -w 1s -i 2 -r 500ms -p width=16,256,1024 -p batch=1,64,256)
fi
benchmarks='io.backprop.bench.(ArticleStep|Mlp|Sweep|Peak|CsvRead|ModelFile)Benchmark'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  benchmarks="$1"
  shift
  mode="$mode '$benchmarks'"
fi

echo "benchmarks: building (mvn package, tests skipped)..." >&2
# The CLI too: the soak and the command timings run the `backprop` launcher, which would build it itself.
(cd "$root" && mvn -B -q -DskipTests -pl benchmarks,cli -am package)
# Maven leaves an up-to-date jar untouched; mark this build so the launcher does not build it again.
touch "$root/cli/target/backprop-cli.jar"

target="$root/benchmarks/target"
classpath="$target/backprop-benchmarks.jar:$target/lib/*"
results="$target/jmh-results.json"
mkdir -p "$root/docs/images"

# "Raw DL4J at its defaults" is DL4J with nothing set: the caller's OMP_NUM_THREADS must not reach the
# forks (JMH forks inherit this environment). The best setting is made inside its own forks (RawDl4j).
unset OMP_NUM_THREADS

report_inputs=()
if [ "$full" = yes ]; then
  # Before JMH, so that a failing command costs a minute, not the whole run.
  echo "benchmarks: whole commands (scripts/command-timings.sh)..." >&2
  "$root/scripts/command-timings.sh" "$target/commands.properties" >&2
  report_inputs+=(--commands "$target/commands.properties")
fi

start=$(date +%s)
# One JMH run: every scenario, with the gc profiler for bytes per op; JSON for the report.
java ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.openjdk.jmh.Main \
  "$benchmarks" \
  -prof gc -rf json -rff "$results" "${jmh_options[@]}" "$@"
echo "benchmarks: JMH took $(( $(date +%s) - start )) s; results in $results" >&2

# The reference backend's Vector API kernels run only on JDK 25 and later (reference-impl/README.md,
# "The Vector API kernels"): when the run above took the MLP or sweep benchmarks, a second JMH run on a
# JDK 25 ($BACKPROP_JDK25, else /usr/lib/jvm/temurin-25*) with the incubator module, of `reference` and
# what it is judged against there: raw PyTorch on the MLP, and every engine of the sweep, so that the
# page's section (f) takes its ratios from that one run. The module goes in -jvmArgsPrepend: a
# -jvmArgsAppend on the command line would replace the benchmarks' own @Fork ones.
if [[ "$benchmarks" == *Mlp* || "$benchmarks" == *Sweep* ]]; then
  jdk25="${BACKPROP_JDK25:-}"
  if [ -z "$jdk25" ]; then
    for candidate in /usr/lib/jvm/temurin-25*; do
      if [ -x "$candidate/bin/java" ]; then
        jdk25="$candidate"
        break
      fi
    done
  fi
  if [ -n "$jdk25" ] && [ -x "$jdk25/bin/java" ]; then
    results25="$target/jmh-results-jdk25.json"
    echo "benchmarks: reference against raw PyTorch and the sweep on $jdk25, with the Vector API kernels..." >&2
    start=$(date +%s)
    "$jdk25/bin/java" ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.openjdk.jmh.Main \
      'io.backprop.bench.MlpBenchmark.(train|predict)(Reference|RawPytorchOneThread|RawPytorchTwoThreads)$' \
      'io.backprop.bench.SweepBenchmark' \
      -jvmArgsPrepend "--add-modules jdk.incubator.vector" \
      -prof gc -rf json -rff "$results25" "${jmh_options[@]}"
    echo "benchmarks: the JDK 25 run took $(( $(date +%s) - start )) s; results in $results25" >&2
    report_inputs+=(--jdk25 "$results25")
  else
    echo "benchmarks: no JDK 25 found (set BACKPROP_JDK25 to one, or install one as /usr/lib/jvm/temurin-25*):" \
      "the reference backend's Vector API kernels are not measured" >&2
  fi
fi

if [ "$full" = yes ]; then
  echo "benchmarks: soak run of the dl4j backend (scripts/soak-dl4j.sh)..." >&2
  "$root/scripts/soak-dl4j.sh" "$target/soak.properties" >&2
  report_inputs+=(--soak "$target/soak.properties")
fi

java -Djava.awt.headless=true -cp "$classpath" \
  io.backprop.bench.PerformanceReport "$results" "$root/docs/performance.md" \
  "$root/docs/images/performance.png" "$mode" "${report_inputs[@]}"
