#!/usr/bin/env bash
# Memory of `stream` as its tables grow. N posts (default 1,700,000: 5.1 million records, so past
# 5 million clean rows) are seeded into the embedded database and replayed to Kafka, then copied
# to fresh topics with their arrival times spread over the last 60 minutes (BENCH_SPREAD_MINUTES;
# bench/SpreadArrivals.java), as if posted at a steady rate over that hour: a catch-up then holds
# one window's records at a time, as a stream does, not the whole replay's. Then `stream`
# on the embedded Flink (or BENCH_RUNNER=DirectRunner) catches up on them with the nine results
# per window, under a fixed heap (-Xmx2g, or BENCH_HEAP), and exits. Every 5 s the script samples
# the stream's resident memory (RSS), CPU time and rows committed (from its progress line); a GC
# log gives the heap after each collection (its least in a stretch is near the live heap). Each
# time the tables pass another million rows it prints: that million's rows/s and rows per
# CPU-second (start-up and JIT weigh on the first only), the peak RSS in it and the heap after
# collections in it. Memory that is flat stays level from one million to the next.
# BENCH_STREAM_OPTS adds options to `stream` (e.g. --dedupeHorizonMinutes=1); PINPIPE_JAR measures
# a given build instead of today's sources; BENCH_HISTO=true saves a class histogram of the live
# heap at each million (each forces a full collection). Usage: bench/stream-memory.sh [posts]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts="${1:-1700000}"
heap="${BENCH_HEAP:-2g}"
runner="${BENCH_RUNNER:-FlinkRunner}"
spread="${BENCH_SPREAD_MINUTES:-60}"
work="$here/bench/out/stream-memory"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$here/scripts/local-stack" up >/dev/null
eval "$("$here/scripts/local-stack" env)"
# A given PINPIPE_JAR (an earlier build, to compare) is measured as it is; otherwise today's sources.
jar="${PINPIPE_JAR:-$here/runners/target/pinpipe.jar}"
[[ -n "${PINPIPE_JAR:-}" ]] || "$here/pinpipe" help >/dev/null   # builds the jar if the sources changed
cp "$jar" "$work/pinpipe.jar"
export PINPIPE_JAR="$work/pinpipe.jar"
"$here/pinpipe" help >/dev/null   # writes the copy's class-data archive now
run="benchmemory$(date +%s)"
echo "seeding $posts posts and replaying them to Kafka (topics $run.*) ..."
"$here/pinpipe" seed-db --posts="$posts" --overwrite=true | tail -1
"$here/pinpipe" emulate --mode=replay --topicPrefix="${run}raw" --kafkaBootstrapServers="$PINPIPE_KAFKA" 2>/dev/null | tail -1
libs="$here/.local-stack/kafka/libs-3.9.1"
java -cp "$libs/kafka-clients-3.9.1.jar:$(ls "$libs"/slf4j-api-*.jar | head -1)" "$here/bench/SpreadArrivals.java" \
  "$PINPIPE_KAFKA" "${run}raw" "$run" "$spread" 2>/dev/null
echo "stream on $runner, -Xmx$heap, catching up on $((posts * 3)) records ..."
PINPIPE_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$work/gc.log" /usr/bin/time -o "$work/stream.time" -f "%e %U %S %M" \
  "$here/pinpipe" stream --runner="$runner" --source=kafka --kafkaBootstrapServers="$PINPIPE_KAFKA" \
  --topicPrefix="$run" --deltaRoot="$work/delta" --exitWhenCaughtUp=true ${BENCH_STREAM_OPTS:-} >"$work/stream.log" 2>&1 &
timer=$!
start=$(date +%s)
java_pid=""
for _ in $(seq 60); do
  java_pid=$(pgrep -n -f "$work/pinpipe.jar stream" || true)
  [[ -n "$java_pid" ]] && break
  sleep 0.5
done
next_histo=1
while kill -0 "$timer" 2>/dev/null; do
  rows=$({ grep -o '[0-9,]* rows committed' "$work/stream.log" || true; } | tail -1 | tr -d , | awk '{ print $1 + 0 }')
  rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$java_pid/status" 2>/dev/null || echo 0)
  ticks=$(awk '{ print $14 + $15 }' "/proc/$java_pid/stat" 2>/dev/null || echo 0)
  echo "$(( $(date +%s) - start )) ${rows:-0} ${rss:-0} ${ticks:-0}" >>"$work/samples.txt"
  if [[ "${BENCH_HISTO:-false}" == true ]] && (( ${rows:-0} >= next_histo * 1000000 )); then
    jcmd "$java_pid" GC.class_histogram 2>/dev/null | head -25 >"$work/histogram-${next_histo}M.txt" || true
    next_histo=$((next_histo + 1))
  fi
  sleep 5
done
wait "$timer" || { tail -20 "$work/stream.log" >&2; exit 1; }
read -r wall user sys kb <"$work/stream.time"
tail -2 "$work/stream.log"
# The heap after each collection: "[12.3s][info][gc] GC(4) Pause Young ... 600M->210M(1024M) 5.1ms"
sed -n 's/^\[\([0-9.]*\)s\].*->\([0-9]*\)M(.*$/\1 \2/p' "$work/gc.log" >"$work/heap-after-gc.txt"
echo "million  at (s)  rows/s  rows per CPU-s  peak RSS in it  heap after GC in it (least-most)"
awk -v hz="$(getconf CLK_TCK)" '
  FNR == NR { gc_t[++gcs] = $1; gc_mb[gcs] = $2; next }
  {
    t = $1; rows = $2; rss = $3; ticks = $4
    if (rss > peak) peak = rss
    while (rows >= (done + 1) * 1000000) {
      done++; most = 0; least = -1
      for (i = 1; i <= gcs; i++) if (gc_t[i] > from && gc_t[i] <= t) {
        if (gc_mb[i] > most) most = gc_mb[i]
        if (least < 0 || gc_mb[i] < least) least = gc_mb[i]
      }
      cpu = (ticks - from_ticks) / hz
      printf "%6dM %7d %7.0f %15.0f %12d MB %19d-%d MB\n", done, t, (rows - from_rows) / (t - from), (rows - from_rows) / (cpu > 0 ? cpu : 1), peak, least, most
      peak = 0; from = t; from_rows = rows; from_ticks = ticks
    }
  }' "$work/heap-after-gc.txt" "$work/samples.txt"
awk -v w="$wall" -v u="$user" -v s="$sys" -v kb="$kb" -v r=$((posts * 3)) \
  'BEGIN { printf "whole run: %.1f s, %.0f records/s, %.0f CPU-s (%.0f records per CPU-s), peak %.2f GB RSS\n", w, r / w, u + s, r / (u + s), kb / 1048576 }'
