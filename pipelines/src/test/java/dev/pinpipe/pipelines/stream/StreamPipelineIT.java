package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.TableSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaReadBack;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.SourcePosts;
import dev.pinpipe.pipelines.batch.BatchPipeline;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.RowJson;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming path on the local stack: seed-db → emulate --mode=replay → Kafka or Kinesis →
 * stream → Delta tables equal, row for row, the clean tables of batch over the same posts, and
 * Python's deltalake reads every table back with the same rows.
 */
@Timeout(900)
class StreamPipelineIT {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final int POSTS = 600;
  private static final long SEED = 11;

  @TempDir Path tmp;

  /** Batch's clean tables over the same posts, as JSON lines per kind, sorted. */
  private Map<RecordKind, List<String>> batchCleanTables(String prefix) throws Exception {
    Map<String, List<String>> outputs = batchOutputs(prefix);
    Map<RecordKind, List<String>> clean = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      clean.put(kind, outputs.get("clean/" + kind.label()));
    }
    return clean;
  }

  /** Batch's output folders over the same posts, as sorted JSON lines per folder. */
  private Map<String, List<String>> batchOutputs(String prefix) throws Exception {
    String generated = Files.createDirectory(tmp.resolve("generated")).toString();
    SourcePosts.generateCleanLake(generated, prefix, POSTS, SEED);
    BatchPipeline.Options batch = PipelineOptionsFactory.as(BatchPipeline.Options.class);
    BatchPipeline.tuneForOneMachine(batch, false); // as the command line tunes the DirectRunner
    batch.setLakeRoot(generated);
    batch.setTopicPrefix(prefix);
    batch.setOutputDir(tmp.resolve("batch").toString());
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch, QUIET).waitUntilFinish());
    return LocalStack.batchOutputs(tmp.resolve("batch"));
  }

  private static void seedAndReplay(String prefix, boolean kafka, boolean kinesis) throws Exception {
    SourcePosts.seedAndReplay(prefix, POSTS, SEED, kafka, kinesis);
  }

  static StreamPipeline.Options streamOptions(String prefix, String source, String deltaRoot) {
    StreamPipeline.Options options = LocalStack.onLocalS3(PipelineOptionsFactory.as(StreamPipeline.Options.class));
    options.setTopicPrefix(prefix);
    options.setSource(source);
    options.setKafkaBootstrapServers(LocalStack.kafka());
    options.setDeltaRoot(deltaRoot);
    options.setCommitSeconds(2);
    // Short windows: a catch-up run waits for the window of its latest record to close.
    options.setWindowSeconds(10);
    options.setAllowedLatenessSeconds(0);
    return options;
  }

  /** What a running stream must have done before the test looks at its tables. */
  interface Done {
    boolean test(PipelineResult result) throws Exception;
  }

  /** Runs the stream until {@code done}, then cancels it. */
  static void streamUntil(StreamPipeline.Options options, Done done) throws Exception {
    StreamPipeline.Streaming streaming = StreamPipeline.run(options);
    PipelineResult result = streaming.result;
    long deadline = System.currentTimeMillis() + 240_000;
    try {
      while (true) {
        PipelineResult.State state = result.waitUntilFinish(org.joda.time.Duration.standardSeconds(2));
        assertTrue(state == null || !state.isTerminal(), "stream ended early: " + state);
        if (done.test(result)) {
          return;
        }
        assertTrue(System.currentTimeMillis() < deadline, "stream not done in time: " + streaming.progress());
      }
    } finally {
      result.cancel();
    }
  }

  /** Runs a catch-up stream (--exitWhenCaughtUp=true) to its end and returns its progress line. */
  static String catchUp(StreamPipeline.Options options) {
    options.setExitWhenCaughtUp(true);
    StreamPipeline.Streaming streaming = StreamPipeline.run(options);
    assertTrue(StreamPipeline.follow(streaming, org.joda.time.Duration.standardSeconds(1), line -> {}, line -> {}),
        "catch-up ended in state " + streaming.result.getState());
    return streaming.progress();
  }

  /** Done once the three clean tables hold {@code rows} rows each. */
  static Done tablesHold(DeltaStorage storage, String prefix, int rows) {
    return result -> cleanRowCounts(storage, prefix).stream().allMatch(count -> count >= rows);
  }


  static List<Integer> cleanRowCounts(DeltaStorage storage, String prefix) throws Exception {
    List<Integer> counts = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      counts.add(storage.table(Names.cleanTable(prefix, kind)).schema().isPresent()
          ? DeltaTestTables.rows(storage, Names.cleanTable(prefix, kind), kind.cleanSchema()).size() : 0);
    }
    return counts;
  }

  static List<String> tableJson(DeltaStorage storage, String prefix, RecordKind kind) throws Exception {
    return DeltaTestTables.rows(storage, Names.cleanTable(prefix, kind), kind.cleanSchema()).stream()
        .map(RowJson::toJson).sorted().collect(Collectors.toList());
  }

  /** Every table's rows equal batch's clean tables, and deltalake reads the same rows. */
  private static void assertTablesEqualBatch(DeltaStorage storage, String prefix,
      Map<RecordKind, List<String>> expected) throws Exception {
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(POSTS, expected.get(kind).size());
      assertEquals(expected.get(kind), tableJson(storage, prefix, kind), kind + " table");
      List<Row> rows = DeltaTestTables.rows(storage, Names.cleanTable(prefix, kind), kind.cleanSchema());
      assertEquals(DeltaReadBack.asMaps(rows), DeltaReadBack.byDeltalake(storage.tablePath(Names.cleanTable(prefix, kind))),
          kind + " table read by deltalake");
    }
    // A catch-up run from Kinesis marks the rejected table when done (CatchUpMark), creating it empty.
    String rejected = Names.rejectedTable(prefix);
    assertTrue(!storage.table(rejected).schema().isPresent()
        || DeltaTestTables.rows(storage, rejected, RejectedRecord.SCHEMA).isEmpty(), "no line was rejected");
  }

  /** A post's three records, to {@code prefix}'s topics. */
  static List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> post(String prefix, long ind) {
    return List.of(
        new org.apache.kafka.clients.producer.ProducerRecord<>(prefix + ".pin", "{\"index\": " + ind
            + ", \"category\": \"art\", \"poster_name\": \"P\", \"follower_count\": \"1k\"}"),
        new org.apache.kafka.clients.producer.ProducerRecord<>(prefix + ".geo", "{\"ind\": " + ind
            + ", \"country\": \"Chad\", \"timestamp\": \"2020-01-01 10:00:00\"}"),
        new org.apache.kafka.clients.producer.ProducerRecord<>(prefix + ".user", "{\"ind\": " + ind
            + ", \"first_name\": \"Ann\", \"last_name\": \"Lee\", \"age\": 30,"
            + " \"date_joined\": \"2016-01-01 10:00:00\"}"));
  }

  @Test
  void kafkaRecordsOfARolledBackTransactionNeverBecomeRows() throws Exception {
    String prefix = LocalStack.unique("it-stream-abort").replace('-', '_');
    dev.pinpipe.pipelines.lake.TopicsAndLake.createTopics(prefix, 1);
    List<Map.Entry<Boolean, List<org.apache.kafka.clients.producer.ProducerRecord<String, String>>>> transactions =
        new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
      for (long ind = t * 100 + 1; ind <= t * 100 + 20; ind++) {
        records.addAll(post(prefix, ind));
      }
      transactions.add(Map.entry(t != 1, records)); // the middle one, inds 101 to 120, is rolled back
    }
    dev.pinpipe.pipelines.lake.TopicsAndLake.produceInTransactions(prefix, transactions);

    DeltaStorage storage = DeltaStorage.local(tmp.resolve("delta").toString());
    StreamPipeline.Options options = streamOptions(prefix, "kafka", storage.root());
    options.setWindowResults(false);
    catchUp(options);
    for (RecordKind kind : RecordKind.values()) {
      List<Long> inds = DeltaTestTables.rows(storage, Names.cleanTable(prefix, kind), kind.cleanSchema()).stream()
          .map(row -> row.getInt64("ind")).sorted().collect(Collectors.toList());
      List<Long> expected = new ArrayList<>();
      for (long ind = 1; ind <= 20; ind++) {
        expected.add(ind);
      }
      for (long ind = 201; ind <= 220; ind++) {
        expected.add(ind);
      }
      assertEquals(expected, inds, kind + ": the committed posts, each once, and none rolled back");
    }
    // A catch-up run from Kinesis marks the rejected table when done (CatchUpMark), creating it empty.
    String rejected = Names.rejectedTable(prefix);
    assertTrue(!storage.table(rejected).schema().isPresent()
        || DeltaTestTables.rows(storage, rejected, RejectedRecord.SCHEMA).isEmpty(), "no line was rejected");
  }

  @Test
  @Timeout(240)
  void aCatchUpRunEndsOnlyOnceTheWindowsOfItsRecordsAreWritten() throws Exception {
    String prefix = LocalStack.unique("it-stream-windows").replace('-', '_');
    // Three partitions per topic, records on one: the two others have nothing, ever, to read.
    dev.pinpipe.pipelines.lake.TopicsAndLake.createTopics(prefix, 3);
    List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
    for (long ind = 1; ind <= 20; ind++) {
      post(prefix, ind).forEach(record -> records.add(new org.apache.kafka.clients.producer.ProducerRecord<>(
          record.topic(), 0, null, record.value())));
    }
    dev.pinpipe.pipelines.lake.TopicsAndLake.produceInTransactions(prefix, List.of(Map.entry(true, records)));
    DeltaStorage storage = DeltaStorage.local(tmp.resolve("delta").toString());
    StreamPipeline.Options options = streamOptions(prefix, "kafka", storage.root());
    options.setWindowSeconds(30); // longer than committing the records takes
    catchUp(options);
    TableSpec summary = TableSpec.summary(prefix);
    List<Row> windows = DeltaTestTables.rows(storage, summary.name, summary.schema);
    assertEquals(60L, windows.stream().mapToLong(row -> row.getInt64("records")).sum(),
        "every record is in the summary of its window when the catch-up run ends: " + windows);
    List<String> unwritten = new ArrayList<>();
    for (AnalyticsResult result : AnalyticsResult.values()) {
      TableSpec table = TableSpec.result(prefix, result);
      if (!storage.table(table.name).schema().isPresent()) {
        unwritten.add(table.name);
      }
    }
    assertEquals(List.of(), unwritten, "every result is written before the run ends");
    // A second run has nothing to read, on any partition, and ends too.
    assertTrue(catchUp(streamOptions(prefix, "kafka", storage.root())).startsWith("0 rows"));
  }

  @Test
  void kafkaToDeltaEqualsBatchCleanTablesAndSurvivesARestart() throws Exception {
    String prefix = LocalStack.unique("it-stream-kafka").replace('-', '_');
    Map<RecordKind, List<String>> expected = batchCleanTables(prefix);
    seedAndReplay(prefix, true, false);
    DeltaStorage storage = DeltaStorage.local(tmp.resolve("delta").toString());
    StreamPipeline.Options options = streamOptions(prefix, "kafka", tmp.resolve("delta").toString());
    streamUntil(options, tablesHold(storage, prefix, POSTS));
    assertTablesEqualBatch(storage, prefix, expected);
    // A restart reads from the group's offsets; the same posts again (as a re-posting emulator
    // sends them) are all dropped as already there. A catch-up run stops by itself.
    seedAndReplay(prefix, true, false);
    String progress = catchUp(streamOptions(prefix, "kafka", tmp.resolve("delta").toString()));
    assertTrue(progress.startsWith("0 rows committed") && progress.contains(String.format("%,d duplicates dropped", 3 * POSTS)),
        progress);
    assertTablesEqualBatch(storage, prefix, expected);
    // With nothing new on the topics, a catch-up run commits nothing and ends.
    assertTrue(catchUp(streamOptions(prefix, "kafka", tmp.resolve("delta").toString())).startsWith("0 rows"));
  }

  @Test
  void kinesisToDeltaOnS3EqualsBatchCleanTables() throws Exception {
    String prefix = LocalStack.unique("it-stream-kinesis").replace('-', '_');
    Map<RecordKind, List<String>> expected = batchCleanTables(prefix);
    seedAndReplay(prefix, false, true);
    String root = "s3://" + LocalStack.newBucket() + "/delta";
    StreamPipeline.Options options = streamOptions(prefix, "kinesis", root);
    DeltaStorage storage = DeltaStorage.of(options);
    String progress = catchUp(options);
    assertTrue(progress.startsWith(String.format("%,d rows committed", 3 * POSTS)), progress);
    assertTablesEqualBatch(storage, prefix, expected);
    // Kinesis keeps no reader position: a second run reads the streams again and adds nothing.
    progress = catchUp(streamOptions(prefix, "kinesis", root));
    assertTrue(progress.startsWith("0 rows committed")
        && progress.contains(String.format("%,d duplicates dropped", 3 * POSTS)), progress);
    assertTablesEqualBatch(storage, prefix, expected);
  }


  @Test
  void kinesisWindowResultsEqualBatchsResultsWhenTheReplayFitsOneWindow() throws Exception {
    String prefix = LocalStack.unique("it-results").replace('-', '_');
    Map<String, List<String>> batch = batchOutputs(prefix);
    int windowSeconds = 30;
    // The replay starts as a window starts, so that every record arrives in that one window.
    SourcePosts.seedAndReplay(prefix, POSTS, SEED, false, true, () -> sleepUntilWindowStarts(windowSeconds));
    StreamPipeline.Options options = streamOptions(prefix, "kinesis", tmp.resolve("delta").toString());
    options.setWindowSeconds(windowSeconds);
    options.setAllowedLatenessSeconds(0);
    DeltaStorage storage = DeltaStorage.of(options);
    List<TableSpec> results = StreamPipeline.resultTables(prefix);
    streamUntil(options, result -> {
      for (TableSpec table : results) {
        if (!storage.table(table.name).schema().isPresent()) {
          return false;
        }
      }
      return true;
    });
    for (AnalyticsResult result : AnalyticsResult.values()) {
      TableSpec table = TableSpec.result(prefix, result);
      List<Row> rows = DeltaTestTables.rows(storage, table.name, table.schema);
      assertEquals(1, rows.stream().map(row -> row.getDateTime("window_start")).distinct().count(),
          result + ": the replay's records arrived in more than one " + windowSeconds + " s window");
      List<String> json = rows.stream()
          .map(row -> RowJson.toJson(Row.withSchema(result.schema())
              .addValues(row.getValues().subList(2, row.getFieldCount())).build()))
          .sorted().collect(Collectors.toList());
      assertEquals(batch.get(result.folder()), json, result.folder());
      assertEquals(DeltaReadBack.asMaps(rows), DeltaReadBack.byDeltalake(storage.tablePath(table.name)),
          table.name + " read by deltalake");
    }
  }

  private static void sleepUntilWindowStarts(int windowSeconds) {
    long window = windowSeconds * 1000L;
    try {
      Thread.sleep(window - System.currentTimeMillis() % window + 200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
