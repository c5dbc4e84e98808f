package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.ParquetRows;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.WindowSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.fs.Path;
import org.joda.time.ReadableInstant;

/**
 * The stream's results per window, from its Delta tables: the last {@value #WINDOWS} windows'
 * summaries (records, rejected, posts, top category and poster), the top posters per country of
 * the newest window, and when the stream last committed. Each look reads only the files the
 * tables gained since the one before, so a stream that has run for days costs no more to follow.
 */
final class LiveData {
  static final int WINDOWS = 60;
  static final int TOP_POSTERS = 10;

  private final Optional<DeltaStorage> delta;
  private final TableSpec summary;
  private final TableSpec topUsers;
  private long summaryVersion = -1;
  private long topVersion = -1;
  /** The newest windows' summaries, by window start. */
  private final TreeMap<Long, Row> windows = new TreeMap<>();
  /** The newest window's top posters. */
  private final TreeMap<Long, List<Row>> newestTop = new TreeMap<>();
  private final Map<String, DeltaTable> open = new HashMap<>();

  LiveData(Optional<DeltaStorage> delta, String prefix) {
    this.delta = delta;
    this.summary = TableSpec.summary(prefix);
    this.topUsers = TableSpec.result(prefix, AnalyticsResult.TOP_USER_BY_COUNTRY);
  }

  synchronized ObjectNode json() {
    ObjectNode live = JsonLines.MAPPER.createObjectNode();
    if (delta.isEmpty()) {
      live.put("hint", "Give --deltaRoot (the stream's) to see its results per window as they arrive.");
      return live;
    }
    String root = delta.get().root();
    live.put("deltaRoot", root);
    try {
      Optional<Instant> last = table(summary).lastCommit();
      if (last.isEmpty()) {
        live.put("hint", "No results per window in " + root + " yet: run ./pinpipe stream --deltaRoot="
            + root + " (they appear as each window closes).");
        return live;
      }
      live.put("lastCommit", last.get().toString());
      catchUp();
      ArrayNode list = live.putArray("windows");
      windows.values().forEach(row -> list.add(window(row)));
      live.set("topPosters", topPosters());
    } catch (IOException | RuntimeException e) {
      live.put("error", "cannot read the stream's tables in " + root + ": "
          + OneLine.of(OneLine.rootCause(e).getMessage()));
    }
    return live;
  }

  /** Reads only the files the two tables gained since the last look; keeps the newest windows. */
  private void catchUp() throws IOException {
    summaryVersion = readAdded(summary, summaryVersion, rows -> rows.forEach(row -> windows.put(start(row), row)));
    while (windows.size() > WINDOWS) {
      windows.pollFirstEntry();
    }
    // A window's rows are written in one file, so a file's rows replace what an earlier one held.
    topVersion = readAdded(topUsers, topVersion,
        rows -> newestTop.putAll(rows.stream().collect(Collectors.groupingBy(LiveData::start))));
    while (newestTop.size() > 1) {
      newestTop.pollFirstEntry();
    }
  }

  private long readAdded(TableSpec spec, long version, Consumer<List<Row>> file) throws IOException {
    DeltaTable.TableFiles added = table(spec).filesAddedAfter(version);
    for (String path : added.paths) {
      file.accept(ParquetRows.read(delta.get().conf(), new Path(path), spec.schema));
    }
    return added.version;
  }

  /** A table's log, kept open once the table exists, so that a look reads only the new commits. */
  private DeltaTable table(TableSpec spec) throws IOException {
    DeltaTable kept = open.get(spec.name);
    if (kept != null) {
      return kept;
    }
    DeltaTable fresh = delta.get().table(spec.name);
    if (fresh.lastCommit().isPresent()) {
      open.put(spec.name, fresh);
    }
    return fresh;
  }

  private static long start(Row row) {
    return row.getDateTime(TableSpec.WINDOW_START).getMillis();
  }

  private static ObjectNode window(Row row) {
    ObjectNode window = JsonLines.MAPPER.createObjectNode();
    window.put("start", time(row.getDateTime(TableSpec.WINDOW_START)));
    window.put("end", time(row.getDateTime(TableSpec.WINDOW_END)));
    for (String field : WindowSummary.SCHEMA.getFieldNames()) {
      Object value = row.getValue(field);
      if (value instanceof Long) {
        window.put(field, (Long) value);
      } else {
        window.put(field, (String) value);
      }
    }
    return window;
  }

  /** The newest window's top poster per country, by follower count. */
  private ObjectNode topPosters() {
    ObjectNode top = JsonLines.MAPPER.createObjectNode();
    ArrayNode list = top.putArray("rows");
    if (newestTop.isEmpty()) {
      return top;
    }
    top.put("windowStart", Instant.ofEpochMilli(newestTop.lastKey()).toString());
    newestTop.lastEntry().getValue().stream()
        .sorted(Comparator.comparing((Row row) -> -row.getInt64("follower_count"))
            .thenComparing(row -> row.getString("country")))
        .limit(TOP_POSTERS)
        .forEach(row -> list.addObject()
            .put("country", row.getString("country"))
            .put("poster_name", row.getString("poster_name"))
            .put("follower_count", row.getInt64("follower_count")));
    return top;
  }

  private static String time(ReadableInstant instant) {
    return Instant.ofEpochMilli(instant.getMillis()).toString();
  }
}
