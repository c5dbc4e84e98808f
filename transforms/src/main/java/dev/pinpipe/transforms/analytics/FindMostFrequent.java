package dev.pinpipe.transforms.analytics;

import dev.pinpipe.transforms.KeyBuckets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

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
    Schema groupSchema = Rows.select(rows.getSchema(), groupFields);
    Schema output =
        Schema.builder()
            .addFields(groupSchema.getFields())
            .addField(rows.getSchema().getField(valueField))
            .addInt64Field(countField)
            .build();
    String value = valueField;
    return rows.apply(
            "KeyByGroup",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.rows(), TypeDescriptors.strings()))
                .via((Row row) -> KV.of(Rows.project(row, groupSchema), row.getString(value))))
        .setCoder(KvCoder.of(RowCoder.of(groupSchema), StringUtf8Coder.of()))
        .apply("CountValues",
            CombineGroups.<Row, String, KV<String, Long>>perKey(new MostFrequentFn()).inBuckets(buckets))
        .apply(
            "ToRow",
            MapElements.into(TypeDescriptors.rows())
                .via(
                    (KV<Row, KV<String, Long>> top) ->
                        Row.withSchema(output)
                            .addValues(top.getKey().getValues())
                            .addValues(top.getValue().getKey(), top.getValue().getValue())
                            .build()))
        .setRowSchema(output);
  }

  /** The value with the largest count, the smallest value on ties. */
  static final class MostFrequentFn extends CountEachValue<String, KV<String, Long>> {
    MostFrequentFn() {
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
