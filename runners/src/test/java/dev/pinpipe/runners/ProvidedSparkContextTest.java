package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.spark.translation.SparkContextFactory;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Databricks situation: a Spark context exists before {@code main} is called. {@code batch}
 * must run on that context (Spark refuses a second one in a JVM), leave it running, and return
 * from {@code main} rather than call {@code System.exit} (which would end this test's JVM); a
 * failed command throws instead of exiting.
 */
class ProvidedSparkContextTest {
  @TempDir Path tmp;

  @Test
  void mainRunsBatchOnTheExistingContextLeavesItRunningAndReturns() throws Exception {
    String lake = Files.createDirectory(tmp.resolve("lake")).toString();
    assertEquals(PinPipe.OK, PinPipeTest.pinpipe("generate", "--lakeRoot=" + lake, "--posts=500", "--seed=3").code);
    PinPipeTest.Outcome direct = PinPipeTest.pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("direct"));
    assertEquals(PinPipe.OK, direct.code, direct.err);

    PrintStream out = System.out;
    PrintStream err = System.err;
    SparkContext cluster = new SparkContext(new SparkConf().setMaster("local[2]").setAppName("as-on-databricks"));
    try {
      PinPipe.main(new String[] {"batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("cluster"),
          "--runner=SparkRunner"});
      assertFalse(cluster.isStopped(), "the cluster's context was stopped");
      assertSame(cluster, SparkContext.getOrCreate());
      assertTrue(cluster.statusTracker().getJobIdsForGroup(null).length > 0, "no Spark job ran on the context");
      assertEquals(LocalStack.batchOutputs(tmp.resolve("direct")), LocalStack.batchOutputs(tmp.resolve("cluster")));

      IllegalStateException failed = assertThrows(IllegalStateException.class, () -> PinPipe.main(
          new String[] {"batch", "--lakeRoot=" + tmp.resolve("no-such-lake"), "--runner=SparkRunner"}));
      assertTrue(failed.getMessage().contains("exit code 2"), failed.getMessage());
      assertFalse(cluster.isStopped());
    } finally {
      System.setOut(out);
      System.setErr(err);
      cluster.stop();
      SparkContextFactory.clearProvidedSparkContext();
    }
  }
}
