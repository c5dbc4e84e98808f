package dev.pinpipe.transforms.aggregate;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A combine per key gives the same results whether its keys are grouped per key or in buckets. */
@ExtendWith(TestPipelineExtension.class)
class CombineGroupsTest {
  private static final KvCoder<String, Long> CODER = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 1024}) // 0: per key
  void givesOneResultPerKeyInAnyNumberOfBuckets(int buckets, TestPipeline pipeline) {
    PCollection<KV<String, Long>> values =
        pipeline.apply(
            Create.of(
                    KV.of("Chad", 1L), KV.of("Peru", 10L), KV.of("Chad", 2L), KV.of("Togo", 7L),
                    KV.of("Peru", 20L), KV.of("Chad", 3L), KV.of("Fiji", 0L))
                .withCoder(CODER));
    PAssert.that(values.apply("Sum", CombineGroups.<String, Long, Long>perKey(Sum.ofLongs()).inBuckets(buckets)))
        .containsInAnyOrder(KV.of("Chad", 6L), KV.of("Peru", 30L), KV.of("Togo", 7L), KV.of("Fiji", 0L));
    PAssert.that(values.apply("Max", CombineGroups.<String, Long, Long>perKey(Max.ofLongs()).inBuckets(buckets)))
        .containsInAnyOrder(KV.of("Chad", 3L), KV.of("Peru", 20L), KV.of("Togo", 7L), KV.of("Fiji", 0L));
    pipeline.run();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2}) // 0: per key
  void combinesEachWindowOfAStreamApart(int buckets, TestPipeline pipeline) {
    Instant start = new Instant(0);
    TestStream<KV<String, Long>> arriving =
        TestStream.create(CODER)
            .addElements(
                TimestampedValue.of(KV.of("Chad", 1L), start),
                TimestampedValue.of(KV.of("Peru", 5L), start.plus(Duration.standardSeconds(10))))
            .advanceWatermarkTo(start.plus(Duration.standardMinutes(1)))
            .addElements(
                TimestampedValue.of(KV.of("Chad", 2L), start.plus(Duration.standardSeconds(70))),
                TimestampedValue.of(KV.of("Chad", 4L), start.plus(Duration.standardSeconds(80))))
            .advanceWatermarkToInfinity();
    PCollection<KV<String, Long>> sums =
        pipeline
            .apply(arriving)
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))))
            .apply(CombineGroups.<String, Long, Long>perKey(Sum.ofLongs()).inBuckets(buckets));
    IntervalWindow first = new IntervalWindow(start, Duration.standardMinutes(1));
    PAssert.that(sums).inWindow(first).containsInAnyOrder(KV.of("Chad", 1L), KV.of("Peru", 5L));
    PAssert.that(sums).inWindow(new IntervalWindow(first.end(), Duration.standardMinutes(1)))
        .containsInAnyOrder(KV.of("Chad", 6L));
    pipeline.run();
  }

  @Test
  void refusesNoBuckets() {
    assertThrows(IllegalArgumentException.class,
        () -> CombineGroups.<String, Long, Long>perKey(Sum.ofLongs()).inBuckets(-1));
  }
}
