package dev.pinpipe.pipelines.stream;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lets each window's rows through only once every writer in {@code written} has finished that
 * window: a window's summary is committed after its nine results, so whoever sees the summary (a
 * catch-up run deciding it is done, the dashboard) finds the results there too.
 *
 * <p>A grouping per window does it: it fires when its input's watermark passes the window's end,
 * and a writer's output watermark passes that end only once the writer has written the window.
 */
final class AfterWindowsWritten extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Integer ONE_KEY = 0;

  private final List<PCollection<String>> written;

  private AfterWindowsWritten(List<PCollection<String>> written) {
    this.written = written;
  }

  /** Waits for each window of every one of {@code written} (a writer's output per window written). */
  static AfterWindowsWritten of(List<PCollection<String>> written) {
    return new AfterWindowsWritten(List.copyOf(written));
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    TupleTag<Row> rowsTag = new TupleTag<>("rows");
    KeyedPCollectionTuple<Integer> together = KeyedPCollectionTuple.of(rowsTag,
        rows.apply("KeyRows", WithKeys.of(ONE_KEY)).setCoder(KvCoder.of(VarIntCoder.of(), RowCoder.of(schema))));
    for (int i = 0; i < written.size(); i++) {
      together = together.and(new TupleTag<String>("written" + i), written.get(i)
          .apply("KeyWritten" + i, WithKeys.of(ONE_KEY))
          .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())));
    }
    return together
        .apply("PerWindow", CoGroupByKey.create())
        .apply("TheRows", ParDo.of(new TheRowsFn(rowsTag)))
        .setRowSchema(schema);
  }

  private static final class TheRowsFn extends DoFn<KV<Integer, CoGbkResult>, Row> {
    private final TupleTag<Row> rows;

    TheRowsFn(TupleTag<Row> rows) {
      this.rows = rows;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> window, OutputReceiver<Row> out) {
      window.getValue().getAll(rows).forEach(out::output);
    }
  }
}
