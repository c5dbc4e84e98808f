package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.SelectTopPerGroup;
import dev.pinpipe.schemas.AnalyticsResult;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** One row: the country of the overall top poster; ties go to the smallest country. Input: the rows of {@link TopUserByCountry}. */
public final class TopCountryByFollowers extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema FACTS =
      Schema.builder().addStringField("country").addInt64Field("follower_count").build();

  private final int buckets;

  /** Groups combined in {@code buckets} hash buckets; {@code KeyBuckets.PER_KEY} for a group per key. */
  TopCountryByFollowers(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> topUserByCountry) {
    return topUserByCountry
        .apply(
            "CountryAndFollowers",
            ExtractFacts.of(
                FACTS,
                row ->
                    ExtractFacts.rowOrNull(
                        FACTS, row.getString("country"), row.getInt64("follower_count"))))
        .apply("TopCountry", SelectTopPerGroup.of(List.of(), "follower_count", "country").inBuckets(buckets))
        .apply(ConformTo.result(AnalyticsResult.TOP_COUNTRY_BY_FOLLOWERS));
  }
}
