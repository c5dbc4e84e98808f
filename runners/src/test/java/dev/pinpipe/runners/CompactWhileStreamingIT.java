package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaReadBack;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compact}, vacuum included, again and again while {@code stream} (on its default embedded
 * Flink, results on) commits every second into the same tables; then every clean table holds each
 * ind once and the rejected table each rejected record once, read by deltalake and by pinpipe, each
 * result window is in its table once, and a last compaction leaves one file per clean table.
 */
@Timeout(600)
class CompactWhileStreamingIT {
  private static final int POSTS = 3_000;
  private static final int REPOSTED = 30;
  private static final int MALFORMED = 60; // per kind
  private static final int RECORDS = 3 * (POSTS + REPOSTED + MALFORMED);
  private static final int PER_SECOND = 300;
  private static final Pattern REWRITTEN = Pattern.compile("_pin_table: [\\d,]+ files, ([\\d,]+) rewritten");

  @TempDir Path tmp;
  private Process stream;

  @AfterEach
  void stopTheStream() {
    if (stream != null) {
      stream.destroyForcibly();
    }
  }

  private static String compact(String deltaRoot, String retainHours) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PinPipe.run(new String[] {"compact", "--deltaRoot=" + deltaRoot, "--retainHours=" + retainHours,
        "--checkRetention=false"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(PinPipe.OK, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void compactionsAndVacuumsBesideARunningStreamLoseAndDoubleNothing() throws Exception {
    String prefix = LocalStack.unique("it-compact");
    String deltaRoot = tmp.resolve("delta").toString();
    TopicsAndLake.createTopics(prefix, 3);
    List<ProducerRecord<String, String>> records = StreamRestartIT.records(prefix, POSTS, REPOSTED, MALFORMED);
    assertEquals(RECORDS, records.size());
    File log = Files.createFile(tmp.resolve("stream.log")).toFile();
    stream = PinPipeJar.start(log, List.of("stream", "--source=kafka", "--kafkaBootstrapServers=" + LocalStack.kafka(),
        "--topicPrefix=" + prefix, "--deltaRoot=" + deltaRoot, "--commitSeconds=1", "--windowSeconds=10",
        "--allowedLatenessSeconds=0"));

    int compactions = 0;
    long rewrittenWhileStreaming = 0;
    try (KafkaProducer<String, String> producer = TopicsAndLake.producer();
        KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
      long start = System.nanoTime();
      long nextCompaction = 0;
      for (int i = 0; i < records.size(); i++) {
        if (i % 100 == 0) {
          TimeUnit.NANOSECONDS.sleep(start + i * 1_000_000_000L / PER_SECOND - System.nanoTime());
          producer.flush();
        }
        producer.send(records.get(i)).get();
        if (System.nanoTime() > nextCompaction && Files.isDirectory(Paths.get(deltaRoot, prefix + "_pin_table", "_delta_log"))) {
          // A retention of seconds: the stream's files wait about one for their commit.
          rewrittenWhileStreaming += rewrittenPins(compact(deltaRoot, "0.003"));
          compactions++;
          nextCompaction = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        }
      }
      while (committed(broker, prefix) < RECORDS) { // bounded by @Timeout
        assertTrue(stream.isAlive(), "stream ended on its own; see " + log);
        rewrittenWhileStreaming += rewrittenPins(compact(deltaRoot, "0.003"));
        compactions++;
        Thread.sleep(2_000);
      }
    }
    Thread.sleep(3_000); // the last window's results
    stream.destroyForcibly();
    assertTrue(stream.waitFor(30, TimeUnit.SECONDS));
    assertTrue(compactions >= 5, compactions + " compactions while streaming");
    assertTrue(rewrittenWhileStreaming > 0, "no pin file was rewritten while streaming");
    compact(deltaRoot, "0"); // nothing writes now

    DeltaStorage storage = DeltaStorage.local(deltaRoot);
    for (RecordKind kind : RecordKind.values()) {
      String name = Names.cleanTable(prefix, kind);
      List<Row> rows = DeltaTestTables.rows(storage, name, kind.cleanSchema());
      HashSet<Long> inds = new HashSet<>();
      rows.forEach(row -> inds.add(row.getInt64("ind")));
      assertEquals(POSTS, inds.size(), kind + ": every ind");
      assertEquals(POSTS, rows.size(), kind + ": no ind twice");
      assertEquals(DeltaReadBack.asMaps(rows), DeltaReadBack.byDeltalake(storage.tablePath(name)), kind + " by deltalake");
      DeltaTable table = storage.table(name);
      assertEquals(1, table.liveFiles().size(), name + ": one file after the last compaction");
      assertEquals(1, parquetFiles(storage.tablePath(name)), name + ": the vacuum left only the live file");
    }
    List<Row> rejected = DeltaTestTables.rows(storage, Names.rejectedTable(prefix), RejectedRecord.SCHEMA);
    HashSet<String> sources = new HashSet<>();
    rejected.forEach(row -> sources.add(row.getString(RejectedRecord.KEY)));
    assertEquals(3 * MALFORMED, sources.size(), "every rejected record");
    assertEquals(3 * MALFORMED, rejected.size(), "no rejected record twice");
    assertEquals(DeltaReadBack.asMaps(rejected), DeltaReadBack.byDeltalake(storage.tablePath(Names.rejectedTable(prefix))));
    int resultTables = 0;
    for (TableSpec table : StreamPipeline.resultTables(prefix)) {
      if (storage.table(table.name).schema().isPresent()) {
        resultTables++;
        List<Row> results = DeltaTestTables.rows(storage, table.name, table.schema);
        HashSet<List<Object>> keys = new HashSet<>();
        results.forEach(row -> keys.add(row.getValues().subList(0, row.getFieldCount() - 1)));
        assertEquals(results.size(), keys.size(), table.name + ": a window's row twice");
      }
    }
    assertTrue(resultTables > 0, "no result table was written");
  }

  private static long rewrittenPins(String compactOutput) {
    Matcher matcher = REWRITTEN.matcher(compactOutput);
    return matcher.find() ? Long.parseLong(matcher.group(1).replace(",", "")) : 0;
  }

  private static long committed(KafkaBroker broker, String prefix) {
    return broker.committed("pinpipe-stream-" + prefix).values().stream().mapToLong(Long::longValue).sum();
  }

  private static long parquetFiles(String tablePath) throws Exception {
    try (Stream<Path> files = Files.list(Paths.get(java.net.URI.create(tablePath)))) {
      return files.filter(path -> path.getFileName().toString().endsWith(".parquet")).count();
    }
  }
}
