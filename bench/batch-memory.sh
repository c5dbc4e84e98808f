#!/usr/bin/env bash
# Memory of `batch` on Spark local[2] as the lake grows: generates lakes of 100,000, 1,000,000
# and 3,000,000 posts (or the sizes given) and runs batch on each under one fixed heap
# (-Xmx3g, or BENCH_HEAP), printing wall time, CPU time and peak memory (RSS) per size.
# Needs about 4 GB of disk for the three lakes. Usage: bench/batch-memory.sh [posts ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
heap="${BENCH_HEAP:-3g}"
work="$here/bench/out/memory"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
(($#)) || set -- 100000 1000000 3000000
"$here/pinpipe" help >/dev/null  # builds the jar if needed, outside the timings
mkdir -p "$work"
for posts in "$@"; do
  lake="$work/lake-$posts"
  [[ -d "$lake/topics" ]] || "$here/pinpipe" generate --lakeRoot="$lake" --posts="$posts" --recordsPerFile=50000 | tail -1
  PINPIPE_JAVA_OPTS="-Xmx$heap" /usr/bin/time -o "$work/$posts.time" -f "%e %U %S %M" "$here/pinpipe" batch \
    --lakeRoot="$lake" --outputDir="$work/out-$posts" --runner=SparkRunner --sparkMaster='local[2]' \
    >"$work/batch-$posts.log" 2>&1 || { tail -5 "$work/batch-$posts.log" >&2; exit 1; }
  read -r wall user sys kb <"$work/$posts.time"
  awk -v p="$posts" -v w="$wall" -v c="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v kb="$kb" -v h="$heap" \
    'BEGIN { printf "%9d posts, -Xmx%s: %7.1f s wall, %6.0f CPU-s, peak %.2f GB RSS\n", p, h, w, c, kb / 1048576 }'
done
