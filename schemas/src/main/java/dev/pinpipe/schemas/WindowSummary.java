package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;

/**
 * One window of the stream at a glance: records read (clean and rejected), posts joined, and the
 * window's most frequent category and poster with their post counts (null in a window with no
 * joined post; ties go to the smallest name).
 */
public final class WindowSummary {
  public static final Schema SCHEMA =
      Schema.builder()
          .addInt64Field("records")
          .addInt64Field("rejected")
          .addInt64Field("posts")
          .addNullableStringField("top_category")
          .addNullableInt64Field("top_category_posts")
          .addNullableStringField("top_poster")
          .addNullableInt64Field("top_poster_posts")
          .build();

  /** The summary's table and folder name. */
  public static final String NAME = "window_summary";

  private WindowSummary() {}
}
