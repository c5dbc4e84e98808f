package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.aggregate.Rows;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Puts rows (keyed by {@code ind}) into windows, and passes on those that came while their window
 * was open: each window's rows come out once, in one on-time pane, and every later grouping step
 * fires once per window. Rows that come after their window closed are counted ({@link #LATE_ROWS})
 * instead of updating a window that later steps already computed.
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
    return rows
        .apply("IntoWindows", Window.<Row>into(windows)
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(REMEMBER_CLOSED)
            .discardingFiredPanes())
        .apply("ByBucket", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.rows()))
            .via((Row row) -> KV.of(KeyBuckets.of(row.getInt64(RecordKind.CLEAN_KEY), KeyBuckets.FEW), row)))
        .setCoder(KvCoder.of(VarIntCoder.of(), RowCoder.of(rows.getSchema())))
        .apply("PerWindow", GroupByKey.create())
        .apply("OnTimeOnly", ParDo.of(new OnTimeOnlyFn()))
        .setRowSchema(rows.getSchema())
        // What follows fires once per window, when the watermark passes its end.
        .apply("OncePerWindow", Window.<Row>configure()
            .triggering(DefaultTrigger.of())
            .withAllowedLateness(Duration.ZERO)
            .discardingFiredPanes());
  }

  private static final class OnTimeOnlyFn extends DoFn<KV<Integer, Iterable<Row>>, Row> {
    private final Counter late = Metrics.counter(CleanRecords.METRICS_NAMESPACE, LATE_ROWS);

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Row>> bucket, PaneInfo pane, OutputReceiver<Row> out) {
      for (Row row : bucket.getValue()) {
        if (pane.getTiming() == PaneInfo.Timing.LATE) {
          late.inc();
        } else {
          out.output(row);
        }
      }
    }
  }
}
