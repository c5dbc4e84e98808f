package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** A line that could not be read as its record kind: kept with the reason, never dropped. */
public final class RejectedRecord {
  private RejectedRecord() {}

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("kind")
          .addStringField("reason")
          .addStringField("raw")
          .build();

  public static Row of(RecordKind kind, String reason, String raw) {
    return Row.withSchema(SCHEMA).addValues(kind.label(), reason, raw).build();
  }
}
