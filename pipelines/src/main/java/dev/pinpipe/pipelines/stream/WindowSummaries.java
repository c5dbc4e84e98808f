package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.ParquetRows;
import dev.pinpipe.pipelines.common.ConsoleText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.fs.Path;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * Reads the summary rows the stream wrote since the last look, as one line per window, e.g.
 * {@code window 10:00:00-10:01:00 UTC: 1,203 records, 2 rejected, 400 posts; top category art
 * (45 posts), top poster Ann (3 posts)} ("none" when no post joined). A window written again is told again.
 */
final class WindowSummaries {
  private static final DateTimeFormatter TIME = DateTimeFormat.forPattern("HH:mm:ss").withZoneUTC();

  private final DeltaStorage storage;
  private final TableSpec table;
  private long version = -1;
  /** Rows read but not yet told. */
  private final List<Row> unseen = new ArrayList<>();
  /** The latest end of a window the table holds, as far as read. */
  private Instant latestEnd;

  WindowSummaries(DeltaStorage storage, String prefix) {
    this.storage = storage;
    this.table = TableSpec.summary(prefix);
  }

  /** The lines of the windows written since the last call, oldest first; none when the table cannot be read now. */
  List<String> newLines() {
    readNewRows();
    unseen.sort(Comparator.comparing((Row row) -> row.getDateTime(TableSpec.WINDOW_START)));
    List<String> lines = new ArrayList<>();
    unseen.forEach(row -> lines.add(line(row)));
    unseen.clear();
    return lines;
  }

  /** Whether the table holds the summary of a window ending at {@code end} or later. */
  boolean writtenThrough(Instant end) {
    readNewRows();
    return latestEnd != null && !latestEnd.isBefore(end);
  }

  private void readNewRows() {
    List<Row> rows = new ArrayList<>();
    try {
      DeltaTable delta = storage.table(table.name);
      if (delta.schema().isEmpty()) {
        return;
      }
      DeltaTable.TableFiles added = delta.filesAddedAfter(version);
      for (String file : added.paths) {
        rows.addAll(ParquetRows.read(storage.conf(), new Path(file), table.schema));
      }
      version = added.version;
    } catch (IOException | RuntimeException unreadable) {
      return; // the summary is a courtesy: the next look tries again
    }
    for (Row row : rows) {
      Instant end = row.getDateTime(TableSpec.WINDOW_END).toInstant();
      latestEnd = latestEnd == null || end.isAfter(latestEnd) ? end : latestEnd;
    }
    unseen.addAll(rows);
  }

  static String line(Row row) {
    return String.format("window %s-%s UTC: %,d records, %,d rejected, %,d posts; top category %s, top poster %s",
        TIME.print(row.getDateTime(TableSpec.WINDOW_START)), TIME.print(row.getDateTime(TableSpec.WINDOW_END)),
        row.getInt64("records"), row.getInt64("rejected"), row.getInt64("posts"),
        top(row, "top_category"), top(row, "top_poster"));
  }

  private static String top(Row row, String field) {
    String name = row.getString(field);
    return name == null ? "none"
        : String.format("%s (%,d posts)", ConsoleText.of(name), row.getInt64(field + "_posts"));
  }
}
