package dev.pinpipe.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.InvalidRecordException;
import dev.pinpipe.transforms.RecordParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateLakeTest {
  @TempDir static Path TMP;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final Pattern FILE =
      Pattern.compile(".*/topics/(t\\.(pin|geo|user))/partition=(\\d+)/\\1\\+\\3\\+(\\d{10})\\.json");

  private static Path lake;
  private static GenerateLake.Summary summary;
  private static Map<RecordKind, List<String>> lines;

  static GenerateLake.Options options(String root, int posts, long seed) {
    GenerateLake.Options options = PipelineOptionsFactory.as(GenerateLake.Options.class);
    options.setLakeRoot(root);
    options.setTopicPrefix("t");
    options.setPosts(posts);
    options.setSeed(seed);
    options.setRecordsPerFile(700);
    options.setMalformedRate(0.01);
    return options;
  }

  @BeforeAll
  public static void generateOnce() throws IOException {
    lake = Files.createDirectory(TMP.resolve("lake"));
    summary = GenerateLake.run(options(lake.toString(), 11_000, 7), QUIET);
    lines = new HashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      lines.put(kind, linesOf(lake.resolve("topics/t." + kind.label())));
    }
  }

  private static List<String> linesOf(Path folder) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        all.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return all;
  }

  private static List<Row> parsed(RecordKind kind) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines.get(kind)) {
      try {
        rows.add(RecordParser.parse(kind, line));
      } catch (InvalidRecordException e) {
        // counted in the malformed test
      }
    }
    return rows;
  }

  @Test
  void sameSeedGivesTheSameLakeAndAnotherSeedDoesNot() throws IOException {
    Path again = Files.createDirectory(TMP.resolve("again"));
    GenerateLake.run(options(again.toString(), 11_000, 7), QUIET);
    Path other = Files.createDirectory(TMP.resolve("other"));
    GenerateLake.run(options(other.toString(), 11_000, 8), QUIET);
    for (RecordKind kind : RecordKind.values()) {
      String topic = "topics/t." + kind.label();
      assertEquals(lines.get(kind), linesOf(again.resolve(topic)));
      assertNotEquals(lines.get(kind), linesOf(other.resolve(topic)));
    }
  }

  @Test
  void filesFollowTheKafkaConnectLayoutWithConsecutiveOffsets() throws IOException {
    Map<String, TreeMap<Long, Integer>> filesByPartition = new HashMap<>();
    try (Stream<Path> files = Files.walk(lake)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        Matcher m = FILE.matcher(file.toString());
        assertTrue(m.matches(), file.toString());
        filesByPartition
            .computeIfAbsent(m.group(1) + "/" + m.group(3), k -> new TreeMap<>())
            .put(Long.parseLong(m.group(4)), Files.readAllLines(file).size());
      }
    }
    assertEquals(9, filesByPartition.size()); // 3 topics x 3 partitions
    for (TreeMap<Long, Integer> files : filesByPartition.values()) {
      long expected = 0;
      for (Map.Entry<Long, Integer> file : files.entrySet()) {
        assertEquals(expected, (long) file.getKey());
        expected += file.getValue();
      }
    }
  }

  @Test
  void malformedLinesAreThereAndRejectedByTheParser() {
    long rejected = 0;
    for (RecordKind kind : RecordKind.values()) {
      rejected += lines.get(kind).size() - parsed(kind).size();
    }
    assertEquals(summary.malformed, rejected);
    assertThat(summary.malformed, greaterThan(50L));
  }

  @Test
  void everyPostHasOneOfEachRecordPlusDuplicatesAndOrphans() {
    Set<Long> pinInds = new HashSet<>();
    long pinLines = 0;
    for (Row pin : parsed(RecordKind.PIN)) {
      pinInds.add(pin.getInt64("index"));
      pinLines++;
    }
    assertEquals(11_000, pinInds.size());
    assertEquals(11_000 + summary.duplicates, pinLines);
    long orphans = 0;
    for (RecordKind kind : List.of(RecordKind.GEO, RecordKind.USER)) {
      orphans += parsed(kind).stream().filter(row -> row.getInt64("ind") >= 11_000).count();
    }
    assertEquals(summary.orphans, orphans);
    assertThat(summary.duplicates, allOf(greaterThan(400L), lessThan(700L)));
  }

  @Test
  void holdsEveryPlaceholderAndFollowerFormat() {
    String pins = String.join("\n", lines.get(RecordKind.PIN));
    for (String literal :
        List.of("\"No Title Data Available\"", "\"No description available Story format\"",
            "\"No description available\"", "\"User Info Error\"", "\"Image src error.\"",
            "\"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\"", "\"title\":\"\"", "\"title\":\"   \"")) {
      assertTrue(pins.contains(literal), literal);
    }
    Map<String, Long> formats =
        parsed(RecordKind.PIN).stream()
            .map(pin -> pin.getString("follower_count"))
            .collect(Collectors.groupingBy(GenerateLakeTest::format, Collectors.counting()));
    for (String format : List.of("plain", "k", "M", "decimal", "placeholder", "other")) {
      assertTrue(formats.getOrDefault(format, 0L) > 0, format + " in " + formats);
    }
    double k = formats.get("k") / (double) (11_000 + summary.duplicates);
    assertThat("share of k formats", k, allOf(greaterThan(0.60), lessThan(0.85)));
  }

  private static String format(String followers) {
    if (followers.equals("User Info Error")) {
      return "placeholder";
    }
    if (followers.matches("\\d+")) {
      return "plain";
    }
    if (followers.matches("\\d+\\.\\d[kM]")) {
      return "decimal";
    }
    return followers.matches("\\d+k") ? "k" : followers.matches("\\d+M") ? "M" : "other";
  }

  @Test
  void holdsUnicodeAndEveryBoundary() {
    String all = String.join("\n", lines.get(RecordKind.GEO)) + String.join("\n", lines.get(RecordKind.USER))
        + String.join("\n", lines.get(RecordKind.PIN));
    assertTrue(all.codePoints().anyMatch(c -> c > 127), "unicode");
    Set<Integer> ages =
        parsed(RecordKind.USER).stream().map(u -> u.getInt32("age")).collect(Collectors.toSet());
    for (int age : EdgeCases.BOUNDARY_AGES) {
      assertTrue(ages.contains(age), "age " + age);
    }
    Set<String> joined =
        parsed(RecordKind.USER).stream()
            .map(u -> u.getDateTime("date_joined").toInstant().toString())
            .collect(Collectors.toSet());
    Set<String> times =
        parsed(RecordKind.GEO).stream()
            .map(g -> g.getDateTime("timestamp").toInstant().toString())
            .collect(Collectors.toSet());
    for (String instant : EdgeCases.BOUNDARY_JOINED) {
      assertTrue(joined.contains(instant.replace("Z", ".000Z")), instant);
    }
    for (String instant : EdgeCases.BOUNDARY_TIMESTAMPS) {
      assertTrue(times.contains(instant.replace("Z", ".000Z")), instant);
    }
    assertTrue(all.contains("\"timestamp\":\"20") && all.matches("(?s).*\"timestamp\":\"\\d{4}-\\d\\d-\\d\\d \\d.*")
            && all.matches("(?s).*\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d.*"), "both datetime formats");
  }

  @Test
  void looksLikeTheOriginalTables() {
    List<Row> users = parsed(RecordKind.USER);
    double ageTwenty = users.stream().filter(u -> u.getInt32("age") == 20).count() / (double) users.size();
    assertThat("share of age 20", ageTwenty, allOf(greaterThan(0.12), lessThan(0.30)));
    List<Row> pins = parsed(RecordKind.PIN);
    double failed =
        pins.stream().filter(p -> "User Info Error".equals(p.getString("poster_name"))).count()
            / (double) pins.size();
    assertThat("share of failed scrapes", failed, allOf(greaterThan(0.003), lessThan(0.015)));
    long posters = pins.stream().map(p -> p.getString("poster_name")).distinct().count();
    assertThat("distinct poster names", posters, allOf(greaterThan(3_000L), lessThan(6_000L)));
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> GenerateLake.run(options(lake.toString(), 1_000, 7), QUIET));
    assertTrue(error.getMessage().contains("--overwrite=true"), error.getMessage());
    Path small = Files.createDirectory(TMP.resolve("small"));
    GenerateLake.run(options(small.toString(), 1_000, 1), QUIET);
    GenerateLake.Options again = options(small.toString(), 500, 1);
    again.setOverwrite(true);
    GenerateLake.Summary replaced = GenerateLake.run(again, QUIET);
    assertEquals(replaced.lines.get(RecordKind.PIN).longValue(), linesOf(small.resolve("topics/t.pin")).size());
  }

  @Test
  void rejectsSizesOutOfRange() {
    GenerateLake.Options options = options("unused", 0, 1);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GenerateLake.validate(options));
    assertTrue(error.getMessage().startsWith("--posts=0"));
    options.setPosts(GenerateLake.MAX_POSTS + 1);
    assertThrows(IllegalArgumentException.class, () -> GenerateLake.validate(options));
  }
}
