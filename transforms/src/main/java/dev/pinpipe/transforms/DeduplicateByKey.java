package dev.pinpipe.transforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one record per key. The emulator posts random rows with replacement, so the lake holds
 * exact duplicates; where two records share a key but differ, the one whose JSON form sorts first
 * is kept, so every runner keeps the same one. Records are grouped by key (or, given
 * {@link #inBuckets}, by a hash bucket of it) and each group keeps its best record per key
 * (partially, before the shuffle, on runners that lift combiners). In a window, per window.
 */
public final class DeduplicateByKey extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final String keyField;
  private final int buckets;

  private DeduplicateByKey(String keyField, int buckets) {
    this.keyField = keyField;
    this.buckets = buckets;
  }

  /** Deduplicates on an INT64 key field such as {@code ind}. */
  public static DeduplicateByKey on(String keyField) {
    return new DeduplicateByKey(keyField, KeyBuckets.PER_KEY);
  }

  /** The same, grouping keys into {@code buckets} hash buckets. */
  public DeduplicateByKey inBuckets(int buckets) {
    KeyBuckets.check(buckets);
    return new DeduplicateByKey(keyField, buckets);
  }

  /**
   * Of two records with one key, the one to keep: the first in JSON order, whatever order they
   * came in. Every pipeline that chooses between two records uses this rule.
   */
  public static Row preferred(Row left, Row right) {
    return left.equals(right) || RowJson.toJson(left).compareTo(RowJson.toJson(right)) <= 0 ? left : right;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> records) {
    Schema schema = records.getSchema();
    String key = keyField;
    int bucketCount = buckets;
    return records
        .apply(
            "KeyByBucket",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.rows()))
                .via((Row row) -> KV.of(KeyBuckets.group(row.getInt64(key), bucketCount), row)))
        .setCoder(KvCoder.of(VarLongCoder.of(), RowCoder.of(schema)))
        .apply("KeepOnePerKey", Combine.perKey(new KeepOnePerKey(key, schema)))
        .apply(
            "Records",
            FlatMapElements.into(TypeDescriptors.rows())
                .via((KV<Long, Map<Long, Row>> bucket) -> bucket.getValue().values()))
        .setRowSchema(schema);
  }

  /** Per bucket: key to the record kept so far. */
  private static final class KeepOnePerKey extends Combine.CombineFn<Row, Map<Long, Row>, Map<Long, Row>> {
    private final String keyField;
    private final Schema schema;

    KeepOnePerKey(String keyField, Schema schema) {
      this.keyField = keyField;
      this.schema = schema;
    }

    @Override
    public Map<Long, Row> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<Long, Row> addInput(Map<Long, Row> kept, Row row) {
      kept.merge(row.getInt64(keyField), row, DeduplicateByKey::preferred);
      return kept;
    }

    @Override
    public Map<Long, Row> mergeAccumulators(Iterable<Map<Long, Row>> accumulators) {
      Map<Long, Row> merged = new HashMap<>();
      for (Map<Long, Row> kept : accumulators) {
        kept.forEach((k, row) -> merged.merge(k, row, DeduplicateByKey::preferred));
      }
      return merged;
    }

    @Override
    public Map<Long, Row> extractOutput(Map<Long, Row> kept) {
      return kept;
    }

    @Override
    public Coder<Map<Long, Row>> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return MapCoder.of(VarLongCoder.of(), RowCoder.of(schema));
    }

    @Override
    public Coder<Map<Long, Row>> getDefaultOutputCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return getAccumulatorCoder(registry, inputCoder);
    }
  }
}
