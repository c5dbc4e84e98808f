package dev.pinpipe.transforms;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one record per key. The emulator posts random rows with replacement, so the lake holds
 * exact duplicates; where two records share a key but differ, the one whose JSON form sorts first
 * is kept, so every runner keeps the same one.
 */
public final class DeduplicateByKey extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final String keyField;

  private DeduplicateByKey(String keyField) {
    this.keyField = keyField;
  }

  /** Deduplicates on an INT64 key field such as {@code ind}. */
  public static DeduplicateByKey on(String keyField) {
    return new DeduplicateByKey(keyField);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> records) {
    Schema schema = records.getSchema();
    String key = keyField;
    return records
        .apply(
            "KeyBy" + keyField,
            WithKeys.<Long, Row>of(row -> row.getInt64(key)).withKeyType(TypeDescriptors.longs()))
        .setCoder(KvCoder.of(VarLongCoder.of(), records.getCoder()))
        .apply("KeepOnePerKey", Combine.perKey(new KeepFirstInJsonOrder()))
        .apply("DropKeys", Values.create())
        .setRowSchema(schema);
  }

  private static final class KeepFirstInJsonOrder extends Combine.BinaryCombineFn<Row> {
    @Override
    public Row apply(Row left, Row right) {
      return RowJson.toJson(left).compareTo(RowJson.toJson(right)) <= 0 ? left : right;
    }
  }
}
