package dev.pinpipe.pipelines.delta;

import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.schemas.WindowSummary;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;

/**
 * A Delta table the stream appends to: its name, its columns, the column no two rows share, and
 * the one coder its rows travel to the writer in.
 */
public final class TableSpec implements Serializable {
  public final String name;
  public final Schema schema;
  public final String key;
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  private final RowCoder coder;

  public TableSpec(String name, Schema schema, String key) {
    this.name = name;
    this.schema = schema;
    this.key = key;
    this.coder = RowCoder.of(schema);
  }

  /** The clean table of a kind, keyed by {@code ind}. */
  public static TableSpec clean(String prefix, RecordKind kind) {
    return new TableSpec(Names.cleanTable(prefix, kind), kind.cleanSchema(), RecordKind.CLEAN_KEY);
  }

  /** The table of rejected lines of every kind, keyed by source. */
  public static TableSpec rejected(String prefix) {
    return new TableSpec(Names.rejectedTable(prefix), RejectedRecord.SCHEMA, RejectedRecord.KEY);
  }

  /**
   * The table of a result per window: {@code window_start}, {@code window_end}, then the result's
   * columns; a window's rows are replaced together (its key names the window).
   */
  public static TableSpec result(String prefix, AnalyticsResult result) {
    return windowed(Names.resultTable(prefix, result.folder()), result.schema());
  }

  /** The table of the stream's one-line summary per window, the same way. */
  public static TableSpec summary(String prefix) {
    return windowed(Names.resultTable(prefix, WindowSummary.NAME), WindowSummary.SCHEMA);
  }

  private static TableSpec windowed(String name, Schema columns) {
    Schema schema = Schema.builder()
        .addDateTimeField(WINDOW_START)
        .addDateTimeField(WINDOW_END)
        .addFields(columns.getFields())
        .build();
    return new TableSpec(name, schema, WINDOW_START);
  }

  /** The table's key column alone, to read what a table already holds. */
  Schema keySchema() {
    return Schema.of(schema.getField(key));
  }

  public byte[] encode(Row row) {
    try {
      return CoderUtils.encodeToByteArray(coder, row);
    } catch (CoderException e) {
      throw new IllegalStateException("a row that does not fit table " + name + ": " + e.getMessage(), e);
    }
  }

  Row decode(byte[] row) throws CoderException {
    return CoderUtils.decodeFromByteArray(coder, row);
  }
}
