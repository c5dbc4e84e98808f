package dev.pinpipe.runners;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PinPipeTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

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
    assertEquals(outcome.err, PinPipe.USAGE, outcome.code);
    String[] lines = outcome.err.strip().split("\n");
    assertEquals(outcome.err, 1, lines.length);
    assertTrue(outcome.err, lines[0].startsWith("error: ") && lines[0].contains(mustContain));
  }

  @Test
  public void helpListsCommandsAndEachCommandsOptionsWithDefaults() {
    Outcome usage = pinpipe();
    assertEquals(PinPipe.OK, usage.code);
    assertTrue(usage.out, usage.out.contains("batch") && usage.out.contains("generate"));
    Outcome batch = pinpipe("batch", "--help");
    assertEquals(PinPipe.OK, batch.code);
    for (String option : new String[] {"--lakeRoot", "--topicPrefix", "--outputDir", "--demoPosts", "--keyBuckets"}) {
      assertTrue(option, batch.out.contains(option));
    }
    assertTrue(batch.out, batch.out.contains("Default: pinterest-output"));
    Outcome generate = pinpipe("generate", "--help");
    assertTrue(generate.out, generate.out.contains("--posts") && generate.out.contains("Default: 11000"));
    Outcome land = pinpipe("land", "--help");
    assertEquals(PinPipe.OK, land.code);
    for (String option : new String[] {"--kafkaBootstrapServers", "--lakeRoot", "--groupId", "--flushSize",
        "--rotateIntervalSeconds", "--exitWhenCaughtUp"}) {
      assertTrue(option, land.out.contains(option));
    }
  }

  @Test
  public void badCommandsAndOptionsFailFastWithOneLine() {
    assertOneLineError(pinpipe("batch", "--lakeRoot=" + tmp.getRoot() + "/missing"), "--lakeRoot=");
    assertOneLineError(pinpipe("batch", "--lakeRoot=" + tmp.getRoot(), "--topicPrefix="), "--topicPrefix");
    assertOneLineError(pinpipe("batch", "--lakeRot=x"), "lakeRot");
    assertOneLineError(pinpipe("generate"), "--lakeRoot");
    assertOneLineError(pinpipe("generate", "--lakeRoot=" + tmp.getRoot(), "--posts=0"), "--posts=0");
    assertOneLineError(pinpipe("land", "--kafkaBootstrapServers=127.0.0.1:1"), "--lakeRoot");
    assertOneLineError(pinpipe("land", "--lakeRoot=" + tmp.getRoot()), "--kafkaBootstrapServers");
    assertOneLineError(pinpipe("land", "--lakeRoot=" + tmp.getRoot(), "--kafkaBootstrapServers=127.0.0.1:1",
        "--flushSize=0"), "--flushSize must be at least 1");
    Outcome unknown = pinpipe("fly");
    assertEquals(PinPipe.USAGE, unknown.code);
    assertTrue(unknown.err, unknown.err.startsWith("error: unknown command 'fly'"));
  }

  @Test
  public void generateThenBatchPrintsTheNineTablesAndTheOutputFolder() throws Exception {
    String lake = tmp.newFolder("lake").getPath();
    String out = tmp.getRoot() + "/out";
    Outcome generate = pinpipe("generate", "--lakeRoot=" + lake, "--posts=1000", "--seed=3");
    assertEquals(generate.err, PinPipe.OK, generate.code);
    assertTrue(generate.out, generate.out.startsWith("Wrote 1,000 posts"));
    Outcome batch = pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + out);
    assertEquals(batch.err, PinPipe.OK, batch.code);
    for (String table :
        new String[] {"popular_category_by_country", "popular_category_by_year", "top_user_by_country",
            "top_country_by_followers", "popular_category_by_age_group", "median_followers_by_age_group",
            "users_joined_by_year", "median_followers_by_join_year", "median_followers_by_age_group_and_join_year"}) {
      assertTrue(table, batch.out.contains("\n" + table + " ("));
    }
    assertTrue(batch.out, batch.out.contains("Output folder: " + out));
    assertTrue(batch.out, batch.out.contains("Rejected lines: pin="));
  }
}
