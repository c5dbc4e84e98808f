package dev.pinpipe.transforms.aggregate;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Per group, the text value seen in most rows, with its count; ties go to the smallest value.
 * Output columns: the group fields, the value field, then the count field. Each group counts its
 * values in one map, so the shuffle is by group only.
 */
public final class FindMostFrequent extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final String valueField;
  private final List<String> groupFields;
  private final String countField;
  private final int buckets;

  private FindMostFrequent(String valueField, List<String> groupFields, String countField, int buckets) {
    this.valueField = valueField;
    this.groupFields = groupFields;
    this.countField = countField;
    this.buckets = buckets;
  }

  /** The most frequent {@code valueField} per {@code groupFields}, counted as {@code countField}. */
  public static FindMostFrequent of(String valueField, List<String> groupFields, String countField) {
    return new FindMostFrequent(valueField, List.copyOf(groupFields), countField, KeyBuckets.PER_KEY);
  }

  /** The same, with groups combined in {@code buckets} hash buckets ({@link CombineGroups}). */
  public FindMostFrequent inBuckets(int buckets) {
    return new FindMostFrequent(valueField, groupFields, countField, buckets);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    return rows.apply("PerGroup", AggregatePerGroup.of("CountValues", groupFields, new MostFrequent(valueField, countField))
        .inBuckets(buckets));
  }

  private static final class MostFrequent implements AggregatePerGroup.Aggregation<String, KV<String, Long>> {
    private final String valueField;
    private final String countField;

    MostFrequent(String valueField, String countField) {
      this.valueField = valueField;
      this.countField = countField;
    }

    @Override
    public String valueOf(Row row) {
      return row.getString(valueField);
    }

    @Override
    public Coder<String> valueCoder(Schema input) {
      return StringUtf8Coder.of();
    }

    @Override
    public MostFrequentFn combineFn() {
      return new MostFrequentFn();
    }

    @Override
    public Schema outputSchema(Schema group, Schema input) {
      return Schema.builder().addFields(group.getFields()).addField(input.getField(valueField))
          .addInt64Field(countField).build();
    }

    @Override
    public Row toRow(Schema output, Row group, KV<String, Long> top) {
      return Row.withSchema(output).addValues(group.getValues()).addValues(top.getKey(), top.getValue()).build();
    }
  }

  /** The value with the largest count, the smallest value on ties. */
  public static final class MostFrequentFn extends CountEachValue<String, KV<String, Long>> {
    public MostFrequentFn() {
      super(StringUtf8Coder.of());
    }

    @Override
    public KV<String, Long> extractOutput(Map<String, Long> counts) {
      String best = null;
      long bestCount = 0;
      for (Map.Entry<String, Long> entry : counts.entrySet()) {
        long count = entry.getValue();
        if (best == null || count > bestCount || (count == bestCount && entry.getKey().compareTo(best) < 0)) {
          best = entry.getKey();
          bestCount = count;
        }
      }
      return KV.of(best, bestCount);
    }

    @Override
    public Coder<KV<String, Long>> getDefaultOutputCoder(CoderRegistry registry, Coder<String> inputCoder) {
      return KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    }
  }
}
