package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines from a stream: each window's rows in files of their own; a table in the files asked for. */
@ExtendWith(TestPipelineExtension.class)
class WriteJsonLinesTest {
  private static final Schema SCHEMA = Schema.builder().addInt64Field("ind").build();
  private static final Duration MINUTE = Duration.standardMinutes(1);

  @TempDir Path tmp;

  private static TimestampedValue<Row> row(long ind, long minute) {
    return TimestampedValue.of(Row.withSchema(SCHEMA).addValue(ind).build(), new Instant(minute * 60_000 + 1));
  }

  @Test
  void writesEachWindowOfAStreamToItsOwnFiles(TestPipeline pipeline) throws Exception {
    TestStream<Row> rows = TestStream.create(RowCoder.of(SCHEMA)).advanceWatermarkTo(new Instant(0))
        .addElements(row(1, 0), row(2, 0))
        .advanceWatermarkTo(new Instant(60_000))
        .addElements(row(3, 1))
        .advanceWatermarkToInfinity();
    pipeline.apply(rows).setRowSchema(SCHEMA).apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(WriteJsonLines.toSingleFile(tmp.resolve("result").toString()));
    pipeline.run().waitUntilFinish();

    Map<String, List<String>> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(tmp.resolve("result"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList())) {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        byFile.put(file.getFileName().toString(), lines);
      }
    }
    assertEquals(List.of(List.of("{\"ind\":1}", "{\"ind\":2}"), List.of("{\"ind\":3}")),
        new ArrayList<>(byFile.values()), byFile.toString());
    assertTrue(byFile.keySet().stream().allMatch(name -> name.contains("1970-01-01T00:0")), byFile.toString());
  }

  @Test
  void writesABoundedTableInTheFilesAskedFor(TestPipeline pipeline) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (long ind = 0; ind < 20; ind++) {
      rows.add(Row.withSchema(SCHEMA).addValue(ind).build());
    }
    pipeline.apply(Create.of(rows).withRowSchema(SCHEMA))
        .apply(WriteJsonLines.to(tmp.resolve("table").toString()).inFiles(3));
    pipeline.run().waitUntilFinish();

    List<String> names;
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(tmp.resolve("table"))) {
      names = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
          .sorted().collect(Collectors.toList());
    }
    for (String name : names) {
      lines.addAll(Files.readAllLines(tmp.resolve("table").resolve(name)));
    }
    assertEquals(List.of("part-00000-of-00003.json", "part-00001-of-00003.json", "part-00002-of-00003.json"), names);
    assertEquals(20, lines.size());
    assertEquals(20, lines.stream().distinct().count());
  }

  @Test
  void aTableNeedsAFile() {
    assertThrows(IllegalArgumentException.class, () -> WriteJsonLines.to("/tmp/table").inFiles(0));
  }
}
