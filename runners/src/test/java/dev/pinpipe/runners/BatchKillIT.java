package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch} from the bundled jar, killed (SIGKILL) at random moments while it replaces an
 * earlier run's output: readers always find one run's output, whole; a second run into the folder
 * while the first holds it fails at once; a killed run's lock holds nothing.
 */
@Timeout(600)
class BatchKillIT {
  @TempDir Path tmp;

  @Test
  void aKilledRunNeverTearsTheOutputAndASecondRunMeetsTheLock() throws Exception {
    Path first = tmp.resolve("first-lake");
    Path second = tmp.resolve("second-lake");
    DemoBatchOutput.pinpipe("generate", "--lakeRoot=" + first, "--posts=1500", "--seed=1", "--malformedRate=0.02");
    DemoBatchOutput.pinpipe("generate", "--lakeRoot=" + second, "--posts=2500", "--seed=2", "--malformedRate=0.02");
    Path alone = tmp.resolve("alone");
    DemoBatchOutput.pinpipe("batch", "--lakeRoot=" + second, "--outputDir=" + alone);
    Map<String, List<String>> secondRun = LocalStack.batchOutputs(alone);
    Path out = tmp.resolve("out");
    DemoBatchOutput.pinpipe("batch", "--lakeRoot=" + first, "--outputDir=" + out);
    Map<String, List<String>> firstRun = LocalStack.batchOutputs(out);

    long seed = System.nanoTime();
    Random random = new Random(seed);
    File log = tmp.resolve("batch.log").toFile();
    List<String> replace = List.of("batch", "--lakeRoot=" + second, "--outputDir=" + out);
    for (int kill = 0; kill < 5; kill++) {
      Process run = PinPipeJar.start(log, replace);
      if (kill == 0) {
        Path lock = out.resolve(".pinpipe-batch.lock");
        long deadline = System.currentTimeMillis() + 60_000;
        while (Files.size(lock) == 0 && run.isAlive()) {
          assertTrue(System.currentTimeMillis() < deadline, "the run never took the folder");
          Thread.sleep(50);
        }
        PinPipeTest.Outcome meanwhile = PinPipeTest.pinpipe("batch", "--lakeRoot=" + first, "--outputDir=" + out);
        assertEquals(PinPipe.USAGE, meanwhile.code, meanwhile.err);
        String line = meanwhile.err.strip();
        assertTrue(line.startsWith("error: --outputDir=" + out + ": in use by another batch run (pid " + run.pid()
            + ", started ") && line.endsWith("; wait for it to end, or choose another folder")
            && !line.contains("\n"), meanwhile.err);
      }
      int after = random.nextInt(12_000);
      Thread.sleep(after);
      run.destroyForcibly().waitFor();
      Map<String, List<String>> seen = LocalStack.batchOutputs(out);
      assertTrue(seen.equals(firstRun) || seen.equals(secondRun),
          "killed after " + after + " ms (seed " + seed + "): the output is neither run whole");
    }
    // The killed runs' lock held nothing: the next run takes the folder and publishes.
    PinPipeTest.Outcome last = PinPipeTest.pinpipe(replace.toArray(new String[0]));
    assertEquals(PinPipe.OK, last.code, last.err);
    assertEquals(secondRun, LocalStack.batchOutputs(out));
  }
}
