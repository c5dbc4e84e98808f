package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.delta.WriteDeltaTables;
import dev.pinpipe.pipelines.delta.WriteWindowResults;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.RecordingCommitter;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.ParquetRows;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.PipelineCounters;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.join.JoinArrivingPosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream from record bodies to Delta tables, on a TestStream: cleaning, keys, commits, offsets. */
@ExtendWith(TestPipelineExtension.class)
class StreamPipelineTest {
  private static final String PREFIX = "t";
  private static final Duration COMMIT = Duration.standardSeconds(10);
  private static final Instant START = new Instant(1_700_000_000_000L);

  @TempDir Path tmp;

  private static String pin(long ind, String title) {
    return "{\"index\": " + ind + ", \"title\": \"" + title + "\", \"follower_count\": \"1k\", \"category\": \"art\"}";
  }

  private static TimestampedValue<KV<String, byte[]>> body(String source, String json) {
    return body(source, json, 0);
  }

  /** A body that arrived {@code seconds} after START. */
  private static TimestampedValue<KV<String, byte[]>> body(String source, String json, int seconds) {
    return TimestampedValue.of(KV.of(source, json == null ? null : json.getBytes(StandardCharsets.UTF_8)),
        START.plus(Duration.standardSeconds(seconds)));
  }

  /** A post's three bodies, arriving {@code seconds} after START. */
  private static List<TimestampedValue<KV<String, byte[]>>> post(long ind, String category, String country,
      int seconds) {
    return List.of(
        body("t.pin/0@" + ind, "{\"index\": " + ind + ", \"category\": \"" + category
            + "\", \"poster_name\": \"P" + ind + "\", \"follower_count\": \"1k\"}", seconds),
        body("t.geo/0@" + ind, "{\"ind\": " + ind + ", \"country\": \"" + country
            + "\", \"latitude\": 1.5, \"longitude\": 2.5, \"timestamp\": \"2020-01-01 00:00:00\"}", seconds),
        body("t.user/0@" + ind, "{\"ind\": " + ind + ", \"first_name\": \"F\", \"last_name\": \"L\","
            + " \"age\": 30, \"date_joined\": \"2016-01-01 00:00:00\"}", seconds));
  }

