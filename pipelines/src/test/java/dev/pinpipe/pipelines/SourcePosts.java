package dev.pinpipe.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.emulate.PostingEmulator;
import dev.pinpipe.pipelines.generate.GenerateLake;
import dev.pinpipe.pipelines.seed.SeedDatabase;
import java.io.OutputStream;
import java.io.PrintStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The same generated posts two ways, for end-to-end tests: as a clean lake (each post once, no
 * orphans, no malformed lines), and as source tables in MariaDB posted by the emulator.
 */
public final class SourcePosts {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private SourcePosts() {}

  /** Writes the posts as a lake under {@code lakeRoot}, with nothing a source table would not hold. */
  public static void generateCleanLake(String lakeRoot, String prefix, int posts, long seed) throws Exception {
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(lakeRoot);
    generate.setTopicPrefix(prefix);
    generate.setPosts(posts);
    generate.setSeed(seed);
    generate.setDuplicateRate(0);
    generate.setOrphanRate(0);
    generate.setMalformedRate(0);
    GenerateLake.run(generate, QUIET);
  }

  /** Seeds MariaDB with the posts and replays them once to Kafka and/or the Kinesis streams. */
  public static void seedAndReplay(String prefix, int posts, long seed, boolean kafka, boolean kinesis)
      throws Exception {
    seedAndReplay(prefix, posts, seed, kafka, kinesis, () -> {});
  }

  /** The same, running {@code beforeReplay} between the seeding and the replay. */
  public static void seedAndReplay(String prefix, int posts, long seed, boolean kafka, boolean kinesis,
      Runnable beforeReplay) throws Exception {
    SeedDatabase.Options seeding = LocalStack.onMariaDb(PipelineOptionsFactory.as(SeedDatabase.Options.class));
    seeding.setPosts(posts);
    seeding.setSeed(seed);
    seeding.setOverwrite(true);
    assertEquals(PipelineResult.State.DONE, SeedDatabase.run(seeding).waitUntilFinish());
    beforeReplay.run();
    PostingEmulator.Options emulate = LocalStack.onMariaDb(PipelineOptionsFactory.as(PostingEmulator.Options.class));
    emulate.setMode("replay");
    emulate.setTopicPrefix(prefix);
    if (kafka) {
      emulate.setKafkaBootstrapServers(LocalStack.kafka());
    }
    if (kinesis) {
      emulate.setKinesis(true);
      emulate.setCreateStreams(true);
      emulate.setEndpoint(LocalStack.awsEndpoint());
      emulate.setAwsRegion(Region.US_EAST_1);
    }
    try {
      assertEquals(PipelineResult.State.DONE, PostingEmulator.run(emulate).waitUntilFinish());
    } catch (RuntimeException e) {
      // A report shows a failure's first line: make it the cause (Kafka's error), not Beam's wrapper.
      throw new AssertionError("emulate failed: " + OneLine.rootCause(e), e);
    }
  }
}
