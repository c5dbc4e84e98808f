package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.FindMostFrequent;
import dev.pinpipe.schemas.AnalyticsResult;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Per post year 2018-2022 (UTC), the category with most posts. Input: pins joined with geo. */
public final class PopularCategoryByYear extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema FACTS =
      Schema.builder().addInt32Field("post_year").addStringField("category").build();

  private final int buckets;

  /** Groups combined in {@code buckets} hash buckets; {@code KeyBuckets.PER_KEY} for a group per key. */
  PopularCategoryByYear(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> pinsWithGeo) {
    return pinsWithGeo
        .apply(
            "YearAndCategory",
            ExtractFacts.of(
                FACTS,
                row ->
                    ExtractFacts.rowOrNull(
                        FACTS,
                        UtcYear.within(row.getDateTime("timestamp"), 2018, 2022),
                        row.getString("category"))))
        .apply("MostFrequentCategory",
            FindMostFrequent.of("category", List.of("post_year"), "category_count").inBuckets(buckets))
        .apply(ConformTo.result(AnalyticsResult.POPULAR_CATEGORY_BY_YEAR));
  }
}
