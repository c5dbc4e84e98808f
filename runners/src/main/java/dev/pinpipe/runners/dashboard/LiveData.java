package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.ParquetRows;
import dev.pinpipe.pipelines.io.OneLine;
import dev.pinpipe.pipelines.stream.TableSpec;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.WindowSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.fs.Path;
import org.joda.time.ReadableDateTime;
import org.joda.time.ReadableInstant;

/**
 * The stream's results per window, from its Delta tables: the last {@value #WINDOWS} windows'
 * summaries (records, rejected, posts, top category and poster), the top posters per country of
 * the newest window, and when the stream last committed.
 */
final class LiveData {
  static final int WINDOWS = 60;
  static final int TOP_POSTERS = 10;

  private final Optional<DeltaStorage> delta;
  private final TableSpec summary;
  private final TableSpec topUsers;

  LiveData(Optional<DeltaStorage> delta, String prefix) {
    this.delta = delta;
    this.summary = TableSpec.summary(prefix);
    this.topUsers = TableSpec.result(prefix, AnalyticsResult.TOP_USER_BY_COUNTRY);
  }

  ObjectNode json() {
    ObjectNode live = JsonLines.MAPPER.createObjectNode();
    if (delta.isEmpty()) {
      live.put("hint", "Give --deltaRoot (the stream's) to see its results per window as they arrive.");
      return live;
    }
    String root = delta.get().root();
    live.put("deltaRoot", root);
    try {
      DeltaTable table = delta.get().table(summary.name);
      Optional<java.time.Instant> last = table.lastCommit();
      if (last.isEmpty()) {
        live.put("hint", "No results per window in " + root + " yet: run ./pinpipe stream --deltaRoot="
            + root + " (they appear as each window closes).");
        return live;
      }
      live.put("lastCommit", last.get().toString());
      List<Row> windows = rows(summary);
      windows.sort(Comparator.comparing((Row row) -> row.getDateTime(TableSpec.WINDOW_START)));
      windows = windows.subList(Math.max(0, windows.size() - WINDOWS), windows.size());
      ArrayNode list = live.putArray("windows");
      for (Row row : windows) {
        ObjectNode window = list.addObject();
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
      }
      live.set("topPosters", topPosters());
    } catch (IOException | RuntimeException e) {
      live.put("error", "cannot read the stream's tables in " + root + ": "
          + OneLine.of(OneLine.rootCause(e).getMessage()));
    }
    return live;
  }

  /** The newest window's top poster per country, by follower count. */
  private ObjectNode topPosters() throws IOException {
    ObjectNode top = JsonLines.MAPPER.createObjectNode();
    List<Row> rows = delta.get().table(topUsers.name).lastCommit().isPresent() ? rows(topUsers) : List.of();
    Optional<ReadableDateTime> newest = rows.stream().map(row -> row.getDateTime(TableSpec.WINDOW_START))
        .max(Comparator.comparingLong(ReadableInstant::getMillis));
    ArrayNode list = top.putArray("rows");
    if (newest.isEmpty()) {
      return top;
    }
    top.put("windowStart", time(newest.get()));
    rows.stream()
        .filter(row -> row.getDateTime(TableSpec.WINDOW_START).equals(newest.get()))
        .sorted(Comparator.comparing((Row row) -> -row.getInt64("follower_count"))
            .thenComparing(row -> row.getString("country")))
        .limit(TOP_POSTERS)
        .forEach(row -> list.addObject()
            .put("country", row.getString("country"))
            .put("poster_name", row.getString("poster_name"))
            .put("follower_count", row.getInt64("follower_count")));
    return top;
  }

  private List<Row> rows(TableSpec spec) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String file : delta.get().table(spec.name).filesAddedAfter(-1).paths) {
      rows.addAll(ParquetRows.read(delta.get().conf(), new Path(file), spec.schema));
    }
    return rows;
  }

  private static String time(ReadableInstant instant) {
    return java.time.Instant.ofEpochMilli(instant.getMillis()).toString();
  }
}
