package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.generate.GenerateLake;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch} on the DirectRunner refuses, at once and in one line, a lake too big for its heap. */
@Timeout(300)
class DirectRunnerHeapIT {
  @TempDir Path tmp;

  /** Runs batch from the bundled jar on tmp's lake with a heap of {@code heap}; returns its output once it has refused. */
  private String refused(String heap) throws Exception {
    File log = tmp.resolve("batch.log").toFile();
    Process batch = PinPipeJar.start(log, heap, List.of("batch", "--lakeRoot=" + tmp.resolve("lake"),
        "--outputDir=" + tmp.resolve("out")));
    assertTrue(batch.waitFor(60, TimeUnit.SECONDS), "batch did not stop at once");
    String output = Files.readString(log.toPath(), StandardCharsets.UTF_8).strip();
    assertEquals(PinPipe.USAGE, batch.exitValue(), output);
    return output;
  }

  @Test
  void aLakeTooBigForTheHeapIsRefusedBeforeTheRun() throws Exception {
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(tmp.resolve("lake").toString());
    generate.setPosts(20_000); // about 17 MB of lake: needs about 170 MB of heap
    GenerateLake.run(generate, new PrintStream(OutputStream.nullOutputStream()));
    String output = refused("96m");
    assertEquals(1, output.lines().filter(line -> line.startsWith("error: ")).count(), output);
    assertTrue(output.contains("MB of lake (as read: gzip files expanded) is too big for the DirectRunner with a ")
        && output.contains("--runner=SparkRunner"), output);
    assertFalse(Files.exists(tmp.resolve("out").resolve("runs")), "no output");
  }

  @Test
  void aSmallGzipFileIsCountedAsWhatItExpandsTo() throws Exception {
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(tmp.resolve("lake").toString());
    generate.setPosts(200);
    GenerateLake.run(generate, new PrintStream(OutputStream.nullOutputStream()));
    // 300 MB of blank lines, gzip'd to about 300 KB and named as any lake file.
    Path gzip = tmp.resolve("lake/topics/pinterest.pin/partition=0/pinterest.pin+0+0999999999.json");
    byte[] blank = "\n".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
      for (int mb = 0; mb < 300; mb++) {
        out.write(blank);
      }
    }
    assertTrue(Files.size(gzip) < 2_000_000, "the file is small: " + Files.size(gzip));
    String output = refused("256m");
    assertTrue(output.contains("MB of lake (as read: gzip files expanded) is too big for the DirectRunner"), output);
    assertFalse(Files.exists(tmp.resolve("out").resolve("runs")), "no output");
  }
}
