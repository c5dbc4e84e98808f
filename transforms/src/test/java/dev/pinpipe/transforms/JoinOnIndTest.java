package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinpipe.schemas.CleanSchemas;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class JoinOnIndTest {
  private static final Schema LEFT = Schema.builder().addInt64Field("ind").addStringField("category").build();
  private static final Schema RIGHT =
      Schema.builder().addInt64Field("ind").addNullableStringField("country").build();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16}) // 0: per key
  void innerJoinsOnIndIntoFlatRows(int buckets, TestPipeline pipeline) {
    PCollection<Row> left =
        pipeline.apply("Left", Create.of(row(LEFT, 1L, "art"), row(LEFT, 2L, "travel"), row(LEFT, 2L, "diy")).withRowSchema(LEFT));
    PCollection<Row> right =
        pipeline.apply("Right", Create.of(row(RIGHT, 2L, "Chad"), row(RIGHT, 3L, "Peru")).withRowSchema(RIGHT));
    Schema joined = JoinOnInd.joinedSchema(LEFT, RIGHT);
    assertEquals(List.of("ind", "category", "country"), joined.getFieldNames());
    PAssert.that(left.apply(buckets == 0 ? JoinOnInd.with(right) : JoinOnInd.with(right).inBuckets(buckets)))
        .containsInAnyOrder(row(joined, 2L, "travel", "Chad"), row(joined, 2L, "diy", "Chad"));
    pipeline.run();
  }

  @Test
  void refusesTablesWithClashingFields() {
    assertThrows(IllegalArgumentException.class, () -> JoinOnInd.joinedSchema(CleanSchemas.PIN, CleanSchemas.PIN));
  }

  private static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }
}
