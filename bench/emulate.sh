#!/usr/bin/env bash
# Benchmark of `emulate` (replay mode) on the local stack: seeds N posts (default 11,000) into
# the embedded H2 database, then replays them to Kafka and, separately, to Kinesis (moto), and
# prints records/s (three records per post) for each. Starts the local stack if it is down.
# Usage: bench/emulate.sh [posts]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts="${1:-11000}"
work="$here/bench/out/emulate"
mkdir -p "$work" && cd "$work"
"$here/scripts/local-stack" up
eval "$("$here/scripts/local-stack" env)"
"$here/pinpipe" seed-db --posts="$posts" --overwrite=true | tail -1
run=$(date +%s)

measure() { # name, options...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$here/pinpipe" emulate --mode=replay --topicPrefix="bench$run$name" "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v n="$name" -v s="$start" -v e="$end" -v r="$((posts * 3))" \
    'BEGIN { printf "%-8s %8.1f s  %8.0f records/s (%d records, JVM start included)\n", n, e - s, r / (e - s), r }'
}

measure kafka --kafkaBootstrapServers="$PINPIPE_KAFKA"
measure kinesis --kinesis=true --createStreams=true --endpoint="$PINPIPE_AWS_ENDPOINT" --awsRegion=us-east-1
