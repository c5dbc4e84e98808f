package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.Rows;
import dev.pinpipe.schemas.AnalyticsResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Re-shapes rows to exactly the columns of an analytics result, by field name. */
final class ConformTo extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final Schema schema;

  private ConformTo(Schema schema) {
    this.schema = schema;
  }

  static ConformTo result(AnalyticsResult result) {
    return new ConformTo(result.schema());
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    Schema target = schema;
    return rows.apply(
            "ConformToResult",
            MapElements.into(TypeDescriptors.rows()).via((Row row) -> Rows.project(row, target)))
        .setRowSchema(target);
  }
}
