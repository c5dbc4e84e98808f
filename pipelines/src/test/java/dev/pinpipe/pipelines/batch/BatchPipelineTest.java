package dev.pinpipe.pipelines.batch;

import dev.pinpipe.pipelines.lake.OutputLock;
import dev.pinpipe.pipelines.lake.LastRun;
import dev.pinpipe.pipelines.lake.OutputLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchPipelineTest {
  @TempDir Path tmp;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private BatchPipeline.Options options(String lakeRoot, String outputDir) {
    BatchPipeline.Options options = PipelineOptionsFactory.as(BatchPipeline.Options.class);
    BatchPipeline.tuneForOneMachine(options, false); // as the command line tunes the DirectRunner
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
    String run = LocalStack.currentRun(Path.of(out)).toString();

    Map<RecordKind, List<String>> lines = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      lines.put(kind, lakeLines(lake, kind));
    }
    Map<RecordKind, Map<Long, org.apache.beam.sdk.values.Row>> clean = ReferenceAnalytics.cleanTables(lines);
    Map<AnalyticsResult, Set<String>> expected = ReferenceAnalytics.compute(clean);
    for (AnalyticsResult table : AnalyticsResult.values()) {
      assertNotNull(expected.get(table), "ReferenceAnalytics computes no " + table.folder());
      Set<String> actual = linesIn(Path.of(run, table.folder()));
      assertFalse(actual.isEmpty(), table.folder() + " is empty");
      assertEquals(expected.get(table), actual, table.folder());
    }

    long rejected = 0;
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(clean.get(kind).size(), allLinesIn(Path.of(run, "clean", kind.label())).size(), kind + " clean rows");
      List<String> rejectedLines = allLinesIn(Path.of(run, "rejected", kind.label()));
      for (String line : rejectedLines) {
        assertTrue(line.contains("\"reason\":") && line.contains("\"raw\":"), line);
      }
      rejected += rejectedLines.size();
      assertEquals(rejectedLines.size(), (long) BatchPipeline.rejectedCounts(result).get(kind), kind + " rejected counter");
    }
    assertEquals(summary.malformed, rejected);
    assertEquals(2_000, linesIn(Path.of(run, "clean", "pin")).size());
  }

  @Test
  void anEmptyLakeGivesEmptyResultsWhenAllowed() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("empty"));
    String out = Files.createDirectory(tmp.resolve("out")).toString();
    BatchPipeline.Options options = options(lake.toString(), out);
    options.setAllowEmpty(true);
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options, QUIET).waitUntilFinish());
    String run = LocalStack.currentRun(Path.of(out)).toString();
    for (AnalyticsResult table : AnalyticsResult.values()) {
      assertEquals(Set.of(), linesIn(Path.of(run, table.folder())), table.folder());
      assertTrue(Files.isDirectory(Path.of(run, table.folder())), table.folder());
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
    // The run's folder holds the 15 folders and its record; the pointer beside runs/ names it.
    Path run = LocalStack.currentRun(out);
    assertEquals(15, filesIn(run).keySet().stream().map(Path::getParent).filter(java.util.Objects::nonNull)
        .distinct().count(), before.keySet().toString());
    String lastRun = new String(before.get(Path.of(LastRun.FILE)), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(lastRun.contains("\"runner\":\"DirectRunner\"") && lastRun.contains("\"lake_root\":\"" + lake + "\"")
        && lastRun.contains("\"run\":\"runs/" + run.getFileName() + "\"") && lastRun.strip().lines().count() == 1, lastRun);
    assertArrayEquals(before.get(Path.of(LastRun.FILE)), Files.readAllBytes(run.resolve(LastRun.FILE)));

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

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void linksThatLoopBackInTheLakeAreSaidAndNotFollowed() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    generate(lake, 200, 2);
    Path partition = lake.resolve("topics/t.pin/partition=0");
    // Two links to the folder itself: a walk that follows them blindly meets 2^40 paths.
    Files.createSymbolicLink(partition.resolve("a"), Path.of("."));
    Files.createSymbolicLink(partition.resolve("b"), Path.of("."));
    // A lake reached through a link is read as any other.
    Path linked = Files.createSymbolicLink(tmp.resolve("linked-lake"), lake);
    String out = tmp.resolve("out").toString();
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(linked.toString(), out),
        new PrintStream(log, true, StandardCharsets.UTF_8)).waitUntilFinish());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("warning: 2 links under " + linked
        + "/topics/t.pin lead back to a folder above them and are not followed, e.g. " + partition.toString()
            .replace(lake.toString(), linked.toString()) + "/a"), log.toString(StandardCharsets.UTF_8));
    assertEquals(200, linesIn(LocalStack.currentRun(Path.of(out)).resolve("clean/pin")).size());
  }

  /** Stands for the process being killed at a step of publishing. */
  private static final class Killed extends RuntimeException {
    Killed(BatchPipeline.Publishing step) {
      super("killed at " + step);
    }
  }

  @ParameterizedTest
  @EnumSource(BatchPipeline.Publishing.class)
  void aRunStoppedAtAnyStepOfPublishingLeavesReadersOneWholeRun(BatchPipeline.Publishing step) throws Exception {
    Path first = Files.createDirectory(tmp.resolve("first"));
    Path second = Files.createDirectory(tmp.resolve("second"));
    generate(first, 300, 2);
    generate(second, 200, 3);
    Path out = tmp.resolve("out");
    Path alone = tmp.resolve("alone");
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(second.toString(), alone.toString()), QUIET).waitUntilFinish());
    Map<String, List<String>> secondRun = LocalStack.batchOutputs(alone);
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(first.toString(), out.toString()), QUIET).waitUntilFinish());
    Map<String, List<String>> firstRun = LocalStack.batchOutputs(out);
    assertNotEquals(firstRun, secondRun);

    assertThrows(Killed.class, () -> BatchPipeline.runStoppingAt(options(second.toString(), out.toString()), QUIET, at -> {
      if (at == step) {
        throw new Killed(at);
      }
    }));
    boolean published = step.compareTo(BatchPipeline.Publishing.PUBLISHED) >= 0;
    assertEquals(published ? secondRun : firstRun, LocalStack.batchOutputs(out), "readers see one run, whole");
    assertRecordMatchesItsRun(out);

    // The next run publishes whole, and keeps only its folder and the one published before it.
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(second.toString(), out.toString()), QUIET).waitUntilFinish());
    assertEquals(secondRun, LocalStack.batchOutputs(out));
    assertRecordMatchesItsRun(out);
    try (Stream<Path> runs = Files.list(out.resolve(OutputLayout.RUNS))) {
      assertEquals(2, runs.count(), "this run's folder and the previous one's");
    }
  }

  /** The pointer's counts of rejected lines are those of the folder it names. */
  private static void assertRecordMatchesItsRun(Path out) throws IOException {
    com.fasterxml.jackson.databind.JsonNode record = OutputLayout.lastRun(out.toString()).orElseThrow();
    Path run = LocalStack.currentRun(out);
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(record.get("rejected").get(kind.label()).asLong(),
          allLinesIn(run.resolve("rejected").resolve(kind.label())).size(), kind + " rejected");
    }
  }

  @Test
  void aSecondRunIntoAFolderInUseFailsAtOnceAndALeftLockHoldsNothing() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    generate(lake, 100, 2);
    Path out = tmp.resolve("out");
    try (OutputLock held = OutputLock.take(out.toString())) {
      IllegalArgumentException busy = assertThrows(IllegalArgumentException.class,
          () -> BatchPipeline.run(options(lake.toString(), out.toString()), QUIET));
      assertTrue(busy.getMessage().startsWith("--outputDir=" + out + ": in use by another batch run (pid "
          + ProcessHandle.current().pid() + ", started "), busy.getMessage());
      assertFalse(Files.exists(out.resolve(OutputLayout.RUNS)), "the refused run wrote nothing");
    }
    // The lock file stays, empty; it holds nothing once its holder is gone.
    assertTrue(Files.exists(out.resolve(OutputLock.FILE)));
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(lake.toString(), out.toString()), QUIET).waitUntilFinish());
  }

  @Test
  void oldRunFoldersGoFinishedAtOnceUnfinishedOnceADayOld() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    generate(lake, 100, 2);
    Path out = tmp.resolve("out");
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(lake.toString(), out.toString()), QUIET).waitUntilFinish());
    Path previous = LocalStack.currentRun(out);
    Path runs = out.resolve(OutputLayout.RUNS);
    // Left by runs that were killed: one two days ago, one that started a minute ago (may be running).
    Path abandoned = runs.resolve(OutputLayout.newRunId(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    Path young = runs.resolve(OutputLayout.newRunId(java.time.Instant.now().minusSeconds(60)));
    for (Path killed : List.of(abandoned, young)) {
      Files.writeString(Files.createDirectories(killed.resolve("clean/pin")).resolve("part-0.json"), "{}\n");
    }
    // A finished run published before the previous one.
    Path older = runs.resolve(OutputLayout.newRunId(java.time.Instant.now().minusSeconds(3_600)));
    Files.createDirectories(older);
    Files.copy(previous.resolve(LastRun.FILE), older.resolve(LastRun.FILE));

    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options(lake.toString(), out.toString()), QUIET).waitUntilFinish());
    try (Stream<Path> left = Files.list(runs)) {
      assertEquals(Set.of(LocalStack.currentRun(out), previous, young), left.collect(Collectors.toSet()));
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
