package dev.pinpipe.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Reads a Delta table with Python's deltalake (delta-rs, through scripts/delta-rows.py in the
 * local stack's virtualenv): a second, independent implementation of the Delta protocol.
 */
public final class DeltaReadBack {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaReadBack() {}

  /** The table's rows as deltalake reads them, as plain maps sorted by their JSON form. */
  public static List<Map<String, Object>> byDeltalake(String tablePath) throws IOException, InterruptedException {
    String python = System.getenv("PINPIPE_DELTA_PYTHON");
    if (python == null) {
      throw new IllegalStateException("no PINPIPE_DELTA_PYTHON: run scripts/local-stack up and eval its env");
    }
    String uri = tablePath.startsWith("file:") ? Paths.get(URI.create(tablePath)).toString()
        : tablePath.replaceFirst("^s3a://", "s3://");
    Path script = repoRoot().resolve("scripts/delta-rows.py");
    Process process = new ProcessBuilder(python, script.toString(), uri).redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(120, TimeUnit.SECONDS);
    assertEquals(0, process.exitValue(), "delta-rows.py failed: " + err);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        rows.add(normalised(JSON.readValue(line, Map.class)));
      }
    }
    return sorted(rows);
  }

  /** Rows as the same plain maps: whole numbers as longs, instants as epoch milliseconds. */
  public static List<Map<String, Object>> asMaps(List<Row> rows) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> map = new HashMap<>();
      for (Schema.Field field : row.getSchema().getFields()) {
        Object value = row.getValue(field.getName());
        map.put(field.getName(), value instanceof ReadableInstant ? ((ReadableInstant) value).getMillis() : value);
      }
      maps.add(normalised(map));
    }
    return sorted(maps);
  }

  /** Rows another reader gave as maps, made the same plain maps as {@link #asMaps}, sorted. */
  public static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
    List<Map<String, Object>> maps = new ArrayList<>();
    rows.forEach(row -> maps.add(normalised(row)));
    return sorted(maps);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalised(Map<String, Object> map) {
    Map<String, Object> plain = new HashMap<>();
    map.forEach((key, value) -> plain.put(key, plainValue(value)));
    return plain;
  }

  private static Object plainValue(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof Iterable) {
      List<Object> list = new ArrayList<>();
      ((Iterable<?>) value).forEach(element -> list.add(plainValue(element)));
      return list;
    }
    return value;
  }

  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
    rows.sort(Comparator.comparing(row -> new java.util.TreeMap<>(row).toString()));
    return rows;
  }

  private static Path repoRoot() {
    Path here = Paths.get("").toAbsolutePath();
    while (here != null && !here.resolve("scripts/delta-rows.py").toFile().exists()) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException("cannot find scripts/delta-rows.py above " + Paths.get("").toAbsolutePath());
    }
    return here;
  }
}
