package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * Shapes of the records as the posting emulator sends them (source column names), after parsing
 * has checked every typed field. Cleaning starts from these.
 */
public final class RawSchemas {
  private RawSchemas() {}

  public static final Schema PIN =
      Schema.builder()
          .addInt64Field("index")
          .addNullableStringField("unique_id")
          .addNullableStringField("title")
          .addNullableStringField("description")
          .addNullableStringField("poster_name")
          .addNullableStringField("follower_count")
          .addNullableStringField("tag_list")
          .addNullableStringField("is_image_or_video")
          .addNullableStringField("image_src")
          .addNullableInt32Field("downloaded")
          .addNullableStringField("save_location")
          .addNullableStringField("category")
          .build();

  public static final Schema GEO =
      Schema.builder()
          .addInt64Field("ind")
          .addNullableField("timestamp", FieldType.DATETIME)
          .addNullableDoubleField("latitude")
          .addNullableDoubleField("longitude")
          .addNullableStringField("country")
          .build();

  public static final Schema USER =
      Schema.builder()
          .addInt64Field("ind")
          .addNullableStringField("first_name")
          .addNullableStringField("last_name")
          .addNullableInt32Field("age")
          .addNullableField("date_joined", FieldType.DATETIME)
          .build();
}
