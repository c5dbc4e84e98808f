package dev.pinpipe.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.schemas.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A lake of hostile lines and files, topic prefix {@value #PREFIX}, with what batch must make of
 * each line: clean (by ind), a duplicate of a clean line, or rejected with a given reason. The
 * small cases are written here as text; the big ones (5 MB and over-long lines, a million digits,
 * 10,000-deep nesting) are made when the lake is written rather than kept in the repository.
 */
public final class HostileLake {
  public static final String PREFIX = "h";
  public static final String LONG_LINE_REASON = "longer than 10,000,000 bytes (10,000,001)";

  /** What batch must make of one kind's lines. */
  public static final class Expected {
    public final Set<Long> cleanInds = new HashSet<>();
    public long duplicates;
    public final List<String> reasons = new ArrayList<>();
    public long lines;
  }

  private final Map<RecordKind, Expected> expected = new EnumMap<>(RecordKind.class);
  private final Path root;

  private HostileLake(Path root) {
    this.root = root;
    for (RecordKind kind : RecordKind.values()) {
      expected.put(kind, new Expected());
    }
  }

  public Expected expected(RecordKind kind) {
    return expected.get(kind);
  }

  /** Files under the pin topic that the lake glob does not read, .tmp left out. */
  public static final int UNREAD_PIN_FILES = 3;

  /** Writes the lake under {@code root}. */
  public static HostileLake writeTo(Path root) throws IOException {
    HostileLake lake = new HostileLake(root);
    lake.writePins();
    lake.writeGeos();
    lake.writeUsers();
    return lake;
  }

  private void writePins() throws IOException {
    Lines pins = new Lines(RecordKind.PIN);
    pins.clean(1, "{\"index\": 1, \"title\": \"plain\"}");
    pins.duplicate("{\"index\": 1, \"title\": \"plain\"}");
    pins.clean(2, "{\"index\": 2, \"title\": \"A\"}");
    pins.duplicate("{\"index\": 2, \"title\": \"B\"}"); // same ind, other content: one is kept
    pins.clean(3, "{\"index\": 3, \"title\": \"escaped NUL \\u0000 and a lone surrogate \\ud800\"}");
    pins.reject("not valid JSON", "{\"index\": 4, \"title\": \"raw NUL \u0000\"}");
    pins.reject("not valid JSON", "{\"index\": 5, \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    pins.reject("index is not an integer", "{\"index\": 1e400}");
    pins.reject("index is not an integer", "{\"index\": -1e400}");
    pins.reject("index is not an integer", "{\"index\": 123456789012345678901234567890}");
    pins.reject("index is not an integer", "{\"index\": \"" + "1".repeat(1_000_000) + "\"}");
    pins.reject("not valid JSON", "{\"index\": " + "1".repeat(1_000_000) + "}");
    pins.reject("index is not an integer", "{\"index\": [6]}");
    pins.reject("title is not text", "{\"index\": 7, \"title\": []}");
    pins.clean(8, "{\"index\": 8, \"follower_count\": \"" + "9".repeat(1_000_000) + "k\"}");
    pins.clean(9, "{\"index\": 9, \"description\": \"" + "x".repeat(5_000_000) + "\"}");
    pins.reject(LONG_LINE_REASON, "{\"index\": 10, \"description\": \"" + "y".repeat(10_000_001 - 32) + "\"}");
    pins.reject("duplicate key index", "{\"index\": 11, \"index\": 12}");
    pins.reject("not a JSON object", "null");
    pins.reject("not a JSON object", "");
    pins.reject("not a JSON object", "[1, 2]");
    pins.rejectBytes("not valid UTF-8",
        concat("{\"index\": 13, \"title\": \"caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9},
            "\"}".getBytes(StandardCharsets.UTF_8)));
    pins.write("partition=0/h.pin+0+0000000000.json");

    Lines bom = new Lines(RecordKind.PIN);
    bom.clean(14, "{\"index\": 14}");
    bom.clean(15, "{\"index\": 15}");
    bom.writeBytes("partition=1/h.pin+1+0000000000.json",
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bom.bytes("\r\n")));

    Lines gzipped = new Lines(RecordKind.PIN);
    gzipped.clean(16, "{\"index\": 16, \"title\": \"from a gzip file named .json\"}");
    gzipped.clean(17, "{\"index\": 17}");
    gzipped.writeBytes("partition=2/h.pin+2+0000000000.json", gzip(gzipped.bytes("\n")));

    Path pin = topic(RecordKind.PIN);
    Files.writeString(pin.resolve("partition=0/h.pin+0+0000000100.JSON"), "{\"index\": 100}\n");
    Files.write(pin.resolve("partition=0/h.pin+0+0000000200.json.gz"), gzip("{\"index\": 200}\n".getBytes(StandardCharsets.UTF_8)));
    Files.createDirectories(pin.resolve("partition=0/nested"));
    Files.writeString(pin.resolve("partition=0/nested/h.pin+0+0000000300.json"), "{\"index\": 300}\n");
    Files.writeString(pin.resolve("partition=0/h.pin+0+0000000400.json.tmp"), "{\"index\": 400}\n");
  }

  private void writeGeos() throws IOException {
    Lines geos = new Lines(RecordKind.GEO);
    geos.clean(1, "{\"ind\": 1, \"latitude\": -45.5, \"longitude\": 120, \"timestamp\": \"2020-08-28 03:52:47\"}");
    geos.reject("timestamp is outside the years 1 to 9999", "{\"ind\": 2, \"timestamp\": \"+999999999-12-31T23:59:59\"}");
    geos.reject("timestamp is outside the years 1 to 9999",
        "{\"ind\": 2, \"timestamp\": \"+999999999-12-31T23:59:59-18:00\"}");
    geos.reject("timestamp is outside the years 1 to 9999", "{\"ind\": 2, \"timestamp\": \"0000-01-01 00:00:00\"}");
    geos.reject("latitude is not a number", "{\"ind\": 3, \"latitude\": \"1e400\", \"longitude\": 1}");
    geos.reject("latitude is not a number", "{\"ind\": 3, \"latitude\": 1e400, \"longitude\": 1}");
    geos.reject("longitude is not a number", "{\"ind\": 3, \"latitude\": 1, \"longitude\": \"-Infinity\"}");
    geos.reject("latitude is not a number", "{\"ind\": 3, \"latitude\": \"NaN\", \"longitude\": 1}");
    geos.reject("timestamp is not a datetime", "{\"ind\": 4, \"timestamp\": \"2020-02-30 00:00:00\"}");
    geos.reject("duplicate key country", "{\"ind\": 5, \"country\": \"Chad\", \"country\": \"Peru\"}");
    geos.clean(6, "{\"ind\": 6, \"country\": \"Côte d'Ivoire\", \"timestamp\": \"9999-12-31T23:59:59\"}");
    geos.write("partition=0/h.geo+0+0000000000.json");
  }

  private void writeUsers() throws IOException {
    Lines users = new Lines(RecordKind.USER);
    users.clean(1, "{\"ind\": 1, \"first_name\": \"Zoë\", \"age\": 30, \"date_joined\": \"2016-01-01 00:00:00\"}");
    users.reject("age is not an integer", "{\"ind\": 2, \"age\": 1e10}");
    users.reject("date_joined is outside the years 1 to 9999", "{\"ind\": 3, \"date_joined\": \"+10000-01-01T00:00:00\"}");
    users.reject("ind is not an integer", "{\"ind\": \"9" + "9".repeat(100) + "\"}");
    users.clean(4, "{\"ind\": \"4\", \"age\": \"25\"}");
    users.write("partition=0/h.user+0+0000000000.json");
  }

  /**
   * Checks a batch output folder made from this lake: for each kind, every line read ended clean,
   * a duplicate or rejected with the expected reason, so lines read = clean + duplicates +
   * rejected; rejected lines keep their raw text.
   */
  public void assertBatchOutput(Path outputDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (RecordKind kind : RecordKind.values()) {
      Expected want = expected.get(kind);
      List<Long> cleanInds = new ArrayList<>();
      for (String line : linesIn(LocalStack.currentRun(outputDir).resolve("clean/" + kind.label()))) {
        cleanInds.add(json.readTree(line).get("ind").asLong());
      }
      List<String> reasons = new ArrayList<>();
      Map<String, String> rawByReason = new HashMap<>();
      for (String line : linesIn(LocalStack.currentRun(outputDir).resolve("rejected/" + kind.label()))) {
        JsonNode rejected = json.readTree(line);
        assertEquals(kind.label(), rejected.get("kind").asText());
        reasons.add(rejected.get("reason").asText());
        rawByReason.put(rejected.get("reason").asText(), rejected.get("raw").asText());
      }
      assertEquals(new TreeSet<>(want.cleanInds), new TreeSet<>(cleanInds), kind + " clean inds");
      assertEquals(want.cleanInds.size(), cleanInds.size(), kind + ": one clean row per ind");
      assertEquals(sorted(want.reasons), sorted(reasons), kind + " rejection reasons");
      assertEquals(want.lines, cleanInds.size() + want.duplicates + reasons.size(),
          kind + ": lines read = clean + duplicates + rejected");
      if (kind == RecordKind.PIN) {
        assertEquals("{\"index\": 13, \"title\": \"caf\\xE9\"}", rawByReason.get("not valid UTF-8"));
        String longLine = rawByReason.get(LONG_LINE_REASON);
        assertEquals(1_000 + "...".length(), longLine.length());
        assertTrue(longLine.startsWith("{\"index\": 10, \"description\": \"yyy"), longLine.substring(0, 40));
      }
    }
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  private static List<String> linesIn(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private Path topic(RecordKind kind) {
    return root.resolve("topics/" + PREFIX + "." + kind.label());
  }

  /** One file's lines, with what batch must make of each. */
  private final class Lines {
    private final RecordKind kind;
    private final List<byte[]> lines = new ArrayList<>();

    Lines(RecordKind kind) {
      this.kind = kind;
    }

    void clean(long ind, String line) {
      add(line.getBytes(StandardCharsets.UTF_8));
      expected.get(kind).cleanInds.add(ind);
    }

    void duplicate(String line) {
      add(line.getBytes(StandardCharsets.UTF_8));
      expected.get(kind).duplicates++;
    }

    void reject(String reason, String line) {
      rejectBytes(reason, line.getBytes(StandardCharsets.UTF_8));
    }

    void rejectBytes(String reason, byte[] line) {
      add(line);
      expected.get(kind).reasons.add(reason);
    }

    private void add(byte[] line) {
      lines.add(line);
      expected.get(kind).lines++;
    }

    byte[] bytes(String ending) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] line : lines) {
        out.write(line);
        out.write(ending.getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    }

    void write(String file) throws IOException {
      writeBytes(file, bytes("\n"));
    }

    void writeBytes(String file, byte[] bytes) throws IOException {
      Path path = topic(kind).resolve(file);
      Files.createDirectories(path.getParent());
      Files.write(path, bytes);
    }
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
