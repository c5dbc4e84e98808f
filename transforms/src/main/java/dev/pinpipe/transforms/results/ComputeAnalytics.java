package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.CombineGroups;
import dev.pinpipe.transforms.join.DeduplicateAndJoinPosts;
import dev.pinpipe.transforms.join.JoinArrivingPosts;
import dev.pinpipe.transforms.join.JoinedPosts;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
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
    Map<AnalyticsResult, PCollection<Row>> results = new EnumMap<>(AnalyticsResult.class);
    for (AnalyticsResult result : AnalyticsResult.values()) {
      results.put(result, compute(result, posts, results));
    }
    return new AnalyticsResults(posts.getPipeline(), results);
  }

  /**
   * The registry of results: each {@link AnalyticsResult} and the transform that computes it from
   * the joined posts. A switch over every entry, so a new entry without its transform does not
   * compile. {@code earlier} holds the results of the entries before it, in enum order.
   */
  private PCollection<Row> compute(AnalyticsResult result, JoinedPosts posts,
      Map<AnalyticsResult, PCollection<Row>> earlier) {
    String name = stepName(result);
    return switch (result) {
      case POPULAR_CATEGORY_BY_COUNTRY -> posts.pinsWithGeo().apply(name, new PopularCategoryByCountry(buckets));
      case POPULAR_CATEGORY_BY_YEAR -> posts.pinsWithGeo().apply(name, new PopularCategoryByYear(buckets));
      case TOP_USER_BY_COUNTRY -> posts.pinsWithGeo().apply(name, new TopUserByCountry(buckets));
      case TOP_COUNTRY_BY_FOLLOWERS ->
          earlier.get(AnalyticsResult.TOP_USER_BY_COUNTRY).apply(name, new TopCountryByFollowers(buckets));
      case POPULAR_CATEGORY_BY_AGE_GROUP -> posts.pinsWithUsers().apply(name, new PopularCategoryByAgeGroup(buckets));
      case MEDIAN_FOLLOWERS_BY_AGE_GROUP -> posts.pinsWithUsers().apply(name, new MedianFollowersByAgeGroup(buckets));
      case USERS_JOINED_BY_YEAR -> posts.users().apply(name, new UsersJoinedByYear(buckets));
      case MEDIAN_FOLLOWERS_BY_JOIN_YEAR -> posts.pinsWithUsers().apply(name, new MedianFollowersByJoinYear(buckets));
      case MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR ->
          posts.pinsWithUsers().apply(name, new MedianFollowersByAgeGroupAndJoinYear(buckets));
    };
  }

  /** {@code POPULAR_CATEGORY_BY_COUNTRY} as {@code PopularCategoryByCountry}. */
  private static String stepName(AnalyticsResult result) {
    StringBuilder name = new StringBuilder();
    for (String word : result.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }
}
