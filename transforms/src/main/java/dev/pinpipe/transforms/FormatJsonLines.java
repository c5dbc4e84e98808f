package dev.pinpipe.transforms;

import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Formats rows as JSON lines with {@link RowJson}. */
public final class FormatJsonLines extends PTransform<PCollection<Row>, PCollection<String>> {
  public static FormatJsonLines create() {
    return new FormatJsonLines();
  }

  @Override
  public PCollection<String> expand(PCollection<Row> rows) {
    return rows.apply("RowToJson", MapElements.into(TypeDescriptors.strings()).via(RowJson::toJson));
  }
}
