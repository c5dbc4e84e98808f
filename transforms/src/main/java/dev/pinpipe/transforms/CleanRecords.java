package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Applies the cleaning rules of one record kind: raw records in, clean records out. */
public final class CleanRecords extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final RecordKind kind;

  private CleanRecords(RecordKind kind) {
    this.kind = kind;
  }

  public static CleanRecords of(RecordKind kind) {
    return new CleanRecords(kind);
  }

  /** The pure cleaning function of {@code kind}, for callers outside a pipeline. */
  public static SerializableFunction<Row, Row> rulesFor(RecordKind kind) {
    switch (kind) {
      case PIN:
        return PinCleaning::clean;
      case GEO:
        return GeoCleaning::clean;
      case USER:
        return UserCleaning::clean;
      default:
        throw new IllegalArgumentException("no cleaning rules for " + kind);
    }
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> raw) {
    return raw.apply(
            "Clean" + kind.label(), MapElements.into(TypeDescriptors.rows()).via(rulesFor(kind)))
        .setRowSchema(kind.cleanSchema());
  }
}
