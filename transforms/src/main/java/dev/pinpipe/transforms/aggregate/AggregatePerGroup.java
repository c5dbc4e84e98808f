package dev.pinpipe.transforms.aggregate;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The chain every per-group aggregation here shares, written once: key each row by its group
 * fields, combine each group's values with an {@link Aggregation}'s combine function ({@link
 * CombineGroups}, so in hash buckets when asked), and make one output row per group. With no group
 * fields, all rows are one group (none for an empty input).
 */
public final class AggregatePerGroup<V, OutputT> extends PTransform<PCollection<Row>, PCollection<Row>> {
  /** What is combined per group, how, and the row it gives. */
  public interface Aggregation<V, OutputT> extends Serializable {
    /** The value a row adds to its group. */
    V valueOf(Row row);

    Coder<V> valueCoder(Schema input);

    CombineFn<V, ?, OutputT> combineFn();

    /** The output rows' shape, from the group fields' shape and the input's. */
    Schema outputSchema(Schema group, Schema input);

    /** One output row for a group and what its values combined into. */
    Row toRow(Schema output, Row group, OutputT combined);
  }

  private final String combineName;
  private final List<String> groupFields;
  private final Aggregation<V, OutputT> aggregation;
  private final int buckets;

  private AggregatePerGroup(String combineName, List<String> groupFields, Aggregation<V, OutputT> aggregation,
      int buckets) {
    this.combineName = combineName;
    this.groupFields = List.copyOf(groupFields);
    this.aggregation = aggregation;
    this.buckets = buckets;
  }

  /** {@code aggregation} per distinct value of {@code groupFields}, its combine step named {@code combineName}. */
  public static <V, OutputT> AggregatePerGroup<V, OutputT> of(String combineName, List<String> groupFields,
      Aggregation<V, OutputT> aggregation) {
    return new AggregatePerGroup<>(combineName, groupFields, aggregation, KeyBuckets.PER_KEY);
  }

  /** The same, with groups combined in {@code buckets} hash buckets ({@link CombineGroups}). */
  public AggregatePerGroup<V, OutputT> inBuckets(int buckets) {
    return new AggregatePerGroup<>(combineName, groupFields, aggregation, buckets);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    Schema input = rows.getSchema();
    boolean overall = groupFields.isEmpty();
    // A one-field constant key stands for "all rows" when there are no group fields.
    Schema groupSchema = overall ? Schema.builder().addBooleanField("all").build() : Rows.select(input, groupFields);
    Schema output = aggregation.outputSchema(groupSchema, input);
    Aggregation<V, OutputT> agg = aggregation;
    return rows
        .apply("KeyByGroup", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.rows(), new TypeDescriptor<V>() {}))
            .via((Row row) -> KV.of(
                overall ? Row.withSchema(groupSchema).addValue(true).build() : Rows.project(row, groupSchema),
                agg.valueOf(row))))
        .setCoder(KvCoder.of(RowCoder.of(groupSchema), aggregation.valueCoder(input)))
        .apply(combineName, CombineGroups.<Row, V, OutputT>perKey(aggregation.combineFn()).inBuckets(buckets))
        .apply("ToRow", MapElements
            .into(TypeDescriptors.rows())
            .via((KV<Row, OutputT> group) -> agg.toRow(output, group.getKey(), group.getValue())))
        .setRowSchema(output);
  }
}
