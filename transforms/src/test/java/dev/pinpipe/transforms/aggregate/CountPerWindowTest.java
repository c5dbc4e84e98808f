package dev.pinpipe.transforms.aggregate;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counts per window, whatever the bundles, on a TestStream that delivers them in several bundles. */
@ExtendWith(TestPipelineExtension.class)
class CountPerWindowTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);

  private static TimestampedValue<String> at(int seconds) {
    return TimestampedValue.of("e" + seconds, START.plus(Duration.standardSeconds(seconds)));
  }

  private static IntervalWindow minute(int n, int length) {
    Instant start = START.plus(MINUTE.multipliedBy(n));
    return new IntervalWindow(start, start.plus(MINUTE.multipliedBy(length)));
  }

  private static TestStream<String> elements() {
    return TestStream.create(StringUtf8Coder.of()).advanceWatermarkTo(START)
        .addElements(at(1), at(2), at(70))
        .addElements(at(3), at(80))
        .advanceWatermarkTo(START.plus(Duration.standardSeconds(50)))
        .addElements(at(59), at(200))
        .advanceWatermarkToInfinity();
  }

  @Test
  void countsEachWindowOnceAcrossBundles(TestPipeline pipeline) {
    PCollection<Long> counts = pipeline.apply(elements())
        .apply(Window.into(FixedWindows.of(MINUTE)))
        .apply(CountPerWindow.create());
    PAssert.that(counts).inWindow(minute(0, 1)).containsInAnyOrder(4L);
    PAssert.that(counts).inWindow(minute(1, 1)).containsInAnyOrder(2L);
    PAssert.that(counts).inWindow(minute(2, 1)).empty();
    PAssert.that(counts).inWindow(minute(3, 1)).containsInAnyOrder(1L);
    pipeline.run();
  }

  @Test
  void countsAnElementInEverySlidingWindowThatHoldsIt(TestPipeline pipeline) {
    PCollection<Long> counts = pipeline.apply(elements())
        .apply(Window.into(SlidingWindows.of(MINUTE.multipliedBy(2)).every(MINUTE)))
        .apply(CountPerWindow.create());
    PAssert.that(counts).inWindow(new IntervalWindow(START.minus(MINUTE), START.plus(MINUTE))).containsInAnyOrder(4L);
    PAssert.that(counts).inWindow(minute(0, 2)).containsInAnyOrder(6L);
    PAssert.that(counts).inWindow(minute(1, 2)).containsInAnyOrder(2L);
    PAssert.that(counts).inWindow(minute(2, 2)).containsInAnyOrder(1L);
    pipeline.run();
  }
}
