package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.RecordKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar ({@code -Pdatabricks}, without Spark) as a cluster runs it: under a real
 * {@code spark-submit} from PyPI's pyspark, whose Spark classes come first. {@code batch} on a
 * generated lake writes the 15 folders the DirectRunner writes, and its Delta tables through the
 * cluster's Hadoop client. (dags/tests runs the Databricks job definitions the same way, the
 * stream's catch-up run included.)
 */
@Timeout(600)
class SparkSubmitIT {
  private static final Path CLUSTER_JAR = Paths.get("target/pinpipe-databricks.jar");

  @TempDir Path tmp;

  @Test
  void theClusterJarRunsBatchUnderSparkSubmitAndWritesTheDirectRunnersResults() throws Exception {
    try (JarFile jar = new JarFile(CLUSTER_JAR.toFile())) {
      // What every Spark has stays out; what a runtime may hold at another version is relocated.
      for (String provided : List.of("org/apache/spark/SparkContext.class", "org/apache/spark/sql/Row.class",
          "scala/Predef.class", "org/apache/hadoop/fs/FileSystem.class",
          "com/google/common/collect/ImmutableList.class", "com/google/protobuf/Message.class")) {
        assertNull(jar.getEntry(provided), "the cluster jar holds " + provided);
      }
      assertNotNull(jar.getEntry("dev/pinpipe/shaded/com/google/protobuf/Message.class"));
      assertNotNull(jar.getEntry("dev/pinpipe/runners/PinPipe.class"));
    }
    String lake = Files.createDirectory(tmp.resolve("lake")).toString();
    assertEquals(PinPipe.OK, PinPipeTest.pinpipe("generate", "--lakeRoot=" + lake, "--posts=1000", "--seed=9",
        "--recordsPerFile=300", "--malformedRate=0.01").code);
    PinPipeTest.Outcome direct = PinPipeTest.pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("direct"));
    assertEquals(PinPipe.OK, direct.code, direct.err);

    submit("batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("submitted"), "--runner=SparkRunner",
        "--deltaRoot=" + tmp.resolve("delta"));

    var expected = LocalStack.batchOutputs(tmp.resolve("direct"));
    assertEquals(15, expected.size());
    assertEquals(expected, LocalStack.batchOutputs(tmp.resolve("submitted")));
    DeltaStorage delta = DeltaStorage.local(tmp.resolve("delta").toString());
    String pins = Names.cleanTable(Names.batchTables("pinterest"), RecordKind.PIN);
    assertEquals(expected.get("clean/pin").size(), DeltaTestTables.rows(delta, pins, RecordKind.PIN.cleanSchema()).size());
  }

  /** Runs the cluster jar's main class under spark-submit, local[2]; returns its output once it ends with 0. */
  private String submit(String... args) throws Exception {
    assertTrue(Files.exists(CLUSTER_JAR), "no " + CLUSTER_JAR.toAbsolutePath()
        + ": build it with mvn -Pdatabricks -DskipTests package (scripts/test does)");
    String sparkHome = System.getenv("PINPIPE_SPARK_HOME");
    assertNotNull(sparkHome, "no PINPIPE_SPARK_HOME: run scripts/local-stack up and eval its env");
    File log = Files.createTempFile(tmp, "spark-submit", ".log").toFile();
    List<String> command = new ArrayList<>(List.of(sparkHome + "/bin/spark-submit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--class", "dev.pinpipe.runners.PinPipe", CLUSTER_JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder submit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    submit.environment().put("SPARK_HOME", sparkHome);
    submit.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = submit.start();
    try {
      assertTrue(process.waitFor(300, TimeUnit.SECONDS), () -> "spark-submit did not end in 300 s:\n" + tail(log));
    } finally {
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), () -> "spark-submit failed:\n" + tail(log));
    return Files.readString(log.toPath());
  }

  private static String tail(File log) {
    try {
      List<String> lines = Files.readAllLines(log.toPath());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
