package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each command that takes database credentials from the bundled jar with a marker password,
 * in every form a password can be given, against an address nothing answers on and against the
 * local stack's MariaDB (which refuses it), and fails if the marker shows up in standard output,
 * standard error, or any file the run wrote.
 */
@Timeout(120)
class SecretScanIT {
  private static final String MARKER = "Mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @TempDir Path workDir;

  static Stream<Arguments> credentialForms() {
    String dead = "jdbc:mariadb://127.0.0.1:1/pinterest";
    String mariaDb = System.getenv("PINPIPE_JDBC_URL");
    List<Arguments> cases = new ArrayList<>();
    for (String command : List.of("seed-db", "emulate")) {
      for (String url : new String[] {dead, mariaDb}) {
        String userInfo = url.replace("jdbc:mariadb://", "jdbc:mariadb://pinpipe:" + MARKER + "@");
        cases.add(Arguments.of(command, List.of("--jdbcUrl=" + userInfo), false));
        cases.add(Arguments.of(command, List.of("--jdbcUrl=" + url + "?user=pinpipe&password=" + MARKER), false));
        cases.add(Arguments.of(command, List.of("--jdbcUrl=" + url + "?PASSWORD=" + MARKER), false));
        cases.add(Arguments.of(command, List.of("--jdbcUrl=" + url, "--jdbcPassword=" + MARKER), false));
        cases.add(Arguments.of(command, List.of("--jdbcUrl=" + url), true));
      }
      cases.add(Arguments.of(command, List.of("--jdbcUrl=jdbc:h2:mem:scan;PASSWORD=" + MARKER), false));
      cases.add(Arguments.of(command, List.of("--jdbcUrl=jdbc:h2:tcp://127.0.0.1:1/scan;password=" + MARKER), false));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} (password in the environment: {2})")
  @MethodSource("credentialForms")
  void noCommandShowsThePassword(String command, List<String> options, boolean inEnvironment) throws Exception {
    Path jar = Paths.get("target", "pinpipe.jar").toAbsolutePath();
    assertTrue(jar.toFile().isFile(), "no bundled jar: run mvn package first");
    List<String> args = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx512m", "-jar", jar.toString(), command));
    args.addAll(options);
    if (command.equals("emulate")) {
      args.add("--kafkaBootstrapServers=" + LocalStack.kafka());
    }
    ProcessBuilder builder = new ProcessBuilder(args).directory(workDir.toFile())
        .redirectOutput(workDir.resolve("stdout.txt").toFile()).redirectError(workDir.resolve("stderr.txt").toFile());
    Map<String, String> env = builder.environment();
    env.remove("PINPIPE_JDBC_PASSWORD");
    if (inEnvironment) {
      env.put("PINPIPE_JDBC_PASSWORD", MARKER);
    }
    Process run = builder.start();
    assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the command did not end");
    assertNotEquals(0, run.exitValue(), "a refused password must fail the command");
    String stderr = Files.readString(workDir.resolve("stderr.txt"), StandardCharsets.ISO_8859_1);
    assertTrue(stderr.contains("error: "), stderr);
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertFalse(contains(file, MARKER), file + " shows the password:\n" + Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
  }

  private static boolean contains(Path file, String marker) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(marker);
  }
}
