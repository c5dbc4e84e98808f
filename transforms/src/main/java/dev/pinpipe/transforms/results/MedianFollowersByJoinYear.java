package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.ComputeLowerMedian;
import dev.pinpipe.schemas.AnalyticsResult;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Per year joined 2015-2020 (UTC), the lower median follower_count. Input: pins joined with users. */
public final class MedianFollowersByJoinYear extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema FACTS =
      Schema.builder().addInt32Field("post_year").addInt64Field("follower_count").build();

  private final int buckets;

  /** Groups combined in {@code buckets} hash buckets; {@code KeyBuckets.PER_KEY} for a group per key. */
  MedianFollowersByJoinYear(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> pinsWithUsers) {
    return pinsWithUsers
        .apply(
            "JoinYearAndFollowers",
            ExtractFacts.of(
                FACTS,
                row ->
                    ExtractFacts.rowOrNull(
                        FACTS,
                        UtcYear.within(row.getDateTime("date_joined"), 2015, 2020),
                        row.getInt64("follower_count"))))
        .apply("Median",
            ComputeLowerMedian.of("follower_count", List.of("post_year"), "median_follower_count").inBuckets(buckets))
        .apply(ConformTo.result(AnalyticsResult.MEDIAN_FOLLOWERS_BY_JOIN_YEAR));
  }
}
