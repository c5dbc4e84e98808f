package dev.pinpipe.transforms.aggregate;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

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
    return rows.apply("PerGroup", AggregatePerGroup.of("KeepTop", groupFields, new Top(measure, tieBreak))
        .inBuckets(buckets));
  }

  /** The top row itself is the output row, so the output has the input's shape. */
  private static final class Top implements AggregatePerGroup.Aggregation<Row, Row> {
    private final String measure;
    private final String tieBreak;

    Top(String measure, String tieBreak) {
      this.measure = measure;
      this.tieBreak = tieBreak;
    }

    @Override
    public Row valueOf(Row row) {
      return row;
    }

    @Override
    public Coder<Row> valueCoder(Schema input) {
      return RowCoder.of(input);
    }

    @Override
    public KeepBetter combineFn() {
      return new KeepBetter(measure, tieBreak);
    }

    @Override
    public Schema outputSchema(Schema group, Schema input) {
      return input;
    }

    @Override
    public Row toRow(Schema output, Row group, Row top) {
      return top;
    }
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
