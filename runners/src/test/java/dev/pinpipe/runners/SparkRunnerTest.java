package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.HostileLake;
import dev.pinpipe.pipelines.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same batch command gives the same files' contents on the DirectRunner and on Spark. */
class SparkRunnerTest {
  @TempDir Path tmp;

  @Test
  void sparkLocalGivesExactlyTheDirectRunnersResults() throws Exception {
    String lake = Files.createDirectory(tmp.resolve("lake")).toString();
    assertEquals(PinPipe.OK,
        PinPipeTest.pinpipe("generate", "--lakeRoot=" + lake, "--posts=3000", "--seed=5",
            "--recordsPerFile=400", "--malformedRate=0.01").code);
    Path direct = tmp.resolve("direct");
    Path spark = tmp.resolve("spark");
    PinPipeTest.Outcome onDirect = PinPipeTest.pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + direct);
    assertEquals(PinPipe.OK, onDirect.code, onDirect.err);
    PinPipeTest.Outcome onSpark =
        PinPipeTest.pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + spark,
            "--runner=SparkRunner", "--sparkMaster=local[2]");
    assertEquals(PinPipe.OK, onSpark.code, onSpark.err);
    assertTrue(onSpark.out.contains("on SparkRunner"), onSpark.out);

    Map<String, List<String>> expected = LocalStack.batchOutputs(direct);
    assertEquals(15, expected.size()); // 9 results, 3 clean tables, 3 rejected folders
    assertTrue(expected.get("rejected/pin").size() + expected.get("rejected/geo").size() > 0);
    assertEquals(expected, LocalStack.batchOutputs(spark));
    // The printed tables and rejected counts match too (timings aside).
    assertEquals(withoutTimings(onDirect.out), withoutTimings(onSpark.out).replace(spark.toString(), direct.toString()));
  }

  @Test
  void sparkTooRejectsEveryHostileLineWithItsReason() throws Exception {
    HostileLake lake = HostileLake.writeTo(tmp.resolve("hostile"));
    Path out = tmp.resolve("out");
    PinPipeTest.Outcome onSpark = PinPipeTest.pinpipe("batch", "--lakeRoot=" + tmp.resolve("hostile"),
        "--topicPrefix=" + HostileLake.PREFIX, "--outputDir=" + out, "--runner=SparkRunner", "--sparkMaster=local[2]");
    assertEquals(PinPipe.OK, onSpark.code, onSpark.err);
    lake.assertBatchOutput(out);
  }

  /** Output without its timings and its run's id, which differ from run to run. */
  private static String withoutTimings(String out) {
    return out.replaceAll("batch finished in .*", "").replaceAll("runs/\\d{8}T\\d{6}Z-[0-9a-f]{8}", "runs/ID");
  }
}
