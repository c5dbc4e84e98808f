package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared parse-and-clean step on unbounded input, as the stream will apply it. */
@ExtendWith(TestPipelineExtension.class)
class CleanRecordsTest {
  private static final Instant START = new Instant(0);
  private static final Duration MINUTE = Duration.standardMinutes(1);

  private static String pinJson(long ind) {
    return "{\"ind\":" + ind + ",\"unique_id\":null,\"title\":\"T" + ind + "\",\"description\":null,"
        + "\"follower_count\":12000,\"poster_name\":null,\"tag_list\":null,\"is_image_or_video\":null,"
        + "\"image_src\":null,\"save_location\":null,\"category\":\"art\",\"downloaded\":null}";
  }

  private static String pinLine(long ind) {
    return "{\"index\": " + ind + ", \"title\": \"T" + ind + "\", \"follower_count\": \"12k\", \"category\": \"art\"}";
  }

  @Test
  void cleansAndRejectsLineByLineInEachWindowOfAStream(TestPipeline pipeline) {
    TestStream<String> lines = TestStream.create(StringUtf8Coder.of())
        .advanceWatermarkTo(START)
        .addElements(TimestampedValue.of(pinLine(1), START), TimestampedValue.of("not json", START.plus(Duration.millis(1))))
        .advanceWatermarkTo(START.plus(MINUTE))
        .addElements(TimestampedValue.of(pinLine(2), START.plus(MINUTE)),
            TimestampedValue.of(pinLine(2), START.plus(MINUTE).plus(Duration.millis(5))),
            TimestampedValue.of("{\"index\": 3, \"index\": 4}", START.plus(MINUTE)))
        .advanceWatermarkToInfinity();

    RecordsWithRejects cleaned = pipeline.apply(lines)
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(CleanRecords.of(RecordKind.PIN));

    IntervalWindow first = new IntervalWindow(START, MINUTE);
    IntervalWindow second = new IntervalWindow(START.plus(MINUTE), MINUTE);
    PAssert.that(cleaned.records().apply("FirstJson", FormatJsonLines.create())).inWindow(first)
        .containsInAnyOrder(pinJson(1));
    // Duplicates pass: which copy to keep is each pipeline's choice, not this step's.
    PAssert.that(cleaned.records().apply("SecondJson", FormatJsonLines.create())).inWindow(second)
        .containsInAnyOrder(pinJson(2), pinJson(2));
    PAssert.that(cleaned.rejected()).inWindow(first)
        .containsInAnyOrder(RejectedRecord.of(RecordKind.PIN, "not valid JSON", "not json"));
    PAssert.that(cleaned.rejected()).inWindow(second)
        .containsInAnyOrder(RejectedRecord.of(RecordKind.PIN, "duplicate key index", "{\"index\": 3, \"index\": 4}"));
    pipeline.run();
  }
}
