package dev.pinpipe.pipelines.delta;

import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/**
 * A row on its way to a Delta table: the table's name, where the row came from, and the row in
 * the table's schema, encoded, so that rows of the four tables travel in one collection to the
 * one writer.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class TableRow {
  public final String table;
  public final String source;
  public final byte[] row;

  @SchemaCreate
  public TableRow(String table, String source, byte[] row) {
    this.table = table;
    this.source = source;
    this.row = row;
  }

  /** Not a row: tells the writer of a catch-up run to watch for the end of what was there at start. */
  public static TableRow catchUpMarker() {
    return new TableRow("", "", new byte[0]);
  }

  boolean isCatchUpMarker() {
    return table.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TableRow)) {
      return false;
    }
    TableRow that = (TableRow) other;
    return table.equals(that.table) && source.equals(that.source) && Arrays.equals(row, that.row);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, source, Arrays.hashCode(row));
  }
}
