package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;

/** The nine analytics results: their output folder names and column shapes. */
public enum AnalyticsResult {
  POPULAR_CATEGORY_BY_COUNTRY(
      Schema.builder()
          .addStringField("country")
          .addStringField("category")
          .addInt64Field("category_count")
          .build()),
  POPULAR_CATEGORY_BY_YEAR(
      Schema.builder()
          .addInt32Field("post_year")
          .addStringField("category")
          .addInt64Field("category_count")
          .build()),
  TOP_USER_BY_COUNTRY(
      Schema.builder()
          .addStringField("country")
          .addStringField("poster_name")
          .addInt64Field("follower_count")
          .build()),
  TOP_COUNTRY_BY_FOLLOWERS(
      Schema.builder().addStringField("country").addInt64Field("follower_count").build()),
  POPULAR_CATEGORY_BY_AGE_GROUP(
      Schema.builder()
          .addStringField("age_group")
          .addStringField("category")
          .addInt64Field("category_count")
          .build()),
  MEDIAN_FOLLOWERS_BY_AGE_GROUP(
      Schema.builder()
          .addStringField("age_group")
          .addInt64Field("median_follower_count")
          .build()),
  USERS_JOINED_BY_YEAR(
      Schema.builder()
          .addInt32Field("post_year")
          .addInt64Field("number_users_joined")
          .build()),
  MEDIAN_FOLLOWERS_BY_JOIN_YEAR(
      Schema.builder()
          .addInt32Field("post_year")
          .addInt64Field("median_follower_count")
          .build()),
  MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR(
      Schema.builder()
          .addStringField("age_group")
          .addInt32Field("post_year")
          .addInt64Field("median_follower_count")
          .build());

  private final Schema schema;

  AnalyticsResult(Schema schema) {
    this.schema = schema;
  }

  /** Output folder name, e.g. {@code popular_category_by_country}. */
  public String folder() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public Schema schema() {
    return schema;
  }
}
