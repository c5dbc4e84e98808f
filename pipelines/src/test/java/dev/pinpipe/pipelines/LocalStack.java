package dev.pinpipe.pipelines;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pinpipe.pipelines.options.LakeS3Options;
import dev.pinpipe.pipelines.options.SourceDatabaseOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The servers of scripts/local-stack, as its {@code env} command exports them, for ITs. */
public final class LocalStack {
  private LocalStack() {}

  private static String env(String name) {
    String value = System.getenv(name);
    assertNotNull(value, "no " + name + ": run scripts/local-stack up and eval \"$(scripts/local-stack env)\"");
    return value;
  }

  /**
   * Runs {@code scripts/local-stack <args>} (kill or start one server, for outage tests), failing
   * the test with its output unless it succeeds.
   */
  public static void stack(String... args) throws IOException, InterruptedException {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        java.nio.file.Path.of("..", "scripts", "local-stack").toString()));
    command.addAll(java.util.List.of(args));
    Process script = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(script.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertEquals(0, script.waitFor(), String.join(" ", command) + ": " + output);
  }

  public static String kafka() {
    return env("PINPIPE_KAFKA");
  }

  /** The local Flink session cluster's REST address, {@code host:port}, as {@code --flinkMaster} takes it. */
  public static String flinkMaster() {
    return env("PINPIPE_FLINK_MASTER");
  }

  public static URI awsEndpoint() {
    return URI.create(env("PINPIPE_AWS_ENDPOINT"));
  }

  /** A short name no earlier run used. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Points the options at the local stack's MariaDB. */
  public static <T extends SourceDatabaseOptions> T onMariaDb(T options) throws IOException {
    options.setJdbcUrl(env("PINPIPE_JDBC_URL"));
    options.setJdbcUser(env("PINPIPE_JDBC_USER"));
    options.setJdbcPassword(
        Files.readString(Path.of(env("PINPIPE_JDBC_PASSWORD_FILE")), StandardCharsets.UTF_8).strip());
    return options;
  }

  /** Points the options' S3 file system at the local S3 server. */
  public static <T extends PipelineOptions> T onLocalS3(T options) {
    LakeS3Options s3 = options.as(LakeS3Options.class);
    s3.setEndpoint(awsEndpoint());
    s3.setAwsRegion(Region.US_EAST_1);
    s3.setS3PathStyle(true);
    return options;
  }

  public static S3Client s3() {
    return S3Client.builder().endpointOverride(awsEndpoint()).region(Region.US_EAST_1).forcePathStyle(true).build();
  }

  /** Creates a bucket of a new name and returns the name. */
  public static String newBucket() {
    String bucket = unique("pinpipe-it");
    try (S3Client s3 = s3()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  /**
   * An output line as runs can be compared by: without a rejected line's {@code rejected_at} (the
   * moment of that run) and, with {@code lakeRoot}, with its source relative to the lake.
   */
  public static String comparable(String line, String lakeRoot) {
    String timeless = line.replaceAll(",\"rejected_at\":\"[^\"]*\"", "");
    return lakeRoot == null ? timeless : timeless.replace("\"source\":\"" + lakeRoot, "\"source\":\"<lake>");
  }

  /** The folder of the run last published into batch output folder {@code output}. */
  public static Path currentRun(Path output) {
    return Path.of(dev.pinpipe.pipelines.lake.OutputLayout.current(output.toString())
        .orElseThrow(() -> new AssertionError("no run published into " + output)));
  }

  /**
   * A batch output folder's JSON lines, sorted, by subfolder (the demo lake left out): shard
   * counts may differ between runs, rows may not. A rejected line's {@code rejected_at}, the
   * moment of that run, is left out.
   */
  public static Map<String, List<String>> batchOutputs(Path root) throws IOException {
    return batchOutputs(root, null);
  }

  /** The same, with a rejected line's source relative to {@code lakeRoot}, to compare runs on two lakes. */
  public static Map<String, List<String>> batchOutputs(Path output, String lakeRoot) throws IOException {
    Path root = currentRun(output);
    Map<String, List<String>> byFolder = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      // The output's data; not _last_run.json, which records when and where a run ran.
      for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("demo-lake")
              && !f.getFileName().toString().startsWith("_"))
          .collect(Collectors.toList())) {
        byFolder.computeIfAbsent(root.relativize(file.getParent()).toString(), k -> new ArrayList<>())
            .addAll(Files.readAllLines(file).stream()
                .map(line -> comparable(line, lakeRoot))
                .collect(Collectors.toList()));
      }
    }
    byFolder.values().forEach(lines -> lines.sort(null));
    return byFolder;
  }
}
