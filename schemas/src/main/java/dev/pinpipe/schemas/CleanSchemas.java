package dev.pinpipe.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/** Shapes of the cleaned tables, in the column order the batch and streaming outputs use. */
public final class CleanSchemas {
  private CleanSchemas() {}

  public static final Schema PIN =
      Schema.builder()
          .addInt64Field("ind")
          .addNullableStringField("unique_id")
          .addNullableStringField("title")
          .addNullableStringField("description")
          .addNullableInt64Field("follower_count")
          .addNullableStringField("poster_name")
          .addNullableStringField("tag_list")
          .addNullableStringField("is_image_or_video")
          .addNullableStringField("image_src")
          .addNullableStringField("save_location")
          .addNullableStringField("category")
          .addNullableInt32Field("downloaded")
          .build();

  public static final Schema GEO =
      Schema.builder()
          .addInt64Field("ind")
          .addNullableStringField("country")
          .addNullableField("coordinates", FieldType.array(FieldType.DOUBLE))
          .addNullableField("timestamp", FieldType.DATETIME)
          .build();

  public static final Schema USER =
      Schema.builder()
          .addInt64Field("ind")
          .addNullableStringField("user_name")
          .addNullableInt32Field("age")
          .addNullableField("date_joined", FieldType.DATETIME)
          .build();
}
