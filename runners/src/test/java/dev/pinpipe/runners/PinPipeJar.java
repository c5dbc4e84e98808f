package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

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
}
