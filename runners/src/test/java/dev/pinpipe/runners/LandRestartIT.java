package dev.pinpipe.runners;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.io.KafkaBroker;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * Kills {@code pinpipe land} (SIGKILL, as a crash would) part-way through the topics, starts it
 * again, and checks that the lake on the local S3 server holds every record exactly once.
 */
public class LandRestartIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final Timeout timeout = Timeout.seconds(600);
  private static final int PER_TOPIC = 10_000;
  private static final int TOTAL = 3 * PER_TOPIC + 2;

  /** {@code pinpipe land} from the bundled jar, as README runs it, logging to {@code log}. */
  private static Process land(String prefix, String lakeRoot, File log, String... extra) throws Exception {
    Path jar = Paths.get("target", "pinpipe.jar");
    assertTrue("no bundled jar: run mvn package first", jar.toFile().isFile());
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-jar", jar.toString(), "land",
        "--kafkaBootstrapServers=" + LocalStack.kafka(), "--topicPrefix=" + prefix, "--lakeRoot=" + lakeRoot,
        "--endpoint=" + LocalStack.awsEndpoint(), "--awsRegion=us-east-1", "--s3PathStyle=true",
        "--flushSize=700", "--rotateIntervalSeconds=2"));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
  }

  private static long committed(KafkaBroker broker, String prefix) {
    return broker.committed("pinpipe-land-" + prefix).values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  public void aKilledLandingRestartsWithoutLosingOrRepeatingARecord() throws Exception {
    String prefix = LocalStack.unique("it-restart");
    String bucket = LocalStack.newBucket();
    String lakeRoot = "s3://" + bucket + "/" + prefix;
    TopicsAndLake.createTopics(prefix, 3);
    TopicsAndLake.produce(prefix, 0, PER_TOPIC, 3);
    File log = tmp.newFile("land.log");

    Process first = land(prefix, lakeRoot, log);
    long landedBeforeKill;
    try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
      long deadline = System.currentTimeMillis() + 180_000;
      while (committed(broker, prefix) < TOTAL / 5 && first.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertTrue("land ended on its own; see " + log, first.isAlive());
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      landedBeforeKill = committed(broker, prefix);
    }
    assertTrue("killed after " + landedBeforeKill + " of " + TOTAL + " records: not part-way",
        landedBeforeKill >= TOTAL / 5 && landedBeforeKill < TOTAL);

    Process second = land(prefix, lakeRoot, log, "--exitWhenCaughtUp=true");
    assertTrue("the restarted land did not catch up in 5 minutes", second.waitFor(5, TimeUnit.MINUTES));
    assertEquals("exit code of the restarted land; see " + log, 0, second.exitValue());
    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);
  }
}
