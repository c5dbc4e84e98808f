package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinpipe.schemas.CleanSchemas;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class JoinedRowsTest {
  private static final Schema LEFT = Schema.builder().addInt64Field("ind").addStringField("category").build();
  private static final Schema RIGHT =
      Schema.builder().addInt64Field("ind").addNullableStringField("country").build();

  @Test
  void flattensTheLeftRowThenTheRightRowButItsInd() {
    Schema joined = JoinedRows.schema(LEFT, RIGHT);
    assertEquals(List.of("ind", "category", "country"), joined.getFieldNames());
    assertEquals(row(joined, 2L, "travel", "Chad"), JoinedRows.of(joined, row(LEFT, 2L, "travel"), row(RIGHT, 2L, "Chad")));
  }

  @Test
  void refusesTablesWithClashingFields() {
    assertThrows(IllegalArgumentException.class, () -> JoinedRows.schema(CleanSchemas.PIN, CleanSchemas.PIN));
  }

  private static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }
}
