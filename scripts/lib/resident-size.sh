# Sourced by the soak scripts: sampling a process's resident size and judging whether it levelled off.

# sample_resident PID INTERVAL FILE: appends "SECONDS-SINCE-START KB" lines for PID's resident size
# (VmRSS) to FILE every INTERVAL seconds while PID lives.
sample_resident() {
  local pid="$1" interval="$2" file="$3" start rss
  start=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    echo "$(( $(date +%s) - start )) ${rss:-0}" >> "$file"
    sleep "$interval"
  done
}

# summarize_resident FILE: prints "FIRST SECOND RISE MEAN FROM TO" (kB, kB, kB, kB, s, s): the largest
# sample of each half of the run (the last sample may be taken after exit: zeros are skipped), and the
# least-squares line through every sample after the first tenth of the run (start-up: the heap and
# the JIT growing to their working size): its rise from the first fitted sample's time to the last's,
# the fitted samples' mean, and that span. A bounded run's line is level; a leak's rises by its growth.
summarize_resident() {
  awk '$2 > 0 {n++; t[n] = $1; r[n] = $2} END {
    h = int(n / 2); for (i = 1; i <= n; i++) { if (i <= h) { if (r[i] > a) a = r[i] } else { if (r[i] > b) b = r[i] } }
    k = int(n / 10) + 1; for (i = k; i <= n; i++) { m++; sx += t[i]; sy += r[i]; sxx += t[i] * t[i]; sxy += t[i] * r[i] }
    d = m * sxx - sx * sx; slope = d > 0 ? (m * sxy - sx * sy) / d : 0
    mean = m > 0 ? sy / m : 0
    printf "%d %d %.0f %.0f %d %d\n", a, b, slope * (t[n] - t[k]), mean, t[k], t[n] }' "$1"
}
