package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * A line that could not be read as its record kind: kept with the reason, where it came from and
 * when, never dropped. {@code source} names the lake file and line, or the topic partition and
 * offset, or the stream shard and sequence number; {@code arrived_at} is when the source received
 * the line (unknown for the lake), {@code rejected_at} when a pipeline rejected it.
 */
public final class RejectedRecord {
  private RejectedRecord() {}

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("kind")
          .addStringField("reason")
          .addStringField("raw")
          .addNullableStringField("source")
          .addNullableField("arrived_at", FieldType.DATETIME)
          .addField("rejected_at", FieldType.DATETIME)
          .build();

  /** The field that tells rejected records apart: no two lines share a source. */
  public static final String KEY = "source";

  public static Row of(RecordKind kind, String reason, String raw, String source, Instant arrivedAt,
      Instant rejectedAt) {
    return Row.withSchema(SCHEMA).addValues(kind.label(), reason, raw, source, arrivedAt, rejectedAt).build();
  }
}
