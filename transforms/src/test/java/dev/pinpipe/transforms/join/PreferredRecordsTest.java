package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.FormatJsonLines;
import dev.pinpipe.transforms.TestLines;
import dev.pinpipe.transforms.TypedRows;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanTables;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The choice of one record per ind, the same on every runner, per key or in any number of buckets,
 * as batch makes it ({@link DeduplicateAndJoinPosts}, here with no geo or user rows).
 */
@ExtendWith(TestPipelineExtension.class)
class PreferredRecordsTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16, 1024}) // 0: per key
  void keepsOneRecordPerIndAndPicksTheSameOneEveryTime(int buckets, TestPipeline pipeline) {
    String pin = "{\"index\": 4, \"title\": \"A\", \"category\": \"art\"}";
    String sameIndOtherTitle = "{\"index\": 4, \"title\": \"B\", \"category\": \"art\"}";
    PCollection<Row> clean =
        pipeline
            .apply(TestLines.sourced(List.of(sameIndOtherTitle, pin, pin, pin, "{\"index\": 5.0}", "{\"index\": 5}")))
            .apply(CleanRecords.of(RecordKind.PIN))
            .values()
            .apply(Values.create())
            .setRowSchema(RecordKind.PIN.cleanSchema());
    clean = keepOnePerInd(pipeline, clean, Window.into(new GlobalWindows()), buckets);
    PAssert.that(clean.apply(FormatJsonLines.create()))
        .containsInAnyOrder(
            "{\"ind\":4,\"unique_id\":null,\"title\":\"A\",\"description\":null,\"follower_count\":null,"
                + "\"poster_name\":null,\"tag_list\":null,\"is_image_or_video\":null,\"image_src\":null,"
                + "\"save_location\":null,\"category\":\"art\",\"downloaded\":null}",
            "{\"ind\":5,\"unique_id\":null,\"title\":null,\"description\":null,\"follower_count\":null,"
                + "\"poster_name\":null,\"tag_list\":null,\"is_image_or_video\":null,\"image_src\":null,"
                + "\"save_location\":null,\"category\":null,\"downloaded\":null}");
    pipeline.run();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16}) // 0: per key
  void keepsOneRecordPerIndInEachWindowOfAStream(int buckets, TestPipeline pipeline) {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    Row first = pinRow(4, "A");
    Row again = pinRow(4, "B");
    TestStream<Row> arriving = TestStream.create(RowCoder.of(RecordKind.PIN.cleanSchema()))
        .advanceWatermarkTo(start)
        .addElements(TimestampedValue.of(again, start.plus(Duration.standardSeconds(5))),
            TimestampedValue.of(first, start.plus(Duration.standardSeconds(10))))
        .addElements(TimestampedValue.of(again, start.plus(Duration.standardSeconds(70))))
        .advanceWatermarkToInfinity();
    Window<Row> minutes = Window.into(FixedWindows.of(Duration.standardMinutes(1)));
    PCollection<Row> kept = keepOnePerInd(pipeline, pipeline.apply(arriving).apply(minutes), minutes, buckets);
    PAssert.that(kept).inWindow(new IntervalWindow(start, Duration.standardMinutes(1))).containsInAnyOrder(first);
    PAssert.that(kept).inWindow(new IntervalWindow(start.plus(Duration.standardMinutes(1)), Duration.standardMinutes(1)))
        .containsInAnyOrder(again);
    pipeline.run();
  }

  /** The pins batch keeps of {@code pins}, deduplicated beside empty geo and user tables windowed by {@code window}. */
  private static PCollection<Row> keepOnePerInd(TestPipeline pipeline, PCollection<Row> pins, Window<Row> window, int buckets) {
    PCollection<Row> geos = pipeline.apply("NoGeos", Create.empty(RowCoder.of(RecordKind.GEO.cleanSchema())))
        .apply("GeoWindows", window);
    PCollection<Row> users = pipeline.apply("NoUsers", Create.empty(RowCoder.of(RecordKind.USER.cleanSchema())))
        .apply("UserWindows", window);
    DeduplicateAndJoinPosts dedupe = DeduplicateAndJoinPosts.create();
    return CleanTables.of(pins, geos, users)
        .apply("DeduplicateAndJoin", buckets == 0 ? dedupe : dedupe.inBuckets(buckets))
        .tables().pins();
  }

  private static Row pinRow(long ind, String title) {
    return TypedRows.of(RecordKind.PIN.cleanSchema(), ind, null, title, null, null, null, null, null, null, null, "art", null);
  }
}
