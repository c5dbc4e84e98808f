package dev.pinpipe.pipelines.delta;

import dev.pinpipe.transforms.CleanRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes a result computed per window to its Delta table: each window's rows, with the window's
 * start and end in front, in one Parquet file and one commit tagged with the window. A window is
 * written once: when the table holds it already (a retried bundle, or a restarted stream that read
 * some of the window's records again and computed it from those alone), it is kept as it is.
 * Outputs, in each window, the window's part once the table holds it ({@link #part}).
 */
public final class WriteWindowResults extends PTransform<PCollection<Row>, PCollection<String>> {
  static final String RESULT_COMMITS = "stream_result_commits";
  /** Windows computed again (after a restart) and left as an earlier run wrote them. */
  static final String WINDOWS_KEPT = "stream_result_windows_kept";

  private final DeltaStorage storage;
  private final TableSpec table;

  private WriteWindowResults(DeltaStorage storage, TableSpec table) {
    this.storage = storage;
    this.table = table;
  }

  public static WriteWindowResults to(DeltaStorage storage, TableSpec table) {
    return new WriteWindowResults(storage, table);
  }

  @Override
  public PCollection<String> expand(PCollection<Row> rows) {
    return rows.apply("WithWindow", ParDo.of(new WithWindowFn(table)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(table.schema)))
        .apply("PerWindow", GroupByKey.create())
        .apply("WriteWindowOnce", ParDo.of(new WriteWindowOnceFn(storage, table)))
        .setCoder(StringUtf8Coder.of());
  }

  /** The part of a table a window's rows replace: {@code <start>/<end>}, in ISO 8601. */
  public static String part(IntervalWindow window) {
    return window.start() + "/" + window.end();
  }

  /** The row with its window in front, under the table's one key. */
  private static final class WithWindowFn extends DoFn<Row, KV<String, Row>> {
    private final TableSpec table;

    WithWindowFn(TableSpec table) {
      this.table = table;
    }

    @ProcessElement
    public void process(@Element Row row, IntervalWindow window, OutputReceiver<KV<String, Row>> out) {
      out.output(KV.of(table.name, Row.withSchema(table.schema)
          .addValues(window.start(), window.end()).addValues(row.getValues()).build()));
    }
  }

  private static final class WriteWindowOnceFn extends DoFn<KV<String, Iterable<Row>>, String> {
    private final DeltaStorage storage;
    private final TableSpec table;
    private final Counter commits = Metrics.counter(CleanRecords.METRICS_NAMESPACE, RESULT_COMMITS);
    private final Counter kept = Metrics.counter(CleanRecords.METRICS_NAMESPACE, WINDOWS_KEPT);
    private final Counter retries = Metrics.counter(CleanRecords.METRICS_NAMESPACE, WriteDeltaTables.RETRIES);
    private transient Configuration conf;
    /** Opened once per instance, by the first attempt that can: each check reads the latest version. */
    private transient DeltaTable delta;

    WriteWindowOnceFn(DeltaStorage storage, TableSpec table) {
      this.storage = storage;
      this.table = table;
    }

    @Setup
    public void setUp() {
      conf = storage.conf();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> window, IntervalWindow interval,
        OutputReceiver<String> written) throws IOException, InterruptedException {
      List<Row> rows = new ArrayList<>();
      window.getValue().forEach(rows::add);
      String part = part(interval);
      boolean[] wrote = {false};
      Retrying.run("writing window " + part + " of Delta table " + table.name, retries, () -> {
        // Opened in the attempt: opening reads the table's log, which fails while storage is away.
        if (delta == null) {
          delta = storage.table(table.name);
        }
        // Asked in the attempt too: an attempt that failed may yet have committed.
        if (delta.hasPart(part)) {
          return; // an earlier run wrote it, or an attempt that failed yet happened
        }
        Path file = DataFile.newPath(storage.tablePath(table.name));
        delta.replace(table.schema, List.of(ParquetRows.write(conf, file, table.schema, rows)), part);
        wrote[0] = true;
      });
      (wrote[0] ? commits : kept).inc();
      written.output(part);
    }
  }
}
