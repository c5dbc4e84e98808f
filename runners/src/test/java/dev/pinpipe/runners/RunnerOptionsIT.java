package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled jar reads Spark's and Flink's options only for runs that may use them (RunnerOptions):
 * with the runner named, or on {@code land}'s own Flink, they are read; without it, the one line
 * says which runner the option needs.
 */
@Timeout(300)
class RunnerOptionsIT {
  @TempDir Path tmp;

  private String failing(String... args) throws Exception {
    File log = tmp.resolve("run.log").toFile();
    log.delete();
    Process run = PinPipeJar.start(log, List.of(args));
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), "it did not stop at once");
    String output = Files.readString(log.toPath(), StandardCharsets.UTF_8).strip();
    assertEquals(PinPipe.USAGE, run.exitValue(), output);
    assertEquals(1, output.lines().filter(line -> line.startsWith("error: ")).count(), output);
    return output;
  }

  @Test
  void aRunnersOptionsAreReadWhenTheRunMayUseThem() throws Exception {
    String missing = tmp.resolve("no-such-lake").toString();
    String spark = failing("batch", "--runner=SparkRunner", "--sparkMaster=local[2]", "--lakeRoot=" + missing);
    assertTrue(spark.contains("error: --lakeRoot=" + missing + ": no such folder"), spark);
    String flink = failing("land", "--parallelism=1", "--topicPrefix=pinterest");
    assertTrue(flink.contains("error: --lakeRoot is required"), flink);
  }

  @Test
  void aRunnersOptionWithoutItsRunnerSaysWhichRunnerItNeeds() throws Exception {
    String output = failing("batch", "--sparkMaster=local[2]");
    assertTrue(output.contains("error: --sparkMaster=local[2]: ")
        && output.contains("give --runner=SparkRunner"), output);
  }
}
