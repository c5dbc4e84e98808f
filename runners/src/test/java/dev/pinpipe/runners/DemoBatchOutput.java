package dev.pinpipe.runners;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One small {@code batch} output per test JVM, made by the command line, for tests that read it. */
public final class DemoBatchOutput {
  private static Path folder;

  private DemoBatchOutput() {}

  /** The output folder of {@code pinpipe batch} on a generated lake of 400 posts (2% malformed), made on first use. */
  public static synchronized Path folder() throws IOException {
    if (folder == null) {
      Path lake = Files.createTempDirectory("pinpipe-demo-lake");
      Path made = Files.createTempDirectory("pinpipe-demo-output");
      pinpipe("generate", "--lakeRoot=" + lake, "--posts=400", "--malformedRate=0.02", "--overwrite=true");
      pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + made);
      folder = made;
    }
    return folder;
  }

  /** Runs a pinpipe command in this JVM; fails with its error output unless it ends OK. */
  static void pinpipe(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PinPipe.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (code != PinPipe.OK) {
      throw new IllegalStateException(args[0] + " failed: " + err.toString(StandardCharsets.UTF_8));
    }
  }

  /** The non-blank lines of the JSON files directly in {@code subfolder} of the output. */
  public static long lines(String subfolder) throws IOException {
    try (Stream<Path> files = Files.list(dev.pinpipe.pipelines.LocalStack.currentRun(folder()).resolve(subfolder))) {
      return files.filter(file -> file.toString().endsWith(".json")).mapToLong(file -> {
        try (Stream<String> lines = Files.lines(file)) {
          return lines.filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
