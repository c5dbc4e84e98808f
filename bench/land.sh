#!/usr/bin/env bash
# Benchmark of `land` on the local stack: seeds N posts (default 200,000) into the embedded H2
# database, replays them to Kafka with `emulate`, then lands the three topics (3 records per
# post, so 600,000) with --exitWhenCaughtUp into a local folder (on the embedded Flink, as
# ./pinpipe runs it, and on the DirectRunner) and into S3 (moto), and runs the peer before and
# after them, a plain KafkaConsumer writing the same files without Beam
# (bench/PlainKafkaToFiles.java). Then a catch-up run of 1,000 posts (3,000 records).
# Each run reads from the beginning (its own consumer group) and includes JVM start and the
# last files' rotate interval (5 s). Prints records/s and land's ratio to the peer.
# BENCH_SPARK=1 adds land on Spark local[2] streaming (about 1,000 records/s: slow at this size).
# Usage: bench/land.sh [posts]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts="${1:-200000}"
records=$((posts * 3))
work="$here/bench/out/land"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$here/scripts/local-stack" up
eval "$("$here/scripts/local-stack" env)"
"$here/pinpipe" seed-db --posts="$posts" --overwrite=true | tail -1
prefix="benchland$(date +%s)"
"$here/pinpipe" emulate --mode=replay --topicPrefix="$prefix" --kafkaBootstrapServers="$PINPIPE_KAFKA" | tail -1
bucket="bench-$prefix"
aws_py="$here/.local-stack/venv/bin/python"
"$aws_py" -c "import boto3; boto3.client('s3', endpoint_url='$PINPIPE_AWS_ENDPOINT', region_name='us-east-1').create_bucket(Bucket='$bucket')"

declare -A seconds
measure() { # name, command...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
  end=$(date +%s.%N)
  seconds[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
  awk -v n="$name" -v t="${seconds[$name]}" -v r="$records" \
    'BEGIN { printf "%-14s %7.1f s  %8.0f records/s (%d records)\n", n, t, r / t, r }'
}
declare -A sustained
sustain() { # name, lake folder: records/s between its first and last full (5,000-record) files
  sustained[$1]=$(find "$2/topics" -name '*.json' -printf '%T@ %p\n' | sort -n | while read -r t f; do
    echo "$t $(wc -l <"$f")"; done | awk '$2 == 5000 { if (!n++) first = $1; last = $1 }
    END { if (n < 2 || last == first) print 0; else printf "%.0f", (n - 1) * 5000 / (last - first) }')
  echo "$1 sustained: ${sustained[$1]} records/s"
}
land() { # name, options...
  local name="$1"; shift
  measure "$name" "$here/pinpipe" land --kafkaBootstrapServers="$PINPIPE_KAFKA" --topicPrefix="$prefix" \
    --groupId="$prefix-$name" --exitWhenCaughtUp=true --rotateIntervalSeconds=5 "$@"
}

libs="$here/.local-stack/kafka/libs-3.9.1"
peer() { # name: the peer lands the topics into lake-<name>
  rm -rf "$work/lake-$1"
  measure "$1" java -cp "$libs/kafka-clients-3.9.1.jar:$(ls "$libs"/slf4j-api-*.jar | head -1)" \
    "$here/bench/PlainKafkaToFiles.java" "$PINPIPE_KAFKA" "$prefix" "$work/lake-$1" 5000
  sustain "$1" "$work/lake-$1"
}
# The peer runs first and last; land is compared with its better time and its better sustained
# rate of the two runs (its times varied from 4.4 to 6.7 s within an hour).
peer peer-first

land land-local --lakeRoot="$work/lake-local"
sustain land-local "$work/lake-local"
land land-direct --lakeRoot="$work/lake-direct" --runner=DirectRunner
sustain land-direct "$work/lake-direct"
lakes=(lake-local lake-direct lake-peer-first lake-peer-last)
if [[ "${BENCH_SPARK:-0}" == 1 ]]; then
  land land-spark --lakeRoot="$work/lake-spark" --runner=SparkRunner --sparkMaster='local[2]' --streaming=true
  lakes+=(lake-spark)
fi
land land-s3 --lakeRoot="s3://$bucket/lake" --endpoint="$PINPIPE_AWS_ENDPOINT" --awsRegion=us-east-1 --s3PathStyle=true
peer peer-last
if awk -v f="${seconds[peer-first]}" -v l="${seconds[peer-last]}" 'BEGIN { exit !(f < l) }'; then best=peer-first; else best=peer-last; fi
seconds[peer]=${seconds[$best]}
sustained[peer]=$(printf '%s\n' "${sustained[peer-first]}" "${sustained[peer-last]}" | sort -n | tail -1)
echo "the peer at its best: ${seconds[peer]} s, ${sustained[peer]} records/s sustained"
for lake in "${lakes[@]}"; do
  lines=$(cat "$work/$lake"/topics/*/*/*.json | wc -l)
  [[ "$lines" == "$records" ]] || { echo "$lake holds $lines lines, not $records" >&2; exit 1; }
done
awk -v a="${seconds[land-local]}" -v s="${seconds[land-s3]}" -v d="${seconds[land-direct]}" -v p="${seconds[peer]}" \
  -v sa="${sustained[land-local]}" -v sd="${sustained[land-direct]}" -v sp="${sustained[peer]}" \
  'BEGIN { printf "time vs the peer: land %.1fx, land to S3 %.1fx, land on the DirectRunner %.1fx\n", a / p, s / p, d / p
           printf "land at %.0f%% of the peer'"'"'s rate end to end, %.0f%% sustained (DirectRunner: %.0f%%, %.0f%%)\n",
             100 * p / a, 100 * sa / sp, 100 * p / d, 100 * sd / sp }'

# A catch-up run of a few thousand records: what a daily or hourly `land` does.
"$here/pinpipe" seed-db --posts=1000 --overwrite=true | tail -1
records=3000 prefix="$prefix-small"
"$here/pinpipe" emulate --mode=replay --topicPrefix="$prefix" --kafkaBootstrapServers="$PINPIPE_KAFKA" | tail -1
land land-small --lakeRoot="$work/lake-small"
