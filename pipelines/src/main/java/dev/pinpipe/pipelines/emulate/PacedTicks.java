package dev.pinpipe.pipelines.emulate;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PeriodicImpulse;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Ticks 0 to count - 1 spread evenly over time at {@code perSecond}, from {@link #LEAD} after the
 * pipeline is built: an impulse every 100 ms carries the ticks due in it. (A rate-limited
 * GenerateSequence with an end is a bounded read: runners read it whole before anything
 * downstream runs, so every post went out at the end at once.) Ticks due before the pipeline
 * starts go out as it starts: the lead leaves the runner time to start, so that the first
 * second's posts do not go out in one burst.
 */
final class PacedTicks extends PTransform<PBegin, PCollection<Long>> {
  private static final long STEP_MILLIS = 100;
  private static final long STEPS_PER_SECOND = 1_000 / STEP_MILLIS;
  /** About what the DirectRunner, a database connection and a Kafka producer take to start. */
  static final Duration LEAD = Duration.standardSeconds(2);

  private final long count;
  private final long perSecond;

  PacedTicks(long count, long perSecond) {
    this.count = count;
    this.perSecond = perSecond;
  }

  @Override
  public PCollection<Long> expand(PBegin begin) {
    Instant start = Instant.now().plus(LEAD);
    long steps = (count * STEPS_PER_SECOND + perSecond - 1) / perSecond;
    return begin
        .apply("Every100ms", PeriodicImpulse.create()
            .startAt(start)
            .stopAt(start.plus(Duration.millis(steps * STEP_MILLIS)))
            .withInterval(Duration.millis(STEP_MILLIS)))
        .apply("TicksDue", ParDo.of(new TicksDue(start, count, perSecond)));
  }

  /** Impulse k carries ticks [k * rate / 10, (k + 1) * rate / 10), the ones due in its 100 ms. */
  private static final class TicksDue extends DoFn<Instant, Long> {
    private final Instant start;
    private final long count;
    private final long perSecond;

    TicksDue(Instant start, long count, long perSecond) {
      this.start = start;
      this.count = count;
      this.perSecond = perSecond;
    }

    @ProcessElement
    public void process(@Element Instant impulse, OutputReceiver<Long> out) {
      long step = (impulse.getMillis() - start.getMillis()) / STEP_MILLIS;
      long end = Math.min(count, (step + 1) * perSecond / STEPS_PER_SECOND);
      for (long tick = step * perSecond / STEPS_PER_SECOND; tick < end; tick++) {
        out.output(tick);
      }
    }
  }
}
