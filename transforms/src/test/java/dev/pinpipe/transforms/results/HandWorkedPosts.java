package dev.pinpipe.transforms.results;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.transforms.FormatJsonLines;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;

/**
 * A small lake whose nine results were worked out by hand: batch's answer, and a stream's for a
 * window holding all of it.
 */
public final class HandWorkedPosts {
  private HandWorkedPosts() {}

  public static String pin(int ind, String category, String poster, String followers) {
    return String.format(
        "{\"index\": %d, \"category\": \"%s\", \"poster_name\": \"%s\", \"follower_count\": \"%s\"}",
        ind, category, poster, followers);
  }

  public static String geo(int ind, String country, String timestamp) {
    return String.format(
        "{\"ind\": %d, \"country\": %s, \"timestamp\": \"%s\", \"latitude\": 1, \"longitude\": 2}",
        ind, country == null ? "null" : "\"" + country + "\"", timestamp);
  }

  public static String user(int ind, String first, String last, int age, String joined) {
    return String.format(
        "{\"ind\": %d, \"first_name\": \"%s\", \"last_name\": \"%s\", \"age\": %d, \"date_joined\": \"%s\"}",
        ind, first, last, age, joined);
  }

  public static final List<String> PINS =
      List.of(
          pin(1, "art", "Ann", "8M"),
          pin(2, "art", "Bob", "8M"),
          pin(3, "travel", "Cy", "5k"),
          pin(3, "travel", "Cy", "5k"), // an exact duplicate counts once
          pin(4, "travel", "Dee", "100"),
          pin(5, "beauty", "User Info Error", "User Info Error"),
          pin(6, "art", "Eve", "2k"),
          "{\"index\": \"broken\"}");

  public static final List<String> GEOS =
      List.of(
          geo(1, "Chad", "2018-01-01 00:00:00"),
          geo(2, "Peru", "2022-12-31T23:59:59"),
          geo(3, "Chad", "2017-12-31 23:59:59"),
          geo(4, "Chad", "2023-01-01 00:00:00"),
          geo(5, "Peru", "2019-05-05 10:00:00"),
          geo(6, null, "2019-06-06 10:00:00"),
          geo(99, "Chad", "2019-06-06 10:00:00"), // orphan: no pin
          "{\"ind\": 7, \"latitude\": \"north\"}");

  public static final List<String> USERS =
      List.of(
          user(1, "Ann", "A", 17, "2014-12-31 23:59:59"),
          user(2, "Bob", "B", 18, "2015-01-01 00:00:00"),
          user(3, "Cy", "C", 24, "2020-12-31T23:59:59"),
          user(4, "Dee", "D", 25, "2021-01-01 00:00:00"),
          user(5, "Abigail", "Ali", 51, "2016-03-03 00:00:00"),
          user(6, "Eve", "E", 36, "2016-03-03 00:00:00"),
          user(7, "Zed", "Z", 40, "2016-04-04 00:00:00"), // orphan: no pin
          user(8, "Eve", "E", 36, "2016-03-03 00:00:00"), // the same user as ind 6
          "[]");

  /** Asserts the nine results the lines above give, in {@code window} (null: the global window). */
  public static void expectNineResults(AnalyticsResults results, BoundedWindow window) {
    expect(results, window, AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY,
        "{\"country\":\"Chad\",\"category\":\"travel\",\"category_count\":2}",
        "{\"country\":\"Peru\",\"category\":\"art\",\"category_count\":1}");
    expect(results, window, AnalyticsResult.POPULAR_CATEGORY_BY_YEAR,
        "{\"post_year\":2018,\"category\":\"art\",\"category_count\":1}",
        "{\"post_year\":2019,\"category\":\"art\",\"category_count\":1}",
        "{\"post_year\":2022,\"category\":\"art\",\"category_count\":1}");
    expect(results, window, AnalyticsResult.TOP_USER_BY_COUNTRY,
        "{\"country\":\"Chad\",\"poster_name\":\"Ann\",\"follower_count\":8000000}",
        "{\"country\":\"Peru\",\"poster_name\":\"Bob\",\"follower_count\":8000000}");
    expect(results, window, AnalyticsResult.TOP_COUNTRY_BY_FOLLOWERS,
        "{\"country\":\"Chad\",\"follower_count\":8000000}");
    expect(results, window, AnalyticsResult.POPULAR_CATEGORY_BY_AGE_GROUP,
        "{\"age_group\":\"18-24\",\"category\":\"art\",\"category_count\":1}",
        "{\"age_group\":\"25-35\",\"category\":\"travel\",\"category_count\":1}",
        "{\"age_group\":\"36-50\",\"category\":\"art\",\"category_count\":1}",
        "{\"age_group\":\"+50\",\"category\":\"beauty\",\"category_count\":1}");
    expect(results, window, AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP,
        "{\"age_group\":\"18-24\",\"median_follower_count\":5000}",
        "{\"age_group\":\"25-35\",\"median_follower_count\":100}",
        "{\"age_group\":\"36-50\",\"median_follower_count\":2000}");
    expect(results, window, AnalyticsResult.USERS_JOINED_BY_YEAR,
        "{\"post_year\":2015,\"number_users_joined\":1}",
        "{\"post_year\":2016,\"number_users_joined\":3}",
        "{\"post_year\":2020,\"number_users_joined\":1}");
    expect(results, window, AnalyticsResult.MEDIAN_FOLLOWERS_BY_JOIN_YEAR,
        "{\"post_year\":2015,\"median_follower_count\":8000000}",
        "{\"post_year\":2016,\"median_follower_count\":2000}",
        "{\"post_year\":2020,\"median_follower_count\":5000}");
    expect(results, window, AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR,
        "{\"age_group\":\"18-24\",\"post_year\":2015,\"median_follower_count\":8000000}",
        "{\"age_group\":\"18-24\",\"post_year\":2020,\"median_follower_count\":5000}",
        "{\"age_group\":\"36-50\",\"post_year\":2016,\"median_follower_count\":2000}");
  }

  private static void expect(AnalyticsResults results, BoundedWindow window, AnalyticsResult result, String... rows) {
    PAssert.IterableAssert<String> formatted = PAssert.that(
        result.folder(), results.get(result).apply("Format" + result.folder(), FormatJsonLines.create()));
    (window == null ? formatted : formatted.inWindow(window)).containsInAnyOrder(rows);
  }
}
