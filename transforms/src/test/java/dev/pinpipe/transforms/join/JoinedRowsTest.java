package dev.pinpipe.transforms.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinpipe.schemas.CleanSchemas;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class JoinedRowsTest {
  private static final Schema LEFT =
      Schema.builder().addInt64Field("ind").addStringField("title").addStringField("category").build();
  private static final Schema RIGHT =
      Schema.builder().addInt64Field("ind").addNullableStringField("country").addInt32Field("age").build();

  @Test
  void flattensTheLeftRowThenTheRightRowButItsInd() {
    Schema joined = JoinedRows.schema(LEFT, RIGHT, Set.of("ind", "title", "category", "country", "age"));
    assertEquals(List.of("ind", "title", "category", "country", "age"), joined.getFieldNames());
    assertEquals(row(joined, 2L, "Trip", "travel", "Chad", 30),
        JoinedRows.of(joined, row(LEFT, 2L, "Trip", "travel"), row(RIGHT, 2L, "Chad", 30)));
  }

  @Test
  void keepsOnlyTheNamedColumns() {
    Schema joined = JoinedRows.schema(LEFT, RIGHT, Set.of("ind", "category", "age"));
    assertEquals(List.of("ind", "category", "age"), joined.getFieldNames());
    assertEquals(row(joined, 2L, "travel", 30),
        JoinedRows.of(joined, row(LEFT, 2L, "Trip", "travel"), row(RIGHT, 2L, "Chad", 30)));
  }

  @Test
  void refusesTablesWithClashingFields() {
    assertThrows(IllegalArgumentException.class,
        () -> JoinedRows.schema(CleanSchemas.PIN, CleanSchemas.PIN, Set.of("ind", "category")));
  }

  private static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }
}
