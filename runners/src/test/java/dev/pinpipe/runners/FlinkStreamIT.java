package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream} on an embedded Flink and on the local stack's Flink session cluster (submitted from
 * the bundled jar over the cluster's REST port, as README runs it), a catch-up run from Kafka with
 * the results per window: the same clean tables, rejected lines, nine result tables and window
 * summaries as on the DirectRunner from the same records, and a summary line read from the tables
 * (a running Flink job reports no metrics).
 */
@Timeout(600)
class FlinkStreamIT {
  @TempDir Path tmp;

  @Test
  void aCatchUpRunOnAnEmbeddedFlinkAndOnAFlinkClusterWritesTheTablesAndResultsTheDirectRunnerWrites()
      throws Exception {
    String prefix = LocalStack.unique("it-flink-stream");
    TopicsAndLake.createTopics(prefix, 2);
    int records = StreamRestartIT.post(prefix, 300, 10, 10);
    String[] common = {"stream", "--source=kafka", "--kafkaBootstrapServers=" + LocalStack.kafka(),
        "--topicPrefix=" + prefix, "--commitSeconds=2", "--exitWhenCaughtUp=true",
        "--windowSeconds=10", "--allowedLatenessSeconds=0"};
    PinPipeTest.Outcome direct = PinPipeTest.pinpipe(SparkStreamIT.with(common,
        "--deltaRoot=" + tmp.resolve("direct"), "--groupId=direct-" + prefix, "--runner=DirectRunner"));
    assertEquals(PinPipe.OK, direct.code, direct.err);
    PinPipeTest.Outcome flink = PinPipeTest.pinpipe(SparkStreamIT.with(common,
        "--deltaRoot=" + tmp.resolve("flink"), "--groupId=flink-" + prefix, "--runner=FlinkRunner"));
    assertEquals(PinPipe.OK, flink.code, flink.err);
    String jobName = prefix + "-stream";
    String onTheCluster = PinPipeJar.run(tmp, List.of(SparkStreamIT.with(common,
        "--deltaRoot=" + tmp.resolve("cluster"), "--groupId=cluster-" + prefix, "--runner=FlinkRunner",
        "--flinkMaster=" + LocalStack.flinkMaster(), "--jobName=" + jobName)));
    assertTrue(FlinkCluster.job(jobName).get("vertices").size() > 0, "the job ran on the cluster");
    // Reposted records are dropped; a malformed line is a row of the rejected table.
    String caughtUp = String.format("%nCaught up: %,d rows committed in ", records - 3 * 10);
    assertTrue(flink.out.contains(caughtUp), flink.out);
    assertTrue(onTheCluster.contains(caughtUp), onTheCluster);

    DeltaStorage onDirect = DeltaStorage.local(tmp.resolve("direct").toString());
    List<TableSpec> tables = new ArrayList<>(StreamPipeline.tables(prefix));
    tables.addAll(StreamPipeline.resultTables(prefix));
    for (String run : List.of("flink", "cluster")) {
      DeltaStorage onFlink = DeltaStorage.local(tmp.resolve(run).toString());
      for (TableSpec table : tables) {
        boolean written = onDirect.table(table.name).schema().isPresent();
        assertEquals(written, onFlink.table(table.name).schema().isPresent(),
            table.name + " written on both or neither (" + run + ")");
        if (written) {
          SparkStreamIT.assertSameRows(onDirect, onFlink, table.name, table.schema);
        }
      }
      assertTrue(onFlink.table(TableSpec.summary(prefix).name).schema().isPresent(), "the windows' summaries written");
    }
  }
}