  private static TestStream.Builder<KV<String, byte[]>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(ByteArrayCoder.of())))
        .advanceWatermarkTo(START);
  }

  /** The stream's graph after the source, with the default dedupe horizon (an hour). */
  private static StreamPipeline.Cleaned cleanIntoTables(TestPipeline pipeline, TestStream<KV<String, byte[]>> bodies,
      DeltaStorage storage, RecordingCommitter committer) {
    return cleanIntoTables(pipeline, bodies, storage, committer, Duration.standardHours(1));
  }

  /** The stream's graph after the source, with each kind's bodies taken from one test stream by topic. */
  private static StreamPipeline.Cleaned cleanIntoTables(TestPipeline pipeline, TestStream<KV<String, byte[]>> bodies,
      DeltaStorage storage, RecordingCommitter committer, Duration dedupeHorizon) {
    PCollection<KV<String, byte[]>> all = pipeline.apply(bodies);
    Map<RecordKind, PCollection<KV<String, byte[]>>> byKind = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      String topic = Names.topic(PREFIX, kind) + "/";
      byKind.put(kind, all.apply("Only" + kind.title(), Filter.by(body -> body.getKey().startsWith(topic))));
    }
    return StreamPipeline.cleanIntoTables(byKind, storage, PREFIX, COMMIT, dedupeHorizon, committer, null);
  }

  private static Map<Long, String> titles(DeltaStorage storage) throws Exception {
    return DeltaTestTables.rows(storage, Names.cleanTable(PREFIX, RecordKind.PIN), RecordKind.PIN.cleanSchema())
        .stream().collect(Collectors.toMap(row -> row.getInt64("ind"), row -> row.getString("title"),
            (a, b) -> java.util.stream.Stream.of((a + "|" + b).split("\\|")).sorted().collect(Collectors.joining("|")),
            TreeMap::new));
  }

  @Test
  void cleansIntoTablesOncePerKeyAcrossCommitsAndCommitsOffsetsAfter(TestPipeline pipeline) throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    RecordingCommitter committer = new RecordingCommitter();
    TestStream<KV<String, byte[]>> bodies = stream()
        .addElements(body("t.pin/0@0", pin(1, "T1")), body("t.pin/0@1", pin(1, "T1")),
            body("t.pin/0@2", pin(2, "first")), body("t.pin/0@3", "not json"),
            body("t.geo/0@0", "{\"ind\": 1, \"country\": \"Chad\", \"latitude\": 1.5, \"longitude\": 2.5,"
                + " \"timestamp\": \"2020-01-01 00:00:00\"}"),
            body("t.geo/0@1", null),
            body("t.user/0@0", "{\"ind\": 1, \"first_name\": \"Ann\", \"last_name\": \"Lee\", \"age\": 30}"))
        .addElements(TimestampedValue.of(KV.of("t.user/0@1", new byte[] {'{', (byte) 0xFF, '}'}), START))
        .advanceProcessingTime(COMMIT.plus(Duration.standardSeconds(1)))
        // The next commit: ind 2 again with another title (the first committed stays), a new ind,
        // and a rejected line read again (as after a restart), which is not added twice.
        .addElements(body("t.pin/1@0", pin(2, "second")), body("t.pin/1@1", pin(3, "T3")),
            body("t.pin/0@3", "not json"))
        .advanceProcessingTime(COMMIT.plus(Duration.standardSeconds(1)))
        .advanceWatermarkToInfinity();
    cleanIntoTables(pipeline, bodies, storage, committer);
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of(1L, "T1", 2L, "first", 3L, "T3"), titles(storage));
    assertEquals(1, DeltaTestTables.rows(storage, "t_geo_table", RecordKind.GEO.cleanSchema()).size());
    assertEquals(1, DeltaTestTables.rows(storage, "t_user_table", RecordKind.USER.cleanSchema()).size());
    List<String> rejected = DeltaTestTables.rows(storage, "t_rejected", RejectedRecord.SCHEMA).stream()
        .map(row -> row.getString("kind") + " " + row.getString("source") + " " + row.getString("reason")
            + " arrived " + row.getDateTime("arrived_at").getMillis())
        .sorted().collect(Collectors.toList());
    assertEquals(List.of(
        "geo t.geo/0@1 " + DecodeRecords.NO_BODY + " arrived " + START.getMillis(),
        "pin t.pin/0@3 not valid JSON arrived " + START.getMillis(),
        "user t.user/0@1 not valid UTF-8 arrived " + START.getMillis()), rejected);
    // Many rows per commit: two commits of the pin table, one of each other table.
    assertEquals(1, storage.table("t_pin_table").filesAddedAfter(-1).version);
    assertEquals(0, storage.table("t_geo_table").filesAddedAfter(-1).version);
    // Offsets are committed past every record handled, after its commit.
    // The rejected line read again is below the committed offset: no second commit of t.pin-0.
    assertEquals(List.of("t.geo-0:2", "t.pin-0:4", "t.pin-1:2", "t.user-0:2"),
        committer.commits().stream().sorted().collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "failing {0}")
  @ValueSource(strings = {"before the commit", "after the commit"})
  void failedCommitsAreRetriedAndNeverAddRowsTwice(String when, TestPipeline pipeline) throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString())
        .withOpener(FailingCommits.of(tmp.toString(), 2, when.startsWith("after")));
    cleanIntoTables(pipeline, stream().addElements(body("t.pin/0@0", pin(1, "T1")), body("t.pin/0@1", pin(2, "T2")))
        .advanceWatermarkToInfinity(), storage, new RecordingCommitter());
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(Map.of(1L, "T1", 2L, "T2"), titles(storage));
    assertEquals(when.startsWith("after") ? 0 : 2,
        PipelineCounters.attempted(result, CleanRecords.METRICS_NAMESPACE, WriteDeltaTables.RETRIES));
    assertEquals(0, storage.table("t_pin_table").filesAddedAfter(-1).version, "one commit");
  }

  @Test
  void aCatchUpRunWaitsForTheLastWindowItsLatestRecordFallsIn() {
    Instant latest = Instant.parse("2026-12-07T10:00:30Z");
    assertEquals(Instant.parse("2026-12-07T10:01:00Z"), StreamPipeline.lastWindowEnd(
        JoinArrivingPosts.inWindows(Duration.standardMinutes(1), Duration.standardMinutes(1)).windows(), latest));
    // Sliding: of the three windows that hold it, the one that starts last, at 10:00:20.
    assertEquals(Instant.parse("2026-12-07T10:01:20Z"), StreamPipeline.lastWindowEnd(
        JoinArrivingPosts.inWindows(Duration.standardMinutes(1), Duration.standardSeconds(20)).windows(), latest));
  }

  @Test
  void aKeyTheTableAlreadyHoldsIsNotAppendedAgain(TestPipeline pipeline) throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable pins = storage.table("t_pin_table");
    Row old = Row.withSchema(RecordKind.PIN.cleanSchema()).withFieldValue("ind", 5L).withFieldValue("title", "old")
        .build();
    pins.append(RecordKind.PIN.cleanSchema(), List.of(ParquetRows.write(storage.conf(),
        new org.apache.hadoop.fs.Path(pins.path(), "part-old.snappy.parquet"), RecordKind.PIN.cleanSchema(),
        List.of(old))), "earlier-run", 1);

    cleanIntoTables(pipeline, stream().addElements(body("t.pin/0@7", pin(5, "new")), body("t.pin/0@8", pin(6, "T6")))
        .advanceWatermarkToInfinity(), storage, new RecordingCommitter());
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of(5L, "old", 6L, "T6"), titles(storage));
  }

  /**
   * Keys are held for the dedupe horizon of arrival time (here a millisecond, so that the wall
   * clock, which the horizon also waits for, passes it between commits): a record that arrives
   * with the same arrival time as its key's file is dropped, one that arrives later is written
   * again; a zero horizon holds keys for good.
   */
  @ParameterizedTest(name = "horizon {0} ms")
  @ValueSource(ints = {1, 0})
  void keysAreHeldForTheDedupeHorizonOfArrivalTime(int horizonMillis, TestPipeline pipeline) throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    TestStream<KV<String, byte[]>> bodies = stream()
        .addElements(body("t.pin/0@0", pin(1, "T1")), body("t.pin/0@1", pin(2, "T2")))
        .advanceProcessingTime(COMMIT.plus(Duration.standardSeconds(1)))
        .addElements(body("t.pin/0@2", pin(2, "again")), body("t.pin/0@3", pin(3, "T3"), 90))
        .advanceProcessingTime(COMMIT.plus(Duration.standardSeconds(1)))
        .addElements(body("t.pin/0@4", pin(1, "again"), 95), body("t.pin/0@5", pin(3, "again"), 95))
        .advanceProcessingTime(COMMIT.plus(Duration.standardSeconds(1)))
        .advanceWatermarkToInfinity();
    cleanIntoTables(pipeline, bodies, storage, new RecordingCommitter(), Duration.millis(horizonMillis));
    pipeline.run().waitUntilFinish();

    assertEquals(horizonMillis == 0 ? Map.of(1L, "T1", 2L, "T2", 3L, "T3") : Map.of(1L, "T1|again", 2L, "T2", 3L, "T3"),
        titles(storage));
  }

  @Test
  void aStartReadsTheKeysOfTheLastHorizonOfFilesOnly(TestPipeline pipeline) throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable pins = storage.table("t_pin_table");
    Instant twoHoursEarlier = START.minus(Duration.standardHours(2));
    for (Map.Entry<Long, Instant> written : Map.of(7L, twoHoursEarlier, 8L, START).entrySet()) {
      Row row = Row.withSchema(RecordKind.PIN.cleanSchema()).withFieldValue("ind", written.getKey())
          .withFieldValue("title", "old").build();
      pins.append(RecordKind.PIN.cleanSchema(), List.of(ParquetRows.write(storage.conf(),
          new org.apache.hadoop.fs.Path(pins.path(), "part-" + written.getKey() + ".snappy.parquet"),
          RecordKind.PIN.cleanSchema(), List.of(row)).arrivedBy(written.getValue().getMillis())),
          "earlier-run", written.getKey());
    }

    cleanIntoTables(pipeline, stream().addElements(body("t.pin/0@7", pin(7, "new"), 1), body("t.pin/0@8", pin(8, "new"), 1))
        .advanceWatermarkToInfinity(), storage, new RecordingCommitter());
    pipeline.run().waitUntilFinish();

    // The file of two hours before the newest was not read: its key came again as new.
    assertEquals(Map.of(7L, "new|old", 8L, "old"), titles(storage));
  }

  @Test
  void eachWindowsResultsAreWrittenOnceToTheirDeltaTable(TestPipeline pipeline) throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    Duration tenSeconds = Duration.standardSeconds(10);
    IntervalWindow first = new IntervalWindow(START, tenSeconds);
    IntervalWindow second = new IntervalWindow(START.plus(tenSeconds), tenSeconds);
    TableSpec byCountry = TableSpec.result(PREFIX, AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY);
    // What an earlier run wrote for the first window: kept, neither replaced nor added to.
    DeltaTable table = storage.table(byCountry.name);
    table.replace(byCountry.schema, List.of(ParquetRows.write(storage.conf(),
        new org.apache.hadoop.fs.Path(table.path(), "part-earlier.snappy.parquet"), byCountry.schema,
        List.of(Row.withSchema(byCountry.schema).addValues(START, START.plus(tenSeconds), "Chad", "old", 9L).build()))),
        WriteWindowResults.part(first));

    TestStream.Builder<KV<String, byte[]>> bodies = stream();
    for (TimestampedValue<KV<String, byte[]>> body : post(1, "art", "Chad", 1)) {
      bodies = bodies.addElements(body);
    }
    for (TimestampedValue<KV<String, byte[]>> body : post(2, "diy", "Peru", 12)) {
      bodies = bodies.addElements(body);
    }
    StreamPipeline.Cleaned clean = cleanIntoTables(pipeline, bodies.advanceWatermarkToInfinity(), storage,
        new RecordingCommitter());
    StreamPipeline.computeResults(clean, JoinArrivingPosts.inWindows(tenSeconds, tenSeconds), storage, PREFIX);
    pipeline.run().waitUntilFinish();

    List<String> rows = DeltaTestTables.rows(storage, byCountry.name, byCountry.schema).stream()
        .map(row -> row.getDateTime("window_start").getMillis() - START.getMillis() + ".."
            + (row.getDateTime("window_end").getMillis() - START.getMillis()) + " " + row.getString("country")
            + " " + row.getString("category") + " " + row.getInt64("category_count"))
        .sorted().collect(Collectors.toList());
    assertEquals(List.of("0..10000 Chad old 9", "10000..20000 Peru diy 1"), rows);
    assertEquals(second.start(), START.plus(tenSeconds));
    for (AnalyticsResult result : AnalyticsResult.values()) {
      TableSpec spec = TableSpec.result(PREFIX, result);
      assertEquals(List.of("window_start", "window_end"), spec.schema.getFieldNames().subList(0, 2));
      assertEquals(2, DeltaTestTables.rows(storage, spec.name, spec.schema).stream()
          .map(row -> row.getDateTime("window_start")).distinct().count(), result + ": a row or more per window");
    }
    WindowSummaries summaries = new WindowSummaries(storage, PREFIX);
    assertEquals(List.of(
        "window 22:13:20-22:13:30 UTC: 3 records, 0 rejected, 1 posts; top category art (1 posts), top poster P1 (1 posts)",
        "window 22:13:30-22:13:40 UTC: 3 records, 0 rejected, 1 posts; top category diy (1 posts), top poster P2 (1 posts)"),
        summaries.newLines());
    assertEquals(List.of(), summaries.newLines(), "each window told once");
  }
}
