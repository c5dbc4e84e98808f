package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaReadBack;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream} on Spark's streaming mode, a catch-up run: the same tables as on the DirectRunner.
 * Spark SQL with delta-spark then reads the tables (written by delta-standalone) with the same rows.
 */
@Timeout(600)
class SparkStreamIT {
  @TempDir Path tmp;

  @Test
  void aCatchUpRunOnSparkWritesTheTablesTheDirectRunnerWrites() throws Exception {
    String prefix = LocalStack.unique("it-spark-stream");
    TopicsAndLake.createTopics(prefix, 2);
    int records = StreamRestartIT.post(prefix, 300, 10, 10);
    String[] common = {"stream", "--source=kafka", "--kafkaBootstrapServers=" + LocalStack.kafka(),
        "--topicPrefix=" + prefix, "--commitSeconds=2", "--exitWhenCaughtUp=true"};
    PinPipeTest.Outcome direct = PinPipeTest.pinpipe(with(common, "--deltaRoot=" + tmp.resolve("direct"),
        "--groupId=direct-" + prefix, "--windowResults=false", "--runner=DirectRunner"));
    assertEquals(PinPipe.OK, direct.code, direct.err);
    PinPipeTest.Outcome spark = PinPipeTest.pinpipe(with(common, "--deltaRoot=" + tmp.resolve("spark"),
        "--groupId=spark-" + prefix, "--runner=SparkRunner", "--sparkMaster=local[2]", "--streaming=true",
        "--windowResults=false"));
    assertEquals(PinPipe.OK, spark.code, spark.err);
    assertTrue(spark.out.startsWith(String.format("Caught up: %,d rows committed", records - 3 * 10)), spark.out);

    DeltaStorage onDirect = DeltaStorage.local(tmp.resolve("direct").toString());
    DeltaStorage onSpark = DeltaStorage.local(tmp.resolve("spark").toString());
    for (RecordKind kind : RecordKind.values()) {
      assertSameRows(onDirect, onSpark, Names.cleanTable(prefix, kind), kind.cleanSchema());
    }
    assertSameRows(onDirect, onSpark, Names.rejectedTable(prefix), RejectedRecord.SCHEMA);

    SparkSession sql = SparkSession.builder()
        .master("local[2]")
        .appName("read-stream-tables")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
    try {
      for (RecordKind kind : RecordKind.values()) {
        String table = Names.cleanTable(prefix, kind);
        assertEquals(DeltaReadBack.asMaps(DeltaTestTables.rows(onDirect, table, kind.cleanSchema())),
            DeltaReadBack.plain(bySparkSql(sql, onDirect.tablePath(table))), table + " read by Spark SQL");
      }
    } finally {
      sql.stop();
    }
  }

  /** A Delta table's rows as Spark SQL reads them: instants as epoch milliseconds, arrays as lists. */
  private static List<Map<String, Object>> bySparkSql(SparkSession spark, String path) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (org.apache.spark.sql.Row row : spark.read().format("delta").load(path).collectAsList()) {
      Map<String, Object> map = new HashMap<>();
      for (int i = 0; i < row.size(); i++) {
        Object value = row.isNullAt(i) ? null
            : row.get(i) instanceof java.sql.Timestamp ? ((java.sql.Timestamp) row.get(i)).getTime()
            : row.get(i) instanceof scala.collection.Seq ? row.getList(i)
            : row.get(i);
        map.put(row.schema().fields()[i].name(), value);
      }
      rows.add(map);
    }
    return rows;
  }

  /** The same rows, the rejected records' times aside (each run rejects at its own moment). */
  static void assertSameRows(DeltaStorage expected, DeltaStorage actual, String table, Schema schema)
      throws Exception {
    var want = DeltaReadBack.asMaps(DeltaTestTables.rows(expected, table, schema));
    var got = DeltaReadBack.asMaps(DeltaTestTables.rows(actual, table, schema));
    want.forEach(row -> row.remove("rejected_at"));
    got.forEach(row -> row.remove("rejected_at"));
    assertEquals(want.size(), got.size(), table);
    assertTrue(got.containsAll(want) && want.containsAll(got), table);
  }

  static String[] with(String[] common, String... more) {
    String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return all;
  }
}
