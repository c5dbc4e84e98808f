package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.HostileLake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same batch command gives the same files' contents on the DirectRunner and on Spark. */
class SparkRunnerTest {
  @TempDir Path tmp;

  /** Every output folder's lines, sorted, keyed by folder: shard counts may differ, rows may not. */
  private static Map<String, List<String>> outputs(Path root) throws IOException {
    Map<String, List<String>> byFolder = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList())) {
        String folder = root.relativize(file.getParent()).toString();
        byFolder.computeIfAbsent(folder, f -> new ArrayList<>()).addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    byFolder.values().forEach(lines -> lines.sort(null));
    return byFolder;
  }

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

    Map<String, List<String>> expected = outputs(direct);
    assertEquals(15, expected.size()); // 9 results, 3 clean tables, 3 rejected folders
    assertTrue(expected.get("rejected/pin").size() + expected.get("rejected/geo").size() > 0);
    assertEquals(expected, outputs(spark));
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

  private static String withoutTimings(String out) {
    return out.replaceAll("batch finished in .*", "");
  }
}
