package dev.pinpipe.transforms;

/**
 * Hash buckets for keyed steps. Steps keyed by a high-cardinality key ({@code ind}, a user)
 * group by a bucket of the key and do the per-key work in memory inside the bucket. On Spark a
 * thousand buckets keep every group small; on the DirectRunner, which evaluates every later step
 * once per key group, a few buckets instead of one group per post made the batch job about
 * seventy times faster (257 s for 1,000 posts with per-ind groups).
 */
public final class KeyBuckets {
  /** Buckets that suit the DirectRunner's small inputs. */
  public static final int FEW = 16;
  /** Buckets that suit Spark at millions of posts. */
  public static final int MANY = 1024;

  private KeyBuckets() {}

  /** The bucket of {@code key} among {@code buckets}, spread by a 64-bit mix. */
  public static int of(long key, int buckets) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    mixed ^= mixed >>> 32;
    return (int) Math.floorMod(mixed, (long) buckets);
  }

  static void check(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("key buckets must be at least 1, not " + buckets);
    }
  }
}
