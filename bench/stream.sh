#!/usr/bin/env bash
# Benchmark of `stream` (Kafka → the shared cleaning → Delta) beside its peer, a plain Spark
# Structured Streaming job doing the same with delta-spark (bench/spark-peer, our own code), in one
# run on the local stack, `stream` on an embedded Flink (flink, its default) and, with
# BENCH_DIRECT=true, on the DirectRunner (direct: slow at this size; 30,000 records took it 75 s,
# Flink 23 s):
#   1. throughput: N posts (default 100,000, so 3N records) replayed to Kafka, then each system
#      catches up from the beginning into its own Delta tables and exits (pinpipe
#      --exitWhenCaughtUp, the peer Trigger.AvailableNow); wall time (JVM start included), CPU
#      time and peak RSS. Then Spark SQL (delta-spark) reads both sets of tables and they must agree.
#   2. latency: each system follows fresh topics while `emulate` posts at a fixed rate (default 334
#      posts/s, 1,002 records/s, for 300 s); p50/p99 from a record's Kafka timestamp to the Delta
#      commit that added its row (bench/commit-latency.py reads the Delta log), and the follower's
#      peak memory in each minute (to see it stay flat).
# BENCH_FOLLOW_HEAP (default 4g) is the heap of pinpipe's follower in the latency leg.
# Both commit every 10 s in the catch-up (pinpipe's --commitSeconds default; the peer's trigger
# interval) and every [commit-seconds] (default 2) in the latency leg.
# Usage: bench/stream.sh [posts] [posts-per-second] [seconds] [commit-seconds]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts="${1:-100000}"
rate="${2:-334}"
seconds="${3:-300}"
every="${4:-2}"
records=$((posts * 3))
work="$here/bench/out/stream"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$here/scripts/local-stack" up
eval "$("$here/scripts/local-stack" env)"
source "$here/bench/spark-peer.sh"
build_spark_peer "$here" 4g
export PINPIPE_JAVA_OPTS="-Xmx4g" SPARK_LOCAL_IP=127.0.0.1
libs="$here/.local-stack/kafka/libs-3.9.1"
kafka_cp="$libs/kafka-clients-3.9.1.jar:$(ls "$libs"/slf4j-api-*.jar | head -1)"
delta_py="$PINPIPE_DELTA_PYTHON"
"$here/pinpipe" help >/dev/null   # builds the jar if the sources changed; then this run keeps a copy
cp "$here/runners/target/pinpipe.jar" "$work/pinpipe.jar"
export PINPIPE_JAR="$work/pinpipe.jar"
"$here/pinpipe" help >/dev/null   # writes the copy's class-data archive now, not in the first measured run
"$here/pinpipe" seed-db --posts="$posts" --overwrite=true | tail -1
run="benchstream$(date +%s)"

declare -A wall cpu rss
measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -o "$work/$name.time" -f "%e %U %S %M" "$@" >"$work/$name.log" 2>&1 \
    || { tail -50 "$work/$name.log" >&2; exit 1; }
  read -r w u s m <"$work/$name.time"
  wall[$name]=$w; cpu[$name]=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }'); rss[$name]=$((m / 1024))
  awk -v n="$name" -v w="$w" -v c="${cpu[$name]}" -v m="${rss[$name]}" -v r="$records" \
    'BEGIN { printf "%-8s %7.1f s  %6.0f records/s  %6.0f CPU-s  peak %5d MB  (%d records)\n", n, w, r / w, c, m, r }'
}

echo "== throughput: $records records from Kafka into Delta, catching up from the beginning"
"$here/pinpipe" emulate --mode=replay --topicPrefix="$run" --kafkaBootstrapServers="$PINPIPE_KAFKA" | tail -1
# A catch-up run with the results on ends once the windows its records arrived in are written:
# the runs start after the last of those (60 s windows) has closed, 10 s of lateness and the 5 s
# the watermark trails the clock later, so that they measure their work, not that wait.
closed=$((60 - $(date +%s) % 60 + 16))
echo "waiting ${closed} s for the window of the records to close"
sleep "$closed"
measure flink "$here/pinpipe" stream --source=kafka --kafkaBootstrapServers="$PINPIPE_KAFKA" \
  --topicPrefix="$run" --deltaRoot="$work/delta-flink" --groupId="flink-$run" --exitWhenCaughtUp=true
if [[ "${BENCH_DIRECT:-false}" == true ]]; then
  measure direct "$here/pinpipe" stream --runner=DirectRunner --source=kafka --kafkaBootstrapServers="$PINPIPE_KAFKA" \
    --topicPrefix="$run" --deltaRoot="$work/delta-direct" --groupId="direct-$run" --exitWhenCaughtUp=true
fi
measure peer "${spark_java[@]}" dev.pinpipe.bench.StreamPeer "$PINPIPE_KAFKA" "$run" "$work/delta-peer" \
  "$work/peer-checkpoint" catch-up
