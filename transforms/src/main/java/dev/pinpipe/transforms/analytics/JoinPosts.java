package dev.pinpipe.transforms.analytics;

import dev.pinpipe.transforms.JoinOnInd;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Joins the clean tables on {@code ind} into what the nine results read: pins with geo, pins with
 * users. In windows, a post's pin joins its geo and user rows only within one window.
 */
public final class JoinPosts extends PTransform<CleanTables, JoinedPosts> {
  /** Null: one group per {@code ind}. */
  private final Integer buckets;

  private JoinPosts(Integer buckets) {
    this.buckets = buckets;
  }

  /** Groups per {@code ind}. */
  public static JoinPosts create() {
    return new JoinPosts(null);
  }

  /** The same, grouping keys into {@code buckets} hash buckets (see {@link dev.pinpipe.transforms.KeyBuckets}). */
  public JoinPosts inBuckets(int buckets) {
    return new JoinPosts(buckets);
  }

  @Override
  public JoinedPosts expand(CleanTables tables) {
    return JoinedPosts.of(
        tables.pins().apply("JoinPinsWithGeo", join(tables.geos())),
        tables.pins().apply("JoinPinsWithUsers", join(tables.users())),
        tables.users());
  }

  private JoinOnInd join(PCollection<Row> right) {
    return buckets == null ? JoinOnInd.with(right) : JoinOnInd.with(right).inBuckets(buckets);
  }
}
