package dev.pinpipe.pipelines.batch;

import dev.pinpipe.pipelines.lake.OutputLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.generate.GenerateLake;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.UUID;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A lake on the local S3 server (scripts/local-stack) gives exactly the local lake's results. */
@Timeout(300)
class S3LakeIT {
  @TempDir Path tmp;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static String bucket;

  @BeforeAll
  public static void createBucket() {
    bucket = LocalStack.newBucket();
  }

  private static GenerateLake.Options generate(String root) {
    GenerateLake.Options options = LocalStack.onLocalS3(PipelineOptionsFactory.as(GenerateLake.Options.class));
    options.setLakeRoot(root);
    options.setPosts(1_500);
    options.setSeed(21);
    options.setRecordsPerFile(400);
    options.setMalformedRate(0.01);
    return options;
  }

  private static BatchPipeline.Options batch(String lakeRoot, String outputDir) {
    BatchPipeline.Options options = LocalStack.onLocalS3(PipelineOptionsFactory.as(BatchPipeline.Options.class));
    BatchPipeline.tuneForOneMachine(options, false); // as the command line tunes the DirectRunner
    options.setLakeRoot(lakeRoot);
    options.setOutputDir(outputDir);
    return options;
  }

  @Test
  void batchFromS3GivesTheLocalLakesResults() throws Exception {
    Path local = Files.createDirectory(tmp.resolve("lake"));
    String remote = "s3://" + bucket + "/raw";
    GenerateLake.run(generate(local.toString()), QUIET);
    GenerateLake.run(generate(remote), QUIET);

    Path fromLocal = tmp.resolve("from-local");
    Path fromS3 = tmp.resolve("from-s3");
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch(local.toString(), fromLocal.toString()), QUIET).waitUntilFinish());
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch(remote, fromS3.toString()), QUIET).waitUntilFinish());

    Map<String, List<String>> expected = LocalStack.batchOutputs(fromLocal, local.toString());
    assertEquals(15, expected.size());
    assertFalse(expected.get("popular_category_by_country").isEmpty());
    assertFalse(expected.get("rejected/pin").isEmpty());
    assertEquals(expected, LocalStack.batchOutputs(fromS3, remote));
  }

  @Test
  void resultsOnS3AreReplacedOnlyByARunThatSucceeded() throws Exception {
    Path lake = Files.createDirectory(tmp.resolve("lake"));
    GenerateLake.run(generate(lake.toString()), QUIET);
    String out = "s3://" + bucket + "/results";
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch(lake.toString(), out), QUIET).waitUntilFinish());
    Map<String, String> before = objects("results/");
    // The run's folder holds the 15 folders and its record; the pointer beside runs/ names it.
    String firstRun = currentRun(out);
    assertEquals(15, before.keySet().stream().filter(key -> key.startsWith(firstRun + "/"))
        .map(key -> key.substring(0, key.lastIndexOf('/'))).filter(folder -> !folder.equals(firstRun)).distinct().count(),
        before.keySet().toString());
    assertTrue(before.containsKey("results/_last_run.json"), before.keySet().toString());

    assertThrows(Exception.class,
        () -> BatchPipeline.runWithExtraSteps(batch(lake.toString(), out), QUIET, BatchPipelineTest::injectFailure).waitUntilFinish());
    assertEquals(before, objects("results/"), "a failed run left the results as they were");

    // A run on a smaller lake succeeds and replaces every result; no stale file stays behind.
    Path smaller = Files.createDirectory(tmp.resolve("smaller"));
    GenerateLake.Options fewer = generate(smaller.toString());
    fewer.setPosts(300);
    GenerateLake.run(fewer, QUIET);
    Path local = tmp.resolve("local-results");
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch(smaller.toString(), out), QUIET).waitUntilFinish());
    assertEquals(PipelineResult.State.DONE,
        BatchPipeline.run(batch(smaller.toString(), local.toString()), QUIET).waitUntilFinish());
    Map<String, List<String>> expected = LocalStack.batchOutputs(local);
    Map<String, List<String>> onS3 = new TreeMap<>();
    String run = currentRun(out);
    assertTrue(objects("results/_last_run.json").get("results/_last_run.json").contains(smaller.toString()),
        "the last run is recorded");
    Map<String, String> results = objects(run + "/");
    results.remove(run + "/_last_run.json");
    results.forEach((key, text) -> onS3.computeIfAbsent(
        key.substring(run.length() + 1, key.lastIndexOf('/')), k -> new ArrayList<>())
        .addAll(text.isEmpty() ? List.of()
            : List.of(text.split("\n")).stream().map(line -> LocalStack.comparable(line, null)).collect(Collectors.toList())));
    onS3.values().forEach(lines -> lines.sort(null));
    expected.keySet().forEach(folder -> onS3.putIfAbsent(folder, new ArrayList<>()));
    assertEquals(expected, onS3);
    // The run before is kept for readers still reading it; the failed run left nothing.
    assertEquals(java.util.Set.of(firstRun, run), objects("results/runs/").keySet().stream()
        .map(key -> key.substring(0, key.indexOf('/', "results/runs/".length()))).collect(Collectors.toSet()));
  }

  /** The key prefix of the run last published into {@code out}, without its trailing slash. */
  private static String currentRun(String out) {
    String folder = OutputLayout.current(out).orElseThrow();
    return folder.substring(("s3://" + bucket + "/").length());
  }

  /** Every object under {@code prefix} in the test bucket, with its text. */
  private static Map<String, String> objects(String prefix) {
    Map<String, String> objects = new TreeMap<>();
    try (S3Client s3 = LocalStack.s3()) {
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
        objects.put(object.key(), s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8));
      }
    }
    return objects;
  }

  @Test
  void aMissingBucketFailsFastNamingTheOption() {
    String missing = "s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8) + "/raw";
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(batch(missing, "unused")));
    assertTrue(error.getMessage().startsWith("--lakeRoot=" + missing + ": cannot list it: "), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
  }
}
