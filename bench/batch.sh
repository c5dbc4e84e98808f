#!/usr/bin/env bash
# Benchmark of `batch`: generates N posts (default 1,000,000), then runs batch on the
# DirectRunner and on the SparkRunner (local[2]) over the same lake, and prints wall time,
# lake records per second and peak memory (RSS) for each, and their ratio.
# Usage: bench/batch.sh [posts] [work-folder]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts="${1:-1000000}"
work="${2:-$here/bench/out}"
lake="$work/lake-$posts"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

"$here/pinpipe" help >/dev/null  # builds the jar if needed, outside the timings
mkdir -p "$work"
if [[ ! -d "$lake/topics" ]]; then
  /usr/bin/time -f "generate: %e s, peak %M KB" "$here/pinpipe" generate --lakeRoot="$lake" --posts="$posts" --recordsPerFile=50000
fi
records=$(cat "$lake"/topics/*/partition=*/*.json | wc -l)
echo "lake: $posts posts, $records records (pin+geo+user lines), $(du -sh "$lake" | cut -f1)"

run() { # name, extra options...
  local name="$1"; shift
  local stats="$work/$name.time"
  /usr/bin/time -o "$stats" -f "%e %M" "$here/pinpipe" batch --lakeRoot="$lake" \
    --outputDir="$work/out-$name" "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
  read -r seconds kb < "$stats"
  awk -v n="$name" -v s="$seconds" -v r="$records" -v kb="$kb" \
    'BEGIN { printf "%-12s %8.1f s  %10.0f records/s  peak %6.2f GB\n", n, s, r / s, kb / 1048576 }'
  echo "$seconds" > "$work/$name.seconds"
}

run direct --runner=DirectRunner
run spark --runner=SparkRunner --sparkMaster='local[2]'
if diff <(cd "$work/out-direct" && cat */part*.json clean/*/part*.json rejected/*/part*.json 2>/dev/null | sort) \
        <(cd "$work/out-spark" && cat */part*.json clean/*/part*.json rejected/*/part*.json 2>/dev/null | sort) >/dev/null; then
  echo "outputs: identical"
else
  echo "outputs: DIFFER" >&2; exit 1
fi
awk -v d="$(cat "$work/direct.seconds")" -v s="$(cat "$work/spark.seconds")" \
  'BEGIN { printf "SparkRunner local[2] took %.2fx the DirectRunner time (%.1fx as fast)\n", s / d, d / s }'
