package dev.pinpipe.transforms.aggregate;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Hash buckets for keyed steps, a tuning the batch pipeline chooses per runner (like a combine's
 * fanout, it changes speed, never results). By default the steps keyed by {@code ind} group per
 * key, which suits streams and clusters. Given buckets, they group by a bucket of the key and do
 * the per-key work in memory inside the bucket: on the DirectRunner, which evaluates every later
 * step once per key group, a few buckets instead of one group per post made the batch job about
 * seventy times faster (257 s for 1,000 posts with per-ind groups); on Spark a thousand buckets
 * keep every group small.
 */
public final class KeyBuckets {
  /** A fixed spread of a few buckets, for steps that must not put a whole group in one accumulator. */
  public static final int FEW = 16;
  /**
   * Buckets for {@code batch} on the DirectRunner: fewer groups, fewer evaluations of each later
   * step (the demo lake: 11.6 s with 16 buckets, 9.7 s with 4; 100,000 posts: 34.3 s and 31.6 s).
   */
  public static final int DIRECT_RUNNER = 4;
  /** Buckets that suit Spark at millions of posts. */
  public static final int MANY = 1024;

  /** No buckets: one group per key. */
  public static final int PER_KEY = 0;

  private KeyBuckets() {}

  /** The group of {@code key}: the key itself, or its bucket among {@code buckets}. */
  public static long group(long key, int buckets) {
    return buckets == PER_KEY ? key : of(key, buckets);
  }

  /** {@code rows} keyed by the group of their INT64 field {@code keyField}, in a step named {@code name}. */
  public static PCollection<KV<Long, Row>> keyByGroup(String name, PCollection<Row> rows, String keyField, int buckets) {
    return rows.apply(
            name,
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.rows()))
                .via((Row row) -> KV.of(group(row.getInt64(keyField), buckets), row)))
        .setCoder(KvCoder.of(VarLongCoder.of(), RowCoder.of(rows.getSchema())));
  }

  /** The bucket of {@code key} among {@code buckets}, spread by a 64-bit mix. */
  public static int of(long key, int buckets) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    mixed ^= mixed >>> 32;
    return (int) Math.floorMod(mixed, (long) buckets);
  }

  /** Fails on a bucket count below 1. */
  public static void check(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("key buckets must be at least 1, not " + buckets);
    }
  }
}
