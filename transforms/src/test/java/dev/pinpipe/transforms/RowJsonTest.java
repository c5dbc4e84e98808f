package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

/** The JSON form of a row, which the output files hold and the dedupe compares, byte for byte. */
class RowJsonTest {
  private static final Schema INNER = Schema.builder().addStringField("name").build();
  private static final Schema ALL = Schema.builder()
      .addInt64Field("ind")
      .addInt32Field("age")
      .addInt16Field("small")
      .addDoubleField("ratio")
      .addFloatField("fraction")
      .addBooleanField("flag")
      .addNullableStringField("text")
      .addNullableStringField("missing")
      .addDateTimeField("at")
      .addNullableField("coordinates", FieldType.array(FieldType.DOUBLE.withNullable(true)))
      .addRowField("inner", INNER)
      .build();

  @Test
  void writesEveryFieldInSchemaOrder() {
    Row row = Row.withSchema(ALL).addValues(
        7L, 30, (short) 2, -12.5, 0.25f, true, "a \"quoted\" \\ line\nwith é and \u0001", null,
        new DateTime(2020, 8, 28, 3, 52, 47, DateTimeZone.UTC), Arrays.asList(1.0, null, -0.5),
        Row.withSchema(INNER).addValue("x").build()).build();
    assertEquals("{\"ind\":7,\"age\":30,\"small\":2,\"ratio\":-12.5,\"fraction\":0.25,\"flag\":true,"
        + "\"text\":\"a \\\"quoted\\\" \\\\ line\\nwith é and \\u0001\",\"missing\":null,"
        + "\"at\":\"2020-08-28T03:52:47Z\",\"coordinates\":[1.0,null,-0.5],\"inner\":{\"name\":\"x\"}}",
        RowJson.toJson(row));
  }

  @Test
  void writesLargeAndSmallDoublesAsJavaDoes() {
    Schema schema = Schema.builder().addDoubleField("big").addDoubleField("tiny").addInt64Field("max").build();
    assertEquals("{\"big\":1.0E21,\"tiny\":1.0E-7,\"max\":9223372036854775807}",
        RowJson.toJson(Row.withSchema(schema).addValues(1e21, 1e-7, Long.MAX_VALUE).build()));
  }
}
