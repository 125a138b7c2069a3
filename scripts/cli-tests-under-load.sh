#!/usr/bin/env bash
# The cli module's tests, run again and again on a machine whose cores are all busy: each run starts
# one busy shell loop per core, runs `mvn test` for the cli module (upstream modules compiled, their
# tests not run), stops the loops, and then lists every process the run left behind (found by a
# marker in their environment, which Maven, Surefire's JVM and the commands the tests start all
# inherit). Prints, per run, the result, the time, the load average and the leftovers; exits 1 if
# any run failed or left a process. Not part of the test command. Usage:
# scripts/cli-tests-under-load.sh [RUNS (5)] [BUSY LOOPS (one per core)]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
loops="${2:-$(nproc)}"
logs="$(mktemp -d)"
marker="BACKPROP_LOAD_RUN=$$"
busy=()

stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null; done
  busy=()
}
trap stop_busy EXIT

# Processes other than this script whose environment holds this run's marker.
leftovers() {
  for dir in /proc/[0-9]*; do
    if grep -qzx "$marker" "$dir/environ" 2>/dev/null; then
      ps -o pid=,etime=,args= -p "${dir#/proc/}" | cut -c1-200
    fi
  done
}

passed=0
clean=0
for run in $(seq 1 "$runs"); do
  for _ in $(seq 1 "$loops"); do
    sh -c 'while :; do :; done' &
    busy+=($!)
  done
  start=$(date +%s.%N)
  (cd "$root" && env "$marker" mvn -B -o -pl cli -am test -Dtest='io/backprop/cli/**/*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false) > "$logs/run-$run.log" 2>&1
  code=$?
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_busy
  left="$(leftovers)"
  tests=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures' "$logs/run-$run.log" | tail -1 \
    | sed -E 's/^\[[A-Z]+\] //')
  printf 'run %d: %s in %.0f s (load average at the end %s); %s\n' "$run" \
    "$([ $code -eq 0 ] && echo passed || echo "FAILED (exit $code)")" "$seconds" "$load" "${tests:-no test summary}"
  [ $code -eq 0 ] && passed=$((passed + 1))
  if [ -z "$left" ]; then
    echo "  no process left behind"
    clean=$((clean + 1))
  else
    echo "  LEFT BEHIND:"
    echo "$left" | sed 's/^/    /'
  fi
  [ $code -eq 0 ] || grep -E '^\[ERROR\]' "$logs/run-$run.log" | head -20 | sed 's/^/    /'
done
echo "$passed of $runs runs passed, $clean of $runs left nothing behind; logs in $logs"
[ "$passed" -eq "$runs" ] && [ "$clean" -eq "$runs" ]