echo "Spark SQL with delta-spark reads pinpipe's tables (written by delta-standalone) and the peer's:"
if [[ -n "${wall[direct]:-}" ]]; then
  "${spark_java[@]}" dev.pinpipe.bench.CompareTables "$work/delta-direct" "$work/delta-peer" "$run" "$run" >"$work/compare.log" 2>&1 \
    || { tail -30 "$work/compare.log" >&2; echo "the tables on the DirectRunner differ" >&2; exit 1; }
  grep "rows read by Spark SQL" "$work/compare.log"
fi
"${spark_java[@]}" dev.pinpipe.bench.CompareTables "$work/delta-flink" "$work/delta-peer" "$run" "$run" >"$work/compare-flink.log" 2>&1 \
  || { tail -30 "$work/compare-flink.log" >&2; echo "the tables on Flink differ" >&2; exit 1; }
grep "rows read by Spark SQL" "$work/compare-flink.log"
awk -v a="${wall[flink]}" -v b="${wall[peer]}" -v c="${cpu[flink]}" -v d="${cpu[peer]}" -v m="${rss[flink]}" -v n="${rss[peer]}" \
  'BEGIN { printf "pinpipe on Flink vs the peer: %.2fx the records/s, %.2fx the CPU time, %.2fx the peak memory\n", b / a, c / d, m / n }'
if [[ -n "${wall[direct]:-}" ]]; then
  awk -v a="${wall[direct]}" -v b="${wall[peer]}" -v c="${cpu[direct]}" -v d="${cpu[peer]}" \
    'BEGIN { printf "pinpipe on the DirectRunner vs the peer: %.2fx the records/s, %.2fx the CPU time\n", b / a, c / d }'
fi

echo "== latency: $rate posts/s ($((rate * 3)) records/s) for $seconds s, post to committed row, commits every $every s"
rss_tree() { # pid: resident memory of the process and its children, in MB
  local total=0 p
  for p in "$1" $(pgrep -P "$1" 2>/dev/null); do
    total=$((total + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}
follow() { # name, command that follows the topics until killed or timed out...
  local name="$1"; shift
  local topics="$run-$name"
  "$here/pinpipe" emulate --mode=random --count=10 --ratePerSecond=10 --topicPrefix="$topics" \
    --kafkaBootstrapServers="$PINPIPE_KAFKA" >"$work/topics-$name.log" 2>&1 \
    || { tail -20 "$work/topics-$name.log" >&2; exit 1; }   # makes the topics; then the follower starts
  "$@" "$topics" >"$work/follow-$name.log" 2>&1 &
  local follower=$!
  sleep 45
  local since=$(($(date +%s) * 1000))
  ( while kill -0 "$follower" 2>/dev/null; do echo "$(( ($(date +%s) * 1000 - since) / 60000 )) $(rss_tree "$follower")"; sleep 5; done ) \
    >"$work/rss-$name.txt" &
  local sampler=$!
  "$here/pinpipe" emulate --mode=random --count=$((rate * seconds)) --ratePerSecond="$rate" --topicPrefix="$topics" \
    --kafkaBootstrapServers="$PINPIPE_KAFKA" >"$work/emulate-$name.log" 2>&1 \
    || { tail -20 "$work/emulate-$name.log" >&2; exit 1; }
  sleep 30
  kill "$follower" 2>/dev/null || true
  wait "$follower" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  java -cp "$kafka_cp" "$here/bench/TopicTimestamps.java" "$PINPIPE_KAFKA" "$topics" >"$work/posted-$name.txt" 2>/dev/null
  printf "%-8s " "$name"
  "$delta_py" "$here/bench/commit-latency.py" "$work/latency-$name" "$topics" "$since" <"$work/posted-$name.txt"
  printf "%-8s peak memory per minute of posting (MB):" "$name"
  awk -v last="$(((seconds + 59) / 60))" '$1 >= 0 && $1 < last && $2 > peak[$1] { peak[$1] = $2 }
    END { for (m = 0; m < last; m++) printf " %d", peak[m]; print "" }' "$work/rss-$name.txt"
}
flink_follow() {
  PINPIPE_JAVA_OPTS="-Xmx${BENCH_FOLLOW_HEAP:-4g}" exec "$here/pinpipe" stream --source=kafka --kafkaBootstrapServers="$PINPIPE_KAFKA" --deltaRoot="$work/latency-flink" --topicPrefix="$1" \
    --commitSeconds="$every"
}
direct_follow() {
  PINPIPE_JAVA_OPTS="-Xmx${BENCH_FOLLOW_HEAP:-4g}" exec "$here/pinpipe" stream --runner=DirectRunner --source=kafka --kafkaBootstrapServers="$PINPIPE_KAFKA" --deltaRoot="$work/latency-direct" --topicPrefix="$1" \
    --commitSeconds="$every"
}
peer_follow() {
  exec "${spark_java[@]}" dev.pinpipe.bench.StreamPeer "$PINPIPE_KAFKA" "$1" "$work/latency-peer" "$work/latency-checkpoint" 900 "$every"
}
follow flink flink_follow
if [[ "${BENCH_DIRECT:-false}" == true ]]; then
  follow direct direct_follow
fi
follow peer peer_follow
