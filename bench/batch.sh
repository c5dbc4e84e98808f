#!/usr/bin/env bash
# Benchmark of `batch` against its peer, a plain Spark SQL job of our own doing the same contract
# (bench/spark-peer BatchPeer: same clean tables, nine results and rejected counts), on one lake in
# one run. Generates N posts (default 1,000,000), then runs under one heap (-Xmx3g, or BENCH_HEAP):
#   - the peer and batch on the SparkRunner, local[2], in turns, BENCH_ROUNDS times (default 3:
#     one run of each varies by up to ±20% on a shared machine, and turns spread the drift);
#   - batch on the DirectRunner once, if the lake is small enough for it under that heap (batch's
#     own rule: a tenth of the heap), else says it is skipped;
# and prints wall time (JVM start included), CPU time and peak RSS of each run, and the ratios of
# the medians to the peer's. Then CompareBatch (Spark SQL) requires each batch output to hold the
# peer's rows.
# Usage: [BENCH_ROUNDS=3] [BENCH_HEAP=3g] bench/batch.sh [posts] [work-folder]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts="${1:-1000000}"
work="${2:-$here/bench/out/batch}"
heap="${BENCH_HEAP:-3g}"
rounds="${BENCH_ROUNDS:-3}"
lake="$work/lake-$posts"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_ROUNDS must be a whole number of at least 1, not '$rounds'" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

"$here/pinpipe" help >/dev/null  # builds the jar if needed, outside the timings
source "$here/bench/spark-peer.sh"
build_spark_peer "$here" "$heap"
export SPARK_LOCAL_IP=127.0.0.1 PINPIPE_JAVA_OPTS="-Xmx$heap"

mkdir -p "$work"
if [[ ! -d "$lake/topics" ]]; then
  "$here/pinpipe" generate --lakeRoot="$lake" --posts="$posts" --recordsPerFile=50000 | tail -1
fi
records=$(cat "$lake"/topics/*/partition=*/*.json | wc -l)
echo "lake: $posts posts, $records records (pin+geo+user lines), $(du -sh "$lake" | cut -f1); heap -Xmx$heap, 2 cores"

declare -A wall cpu  # name -> the runs' figures, space-separated
measure() { # name, command...
  local name="$1"; shift
  rm -rf "$work/out-$name"
  /usr/bin/time -o "$work/$name.time" -f "%e %U %S %M" "$@" >"$work/$name.log" 2>&1 \
    || { tail -30 "$work/$name.log" >&2; exit 1; }
  local w u s kb c
  read -r w u s kb <"$work/$name.time"
  c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
  wall[$name]="${wall[$name]:-} $w"; cpu[$name]="${cpu[$name]:-} $c"
  awk -v n="$name" -v w="$w" -v c="$c" -v kb="$kb" -v r="$records" \
    'BEGIN { printf "%-14s %7.1f s  %7.0f records/s  %6.0f CPU-s  peak %5.2f GB RSS\n", n, w, r / w, c, kb / 1048576 }'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { # name
  local n=$(wc -w <<<"${wall[$1]}")
  awk -v n="$1" -v runs="$n" -v a="$(median <<<"${wall[$1]}")" -v b="$(median <<<"${wall[peer]}")" \
    -v c="$(median <<<"${cpu[$1]}")" -v d="$(median <<<"${cpu[peer]}")" \
    'BEGIN { printf "%s vs the peer (medians of %d run%s): %.1f s against %.1f s, %.2fx the wall time; %.0f CPU-s against %.0f, %.2fx the CPU time\n", n, runs, runs == 1 ? "" : "s", a, b, a / b, c, d, c / d }'
}
compare() { # name; batch's output is in the run folder that _last_run.json names
  local run; run="$(sed -E 's/.*"run":"([^"]+)".*/\1/' "$work/out-$1/_last_run.json")"
  "${spark_java[@]}" dev.pinpipe.bench.CompareBatch "$work/out-$1/$run" "$work/out-peer" >"$work/compare-$1.log" 2>&1 \
    || { grep -E "rows;|batch [0-9]|DIFFER" "$work/compare-$1.log" >&2; echo "$1's output differs from the peer's" >&2; exit 1; }
  echo "$1: same rows as the peer in the 3 clean tables and 9 results, same rejected counts ($(grep -c "rows;" "$work/compare-$1.log") folders compared)"
}

for ((round = 1; round <= rounds; round++)); do
  measure peer "${spark_java[@]}" dev.pinpipe.bench.BatchPeer "$lake" pinterest "$work/out-peer"
  measure batch-spark "$here/pinpipe" batch --lakeRoot="$lake" --outputDir="$work/out-batch-spark" \
    --runner=SparkRunner --sparkMaster='local[2]'
done
heap_bytes=$(java "-Xmx$heap" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { print $4 }')
lake_bytes=$(du -sb "$lake/topics" | cut -f1)
direct=no
if ((lake_bytes <= heap_bytes / 10)); then
  measure batch-direct "$here/pinpipe" batch --lakeRoot="$lake" --outputDir="$work/out-batch-direct" --runner=DirectRunner
  direct=yes
else
  echo "batch-direct   skipped: the lake ($((lake_bytes / 1048576)) MB) is over a tenth of -Xmx$heap, which batch refuses on the DirectRunner"
fi
ratio batch-spark
[[ $direct == yes ]] && ratio batch-direct
compare batch-spark
[[ $direct == yes ]] && compare batch-direct
true
