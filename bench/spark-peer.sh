# Sourced by the bench scripts: builds the Spark peer (bench/spark-peer, our own plain Spark SQL
# jobs) and sets spark_java, the command that runs one of its classes on Java 17 with the given heap.
# Usage: build_spark_peer <here> <heap, e.g. 3g>
build_spark_peer() {
  local here="$1" heap="$2"
  echo "building the Spark peer (bench/spark-peer)"
  mvn -B -ntp -q -f "$here/bench/spark-peer/pom.xml" package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
  local peer_cp
  peer_cp="$here/bench/spark-peer/target/pinpipe-bench-spark-peer-0.1.0-SNAPSHOT.jar:$(cat "$here/bench/spark-peer/target/classpath.txt")"
  spark_java=(java "-Xmx$heap" --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
    -Dlog4j2.level=WARN -cp "$peer_cp")
}
