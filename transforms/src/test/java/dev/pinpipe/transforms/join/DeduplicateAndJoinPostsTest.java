package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.CleanTables;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One record per ind in each table, and inner joins of the kept records, per key or in buckets, bounded or windowed. */
@ExtendWith(TestPipelineExtension.class)
class DeduplicateAndJoinPostsTest {
  private static final Schema PIN = Schema.builder().addInt64Field("ind").addStringField("category").build();
  private static final Schema GEO = Schema.builder().addInt64Field("ind").addNullableStringField("country").build();
  private static final Schema USER = Schema.builder().addInt64Field("ind").addInt32Field("age").build();
  private static final Schema PIN_GEO = Schema.builder().addInt64Field("ind").addStringField("category")
      .addNullableStringField("country").build();
  private static final Schema PIN_USER = Schema.builder().addInt64Field("ind").addStringField("category")
      .addInt32Field("age").build();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16}) // 0: per key
  void keepsOneRecordPerIndAndJoinsTheKeptOnes(int buckets, TestPipeline pipeline) {
    PCollection<Row> pins = pipeline.apply("Pins", Create.of(
        row(PIN, 1L, "art"), row(PIN, 2L, "travel"), row(PIN, 2L, "diy"), row(PIN, 2L, "travel"), row(PIN, 3L, "art"))
        .withRowSchema(PIN));
    PCollection<Row> geos = pipeline.apply("Geos", Create.of(
        row(GEO, 2L, "Chad"), row(GEO, 2L, "Chad"), row(GEO, 3L, null), row(GEO, 4L, "Peru")).withRowSchema(GEO));
    PCollection<Row> users = pipeline.apply("Users", Create.of(
        row(USER, 1L, 30), row(USER, 1L, 25), row(USER, 5L, 40)).withRowSchema(USER));
    DeduplicateAndJoinPosts join = DeduplicateAndJoinPosts.create();
    DeduplicatedPosts posts = CleanTables.of(pins, geos, users)
        .apply("DeduplicateAndJoin", buckets == 0 ? join : join.inBuckets(buckets));

    // Of ind 2's pins "diy" sorts first in JSON, of ind 1's users age 25.
    PAssert.that("pins", posts.tables().pins())
        .containsInAnyOrder(row(PIN, 1L, "art"), row(PIN, 2L, "diy"), row(PIN, 3L, "art"));
    PAssert.that("geos", posts.tables().geos())
        .containsInAnyOrder(row(GEO, 2L, "Chad"), row(GEO, 3L, null), row(GEO, 4L, "Peru"));
    PAssert.that("users", posts.tables().users()).containsInAnyOrder(row(USER, 1L, 25), row(USER, 5L, 40));
    PAssert.that("joined users", posts.joined().users()).containsInAnyOrder(row(USER, 1L, 25), row(USER, 5L, 40));
    PAssert.that("pins with geo", posts.joined().pinsWithGeo())
        .containsInAnyOrder(row(PIN_GEO, 2L, "diy", "Chad"), row(PIN_GEO, 3L, "art", null));
    PAssert.that("pins with users", posts.joined().pinsWithUsers()).containsInAnyOrder(row(PIN_USER, 1L, "art", 25));
    pipeline.run();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16}) // 0: per key
  void keepsAndJoinsWithinEachWindowOfAStream(int buckets, TestPipeline pipeline) {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    Window<Row> minutes = Window.into(FixedWindows.of(Duration.standardMinutes(1)));
    PCollection<Row> pins = pipeline.apply("Pins", TestStream.create(RowCoder.of(PIN))
        .advanceWatermarkTo(start)
        .addElements(at(row(PIN, 2L, "travel"), start, 5), at(row(PIN, 3L, "art"), start, 10))
        .addElements(at(row(PIN, 2L, "diy"), start, 70))
        .advanceWatermarkToInfinity()).apply("PinMinutes", minutes);
    PCollection<Row> geos = pipeline.apply("Geos", TestStream.create(RowCoder.of(GEO))
        .advanceWatermarkTo(start)
        .addElements(at(row(GEO, 2L, "Chad"), start, 20))
        .addElements(at(row(GEO, 3L, "Peru"), start, 65))
        .advanceWatermarkToInfinity()).apply("GeoMinutes", minutes);
    PCollection<Row> users = pipeline.apply("Users", Create.empty(RowCoder.of(USER))).apply("UserMinutes", minutes);
    DeduplicateAndJoinPosts join = DeduplicateAndJoinPosts.create();
    DeduplicatedPosts posts = CleanTables.of(pins, geos, users)
        .apply("DeduplicateAndJoin", buckets == 0 ? join : join.inBuckets(buckets));

    IntervalWindow first = new IntervalWindow(start, Duration.standardMinutes(1));
    IntervalWindow second = new IntervalWindow(start.plus(Duration.standardMinutes(1)), Duration.standardMinutes(1));
    // Ind 2 is kept once per window; ind 3's pin and geo fall in different windows and do not join.
    PAssert.that("pins", posts.tables().pins()).inWindow(first)
        .containsInAnyOrder(row(PIN, 2L, "travel"), row(PIN, 3L, "art"));
    PAssert.that("pins", posts.tables().pins()).inWindow(second).containsInAnyOrder(row(PIN, 2L, "diy"));
    PAssert.that("pins with geo", posts.joined().pinsWithGeo()).inWindow(first)
        .containsInAnyOrder(row(PIN_GEO, 2L, "travel", "Chad"));
    PAssert.that("pins with geo", posts.joined().pinsWithGeo()).inWindow(second).empty();
    pipeline.run();
  }

  @Test
  void joinsOnlyTheColumnsTheResultsRead(TestPipeline pipeline) {
    Schema pinWithTitle = Schema.builder().addInt64Field("ind").addStringField("title").addStringField("category").build();
    Schema geoWithCoordinates = Schema.builder().addInt64Field("ind").addStringField("country")
        .addDoubleField("latitude").build();
    PCollection<Row> pins = pipeline.apply("Pins", Create.of(row(pinWithTitle, 1L, "Trip", "travel"))
        .withRowSchema(pinWithTitle));
    PCollection<Row> geos = pipeline.apply("Geos", Create.of(row(geoWithCoordinates, 1L, "Chad", 12.5))
        .withRowSchema(geoWithCoordinates));
    PCollection<Row> users = pipeline.apply("Users", Create.of(row(USER, 1L, 30)).withRowSchema(USER));
    DeduplicatedPosts posts = CleanTables.of(pins, geos, users).apply("DeduplicateAndJoin", DeduplicateAndJoinPosts.create());

    // The clean tables keep every column; the joined rows only those in JoinedPosts.COLUMNS.
    PAssert.that("pins", posts.tables().pins()).containsInAnyOrder(row(pinWithTitle, 1L, "Trip", "travel"));
    PAssert.that("geos", posts.tables().geos()).containsInAnyOrder(row(geoWithCoordinates, 1L, "Chad", 12.5));
    PAssert.that("pins with geo", posts.joined().pinsWithGeo()).containsInAnyOrder(row(PIN_GEO, 1L, "travel", "Chad"));
    PAssert.that("pins with users", posts.joined().pinsWithUsers()).containsInAnyOrder(row(PIN_USER, 1L, "travel", 30));
    pipeline.run();
  }

  @Test
  void refusesBucketsBelowOne() {
    assertThrows(IllegalArgumentException.class,
        () -> DeduplicateAndJoinPosts.create().inBuckets(0));
  }

  private static TimestampedValue<Row> at(Row row, Instant start, int seconds) {
    return TimestampedValue.of(row, start.plus(Duration.standardSeconds(seconds)));
  }

  private static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }
}
