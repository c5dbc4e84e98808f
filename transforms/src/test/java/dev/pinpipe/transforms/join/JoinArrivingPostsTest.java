package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.results.AnalyticsResults;
import dev.pinpipe.transforms.results.ComputeAnalytics;
import dev.pinpipe.transforms.results.HandWorkedPosts;
import dev.pinpipe.transforms.results.SummariseWindows;
import static dev.pinpipe.transforms.results.HandWorkedPosts.geo;
import static dev.pinpipe.transforms.results.HandWorkedPosts.pin;
import static dev.pinpipe.transforms.results.HandWorkedPosts.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanAllKinds;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.CleanedKinds;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import dev.pinpipe.transforms.SourcedLine;
import dev.pinpipe.transforms.FormatJsonLines;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream's join, then the nine results per window, on a TestStream of arriving lines. */
@ExtendWith(TestPipelineExtension.class)
class JoinArrivingPostsTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);

  private static IntervalWindow window(int minute) {
    Instant start = START.plus(MINUTE.multipliedBy(minute));
    return new IntervalWindow(start, start.plus(MINUTE));
  }

  /** A line of {@code kind} arriving {@code seconds} after START. */
  private static TimestampedValue<KV<String, String>> line(RecordKind kind, int seconds, String json) {
    return TimestampedValue.of(KV.of(kind.label() + ":" + seconds, json), START.plus(Duration.standardSeconds(seconds)));
  }

  private static TestStream.Builder<KV<String, String>> lines() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())).advanceWatermarkTo(START);
  }

  private static AnalyticsResults resultsOf(TestPipeline pipeline, TestStream<KV<String, String>> arriving,
      JoinArrivingPosts join) {
    return joined(pipeline, arriving, join, new ArrayList<>(), new ArrayList<>())
        .apply("Analytics", ComputeAnalytics.create());
  }

  /** The lines cleaned and joined; the clean records and the rejected lines of each kind are added to the lists. */
  private static JoinedPosts joined(TestPipeline pipeline, TestStream<KV<String, String>> arriving,
      JoinArrivingPosts join, List<PCollection<?>> records, List<PCollection<?>> rejected) {
    PCollection<KV<String, String>> all = pipeline.apply(arriving);
    Map<RecordKind, PCollection<SourcedLine>> lines = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      String prefix = kind.label() + ":";
      lines.put(kind, all
          .apply("Only" + kind.title(), Filter.by((KV<String, String> line) -> line.getKey().startsWith(prefix)))
          .apply("Lines" + kind.title(), MapElements.into(TypeDescriptor.of(SourcedLine.class))
              .via((KV<String, String> line) -> SourcedLine.of(line.getKey(), line.getValue()))));
    }
    CleanedKinds cleaned = CleanAllKinds.input(lines).apply("CleanAllKinds", CleanAllKinds.create());
    for (RecordKind kind : RecordKind.values()) {
      records.add(cleaned.tables().of(kind));
      rejected.add(cleaned.rejected(kind));
    }
    return cleaned.tables().apply("Join", join);
  }

  private static void expect(AnalyticsResults results, AnalyticsResult result, IntervalWindow window, String... rows) {
    PAssert.that(result.folder() + " in " + window,
            results.get(result).apply("Format" + result.folder() + window.start().getMillis(), FormatJsonLines.create()))
        .inWindow(window)
        .containsInAnyOrder(rows);
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(CleanRecords.METRICS_NAMESPACE, name)).build()).getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  /** Waiting posts keyed by a bucket of ind (the DirectRunner's choice) or by ind itself (Flink's): the same results. */
  @ParameterizedTest(name = "buckets {0}")
  @ValueSource(ints = {JoinArrivingPosts.BUCKETS, KeyBuckets.PER_KEY})
  void aWindowHoldingEveryRecordGivesBatchsNineResults(int buckets, TestPipeline pipeline) {
    TestStream.Builder<KV<String, String>> arriving = lines();
    int second = 1;
    for (RecordKind kind : RecordKind.values()) {
      List<String> kindLines = kind == RecordKind.PIN ? HandWorkedPosts.PINS
          : kind == RecordKind.GEO ? HandWorkedPosts.GEOS : HandWorkedPosts.USERS;
      for (String json : kindLines) {
        arriving = arriving.addElements(line(kind, second++, json));
      }
    }
    AnalyticsResults results = resultsOf(pipeline, arriving.advanceWatermarkToInfinity(),
        JoinArrivingPosts.inWindows(MINUTE, MINUTE).inBuckets(buckets));
    HandWorkedPosts.expectNineResults(results, window(0));
    PipelineResult run = pipeline.run();
    assertEquals(1, counter(run, JoinArrivingPosts.DUPLICATE_RECORDS)); // pin 3 came twice
  }

  @ParameterizedTest(name = "buckets {0}")
  @ValueSource(ints = {JoinArrivingPosts.BUCKETS, KeyBuckets.PER_KEY})
  void windowsSplitPostsDuplicatesLateRecordsAndEmptyWindows(int buckets, TestPipeline pipeline) {
    TestStream<KV<String, String>> arriving = lines()
        // Post 1 starts in the first window and ends in the second; its pin comes again there.
        .addElements(line(RecordKind.PIN, 10, pin(1, "art", "Ann", "1k")),
            line(RecordKind.GEO, 20, geo(1, "Chad", "2019-01-01 00:00:00")))
        .addElements(line(RecordKind.USER, 70, user(1, "Ann", "A", 20, "2016-01-01 00:00:00")),
            line(RecordKind.PIN, 75, pin(1, "food", "Ann", "1k")))
        // The second window ended 10 s ago: post 3 is late, within the 30 s allowed.
        .advanceWatermarkTo(START.plus(Duration.standardSeconds(130)))
        .addElements(line(RecordKind.PIN, 100, pin(3, "travel", "Cy", "3k")),
            line(RecordKind.GEO, 100, geo(3, "Peru", "2019-01-01 00:00:00")),
            line(RecordKind.USER, 100, user(3, "Cy", "C", 30, "2017-01-01 00:00:00")))
        // 40 s after its end: post 4 is too late for the second window's results.
        .advanceWatermarkTo(START.plus(Duration.standardSeconds(160)))
        .addElements(line(RecordKind.PIN, 110, pin(4, "diy", "Di", "4k")),
            line(RecordKind.GEO, 110, geo(4, "Chad", "2019-01-01 00:00:00")),
            line(RecordKind.USER, 110, user(4, "Di", "D", 40, "2017-01-01 00:00:00")))
        // Nothing arrives in the third window; post 5 in the fourth.
        .addElements(line(RecordKind.PIN, 200, pin(5, "food", "Ed", "5k")),
            line(RecordKind.GEO, 200, geo(5, "Peru", "2019-01-01 00:00:00")),
            line(RecordKind.USER, 201, user(5, "Ed", "E", 60, "2018-01-01 00:00:00")))
        // Post 6 never gets its user.
        .addElements(line(RecordKind.PIN, 210, pin(6, "art", "Fy", "6k")))
        .advanceWatermarkToInfinity();
    AnalyticsResults results = resultsOf(pipeline, arriving, JoinArrivingPosts.inWindows(MINUTE, MINUTE)
        .withAllowedLateness(Duration.standardSeconds(30))
        .withJoinWait(Duration.standardMinutes(2))
        .inBuckets(buckets));

    AnalyticsResult byCountry = AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY;
    expect(results, byCountry, window(0), "{\"country\":\"Chad\",\"category\":\"art\",\"category_count\":1}");
    expect(results, byCountry, window(1), "{\"country\":\"Peru\",\"category\":\"travel\",\"category_count\":1}");
    expect(results, byCountry, window(2));
    expect(results, byCountry, window(3), "{\"country\":\"Peru\",\"category\":\"food\",\"category_count\":1}");
    AnalyticsResult medians = AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP;
    expect(results, medians, window(0));
    expect(results, medians, window(1),
        "{\"age_group\":\"18-24\",\"median_follower_count\":1000}",
        "{\"age_group\":\"25-35\",\"median_follower_count\":3000}");
    expect(results, medians, window(3), "{\"age_group\":\"+50\",\"median_follower_count\":5000}");
    expect(results, AnalyticsResult.USERS_JOINED_BY_YEAR, window(1),
        "{\"post_year\":2016,\"number_users_joined\":1}", "{\"post_year\":2017,\"number_users_joined\":1}");
    PipelineResult run = pipeline.run();
    assertEquals(3, counter(run, DropLateRows.LATE_ROWS)); // post 4: pin with geo, pin with user, user
    assertEquals(1, counter(run, JoinArrivingPosts.DUPLICATE_RECORDS));
    assertEquals(1, counter(run, JoinArrivingPosts.INCOMPLETE_POSTS));
  }

  @Test
  void postsSharingABucketAreForgottenEachAfterItsOwnWait(TestPipeline pipeline) {
    int a = 7;
    int b = a + 1;
    while (KeyBuckets.of(b, JoinArrivingPosts.BUCKETS) != KeyBuckets.of(a, JoinArrivingPosts.BUCKETS)) {
      b++;
    }
    TestStream<KV<String, String>> arriving = lines()
        // a's wait ends at 70 s, b's at 110 s.
        .addElements(line(RecordKind.PIN, 10, pin(a, "art", "Ann", "1k")))
        .addElements(line(RecordKind.PIN, 50, pin(b, "food", "Bo", "2k")),
            line(RecordKind.GEO, 50, geo(b, "Peru", "2019-01-01 00:00:00")))
        .advanceWatermarkTo(START.plus(Duration.standardSeconds(80)))
        // b still waits and joins its user; a's geo starts a new wait, which ends incomplete too.
        .addElements(line(RecordKind.USER, 90, user(b, "Bo", "B", 30, "2017-01-01 00:00:00")),
            line(RecordKind.GEO, 95, geo(a, "Chad", "2019-01-01 00:00:00")))
        .advanceWatermarkToInfinity();
    AnalyticsResults results = resultsOf(pipeline, arriving, JoinArrivingPosts.inWindows(MINUTE, MINUTE));

    expect(results, AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP, window(1),
        "{\"age_group\":\"25-35\",\"median_follower_count\":2000}");
    PipelineResult run = pipeline.run();
    assertEquals(2, counter(run, JoinArrivingPosts.INCOMPLETE_POSTS)); // a, twice; b was complete
  }

  @Test
  void slidingWindowsCountAPostInEveryWindowThatHoldsIt(TestPipeline pipeline) {
    TestStream<KV<String, String>> arriving = lines()
        .addElements(line(RecordKind.PIN, 70, pin(1, "art", "Ann", "1k")),
            line(RecordKind.GEO, 75, geo(1, "Chad", "2019-01-01 00:00:00")),
            line(RecordKind.USER, 80, user(1, "Ann", "A", 20, "2016-01-01 00:00:00")))
        .advanceWatermarkToInfinity();
    AnalyticsResults results = resultsOf(pipeline, arriving,
        JoinArrivingPosts.inWindows(MINUTE.multipliedBy(2), MINUTE));
    String chad = "{\"country\":\"Chad\",\"category\":\"art\",\"category_count\":1}";
    AnalyticsResult byCountry = AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY;
    // Two-minute windows every minute: the post arrived in the second minute.
    expect(results, byCountry, new IntervalWindow(START, START.plus(MINUTE.multipliedBy(2))), chad);
    expect(results, byCountry, new IntervalWindow(START.plus(MINUTE), START.plus(MINUTE.multipliedBy(3))), chad);
    expect(results, byCountry, new IntervalWindow(START.plus(MINUTE.multipliedBy(2)),
        START.plus(MINUTE.multipliedBy(4))));
    pipeline.run();
  }

  @Test
  void summarisesEachWindow(TestPipeline pipeline) {
    TestStream<KV<String, String>> arriving = lines()
        .addElements(line(RecordKind.PIN, 1, pin(1, "art", "Ann", "1k")),
            line(RecordKind.PIN, 2, pin(2, "art", "Bob", "1k")),
            line(RecordKind.PIN, 3, pin(3, "diy", "Ann", "1k")),
            line(RecordKind.PIN, 4, "not json"),
            line(RecordKind.GEO, 5, geo(1, "Chad", "2019-01-01 00:00:00")),
            line(RecordKind.GEO, 6, geo(2, "Chad", "2019-01-01 00:00:00")),
            line(RecordKind.GEO, 7, geo(3, "Chad", "2019-01-01 00:00:00")))
        .addElements(line(RecordKind.USER, 61, user(1, "Ann", "A", 20, "2016-01-01 00:00:00")))
        .advanceWatermarkToInfinity();
    List<PCollection<?>> records = new ArrayList<>();
    List<PCollection<?>> rejected = new ArrayList<>();
    PCollection<Row> summary = joined(pipeline, arriving, JoinArrivingPosts.inWindows(MINUTE, MINUTE), records, rejected)
        .apply("Summarise", SummariseWindows.counting(records, rejected));
    PCollection<String> lines = summary.apply("Format", FormatJsonLines.create());
    PAssert.that("first window", lines).inWindow(window(0)).containsInAnyOrder(
        "{\"records\":6,\"rejected\":1,\"posts\":3,\"top_category\":\"art\",\"top_category_posts\":2,"
            + "\"top_poster\":\"Ann\",\"top_poster_posts\":2}");
    PAssert.that("second window", lines).inWindow(window(1)).containsInAnyOrder(
        "{\"records\":1,\"rejected\":0,\"posts\":0,\"top_category\":null,\"top_category_posts\":null,"
            + "\"top_poster\":null,\"top_poster_posts\":null}");
    pipeline.run();
  }

  @Test
  void refusesWindowsThatCannotBe() {
    assertThrows(IllegalArgumentException.class, () -> JoinArrivingPosts.inWindows(MINUTE, MINUTE.multipliedBy(2)));
    assertThrows(IllegalArgumentException.class, () -> JoinArrivingPosts.inWindows(Duration.ZERO, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> JoinArrivingPosts.inWindows(MINUTE, MINUTE).withAllowedLateness(Duration.millis(-1)));
    assertThrows(IllegalArgumentException.class, () -> JoinArrivingPosts.inWindows(MINUTE, MINUTE).inBuckets(-1));
  }
}
