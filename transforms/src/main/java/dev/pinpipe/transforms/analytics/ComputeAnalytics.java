package dev.pinpipe.transforms.analytics;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.transforms.JoinOnInd;
import dev.pinpipe.transforms.KeyBuckets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Computes the nine analytics results from the clean tables: joins pins with geo and with users
 * on {@code ind}, then applies one small transform per result.
 */
public final class ComputeAnalytics extends PTransform<CleanTables, AnalyticsResults> {
  private final int keyBuckets;

  private ComputeAnalytics(int keyBuckets) {
    this.keyBuckets = keyBuckets;
  }

  public static ComputeAnalytics create() {
    return new ComputeAnalytics(KeyBuckets.FEW);
  }

  /** The same, joining and counting users in {@code keyBuckets} hash buckets. */
  public ComputeAnalytics withKeyBuckets(int keyBuckets) {
    return new ComputeAnalytics(keyBuckets);
  }

  @Override
  public AnalyticsResults expand(CleanTables tables) {
    PCollection<Row> pinsWithGeo = tables.pins().apply("JoinPinsWithGeo", JoinOnInd.with(tables.geos()).inBuckets(keyBuckets));
    PCollection<Row> pinsWithUsers =
        tables.pins().apply("JoinPinsWithUsers", JoinOnInd.with(tables.users()).inBuckets(keyBuckets));

    Map<AnalyticsResult, PCollection<Row>> results = new EnumMap<>(AnalyticsResult.class);
    results.put(
        AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY,
        pinsWithGeo.apply("PopularCategoryByCountry", new PopularCategoryByCountry()));
    results.put(
        AnalyticsResult.POPULAR_CATEGORY_BY_YEAR,
        pinsWithGeo.apply("PopularCategoryByYear", new PopularCategoryByYear()));
    PCollection<Row> topUsers = pinsWithGeo.apply("TopUserByCountry", new TopUserByCountry());
    results.put(AnalyticsResult.TOP_USER_BY_COUNTRY, topUsers);
    results.put(
        AnalyticsResult.TOP_COUNTRY_BY_FOLLOWERS,
        topUsers.apply("TopCountryByFollowers", new TopCountryByFollowers()));
    results.put(
        AnalyticsResult.POPULAR_CATEGORY_BY_AGE_GROUP,
        pinsWithUsers.apply("PopularCategoryByAgeGroup", new PopularCategoryByAgeGroup()));
    results.put(
        AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP,
        pinsWithUsers.apply("MedianFollowersByAgeGroup", new MedianFollowersByAgeGroup()));
    results.put(
        AnalyticsResult.USERS_JOINED_BY_YEAR,
        tables.users().apply("UsersJoinedByYear", new UsersJoinedByYear(keyBuckets)));
    results.put(
        AnalyticsResult.MEDIAN_FOLLOWERS_BY_JOIN_YEAR,
        pinsWithUsers.apply("MedianFollowersByJoinYear", new MedianFollowersByJoinYear()));
    results.put(
        AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR,
        pinsWithUsers.apply(
            "MedianFollowersByAgeGroupAndJoinYear", new MedianFollowersByAgeGroupAndJoinYear()));
    return new AnalyticsResults(tables.getPipeline(), results);
  }
}
