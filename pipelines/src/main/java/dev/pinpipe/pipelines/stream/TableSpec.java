package dev.pinpipe.pipelines.stream;

import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;

/** A Delta table the stream appends to: its name, its columns, and the column no two rows share. */
public final class TableSpec implements Serializable {
  public final String name;
  public final Schema schema;
  public final String key;

  public TableSpec(String name, Schema schema, String key) {
    this.name = name;
    this.schema = schema;
    this.key = key;
  }

  /** The table's key column alone, to read what a table already holds. */
  Schema keySchema() {
    return Schema.of(schema.getField(key));
  }
}
