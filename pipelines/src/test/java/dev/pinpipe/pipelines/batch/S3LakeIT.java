package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.generate.GenerateLake;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

    Map<String, List<String>> expected = LocalStack.batchOutputs(fromLocal);
    assertEquals(15, expected.size());
    assertFalse(expected.get("popular_category_by_country").isEmpty());
    assertEquals(expected, LocalStack.batchOutputs(fromS3));
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
