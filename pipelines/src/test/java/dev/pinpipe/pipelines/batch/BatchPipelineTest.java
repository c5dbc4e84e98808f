package dev.pinpipe.pipelines.batch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pinpipe.pipelines.generate.GenerateLake;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import java.io.File;
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
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BatchPipelineTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
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
  public void computesWhatThePlainReferenceComputesOnAGeneratedLake() throws Exception {
    File lake = tmp.newFolder("lake");
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(lake.getPath());
    generate.setTopicPrefix("t");
    generate.setPosts(2_000);
    generate.setSeed(11);
    generate.setRecordsPerFile(300);
    generate.setMalformedRate(0.02);
    generate.setOrphanRate(0.01);
    GenerateLake.Summary summary = GenerateLake.run(generate, QUIET);

    String out = tmp.newFolder("out").getPath();
    PipelineResult result = BatchPipeline.run(options(lake.getPath(), out), QUIET);
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    Map<RecordKind, List<String>> lines = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      lines.put(kind, lakeLines(lake.toPath(), kind));
    }
    Map<RecordKind, Map<Long, org.apache.beam.sdk.values.Row>> clean = ReferenceAnalytics.cleanTables(lines);
    Map<AnalyticsResult, Set<String>> expected = ReferenceAnalytics.compute(clean);
    for (AnalyticsResult table : AnalyticsResult.values()) {
      Set<String> actual = linesIn(Path.of(out, table.folder()));
      assertFalse(table.folder() + " is empty", actual.isEmpty());
      assertEquals(table.folder(), expected.get(table), actual);
    }

    long rejected = 0;
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(kind + " clean rows", clean.get(kind).size(), allLinesIn(Path.of(out, "clean", kind.label())).size());
      List<String> rejectedLines = allLinesIn(Path.of(out, "rejected", kind.label()));
      for (String line : rejectedLines) {
        assertTrue(line, line.contains("\"reason\":") && line.contains("\"raw\":"));
      }
      rejected += rejectedLines.size();
      assertEquals(kind + " rejected counter", rejectedLines.size(), (long) BatchPipeline.rejectedCounts(result).get(kind));
    }
    assertEquals(summary.malformed, rejected);
    assertEquals(2_000, linesIn(Path.of(out, "clean", "pin")).size());
  }

  @Test
  public void anEmptyLakeGivesEmptyResults() throws Exception {
    File lake = tmp.newFolder("empty");
    String out = tmp.newFolder("out").getPath();
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(lake.getPath(), out), QUIET).waitUntilFinish());
    for (AnalyticsResult table : AnalyticsResult.values()) {
      assertEquals(table.folder(), Set.of(), linesIn(Path.of(out, table.folder())));
      assertTrue(table.folder(), Files.isDirectory(Path.of(out, table.folder())));
    }
  }

  @Test
  public void failsFastNamingTheOption() {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> BatchPipeline.validate(options(tmp.getRoot() + "/nope", "out")));
    assertEquals("--lakeRoot=" + tmp.getRoot() + "/nope: no such folder", missing.getMessage());
    BatchPipeline.Options emptyPrefix = options(tmp.getRoot().getPath(), "out");
    emptyPrefix.setTopicPrefix("");
    IllegalArgumentException prefix =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(emptyPrefix));
    assertTrue(prefix.getMessage(), prefix.getMessage().startsWith("--topicPrefix"));
  }
}
