package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
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

  private static void generate(Path lake, int posts, long seed) throws IOException {
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(lake.toString());
    generate.setTopicPrefix("t");
    generate.setPosts(posts);
    generate.setSeed(seed);
    GenerateLake.run(generate, QUIET);
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
  void anEmptyLakeGivesEmptyResultsWhenAllowed() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("empty"));
    String out = Files.createDirectory(tmp.resolve("out")).toString();
    BatchPipeline.Options options = options(lake.toString(), out);
    options.setAllowEmpty(true);
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options, QUIET).waitUntilFinish());
    for (AnalyticsResult table : AnalyticsResult.values()) {
      assertEquals(Set.of(), linesIn(Path.of(out, table.folder())), table.folder());
      assertTrue(Files.isDirectory(Path.of(out, table.folder())), table.folder());
    }
  }

  @Test
  void anEmptyLakeOrAMistypedPrefixFailsNamingTheGlobThatMatchedNothing() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    generate(lake, 50, 1);
    String out = tmp.resolve("out").toString();
    BatchPipeline.Options mistyped = options(lake.toString(), out);
    mistyped.setTopicPrefix("tt");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.run(mistyped, QUIET));
    assertEquals("--lakeRoot=" + lake + " --topicPrefix=tt: no lake files match " + lake
        + "/topics/tt.pin/partition=*/*.json; check both options, or pass --allowEmpty=true to accept an"
        + " empty lake", error.getMessage());
    assertFalse(Files.exists(Path.of(out)), "nothing written");
  }

  @Test
  void aFailedRunLeavesThePreviousResultsByteForByte() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    generate(lake, 300, 2);
    Path out = tmp.resolve("out");
    assertEquals(PipelineResult.State.DONE,
        BatchPipeline.run(options(lake.toString(), out.toString()), QUIET).waitUntilFinish());
    Map<Path, byte[]> before = filesIn(out);
    // The 15 folders, and the record of the run beside them.
    assertEquals(15, before.keySet().stream().map(Path::getParent).filter(java.util.Objects::nonNull).distinct().count(),
        before.keySet().toString());
    String lastRun = new String(before.get(Path.of(LastRun.FILE)), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(lastRun.contains("\"runner\":\"DirectRunner\"") && lastRun.contains("\"lake_root\":\"" + lake + "\"")
        && lastRun.strip().lines().count() == 1, lastRun);

    // The same run again, failing once its output would have been written.
    assertThrows(Exception.class,
        () -> BatchPipeline.runWithExtraSteps(options(lake.toString(), out.toString()), QUIET, BatchPipelineTest::injectFailure)
            .waitUntilFinish());
    Map<Path, byte[]> after = filesIn(out);
    assertEquals(before.keySet(), after.keySet());
    for (Path file : before.keySet()) {
      assertArrayEquals(before.get(file), after.get(file), file.toString());
    }
  }

  /** Adds a step that fails the run, for tests of what a failed run leaves behind. */
  static void injectFailure(Pipeline pipeline) {
    pipeline.apply("Fail", Create.of(1)).apply("Throw", MapElements.into(TypeDescriptors.integers())
        .via((Integer x) -> {
          throw new IllegalStateException("injected failure");
        }));
  }

  /** Every file under {@code root} with its bytes. */
  private static Map<Path, byte[]> filesIn(Path root) throws IOException {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(Files::isRegularFile).collect(Collectors.toList())) {
        files.put(root.relativize(file), Files.readAllBytes(file));
      }
    }
    return files;
  }

  @Test
  void failsFastNamingTheOption() throws IOException {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> BatchPipeline.validate(options(tmp + "/nope", "out")));
    assertEquals("--lakeRoot=" + tmp + "/nope: no such folder", missing.getMessage());
    BatchPipeline.Options emptyPrefix = options(tmp.toString(), "out");
    emptyPrefix.setTopicPrefix("");
    IllegalArgumentException prefix =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(emptyPrefix));
    assertTrue(prefix.getMessage().startsWith("--topicPrefix"), prefix.getMessage());
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    IllegalArgumentException outputIsAFile =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(options(tmp.toString(), file.toString())));
    assertEquals("--outputDir=" + file + ": is a file, not a folder", outputIsAFile.getMessage());
    BatchPipeline.Options deltaInAFile = options(tmp.toString(), "out");
    deltaInAFile.setDeltaRoot(file + "/delta");
    IllegalArgumentException delta =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(deltaInAFile));
    assertTrue(delta.getMessage().startsWith("--deltaRoot=" + file + "/delta: cannot write there: "), delta.getMessage());
    assertFalse(delta.getMessage().contains("\n"), delta.getMessage());
  }
}
