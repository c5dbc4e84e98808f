package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.aggregate.CountPerWindow;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Puts rows into windows that every later grouping step fires once, when the watermark passes
 * the window's end, with the whole window; a row that comes after its window closed is dropped by
 * those steps (no allowed lateness) instead of updating a window they already computed, and is
 * counted ({@link #LATE_ROWS}) by a count per window that does take late rows. Nothing here holds
 * the rows themselves: an earlier version grouped every row of a window to learn which came
 * late, and on Flink that grouping was a sixth of a catching-up stream's CPU.
 */
final class DropLateRows extends PTransform<PCollection<Row>, PCollection<Row>> {
  /** Joined rows left out of the results because they came after their window closed. */
  static final String LATE_ROWS = "stream_late_rows";

  /** How long a closed window is remembered, so that rows later than that are still counted. */
  static final Duration REMEMBER_CLOSED = Duration.standardDays(1);

  private final WindowFn<Object, ?> windows;

  private DropLateRows(WindowFn<Object, ?> windows) {
    this.windows = windows;
  }

  static DropLateRows in(WindowFn<Object, ?> windows) {
    return new DropLateRows(windows);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    rows.apply("LateToo", Window.<Row>into(windows)
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(REMEMBER_CLOSED)
            .discardingFiredPanes())
        .apply("CountPerWindow", CountPerWindow.create())
        .apply("CountLate", ParDo.of(new CountLateFn()));
    // What follows fires once per window, when the watermark passes its end, and drops later rows.
    return rows.apply("OncePerWindow", Window.<Row>into(windows)
        .triggering(DefaultTrigger.of())
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes());
  }

  /** Adds the rows of each late pane to {@link #LATE_ROWS}. */
  private static final class CountLateFn extends DoFn<Long, Void> {
    private final Counter late = Metrics.counter(CleanRecords.METRICS_NAMESPACE, LATE_ROWS);

    @ProcessElement
    public void process(@Element Long rows, PaneInfo pane) {
      if (pane.getTiming() == PaneInfo.Timing.LATE) {
        late.inc(rows);
      }
    }
  }
}
