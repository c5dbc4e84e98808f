package dev.pinpipe.transforms.analytics;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.transforms.KeyBuckets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Computes the nine analytics results from the joined posts (batch's {@link
 * DeduplicateAndJoinPosts}, a stream's {@link JoinArrivingPosts}), one small transform per result. Every step is a per-key combine, so the results are computed per window
 * on windowed input (a stream's) and once over a bounded input in the global window (batch's).
 */
public final class ComputeAnalytics extends PTransform<JoinedPosts, AnalyticsResults> {
  private final int buckets;

  private ComputeAnalytics(int buckets) {
    this.buckets = buckets;
  }

  /** A group per key: per country, per year, and so on. */
  public static ComputeAnalytics create() {
    return new ComputeAnalytics(KeyBuckets.PER_KEY);
  }

  /**
   * The same results, with each result's groups combined in {@code buckets} hash buckets: fewer
   * groups for a runner that pays for each (see {@link CombineGroups}).
   */
  public ComputeAnalytics inBuckets(int buckets) {
    KeyBuckets.check(buckets);
    return new ComputeAnalytics(buckets);
  }

  @Override
  public AnalyticsResults expand(JoinedPosts posts) {
    PCollection<Row> pinsWithGeo = posts.pinsWithGeo();
    PCollection<Row> pinsWithUsers = posts.pinsWithUsers();

    Map<AnalyticsResult, PCollection<Row>> results = new EnumMap<>(AnalyticsResult.class);
    results.put(
        AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY,
        pinsWithGeo.apply("PopularCategoryByCountry", new PopularCategoryByCountry(buckets)));
    results.put(
        AnalyticsResult.POPULAR_CATEGORY_BY_YEAR,
        pinsWithGeo.apply("PopularCategoryByYear", new PopularCategoryByYear(buckets)));
    PCollection<Row> topUsers = pinsWithGeo.apply("TopUserByCountry", new TopUserByCountry(buckets));
    results.put(AnalyticsResult.TOP_USER_BY_COUNTRY, topUsers);
    results.put(
        AnalyticsResult.TOP_COUNTRY_BY_FOLLOWERS,
        topUsers.apply("TopCountryByFollowers", new TopCountryByFollowers(buckets)));
    results.put(
        AnalyticsResult.POPULAR_CATEGORY_BY_AGE_GROUP,
        pinsWithUsers.apply("PopularCategoryByAgeGroup", new PopularCategoryByAgeGroup(buckets)));
    results.put(
        AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP,
        pinsWithUsers.apply("MedianFollowersByAgeGroup", new MedianFollowersByAgeGroup(buckets)));
    results.put(
        AnalyticsResult.USERS_JOINED_BY_YEAR,
        posts.users().apply("UsersJoinedByYear", new UsersJoinedByYear(buckets)));
    results.put(
        AnalyticsResult.MEDIAN_FOLLOWERS_BY_JOIN_YEAR,
        pinsWithUsers.apply("MedianFollowersByJoinYear", new MedianFollowersByJoinYear(buckets)));
    results.put(
        AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR,
        pinsWithUsers.apply(
            "MedianFollowersByAgeGroupAndJoinYear", new MedianFollowersByAgeGroupAndJoinYear(buckets)));
    return new AnalyticsResults(posts.getPipeline(), results);
  }
}
