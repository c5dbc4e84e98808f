#!/usr/bin/env bash
# How `batch` on Spark local[2] grows with the lake: generates lakes of 100,000, 1,000,000,
# 3,000,000 and 10,000,000 posts (or the sizes given) and runs batch on each under one fixed heap
# (-Xmx3g, or BENCH_HEAP), printing per size the wall time, CPU time and peak memory (RSS), and
# the wall and CPU seconds per million lake lines (the cost per line, which should not grow).
# Lakes are kept under bench/out/memory for the next run (about 13 GB for the four); each run's
# output is removed once measured. Usage: bench/batch-memory.sh [posts ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
heap="${BENCH_HEAP:-3g}"
work="$here/bench/out/memory"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
(($#)) || set -- 100000 1000000 3000000 10000000
"$here/pinpipe" help >/dev/null  # builds the jar if needed, outside the timings
mkdir -p "$work"
printf '%10s %11s %9s %8s %9s %14s %14s\n' posts "lake lines" "wall s" "CPU s" "peak RSS" "wall s/M lines" "CPU s/M lines"
for posts in "$@"; do
  lake="$work/lake-$posts"
  if [[ ! -f "$lake/generated.txt" ]]; then
    echo "generating $posts posts ..." >&2
    rm -rf "$lake"
    "$here/pinpipe" generate --lakeRoot="$lake" --posts="$posts" --recordsPerFile=50000 2>/dev/null | grep "^Wrote" >"$work/generated-$posts.txt"
    mv "$work/generated-$posts.txt" "$lake/generated.txt"
  fi
  # "Wrote ... lines pin=104,946 geo=105,017 user=105,043 in 9 files"
  lines=$(grep -o '[a-z]*=[0-9,]*' "$lake/generated.txt" | tr -d , | awk -F= '$1 ~ /^(pin|geo|user)$/ { n += $2 } END { print n }')
  echo "batch on $posts posts ($lines lines) ..." >&2
  PINPIPE_JAVA_OPTS="-Xmx$heap" /usr/bin/time -o "$work/$posts.time" -f "%e %U %S %M" "$here/pinpipe" batch \
    --lakeRoot="$lake" --outputDir="$work/out-$posts" --runner=SparkRunner --sparkMaster='local[2]' \
    >"$work/batch-$posts.log" 2>&1 || { tail -5 "$work/batch-$posts.log" >&2; exit 1; }
  rm -rf "$work/out-$posts"
  read -r wall user sys kb <"$work/$posts.time"
  awk -v p="$posts" -v l="$lines" -v w="$wall" -v c="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v kb="$kb" \
    'BEGIN { printf "%10d %11d %9.1f %8.0f %7.2f GB %14.1f %14.1f\n", p, l, w, c, kb / 1048576, w / (l / 1e6), c / (l / 1e6) }'
done
echo "(batch on Spark local[2], -Xmx$heap; logs in $work)"
