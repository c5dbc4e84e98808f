package dev.pinpipe.runners.dashboard;

import dev.pinpipe.schemas.AnalyticsResult;

/** How the dashboard shows each of the nine results: a title, its definition, and its chart. */
final class ResultCharts {
  /** A bar per row (ranked by {@code y}), or a line through the rows in {@code x} order, one per {@code series}. */
  enum Kind { BAR, LINE }

  static final class Chart {
    final String title;
    final String definition;
    final Kind kind;
    final String x;
    final String y;
    /** The column shown on each bar (the category, the poster), or null. */
    final String label;
    /** The column whose values are the lines of a line chart, or null for one line. */
    final String series;

    Chart(String title, String definition, Kind kind, String x, String y, String label, String series) {
      this.title = title;
      this.definition = definition;
      this.kind = kind;
      this.x = x;
      this.y = y;
      this.label = label;
      this.series = series;
    }
  }

  private ResultCharts() {}

  /** Each result's chart: a switch over every result, so a result without a chart does not compile. */
  static Chart of(AnalyticsResult result) {
    return switch (result) {
      case POPULAR_CATEGORY_BY_COUNTRY -> new Chart("Most popular category by country",
            "Per country (pins joined to geo records), the category with the most posts and its post count.",
            Kind.BAR, "country", "category_count", "category", null);
      case POPULAR_CATEGORY_BY_YEAR -> new Chart("Most popular category by year",
            "Per post year 2018 to 2022 (UTC), the category with the most posts and its post count.",
            Kind.BAR, "post_year", "category_count", "category", null);
      case TOP_USER_BY_COUNTRY -> new Chart("Top poster by country",
            "Per country, the poster with the highest follower count.",
            Kind.BAR, "country", "follower_count", "poster_name", null);
      case TOP_COUNTRY_BY_FOLLOWERS -> new Chart("Country of the top poster",
            "The country of the poster with the highest follower count overall.",
            Kind.BAR, "country", "follower_count", null, null);
      case POPULAR_CATEGORY_BY_AGE_GROUP -> new Chart("Most popular category by age group",
            "Per age group (pins joined to users), the category with the most posts and its post count.",
            Kind.BAR, "age_group", "category_count", "category", null);
      case MEDIAN_FOLLOWERS_BY_AGE_GROUP -> new Chart("Median followers by age group",
            "Per age group, the median follower count of its posts' posters.",
            Kind.BAR, "age_group", "median_follower_count", null, null);
      case USERS_JOINED_BY_YEAR -> new Chart("Users joined by year",
            "Per join year 2015 to 2020, the number of distinct users in the user table.",
            Kind.LINE, "post_year", "number_users_joined", null, null);
      case MEDIAN_FOLLOWERS_BY_JOIN_YEAR -> new Chart("Median followers by join year",
            "Per join year 2015 to 2020, the median follower count of the posters who joined that year.",
            Kind.LINE, "post_year", "median_follower_count", null, null);
      case MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR -> new Chart(
            "Median followers by age group and join year",
            "Per age group and join year 2015 to 2020, the median follower count; a line per age group.",
            Kind.LINE, "post_year", "median_follower_count", null, "age_group");
    };
  }
}
