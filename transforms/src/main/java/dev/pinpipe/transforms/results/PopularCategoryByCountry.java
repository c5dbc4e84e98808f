package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.FindMostFrequent;
import dev.pinpipe.schemas.AnalyticsResult;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Per country, the category with most posts. Input: pins joined with geo. */
public final class PopularCategoryByCountry extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema FACTS =
      Schema.builder().addStringField("country").addStringField("category").build();

  private final int buckets;

  /** Groups combined in {@code buckets} hash buckets; {@code KeyBuckets.PER_KEY} for a group per key. */
  PopularCategoryByCountry(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> pinsWithGeo) {
    return pinsWithGeo
        .apply(
            "CountryAndCategory",
            ExtractFacts.of(
                FACTS,
                row ->
                    ExtractFacts.rowOrNull(
                        FACTS, row.getString("country"), row.getString("category"))))
        .apply("MostFrequentCategory",
            FindMostFrequent.of("category", List.of("country"), "category_count").inBuckets(buckets))
        .apply(ConformTo.result(AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY));
  }
}
