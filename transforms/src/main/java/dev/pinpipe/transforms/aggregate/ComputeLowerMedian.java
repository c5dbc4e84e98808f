package dev.pinpipe.transforms.aggregate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Per group, the lower median of an INT64 field: the element at position ceil(n/2) (1-based) of
 * the sorted values. Exact and deterministic (see {@link CountEachValue}).
 */
public final class ComputeLowerMedian extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final String valueField;
  private final List<String> groupFields;
  private final String outputField;
  private final int buckets;

  private ComputeLowerMedian(String valueField, List<String> groupFields, String outputField, int buckets) {
    this.valueField = valueField;
    this.groupFields = groupFields;
    this.outputField = outputField;
    this.buckets = buckets;
  }

  /** The lower median of {@code valueField} per {@code groupFields}, named {@code outputField}. */
  public static ComputeLowerMedian of(
      String valueField, List<String> groupFields, String outputField) {
    return new ComputeLowerMedian(valueField, List.copyOf(groupFields), outputField, KeyBuckets.PER_KEY);
  }

  /** The same, with groups combined in {@code buckets} hash buckets ({@link CombineGroups}). */
  public ComputeLowerMedian inBuckets(int buckets) {
    return new ComputeLowerMedian(valueField, groupFields, outputField, buckets);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    return rows.apply("PerGroup", AggregatePerGroup.of("LowerMedian", groupFields, new LowerMedian(valueField, outputField))
        .inBuckets(buckets));
  }

  private static final class LowerMedian implements AggregatePerGroup.Aggregation<Long, Long> {
    private final String valueField;
    private final String outputField;

    LowerMedian(String valueField, String outputField) {
      this.valueField = valueField;
      this.outputField = outputField;
    }

    @Override
    public Long valueOf(Row row) {
      return row.getInt64(valueField);
    }

    @Override
    public Coder<Long> valueCoder(Schema input) {
      return VarLongCoder.of();
    }

    @Override
    public LowerMedianFn combineFn() {
      return new LowerMedianFn();
    }

    @Override
    public Schema outputSchema(Schema group, Schema input) {
      return Schema.builder().addFields(group.getFields()).addInt64Field(outputField).build();
    }

    @Override
    public Row toRow(Schema output, Row group, Long median) {
      return Row.withSchema(output).addValues(group.getValues()).addValue(median).build();
    }
  }

  /** The median is read off the counts of each distinct value, in sorted order. */
  static final class LowerMedianFn extends CountEachValue<Long, Long> {
    LowerMedianFn() {
      super(VarLongCoder.of());
    }

    @Override
    public Long extractOutput(Map<Long, Long> counts) {
      long n = 0;
      for (long count : counts.values()) {
        n += count;
      }
      long position = (n + 1) / 2; // ceil(n / 2), 1-based
      long seen = 0;
      for (Map.Entry<Long, Long> entry : new TreeMap<>(counts).entrySet()) {
        seen += entry.getValue();
        if (seen >= position) {
          return entry.getKey();
        }
      }
      return null; // no values: a group without values is never asked for
    }
  }
}
