package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.generate.GenerateLake;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPipelineTest {
  @TempDir Path tmp;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private BatchPipeline.Options options(String lakeRoot, String outputDir) {
    BatchPipeline.Options options = PipelineOptionsFactory.as(BatchPipeline.Options.class);
    options.setLakeRoot(lakeRoot);
    options.setTopicPrefix("t");
    options.setOutputDir(outputDir);
    return options;
  }

  static Set<String> linesIn(Path folder) throws IOException {
    return new HashSet<>(allLinesIn(folder));
  }

  /** Every line, repeats included. */
  static List<String> allLinesIn(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return lines;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).collect(Collectors.toList())) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private static List<String> lakeLines(Path lake, RecordKind kind) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(lake.resolve("topics/t." + kind.label()))) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  @Test
  void computesWhatThePlainReferenceComputesOnAGeneratedLake() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(lake.toString());
    generate.setTopicPrefix("t");
    generate.setPosts(2_000);
    generate.setSeed(11);
    generate.setRecordsPerFile(300);
    generate.setMalformedRate(0.02);
    generate.setOrphanRate(0.01);
    GenerateLake.Summary summary = GenerateLake.run(generate, QUIET);

    String out = Files.createDirectory(tmp.resolve("out")).toString();
    PipelineResult result = BatchPipeline.run(options(lake.toString(), out), QUIET);
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    Map<RecordKind, List<String>> lines = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      lines.put(kind, lakeLines(lake, kind));
    }
    Map<RecordKind, Map<Long, org.apache.beam.sdk.values.Row>> clean = ReferenceAnalytics.cleanTables(lines);
    Map<AnalyticsResult, Set<String>> expected = ReferenceAnalytics.compute(clean);
    for (AnalyticsResult table : AnalyticsResult.values()) {
      Set<String> actual = linesIn(Path.of(out, table.folder()));
      assertFalse(actual.isEmpty(), table.folder() + " is empty");
      assertEquals(expected.get(table), actual, table.folder());
    }

    long rejected = 0;
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(clean.get(kind).size(), allLinesIn(Path.of(out, "clean", kind.label())).size(), kind + " clean rows");
      List<String> rejectedLines = allLinesIn(Path.of(out, "rejected", kind.label()));
      for (String line : rejectedLines) {
        assertTrue(line.contains("\"reason\":") && line.contains("\"raw\":"), line);
      }
      rejected += rejectedLines.size();
      assertEquals(rejectedLines.size(), (long) BatchPipeline.rejectedCounts(result).get(kind), kind + " rejected counter");
    }
    assertEquals(summary.malformed, rejected);
    assertEquals(2_000, linesIn(Path.of(out, "clean", "pin")).size());
  }

  @Test
  void anEmptyLakeGivesEmptyResults() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("empty"));
    String out = Files.createDirectory(tmp.resolve("out")).toString();
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(lake.toString(), out), QUIET).waitUntilFinish());
    for (AnalyticsResult table : AnalyticsResult.values()) {
      assertEquals(Set.of(), linesIn(Path.of(out, table.folder())), table.folder());
      assertTrue(Files.isDirectory(Path.of(out, table.folder())), table.folder());
    }
  }

  @Test
  void failsFastNamingTheOption() {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> BatchPipeline.validate(options(tmp + "/nope", "out")));
    assertEquals("--lakeRoot=" + tmp + "/nope: no such folder", missing.getMessage());
    BatchPipeline.Options emptyPrefix = options(tmp.toString(), "out");
    emptyPrefix.setTopicPrefix("");
    IllegalArgumentException prefix =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(emptyPrefix));
    assertTrue(prefix.getMessage().startsWith("--topicPrefix"), prefix.getMessage());
  }
}
