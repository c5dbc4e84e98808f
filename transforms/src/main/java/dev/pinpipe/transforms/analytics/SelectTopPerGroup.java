package dev.pinpipe.transforms.analytics;

import dev.pinpipe.transforms.KeyBuckets;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one row per group: the one with the largest {@code measure}; ties go to the smallest
 * {@code tieBreak} ({@link String#compareTo}). With no group fields, keeps one row overall (none
 * for an empty input).
 */
public final class SelectTopPerGroup extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final List<String> groupFields;
  private final String measure;
  private final String tieBreak;
  private final int buckets;

  private SelectTopPerGroup(List<String> groupFields, String measure, String tieBreak, int buckets) {
    this.groupFields = groupFields;
    this.measure = measure;
    this.tieBreak = tieBreak;
    this.buckets = buckets;
  }

  /** Per distinct value of {@code groupFields}, the row with the largest {@code measure}. */
  public static SelectTopPerGroup of(List<String> groupFields, String measure, String tieBreak) {
    return new SelectTopPerGroup(List.copyOf(groupFields), measure, tieBreak, KeyBuckets.PER_KEY);
  }

  /** The same, with groups combined in {@code buckets} hash buckets ({@link CombineGroups}). */
  public SelectTopPerGroup inBuckets(int buckets) {
    return new SelectTopPerGroup(groupFields, measure, tieBreak, buckets);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    boolean overall = groupFields.isEmpty();
    // A one-field constant key stands for "all rows" when there are no group fields.
    Schema keySchema =
        overall
            ? Schema.builder().addBooleanField("all").build()
            : Rows.select(schema, groupFields);
    return rows.apply(
            "KeyByGroup",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.rows(), TypeDescriptors.rows()))
                .via(
                    (Row row) ->
                        KV.of(
                            overall
                                ? Row.withSchema(keySchema).addValue(true).build()
                                : Rows.project(row, keySchema),
                            row)))
        .setCoder(KvCoder.of(RowCoder.of(keySchema), RowCoder.of(schema)))
        .apply("KeepTop",
            CombineGroups.<Row, Row, Row>perKey(new KeepBetter(measure, tieBreak)).inBuckets(buckets))
        .apply("DropGroupKeys", Values.create())
        .setRowSchema(schema);
  }

  private static final class KeepBetter extends Combine.BinaryCombineFn<Row> {
    private final String measure;
    private final String tieBreak;

    KeepBetter(String measure, String tieBreak) {
      this.measure = measure;
      this.tieBreak = tieBreak;
    }

    @Override
    public Row apply(Row left, Row right) {
      int byMeasure =
          Long.compare(
              ((Number) left.getValue(measure)).longValue(),
              ((Number) right.getValue(measure)).longValue());
      if (byMeasure != 0) {
        return byMeasure > 0 ? left : right;
      }
      String leftTie = left.getValue(tieBreak).toString();
      String rightTie = right.getValue(tieBreak).toString();
      return leftTie.compareTo(rightTie) <= 0 ? left : right;
    }
  }
}
