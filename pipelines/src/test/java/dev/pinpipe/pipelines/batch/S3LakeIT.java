package dev.pinpipe.pipelines.batch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pinpipe.pipelines.generate.GenerateLake;
import dev.pinpipe.pipelines.io.LakeS3Options;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A lake on the local S3 server (scripts/local-stack) gives exactly the local lake's results. */
public class S3LakeIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static URI endpoint;
  private static String bucket;

  @BeforeClass
  public static void createBucket() {
    String address = System.getenv("PINPIPE_AWS_ENDPOINT");
    assertNotNull("no local S3 server: run scripts/local-stack up and eval \"$(scripts/local-stack env)\"", address);
    endpoint = URI.create(address);
    bucket = "pinpipe-it-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client s3 =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true).build()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  private static <T extends PipelineOptions> T onLocalS3(T options) {
    LakeS3Options s3 = options.as(LakeS3Options.class);
    s3.setEndpoint(endpoint);
    s3.setAwsRegion(Region.US_EAST_1);
    s3.setS3PathStyle(true);
    return options;
  }

  private static GenerateLake.Options generate(String root) {
    GenerateLake.Options options = onLocalS3(PipelineOptionsFactory.as(GenerateLake.Options.class));
    options.setLakeRoot(root);
    options.setPosts(1_500);
    options.setSeed(21);
    options.setRecordsPerFile(400);
    options.setMalformedRate(0.01);
    return options;
  }

  private static BatchPipeline.Options batch(String lakeRoot, String outputDir) {
    BatchPipeline.Options options = onLocalS3(PipelineOptionsFactory.as(BatchPipeline.Options.class));
    options.setLakeRoot(lakeRoot);
    options.setOutputDir(outputDir);
    return options;
  }

  private static Map<String, List<String>> outputs(Path root) throws Exception {
    Map<String, List<String>> byFolder = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("demo-lake"))
          .collect(Collectors.toList())) {
        byFolder.computeIfAbsent(root.relativize(file.getParent()).toString(), k -> new java.util.ArrayList<>())
            .addAll(Files.readAllLines(file));
      }
    }
    byFolder.values().forEach(lines -> lines.sort(null));
    return byFolder;
  }

  @Test
  public void batchFromS3GivesTheLocalLakesResults() throws Exception {
    File local = tmp.newFolder("lake");
    String remote = "s3://" + bucket + "/raw";
    GenerateLake.run(generate(local.getPath()), QUIET);
    GenerateLake.run(generate(remote), QUIET);

    Path fromLocal = tmp.getRoot().toPath().resolve("from-local");
    Path fromS3 = tmp.getRoot().toPath().resolve("from-s3");
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch(local.getPath(), fromLocal.toString()), QUIET).waitUntilFinish());
    assertEquals(PipelineResult.State.DONE, BatchPipeline.run(batch(remote, fromS3.toString()), QUIET).waitUntilFinish());

    Map<String, List<String>> expected = outputs(fromLocal);
    assertEquals(15, expected.size());
    assertFalse(expected.get("popular_category_by_country").isEmpty());
    assertEquals(expected, outputs(fromS3));
  }

  @Test
  public void aMissingBucketFailsFastNamingTheOption() {
    String missing = "s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8) + "/raw";
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BatchPipeline.validate(batch(missing, "unused")));
    assertTrue(error.getMessage(), error.getMessage().startsWith("--lakeRoot=" + missing + ": cannot list it: "));
    assertFalse(error.getMessage(), error.getMessage().contains("\n"));
  }
}
