package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.ParquetRows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PinPipeTest {
  @TempDir Path tmp;

  /** Exit code, standard output and standard error of one command. */
  static final class Outcome {
    final int code;
    final String out;
    final String err;

    Outcome(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  static Outcome pinpipe(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PinPipe.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertOneLineError(Outcome outcome, String mustContain) {
    assertEquals(PinPipe.USAGE, outcome.code, outcome.err);
    String[] lines = outcome.err.strip().split("\n");
    assertEquals(1, lines.length, outcome.err);
    assertTrue(lines[0].startsWith("error: ") && lines[0].contains(mustContain), outcome.err);
  }

  @Test
  void dashboardListsItsOptionsAndRefusesWrongOnesInOneLine() {
    assertTrue(pinpipe().out.contains("dashboard"));
    Outcome help = pinpipe("dashboard", "--help");
    assertEquals(PinPipe.OK, help.code);
    for (String option : new String[] {"--outputDir", "--deltaRoot", "--kafkaBootstrapServers", "--host", "--port",
        "--export"}) {
      assertTrue(help.out.contains(option), option);
    }
    assertTrue(help.out.contains("Default: 127.0.0.1") && help.out.contains("Default: 8080"), help.out);
    assertOneLineError(pinpipe("dashboard", "--port=70000"), "--port=70000");
    assertOneLineError(pinpipe("dashboard", "--port=http"), "--port=http");
    assertOneLineError(pinpipe("dashboard", "--export=" + tmp.resolve("missing/report.html")), "--export=");
    assertOneLineError(pinpipe("dashboard", "--topicPrefix=a/b"), "--topicPrefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "?", "[x]", "{a,b}", "\\"})
  void aPathWithPatternCharactersIsRefusedUpFrontByEveryCommand(String pattern) throws Exception {
    Path lake = Files.createDirectories(tmp.resolve("lake"));
    // A sibling that a path read as a pattern would reach, and must not: nothing in tmp may change.
    Files.writeString(Files.createDirectories(tmp.resolve("other-results")).resolve("keep.json"), "{}\n");
    String odd = tmp.resolve("o" + pattern).toString();
    String[][] runs = {
        {"batch", "--lakeRoot=" + lake, "--outputDir=" + odd, "--allowEmpty=true"},
        {"batch", "--lakeRoot=" + odd, "--outputDir=" + tmp.resolve("out")},
        {"batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("out"), "--deltaRoot=" + odd},
        {"demo", "--outputDir=" + odd},
        {"generate", "--lakeRoot=" + odd},
        {"land", "--lakeRoot=" + odd, "--kafkaBootstrapServers=127.0.0.1:9"},
        {"stream", "--deltaRoot=" + odd, "--kafkaBootstrapServers=127.0.0.1:9"},
        {"dashboard", "--outputDir=" + odd, "--export=" + tmp.resolve("report.html")},
        {"dashboard", "--deltaRoot=" + odd, "--export=" + tmp.resolve("report.html")},
    };
    for (String[] run : runs) {
      Outcome outcome = pinpipe(run);
      String option = java.util.Arrays.stream(run).filter(arg -> arg.endsWith("=" + odd)).findFirst().get();
      assertOneLineError(outcome, option + ": must be a plain path");
    }
    try (java.util.stream.Stream<Path> files = Files.walk(tmp)) {
      assertEquals(List.of(tmp, tmp.resolve("lake"), tmp.resolve("other-results"), tmp.resolve("other-results/keep.json")),
          files.sorted().collect(java.util.stream.Collectors.toList()), "nothing written, nothing deleted");
    }
  }

  @Test
  void helpListsCommandsAndEachCommandsOptionsWithDefaults() {
    Outcome usage = pinpipe();
    assertEquals(PinPipe.OK, usage.code);
    assertTrue(usage.out.contains("demo") && usage.out.contains("batch") && usage.out.contains("generate"), usage.out);
    Outcome batch = pinpipe("batch", "--help");
    assertEquals(PinPipe.OK, batch.code);
    for (String option : new String[] {"--lakeRoot", "--topicPrefix", "--outputDir", "--keyBuckets"}) {
      assertTrue(batch.out.contains(option), option);
    }
    Outcome demo = pinpipe("demo", "--help");
    assertTrue(demo.out.contains("--demoPosts") && demo.out.contains("Default: 11000"), demo.out);
    assertTrue(batch.out.contains("Default: pinterest-output"), batch.out);
    Outcome generate = pinpipe("generate", "--help");
    assertTrue(generate.out.contains("--posts") && generate.out.contains("Default: 11000"), generate.out);
    Outcome land = pinpipe("land", "--help");
    assertEquals(PinPipe.OK, land.code);
    for (String option : new String[] {"--kafkaBootstrapServers", "--lakeRoot", "--groupId", "--flushSize",
        "--rotateIntervalSeconds", "--exitWhenCaughtUp"}) {
      assertTrue(land.out.contains(option), option);
    }
    Outcome stream = pinpipe("stream", "--help");
    assertEquals(PinPipe.OK, stream.code);
    for (String option : new String[] {"--source", "--deltaRoot", "--commitSeconds", "--kafkaBootstrapServers",
        "--endpoint", "--awsRegion", "--s3PathStyle", "--groupId", "--exitWhenCaughtUp", "--windowSeconds",
        "--windowSlideSeconds", "--allowedLatenessSeconds", "--joinWaitSeconds", "--windowResults"}) {
      assertTrue(stream.out.contains(option), option);
    }
  }

  /** Output without the line that says how long the run took, and without the run's id. */
  private static String withoutTime(String out) {
    return out.replaceAll("(?m)^batch finished in .*$", "").replaceAll("runs/\\d{8}T\\d{6}Z-[0-9a-f]{8}", "runs/ID");
  }

  @Test
  void batchWithoutALakeFailsAndMakesNoDemoDataOnlyDemoDoes() {
    Outcome batch = pinpipe("batch", "--outputDir=" + tmp.resolve("out"));
    assertOneLineError(batch, "--lakeRoot is required");
    assertTrue(batch.err.contains("./pinpipe demo"), batch.err);
    assertFalse(java.nio.file.Files.exists(tmp.resolve("out")), "nothing written");
    assertOneLineError(pinpipe("demo", "--lakeRoot=" + tmp, "--outputDir=" + tmp.resolve("out")),
        "demo runs on the demo lake it makes");
    assertFalse(pinpipe("batch", "--help").out.contains("--demoPosts"));
    assertTrue(pinpipe("demo", "--help").out.contains("--demoPosts"));
  }

  @Test
  void theDemoLakeIsMadeOnceAndUsedAgain() throws Exception {
    String output = "--outputDir=" + tmp.resolve("out");
    Outcome first = pinpipe("demo", output, "--demoPosts=300");
    assertEquals(PinPipe.OK, first.code, first.err);
    assertTrue(first.err.contains("demo: generating a demo lake"), first.err);
    Outcome again = pinpipe("demo", output, "--demoPosts=300");
    assertEquals(PinPipe.OK, again.code, again.err);
    assertTrue(again.err.contains("demo: using the demo lake"), again.err);
    assertEquals(withoutTime(first.out), withoutTime(again.out));
    Outcome bigger = pinpipe("demo", output, "--demoPosts=400");
    assertTrue(bigger.err.contains("generating a demo lake"), "another size, another lake: " + bigger.err);
  }

  @Test
  void streamFailsFastNamingTheOptionAndWritesNothing() throws Exception {
    String delta = tmp.resolve("delta").toString();
    String deadBroker = "--kafkaBootstrapServers=127.0.0.1:1";
    assertOneLineError(pinpipe("stream", "--source=kafka", deadBroker), "--deltaRoot is required");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--source=kafkaa"),
        "--source=kafkaa: must be kinesis or kafka");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--commitSeconds=0"), "--commitSeconds=0");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--windowSeconds=0"), "--windowSeconds=0");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--windowSeconds=60", "--windowSlideSeconds=61"),
        "--windowSlideSeconds=61: must be from 1 to --windowSeconds (60)");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--allowedLatenessSeconds=-1"),
        "--allowedLatenessSeconds=-1");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--joinWaitSeconds=-5"), "--joinWaitSeconds=-5");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--source=kinesis", "--exitWhenCaughtUp=true",
        "--runner=SparkRunner"), "--exitWhenCaughtUp=true: a catch-up run on Kinesis does not end on Spark");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--joinKeyBuckets=-1"), "--joinKeyBuckets=-1");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--source=kafka", "--runner=SparkRunner"),
        "--windowResults=true: the results per window need event-time timers");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--source=kafka"), "--kafkaBootstrapServers is required");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--source=kafka", deadBroker),
        "--kafkaBootstrapServers=127.0.0.1:1: no broker answered");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + file, "--source=kafka", deadBroker),
        "--deltaRoot=" + file + ": cannot write there");
    // A table of that name that is not a clean table is never appended to.
    DeltaStorage storage = DeltaStorage.local(delta);
    DeltaTable other = storage.table("pinterest_geo_table");
    Schema otherSchema = Schema.builder().addInt64Field("ind").addStringField("country").build();
    other.append(otherSchema, List.of(ParquetRows.write(storage.conf(), new org.apache.hadoop.fs.Path(other.path(),
        "part-0.snappy.parquet"), otherSchema, List.of())), "test", 0);
    assertOneLineError(pinpipe("stream", "--deltaRoot=" + delta, "--source=kafka", deadBroker),
        "--deltaRoot=" + delta + ": Delta table ");
    assertEquals(List.of("pinterest_geo_table"), Files.list(tmp.resolve("delta")).map(p -> p.getFileName().toString())
        .collect(Collectors.toList()));
  }

  @Test
  void badCommandsAndOptionsFailFastWithOneLine() {
    assertOneLineError(pinpipe("batch", "--lakeRoot=" + tmp + "/missing"), "--lakeRoot=");
    assertOneLineError(pinpipe("batch", "--lakeRoot=" + tmp, "--topicPrefix="), "--topicPrefix");
    assertOneLineError(pinpipe("batch", "--lakeRot=x"), "lakeRot");
    assertOneLineError(pinpipe("generate"), "--lakeRoot");
    assertOneLineError(pinpipe("generate", "--lakeRoot=" + tmp, "--posts=0"), "--posts=0");
    assertOneLineError(pinpipe("land", "--kafkaBootstrapServers=127.0.0.1:1"), "--lakeRoot");
    assertOneLineError(pinpipe("land", "--lakeRoot=" + tmp), "--kafkaBootstrapServers");
    assertOneLineError(pinpipe("land", "--lakeRoot=" + tmp, "--kafkaBootstrapServers=127.0.0.1:1",
        "--flushSize=0"), "--flushSize must be at least 1");
    Outcome unknown = pinpipe("fly");
    assertEquals(PinPipe.USAGE, unknown.code);
    assertTrue(unknown.err.startsWith("error: unknown command 'fly'"), unknown.err);
  }

  @Test
  void generateThenBatchPrintsTheNineTablesAndTheOutputFolder() throws Exception {
    String lake = Files.createDirectory(tmp.resolve("lake")).toString();
    String out = tmp + "/out";
    Outcome generate = pinpipe("generate", "--lakeRoot=" + lake, "--posts=1000", "--seed=3");
    assertEquals(PinPipe.OK, generate.code, generate.err);
    assertTrue(generate.out.startsWith("Wrote 1,000 posts"), generate.out);
    Outcome batch = pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + out);
    assertEquals(PinPipe.OK, batch.code, batch.err);
    for (String table :
        new String[] {"popular_category_by_country", "popular_category_by_year", "top_user_by_country",
            "top_country_by_followers", "popular_category_by_age_group", "median_followers_by_age_group",
            "users_joined_by_year", "median_followers_by_join_year", "median_followers_by_age_group_and_join_year"}) {
      assertTrue(batch.out.contains("\n" + table + " ("), table);
    }
    assertTrue(batch.out.contains("Output: " + out + "/runs/"), batch.out);
    assertTrue(batch.out.contains(out + "/_last_run.json names the latest run"), batch.out);
    assertTrue(batch.out.contains("Rejected lines: pin="), batch.out);
  }

  /** Every command that takes --topicPrefix, with the other options it needs to get that far. */
  static Stream<Arguments> commandsWithBadPrefixes() {
    List<Arguments> cases = new ArrayList<>();
    for (String prefix : List.of("*", "a/b", ".", "..", "a b", "p?", "[x]", "{a,b}", "x".repeat(245))) {
      cases.add(Arguments.of("batch", prefix));
      cases.add(Arguments.of("demo", prefix));
      cases.add(Arguments.of("generate", prefix));
      cases.add(Arguments.of("emulate", prefix));
      cases.add(Arguments.of("land", prefix));
      cases.add(Arguments.of("stream", prefix));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} --topicPrefix={1}")
  @MethodSource("commandsWithBadPrefixes")
  void everyCommandTakesOnlyATopicNameAsPrefix(String command, String prefix) throws Exception {
    Path lake = Files.createDirectories(tmp.resolve("lake"));
    Path kept = Files.writeString(lake.resolve("kept.json"), "{}");
    List<String> args = new ArrayList<>(List.of(command, "--topicPrefix=" + prefix));
    switch (command) {
      case "batch":
        args.addAll(List.of("--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("out")));
        break;
      case "demo":
        args.add("--outputDir=" + tmp.resolve("out"));
        break;
      case "generate":
        args.addAll(List.of("--lakeRoot=" + lake, "--overwrite=true"));
        break;
      case "emulate":
        args.add("--kafkaBootstrapServers=127.0.0.1:1");
        break;
      case "stream":
        args.addAll(List.of("--deltaRoot=" + tmp.resolve("out"), "--source=kafka", "--kafkaBootstrapServers=127.0.0.1:1"));
        break;
      default:
        args.addAll(List.of("--lakeRoot=" + lake, "--kafkaBootstrapServers=127.0.0.1:1"));
    }
    assertOneLineError(pinpipe(args.toArray(new String[0])),
        "--topicPrefix=" + prefix + ": use 1 to 244 letters, digits, '.', '_' or '-' (not '.' or '..' alone)");
    assertTrue(Files.exists(kept), "nothing deleted");
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

  @Test
  void compactFailsFastNamingTheOptionAndTouchesNothing() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("delta"));
    assertOneLineError(pinpipe("compact"), "--deltaRoot is required");
    assertOneLineError(pinpipe("compact", "--deltaRoot=" + tmp.resolve("nope")), "--deltaRoot=" + tmp.resolve("nope") + ": no such folder");
    assertOneLineError(pinpipe("compact", "--deltaRoot=" + root), "--deltaRoot=" + root + ": no Delta tables there");
    assertOneLineError(pinpipe("compact", "--deltaRoot=" + root, "--retainHours=0.5"),
        "--retainHours=0.5: must be at least 1");
    assertOneLineError(pinpipe("compact", "--deltaRoot=" + root, "--targetFileMB=0"), "--targetFileMB=0: must be at least 1");
    assertOneLineError(pinpipe("compact", "--deltaRoot=" + root, "--tables=t_pin_table"),
        "--tables: no Delta table t_pin_table under --deltaRoot=" + root);
    assertEquals(List.of(), Files.list(root).collect(Collectors.toList()), "nothing made");
  }

  @Test
  void emulateRefusesARunnerOtherThanTheDirectRunner() {
    for (String runner : List.of("FlinkRunner", "SparkRunner")) {
      assertOneLineError(pinpipe("emulate", "--runner=" + runner, "--kafkaBootstrapServers=127.0.0.1:1"),
          "--runner=" + runner + ": emulate runs on the DirectRunner only");
    }
  }

  @Test
  void aValueThatIsNotOfTheOptionsTypeIsNamed() {
    assertOneLineError(pinpipe("generate", "--lakeRoot=" + tmp, "--posts=abc"), "--posts=abc: ");
    assertOneLineError(pinpipe("batch", "--keyBuckets=1.5"), "--keyBuckets=1.5: ");
  }

  @Test
  void anEmbeddedDatabaseInAFolderThatDoesNotExistIsRefused() {
    String url = "jdbc:h2:" + tmp + "/no/such/dir/db;MODE=MySQL";
    assertOneLineError(pinpipe("seed-db", "--jdbcUrl=" + url, "--posts=10"),
        "--jdbcUrl=" + url + ": no such folder " + tmp + "/no/such/dir");
    assertFalse(Files.exists(tmp.resolve("no")), "no folder made");
  }

  @Test
  void anEmptyLakeFailsNamingTheGlobUnlessAllowed() throws Exception {
    Path lake = Files.createDirectories(tmp.resolve("lake"));
    assertOneLineError(pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("out")),
        "no lake files match " + lake + "/topics/pinterest.pin/partition=*/*.json");
    Outcome allowed = pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + tmp.resolve("out"), "--allowEmpty=true");
    assertEquals(PinPipe.OK, allowed.code, allowed.err);
  }
}
