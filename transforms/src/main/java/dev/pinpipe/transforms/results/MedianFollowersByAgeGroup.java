package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.ComputeLowerMedian;
import dev.pinpipe.schemas.AnalyticsResult;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Per age group, the lower median follower_count. Input: pins joined with users. */
public final class MedianFollowersByAgeGroup extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema FACTS =
      Schema.builder().addStringField("age_group").addInt64Field("follower_count").build();

  private final int buckets;

  /** Groups combined in {@code buckets} hash buckets; {@code KeyBuckets.PER_KEY} for a group per key. */
  MedianFollowersByAgeGroup(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> pinsWithUsers) {
    return pinsWithUsers
        .apply(
            "AgeGroupAndFollowers",
            ExtractFacts.of(
                FACTS,
                row ->
                    ExtractFacts.rowOrNull(
                        FACTS, AgeGroup.of(row.getInt32("age")), row.getInt64("follower_count"))))
        .apply("Median",
            ComputeLowerMedian.of("follower_count", List.of("age_group"), "median_follower_count").inBuckets(buckets))
        .apply(ConformTo.result(AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP));
  }
}
