package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinpipe.schemas.RecordKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared parse-and-clean step, on bounded input and on a stream, as every pipeline applies it. */
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

  private static TimestampedValue<SourcedLine> at(Instant time, String source, String line) {
    return TimestampedValue.of(SourcedLine.of(source, line), time);
  }

  @Test
  void rejectsBadLinesWithReasonSourceAndCountWhileValidLinesPass(TestPipeline pipeline) {
    List<SourcedLine> lines = new ArrayList<>(TestLines.sourcedLines(List.of(
        "{\"ind\": 1, \"first_name\": \"Ann\", \"last_name\": \"Lee\", \"age\": 30}",
        "not json",
        "{\"ind\": \"x\"}",
        "{\"ind\": 2, \"age\": 41, \"date_joined\": \"2016-01-01 00:00:00\"}")));
    // A line its reader could not read comes rejected for the reader's reason, as the reader showed it.
    lines.add(SourcedLine.unreadable(TestLines.source(5), "{\"ind\": 5\\xFF}", Utf8Lines.NOT_UTF8));
    WithRejects<KV<String, Row>> result = pipeline.apply(Create.of(lines)).apply(CleanRecords.of(RecordKind.USER));

    PAssert.that(result.values().apply(Values.create()).setRowSchema(RecordKind.USER.cleanSchema())
            .apply(FormatJsonLines.create()))
        .containsInAnyOrder(
            "{\"ind\":1,\"user_name\":\"Ann Lee\",\"age\":30,\"date_joined\":null}",
            "{\"ind\":2,\"user_name\":null,\"age\":41,\"date_joined\":\"2016-01-01T00:00:00Z\"}");
    PAssert.that(result.values().apply(Keys.create())).containsInAnyOrder(TestLines.source(1), TestLines.source(4));
    PAssert.that(TestLines.described(result.rejected(), "Described"))
        .containsInAnyOrder(
            TestLines.rejected("user", "not valid JSON", "not json", TestLines.source(2)),
            TestLines.rejected("user", "ind is not an integer", "{\"ind\": \"x\"}", TestLines.source(3)),
            TestLines.rejected("user", Utf8Lines.NOT_UTF8, "{\"ind\": 5\\xFF}", TestLines.source(5)));
    // A bounded read has no arrival times; every rejection has its own time.
    PAssert.that(result.rejected().apply("Times", MapElements.into(TypeDescriptors.booleans())
            .via((Row row) -> row.getDateTime("arrived_at") == null && row.getDateTime("rejected_at") != null)))
        .containsInAnyOrder(true, true, true);

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    long rejected = 0;
    for (MetricResult<Long> counter : run.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricNameFilter.named(
                CleanRecords.METRICS_NAMESPACE, CleanRecords.rejectedCounterName(RecordKind.USER)))
            .build()).getCounters()) {
      rejected += counter.getAttempted();
    }
    assertEquals(3L, rejected);
  }

  @Test
  void emptyInputGivesEmptyOutputs(TestPipeline pipeline) {
    WithRejects<KV<String, Row>> result = pipeline
        .apply(Create.empty(SourcedLine.LineCoder.of()))
        .apply(CleanRecords.of(RecordKind.GEO));
    PAssert.that(result.values()).empty();
    PAssert.that(result.rejected()).empty();
    pipeline.run();
  }

  @Test
  void cleansAndRejectsLineByLineInEachWindowOfAStream(TestPipeline pipeline) {
    Instant late = START.plus(MINUTE).plus(Duration.millis(5));
    TestStream<SourcedLine> lines = TestStream.create(SourcedLine.LineCoder.of())
        .advanceWatermarkTo(START)
        .addElements(at(START, "p/0@0", pinLine(1)), at(START.plus(Duration.millis(1)), "p/0@1", "not json"))
        .advanceWatermarkTo(START.plus(MINUTE))
        .addElements(at(START.plus(MINUTE), "p/0@2", pinLine(2)), at(late, "p/1@0", pinLine(2)),
            at(late, "p/0@3", "{\"index\": 3, \"index\": 4}"))
        .advanceWatermarkToInfinity();

    WithRejects<KV<String, Row>> cleaned = pipeline.apply(lines)
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(CleanRecords.of(RecordKind.PIN));

    IntervalWindow first = new IntervalWindow(START, MINUTE);
    IntervalWindow second = new IntervalWindow(START.plus(MINUTE), MINUTE);
    PCollection<Row> records = cleaned.values().apply(Values.create()).setRowSchema(RecordKind.PIN.cleanSchema());
    PAssert.that(records.apply("FirstJson", FormatJsonLines.create())).inWindow(first)
        .containsInAnyOrder(pinJson(1));
    // Duplicates pass: which copy to keep is each pipeline's choice, not this step's.
    PAssert.that(records.apply("SecondJson", FormatJsonLines.create())).inWindow(second)
        .containsInAnyOrder(pinJson(2), pinJson(2));
    PAssert.that(TestLines.described(cleaned.rejected(), "Described")).inWindow(first)
        .containsInAnyOrder(TestLines.rejected("pin", "not valid JSON", "not json", "p/0@1"));
    PAssert.that(TestLines.described(cleaned.rejected(), "DescribedAgain")).inWindow(second)
        .containsInAnyOrder(TestLines.rejected("pin", "duplicate key index", "{\"index\": 3, \"index\": 4}", "p/0@3"));
    // On a stream, a line's arrival is its element's timestamp.
    PAssert.that(cleaned.rejected().apply("Arrivals", MapElements.into(TypeDescriptors.longs())
            .via((Row row) -> row.getDateTime("arrived_at").getMillis())))
        .containsInAnyOrder(1L, late.getMillis());
    pipeline.run();
  }
}
