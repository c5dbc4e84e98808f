package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinpipe.schemas.CleanSchemas;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class TypedRowsTest {
  private static final DateTime JOINED = new DateTime(2016, 7, 1, 12, 0, DateTimeZone.forOffsetHours(2));

  @Test
  void equalsTheRowTheBuilderMakesAndEncodesTheSame() throws Exception {
    Row built = Row.withSchema(CleanSchemas.USER).addValues(7L, "Zoë Smith", 30, JOINED).build();
    Row typed = TypedRows.of(CleanSchemas.USER, 7L, "Zoë Smith", 30, JOINED);

    assertEquals(built, typed);
    assertEquals(built.hashCode(), typed.hashCode());
    RowCoder coder = RowCoder.of(CleanSchemas.USER);
    assertArrayEquals(CoderUtils.encodeToByteArray(coder, built), CoderUtils.encodeToByteArray(coder, typed));
    assertEquals(built, CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, typed)));
  }

  @Test
  void keepsAnyDatetimeAsAnInstant() {
    Row typed = TypedRows.of(CleanSchemas.USER, 7L, null, null, JOINED);

    assertInstanceOf(Instant.class, typed.getValue("date_joined"));
    assertEquals(JOINED.toInstant(), typed.getValue("date_joined"));
  }

  @Test
  void refusesANullWhereTheFieldIsNotNullable() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TypedRows.of(CleanSchemas.USER, null, "a", 30, JOINED));
    assertEquals("field ind cannot be null", error.getMessage());
  }

  @Test
  void refusesTheWrongNumberOfValues() {
    assertThrows(IllegalArgumentException.class, () -> TypedRows.of(CleanSchemas.USER, 7L, "a", 30));
  }
}
