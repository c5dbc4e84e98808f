package dev.pinpipe.runners.dashboard;

import dev.pinpipe.pipelines.delta.DataFile;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.ParquetRows;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.schemas.AnalyticsResult;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.fs.Path;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/** Writes windows into the stream's per-window Delta tables as the stream does: a replace per window. */
public final class WindowTables {
  public static final String PREFIX = "pinterest";
  private final DeltaStorage storage;

  public WindowTables(DeltaStorage storage) {
    this.storage = storage;
  }

  /** Minute {@code minute} (from 10:00 UTC) with a summary and two top posters. */
  public void window(int minute, long records, long posts, String category) throws IOException {
    window(minute, records, posts, category, "Ann", "Chad");
  }

  /** The same, with {@code poster} the top poster's name (and the window's) and {@code country} the first country. */
  public void window(int minute, long records, long posts, String category, String poster, String country)
      throws IOException {
    DateTime start = new DateTime(2026, 12, 1, 10, 0, DateTimeZone.UTC).plusMinutes(minute);
    DateTime end = start.plusMinutes(1);
    TableSpec summary = TableSpec.summary(PREFIX);
    write(summary, Row.withSchema(summary.schema)
        .addValues(start, end, records, 1L, posts, category, posts / 2, poster, 2L).build());
    TableSpec top = TableSpec.result(PREFIX, AnalyticsResult.TOP_USER_BY_COUNTRY);
    write(top, Row.withSchema(top.schema).addValues(start, end, country, poster + " " + minute, 1_000L + minute).build(),
        Row.withSchema(top.schema).addValues(start, end, "Peru", "Bo " + minute, 2_000L + minute).build());
  }

  /** A window's rows in one file and one commit, as the stream writes them. */
  private void write(TableSpec table, Row... rows) throws IOException {
    Path file = DataFile.newPath(storage.tablePath(table.name));
    storage.table(table.name).replace(table.schema,
        List.of(ParquetRows.write(storage.conf(), file, table.schema, List.of(rows))),
        "window=" + rows[0].getDateTime(TableSpec.WINDOW_START));
  }
}
