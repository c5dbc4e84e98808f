package dev.pinpipe.pipelines.land;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pinpipe.pipelines.RecordingCommitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lake files from a stream of Kafka records: names, contents, flushes and commits. */
@ExtendWith(TestPipelineExtension.class)
class LandRecordsTest {
  @TempDir Path tmp;

  private static final Duration ROTATE = Duration.standardSeconds(30);
  static KafkaRecord<byte[], byte[]> record(String topic, int partition, long offset, String value) {
    return new KafkaRecord<>(topic, partition, offset, 0L, KafkaTimestampType.CREATE_TIME, null,
        null, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  static TestStream.Builder<KafkaRecord<byte[], byte[]>> stream() {
    return TestStream.create(KafkaRecordCoder.of(NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
        .advanceWatermarkTo(new Instant(0));
  }

  /** Each lake file's relative path and its lines. */
  private Map<String, List<String>> lake() throws Exception {
    Map<String, List<String>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(tmp)) {
      for (Path file : paths.filter(Files::isRegularFile).collect(Collectors.toList())) {
        files.put(tmp.relativize(file).toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private String root() {
    return tmp.toString();
  }

  @Test
  void writesAFileEveryFlushSizeRecordsNamedAfterItsFirstOffsetThenCommits(TestPipeline pipeline) throws Exception {
    RecordingCommitter committer = new RecordingCommitter().startingAt("p.geo", 2, 17);
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 0, "{\"a\":0}"), record("p.pin", 0, 1, "{\"a\":1}"),
            record("p.pin", 0, 2, "{\"a\":2}"), record("p.pin", 0, 3, "{\"a\":3}"))
        .addElements(record("p.pin", 0, 4, "{\"a\":4}"), record("p.geo", 2, 17, "{\"g\":17}"))
        .advanceProcessingTime(ROTATE.plus(Duration.millis(1)))
        .advanceWatermarkToInfinity();
    PCollection<LandedFile> landed =
        pipeline.apply(records).apply(LandRecords.to(root(), 2, ROTATE, committer));
    String pin = root() + "/topics/p.pin/partition=0/p.pin+0+";
    PAssert.that(landed).containsInAnyOrder(
        new LandedFile(pin + "0000000000.json", "p.pin", 0, 0, 2),
        new LandedFile(pin + "0000000002.json", "p.pin", 0, 2, 2),
        new LandedFile(pin + "0000000004.json", "p.pin", 0, 4, 1),
        new LandedFile(root() + "/topics/p.geo/partition=2/p.geo+2+0000000017.json", "p.geo", 2, 17, 1));
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of(
        "topics/p.pin/partition=0/p.pin+0+0000000000.json", List.of("{\"a\":0}", "{\"a\":1}"),
        "topics/p.pin/partition=0/p.pin+0+0000000002.json", List.of("{\"a\":2}", "{\"a\":3}"),
        "topics/p.pin/partition=0/p.pin+0+0000000004.json", List.of("{\"a\":4}"),
        "topics/p.geo/partition=2/p.geo+2+0000000017.json", List.of("{\"g\":17}")), lake());
    List<String> pinCommits = committer.commits().stream().filter(c -> c.startsWith("p.pin")).collect(Collectors.toList());
    assertEquals(List.of("p.pin-0:2", "p.pin-0:4", "p.pin-0:5"), pinCommits);
    assertEquals(4, committer.commits().size());
  }

  @Test
  void writesWholeFilesWhenOneBundleBringsMoreThanFlushSizeRecords(TestPipeline pipeline) throws Exception {
    // Records reach the writer in batches; a batch that takes the count past flushSize must not
    // end a file early: 2 waits for 3, as it would have one record at a time.
    RecordingCommitter committer = new RecordingCommitter();
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 0, "{\"a\":0}"), record("p.pin", 0, 1, "{\"a\":1}"),
            record("p.pin", 0, 2, "{\"a\":2}"))
        .advanceProcessingTime(ROTATE.minus(Duration.standardSeconds(1)))
        .addElements(record("p.pin", 0, 3, "{\"a\":3}"))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 2, ROTATE, committer));
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of(
        "topics/p.pin/partition=0/p.pin+0+0000000000.json", List.of("{\"a\":0}", "{\"a\":1}"),
        "topics/p.pin/partition=0/p.pin+0+0000000002.json", List.of("{\"a\":2}", "{\"a\":3}")), lake());
    assertEquals(List.of("p.pin-0:2", "p.pin-0:4"), committer.commits());
  }

  @Test
  void holdsAPartFileUntilTheRotateIntervalHasPassed(TestPipeline pipeline) throws Exception {
    RecordingCommitter committer = new RecordingCommitter().startingAt("p.user", 1, 40);
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.user", 1, 40, "{\"u\":40}"))
        .advanceProcessingTime(ROTATE.minus(Duration.standardSeconds(1)))
        .addElements(record("p.user", 1, 41, "{\"u\":41}"))
        .advanceProcessingTime(Duration.standardSeconds(2))
        .addElements(record("p.user", 1, 42, "{\"u\":42}"))
        .advanceWatermarkToInfinity();
    PCollection<LandedFile> landed =
        pipeline.apply(records).apply(LandRecords.to(root(), 100, ROTATE, committer));
    PAssert.that(landed).containsInAnyOrder(
        new LandedFile(root() + "/topics/p.user/partition=1/p.user+1+0000000040.json", "p.user", 1, 40, 2),
        new LandedFile(root() + "/topics/p.user/partition=1/p.user+1+0000000042.json", "p.user", 1, 42, 1));
    pipeline.run().waitUntilFinish();

    assertEquals(List.of("{\"u\":40}", "{\"u\":41}"),
        lake().get("topics/p.user/partition=1/p.user+1+0000000040.json"));
    assertEquals(List.of("p.user-1:42", "p.user-1:43"), committer.commits());
  }

  @Test
  void keepsEveryRecordOnOneLineAndWritesTombstonesAsNull(TestPipeline pipeline) throws Exception {
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 0, "{\"a\":\n 1,\r\n\"b\":2}"), record("p.pin", 0, 1, null),
            record("p.pin", 0, 2, "not json\nat all"), record("p.pin", 0, 3, ""))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 4, ROTATE, new RecordingCommitter()));
    pipeline.run().waitUntilFinish();

    assertEquals(List.of("{\"a\":  1,  \"b\":2}", "null", "not json at all", ""),
        lake().get("topics/p.pin/partition=0/p.pin+0+0000000000.json"));
  }

  @Test
  void landsAValueThatIsNotUtf8ByteForByteForBatchToReject(TestPipeline pipeline) throws Exception {
    byte[] latin1 = "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1); // é in one byte: not UTF-8
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(new KafkaRecord<>("p.pin", 0, 0, 0L, KafkaTimestampType.CREATE_TIME, null, null, latin1))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 1, ROTATE, new RecordingCommitter()));
    pipeline.run().waitUntilFinish();

    byte[] line = Arrays.copyOf(latin1, latin1.length + 1);
    line[latin1.length] = '\n';
    assertArrayEquals(line, Files.readAllBytes(tmp.resolve("topics/p.pin/partition=0/p.pin+0+0000000000.json")));
  }

  @Test
  void replacesTheUncommittedFileACrashLeftBehindInsteadOfAddingOne(TestPipeline pipeline) throws Exception {
    // A crash after writing offsets 5..9 but before committing them: the restart reads from 5
    // again and, with another flush boundary, first writes 5..7 under the same name.
    Path stale = tmp.resolve("topics/p.geo/partition=0/p.geo+0+0000000005.json");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "{\"g\":5}\n{\"g\":6}\n{\"g\":7}\n{\"g\":8}\n{\"g\":9}\n");
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.geo", 0, 5, "{\"g\":5}"), record("p.geo", 0, 6, "{\"g\":6}"),
            record("p.geo", 0, 7, "{\"g\":7}"), record("p.geo", 0, 8, "{\"g\":8}"),
            record("p.geo", 0, 9, "{\"g\":9}"), record("p.geo", 0, 10, "{\"g\":10}"))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 3, ROTATE, new RecordingCommitter().startingAt("p.geo", 0, 5)));
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of(
        "topics/p.geo/partition=0/p.geo+0+0000000005.json", List.of("{\"g\":5}", "{\"g\":6}", "{\"g\":7}"),
        "topics/p.geo/partition=0/p.geo+0+0000000008.json", List.of("{\"g\":8}", "{\"g\":9}", "{\"g\":10}")),
        lake());
  }

  @Test
  void skipsAndCountsARecordRedeliveredAfterItsFileIsDurable(TestPipeline pipeline) throws Exception {
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 0, "{\"a\":0}"), record("p.pin", 0, 1, "{\"a\":1}"))
        .addElements(record("p.pin", 0, 1, "{\"a\":1}"), record("p.pin", 0, 2, "{\"a\":2}"),
            record("p.pin", 0, 3, "{\"a\":3}"))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 2, ROTATE, new RecordingCommitter()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(Map.of(
        "topics/p.pin/partition=0/p.pin+0+0000000000.json", List.of("{\"a\":0}", "{\"a\":1}"),
        "topics/p.pin/partition=0/p.pin+0+0000000002.json", List.of("{\"a\":2}", "{\"a\":3}")), lake());
    assertEquals(1, dev.pinpipe.pipelines.common.PipelineCounters.attempted(result, "pinpipe", "land_redelivered"));
    assertEquals(4, dev.pinpipe.pipelines.common.PipelineCounters.attempted(result, "pinpipe", "land_records"));
  }

  @Test
  void waitsForAnEarlierRecordThatArrivesAfterLaterOnes(TestPipeline pipeline) throws Exception {
    // Landing 2..3 first and committing 4 would lose 0..1 as "redelivered" if they came next.
    RecordingCommitter committer = new RecordingCommitter();
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 2, "{\"a\":2}"), record("p.pin", 0, 3, "{\"a\":3}"))
        .advanceProcessingTime(ROTATE.plus(Duration.millis(1)))
        .addElements(record("p.pin", 0, 1, "{\"a\":1}"), record("p.pin", 0, 0, "{\"a\":0}"))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 2, ROTATE, committer));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(Map.of(
        "topics/p.pin/partition=0/p.pin+0+0000000000.json", List.of("{\"a\":0}", "{\"a\":1}"),
        "topics/p.pin/partition=0/p.pin+0+0000000002.json", List.of("{\"a\":2}", "{\"a\":3}")), lake());
    assertEquals(List.of("p.pin-0:2", "p.pin-0:4"), committer.commits());
    assertEquals(4, dev.pinpipe.pipelines.common.PipelineCounters.attempted(result, "pinpipe", "land_records"));
  }

  @Test
  void stepsOverAnOffsetThatHoldsNoRecordOnceTheBrokerSaysSo(TestPipeline pipeline) throws Exception {
    // Offset 2 is a transaction marker: the rotate asks, and 0, 1, 3 land in one file.
    RecordingCommitter committer = new RecordingCommitter().withoutRecordAt("p.pin", 0, 2);
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 0, "{\"a\":0}"), record("p.pin", 0, 1, "{\"a\":1}"),
            record("p.pin", 0, 3, "{\"a\":3}"))
        .advanceProcessingTime(ROTATE.plus(Duration.millis(1)))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 10, ROTATE, committer));
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of("topics/p.pin/partition=0/p.pin+0+0000000000.json",
        List.of("{\"a\":0}", "{\"a\":1}", "{\"a\":3}")), lake());
    assertEquals(List.of("p.pin-0:4"), committer.commits());
  }

  @Test
  void aRotateWritesOnlyUpToAHoleAndTheRestOnceItFills(TestPipeline pipeline) throws Exception {
    RecordingCommitter committer = new RecordingCommitter();
    TestStream<KafkaRecord<byte[], byte[]>> records = stream()
        .addElements(record("p.pin", 0, 0, "{\"a\":0}"), record("p.pin", 0, 1, "{\"a\":1}"),
            record("p.pin", 0, 3, "{\"a\":3}"))
        .advanceProcessingTime(ROTATE.plus(Duration.millis(1)))
        .addElements(record("p.pin", 0, 2, "{\"a\":2}"))
        .advanceProcessingTime(ROTATE.plus(Duration.millis(1)))
        .advanceWatermarkToInfinity();
    pipeline.apply(records).apply(LandRecords.to(root(), 10, ROTATE, committer));
    pipeline.run().waitUntilFinish();

    assertEquals(Map.of(
        "topics/p.pin/partition=0/p.pin+0+0000000000.json", List.of("{\"a\":0}", "{\"a\":1}"),
        "topics/p.pin/partition=0/p.pin+0+0000000002.json", List.of("{\"a\":2}", "{\"a\":3}")), lake());
    assertEquals(List.of("p.pin-0:2", "p.pin-0:4"), committer.commits());
  }

  @Test
  void leavesNoTemporaryFilesBehind(TestPipeline pipeline) throws Exception {
    pipeline.apply(stream().addElements(record("p.pin", 0, 0, "{}")).advanceWatermarkToInfinity())
        .apply(LandRecords.to(root(), 1, ROTATE, new RecordingCommitter()));
    pipeline.run().waitUntilFinish();
    assertFalse(lake().keySet().stream().anyMatch(name -> name.endsWith(".tmp")), lake().keySet().toString());
    assertEquals(1, lake().size());
  }
}
