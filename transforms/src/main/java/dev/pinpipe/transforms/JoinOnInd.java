package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Inner-joins two clean tables on {@code ind} into flat rows: every field of the left table, then
 * every field of the right table but its {@code ind}. Both sides are grouped by {@code ind} (or,
 * given {@link #inBuckets}, by a hash bucket of it) and each group joins its rows in memory. In a
 * window, rows join only with rows of the same window.
 */
public final class JoinOnInd extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final String KEY = RecordKind.CLEAN_KEY;

  private final PCollection<Row> right;
  private final int buckets;

  private JoinOnInd(PCollection<Row> right, int buckets) {
    this.right = right;
    this.buckets = buckets;
  }

  public static JoinOnInd with(PCollection<Row> right) {
    return new JoinOnInd(right, KeyBuckets.PER_KEY);
  }

  /** The same, grouping keys into {@code buckets} hash buckets. */
  public JoinOnInd inBuckets(int buckets) {
    KeyBuckets.check(buckets);
    return new JoinOnInd(right, buckets);
  }

  /** The schema of the joined rows. */
  public static Schema joinedSchema(Schema left, Schema right) {
    Schema.Builder joined = Schema.builder().addFields(left.getFields());
    for (Field field : right.getFields()) {
      if (field.getName().equals(KEY)) {
        continue;
      }
      if (left.hasField(field.getName())) {
        throw new IllegalArgumentException("both sides of the join have field " + field.getName());
      }
      joined.addField(field);
    }
    return joined.build();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> left) {
    Schema joined = joinedSchema(left.getSchema(), right.getSchema());
    TupleTag<Row> leftTag = new TupleTag<>("left");
    TupleTag<Row> rightTag = new TupleTag<>("right");
    return KeyedPCollectionTuple.of(leftTag, byBucket("BucketLeft", left))
        .and(rightTag, byBucket("BucketRight", right))
        .apply("GroupBuckets", CoGroupByKey.create())
        .apply("JoinInBucket", ParDo.of(new JoinBucketFn(joined, leftTag, rightTag)))
        .setRowSchema(joined);
  }

  private PCollection<KV<Long, Row>> byBucket(String name, PCollection<Row> rows) {
    int bucketCount = buckets;
    return rows.apply(
            name,
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.rows()))
                .via((Row row) -> KV.of(KeyBuckets.group(row.getInt64(KEY), bucketCount), row)))
        .setCoder(KvCoder.of(VarLongCoder.of(), RowCoder.of(rows.getSchema())));
  }

  private static final class JoinBucketFn extends DoFn<KV<Long, CoGbkResult>, Row> {
    private final Schema joined;
    private final TupleTag<Row> leftTag;
    private final TupleTag<Row> rightTag;

    JoinBucketFn(Schema joined, TupleTag<Row> leftTag, TupleTag<Row> rightTag) {
      this.joined = joined;
      this.leftTag = leftTag;
      this.rightTag = rightTag;
    }

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> bucket, OutputReceiver<Row> out) {
      Map<Long, List<Row>> rightByInd = new HashMap<>();
      for (Row row : bucket.getValue().getAll(rightTag)) {
        rightByInd.computeIfAbsent(row.getInt64(KEY), k -> new ArrayList<>()).add(row);
      }
      for (Row left : bucket.getValue().getAll(leftTag)) {
        for (Row right : rightByInd.getOrDefault(left.getInt64(KEY), List.of())) {
          out.output(flatten(joined, left, right));
        }
      }
    }

  }

  /** One joined row of {@link #joinedSchema} {@code joined}: the left row's fields, then the right row's but its {@code ind}. */
  public static Row flatten(Schema joined, Row left, Row right) {
    List<Object> row = TypedRows.valuesFor(joined);
    row.addAll(left.getValues());
    Schema rightSchema = right.getSchema();
    for (int i = 0; i < rightSchema.getFieldCount(); i++) {
      if (!rightSchema.getField(i).getName().equals(KEY)) {
        row.add(right.getValue(i));
      }
    }
    return TypedRows.of(joined, row);
  }
}
