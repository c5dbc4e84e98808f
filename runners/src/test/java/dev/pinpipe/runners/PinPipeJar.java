package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The bundled jar as README runs it, in a process of its own, for tests that kill it. */
final class PinPipeJar {
  private PinPipeJar() {}

  /** Starts {@code java -jar pinpipe.jar <args>} with a 1 GB heap, appending its output to {@code log}. */
  static Process start(File log, List<String> args) throws Exception {
    return start(log, "1g", args);
  }

  /** The same with a heap of {@code heap} ({@code -Xmx} syntax). */
  static Process start(File log, String heap, List<String> args) throws Exception {
    Path jar = Paths.get("target", "pinpipe.jar");
    assertTrue(jar.toFile().isFile(), "no bundled jar: run mvn package first");
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap, "-jar", jar.toString()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
  }

  /**
   * Runs {@code java -jar pinpipe.jar <args>} to its end, within 5 minutes, logging to a new file
   * in {@code dir}; fails unless it exits 0, and returns its output. The process never outlives
   * the call, whatever way it ends.
   */
  static String run(Path dir, List<String> args) throws Exception {
    File log = Files.createTempFile(dir, "pinpipe", ".log").toFile();
    Process process = start(log, args);
    try {
      boolean ended = process.waitFor(5, TimeUnit.MINUTES);
      String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
      assertTrue(ended, "not done in 5 minutes: " + out);
      assertEquals(0, process.exitValue(), out);
      return out;
    } finally {
      process.destroyForcibly();
    }
  }
}
