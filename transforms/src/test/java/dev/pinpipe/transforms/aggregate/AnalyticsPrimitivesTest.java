package dev.pinpipe.transforms.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(TestPipelineExtension.class)
class AnalyticsPrimitivesTest {
  private static final Schema POSTS =
      Schema.builder().addStringField("country").addStringField("category").build();
  private static final Schema FOLLOWERS =
      Schema.builder().addStringField("group").addStringField("name").addInt64Field("followers").build();

  private static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3}) // 0: a group per key
  void mostFrequentBreaksTiesTowardsTheSmallestValue(int buckets, TestPipeline pipeline) {
    PCollection<Row> posts =
        pipeline.apply(
            Create.of(
                    row(POSTS, "Chad", "travel"), row(POSTS, "Chad", "art"),
                    row(POSTS, "Chad", "travel"), row(POSTS, "Chad", "art"),
                    row(POSTS, "Chad", "beauty"),
                    row(POSTS, "Peru", "diy"), row(POSTS, "Peru", "diy"), row(POSTS, "Peru", "art"))
                .withRowSchema(POSTS));
    PCollection<Row> top = posts.apply(FindMostFrequent.of("category", List.of("country"), "n").inBuckets(buckets));
    Schema out = Schema.builder().addStringField("country").addStringField("category").addInt64Field("n").build();
    assertEquals(out, top.getSchema());
    PAssert.that(top).containsInAnyOrder(row(out, "Chad", "art", 2L), row(out, "Peru", "diy", 2L));
    pipeline.run();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3}) // 0: a group per key
  void topPerGroupKeepsLargestMeasureAndSmallestNameOnTies(int buckets, TestPipeline pipeline) {
    PCollection<Row> rows =
        pipeline.apply(
            Create.of(
                    row(FOLLOWERS, "A", "zed", 8_000_000L), row(FOLLOWERS, "A", "amy", 8_000_000L),
                    row(FOLLOWERS, "A", "bob", 10L), row(FOLLOWERS, "B", "cat", 5L))
                .withRowSchema(FOLLOWERS));
    PAssert.that(rows.apply("PerGroup", SelectTopPerGroup.of(List.of("group"), "followers", "name").inBuckets(buckets)))
        .containsInAnyOrder(row(FOLLOWERS, "A", "amy", 8_000_000L), row(FOLLOWERS, "B", "cat", 5L));
    PAssert.that(rows.apply("Overall", SelectTopPerGroup.of(List.of(), "followers", "name").inBuckets(buckets)))
        .containsInAnyOrder(row(FOLLOWERS, "A", "amy", 8_000_000L));
    pipeline.run();
  }

  @Test
  void topOverallOfNothingIsNothing(TestPipeline pipeline) {
    PCollection<Row> none = pipeline.apply(Create.empty(FOLLOWERS));
    PAssert.that(none.apply(SelectTopPerGroup.of(List.of(), "followers", "name"))).empty();
    pipeline.run();
  }

  @Test
  void lowerMedianIsTheElementAtCeilHalf() {
    ComputeLowerMedian.LowerMedianFn fn = new ComputeLowerMedian.LowerMedianFn();
    assertEquals(Long.valueOf(5), fn.apply(List.of(5L)));
    assertEquals(Long.valueOf(2), fn.apply(List.of(4L, 2L)), "even n takes the lower one");
    assertEquals(Long.valueOf(3), fn.apply(List.of(9L, 1L, 3L)));
    assertEquals(Long.valueOf(7), fn.apply(List.of(7L, 7L, 7L, 100L)));
    assertEquals(Long.valueOf(2), fn.apply(List.of(1L, 2L, 2L, 3L, 100L, 100L)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3}) // 0: a group per key
  void lowerMedianPerGroup(int buckets, TestPipeline pipeline) {
    PCollection<Row> rows =
        pipeline.apply(
            Create.of(
                    row(FOLLOWERS, "A", "x", 1L), row(FOLLOWERS, "A", "y", 10L),
                    row(FOLLOWERS, "A", "z", 100L), row(FOLLOWERS, "A", "w", 1000L),
                    row(FOLLOWERS, "B", "v", 42L))
                .withRowSchema(FOLLOWERS));
    Schema out = Schema.builder().addStringField("group").addInt64Field("median").build();
    PAssert.that(rows.apply(ComputeLowerMedian.of("followers", List.of("group"), "median").inBuckets(buckets)))
        .containsInAnyOrder(row(out, "A", 10L), row(out, "B", 42L));
    pipeline.run();
  }
}
