package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code pinpipe land} (SIGKILL, as a crash would) part-way through the topics, starts it
 * again, and checks that the lake on the local S3 server holds every record exactly once.
 */
@Timeout(600)
class LandRestartIT {
  @TempDir Path tmp;
  private static final int PER_TOPIC = 10_000;
  private static final int TOTAL = 3 * PER_TOPIC + 2;

  /** Every land process this test started; none outlives it, whatever way it ends. */
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEveryLanding() {
    started.forEach(Process::destroyForcibly);
  }

  /** {@code pinpipe land} from the bundled jar, as README runs it, logging to {@code log}. */
  private Process land(String prefix, String lakeRoot, File log, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("land",
        "--kafkaBootstrapServers=" + LocalStack.kafka(), "--topicPrefix=" + prefix, "--lakeRoot=" + lakeRoot,
        "--endpoint=" + LocalStack.awsEndpoint(), "--awsRegion=us-east-1", "--s3PathStyle=true",
        "--flushSize=700", "--rotateIntervalSeconds=2"));
    args.addAll(List.of(extra));
    Process land = PinPipeJar.start(log, args);
    started.add(land);
    return land;
  }

  private static long committed(KafkaBroker broker, String prefix) {
    return broker.committed("pinpipe-land-" + prefix).values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void aKilledLandingRestartsWithoutLosingOrRepeatingARecord() throws Exception {
    String prefix = LocalStack.unique("it-restart");
    String bucket = LocalStack.newBucket();
    String lakeRoot = "s3://" + bucket + "/" + prefix;
    TopicsAndLake.createTopics(prefix, 3);
    TopicsAndLake.produce(prefix, 0, PER_TOPIC, 3);
    File log = Files.createFile(tmp.resolve("land.log")).toFile();

    Process first = land(prefix, lakeRoot, log);
    long landedBeforeKill;
    try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
      while (committed(broker, prefix) < TOTAL / 5 && first.isAlive()) { // bounded by @Timeout
        Thread.sleep(100);
      }
      assertTrue(first.isAlive(), "land ended on its own; see " + log);
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      landedBeforeKill = committed(broker, prefix);
    }
    assertTrue(landedBeforeKill >= TOTAL / 5 && landedBeforeKill < TOTAL,
        "killed after " + landedBeforeKill + " of " + TOTAL + " records: not part-way");

    Process second = land(prefix, lakeRoot, log, "--exitWhenCaughtUp=true");
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the restarted land did not catch up in 5 minutes");
    assertEquals(0, second.exitValue(), "exit code of the restarted land; see " + log);
    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);
  }
}
