package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.SelectTopPerGroup;
import dev.pinpipe.schemas.AnalyticsResult;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Per country, the poster with the highest follower_count; ties go to the smallest poster_name. Input: pins joined with geo. */
public final class TopUserByCountry extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema FACTS =
      Schema.builder()
          .addStringField("country")
          .addStringField("poster_name")
          .addInt64Field("follower_count")
          .build();

  private final int buckets;

  /** Groups combined in {@code buckets} hash buckets; {@code KeyBuckets.PER_KEY} for a group per key. */
  TopUserByCountry(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> pinsWithGeo) {
    return pinsWithGeo
        .apply(
            "CountryPosterFollowers",
            ExtractFacts.of(
                FACTS,
                row ->
                    ExtractFacts.rowOrNull(
                        FACTS,
                        row.getString("country"),
                        row.getString("poster_name"),
                        row.getInt64("follower_count"))))
        .apply("TopPoster",
            SelectTopPerGroup.of(List.of("country"), "follower_count", "poster_name").inBuckets(buckets))
        .apply(ConformTo.result(AnalyticsResult.TOP_USER_BY_COUNTRY));
  }
}
