package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A bounded pipeline's Delta output: each table's rows are written as Parquet files in parallel
 * (one per bundle), then, once every table's files are written, one last step replaces each table
 * by its new files in one commit ({@link DeltaTable#replace}) and, after the last, marks the run
 * whole ({@link BatchRuns}). A reader of one table sees the whole previous run's rows or the whole
 * new run's; a run killed between two tables' commits leaves a torn set, which the marker tells
 * and lets readers read around. A run that fails before the last step leaves every table as it
 * was; files of failed bundles are never committed.
 */
public final class ReplaceDeltaTables extends PTransform<PBegin, PDone> {
  /** The key of the sentinel that makes the last step run even when every table is empty. */
  private static final String NO_TABLE = "";

  private final DeltaStorage storage;
  private final String marker;
  private final Map<String, PCollection<Row>> tables;

  private ReplaceDeltaTables(DeltaStorage storage, String marker, Map<String, PCollection<Row>> tables) {
    this.storage = storage;
    this.marker = marker;
    this.tables = tables;
  }

  /** Tables in {@code storage}, each run marked in table {@code marker} once all are replaced. */
  public static ReplaceDeltaTables in(DeltaStorage storage, String marker) {
    return new ReplaceDeltaTables(storage, marker, Map.of());
  }

  /** The same, also replacing table {@code name} by {@code rows} (a bounded input in the global window). */
  public ReplaceDeltaTables with(String name, PCollection<Row> rows) {
    Map<String, PCollection<Row>> more = new LinkedHashMap<>(tables);
    more.put(name, rows);
    return new ReplaceDeltaTables(storage, marker, more);
  }

  @Override
  public PDone expand(PBegin begin) {
    KvCoder<String, DataFile> coder =
        KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(SerializableCoder.of(DataFile.class)));
    List<PCollection<KV<String, DataFile>>> written = new ArrayList<>();
    written.add(begin.apply("Sentinel", Create.of(KV.of(NO_TABLE, (DataFile) null)).withCoder(coder)));
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Map.Entry<String, PCollection<Row>> table : tables.entrySet()) {
      Schema schema = table.getValue().getSchema();
      schemas.put(table.getKey(), schema);
      written.add(table.getValue()
          .apply("WriteFiles_" + table.getKey(), ParDo.of(new WriteFiles(storage, table.getKey(), schema)))
          .setCoder(coder));
    }
    PCollectionList.of(written)
        .apply("AllFiles", Flatten.pCollections())
        .apply("ToOneStep", WithKeys.<String, KV<String, DataFile>>of("commit").withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("AfterAllFiles", GroupByKey.create())
        .apply("ReplaceTables", ParDo.of(new ReplaceTables(storage, marker, schemas)));
    return PDone.in(begin.getPipeline());
  }

  /** Writes each bundle's rows to one new Parquet file under the table and says which. */
  private static final class WriteFiles extends DoFn<Row, KV<String, DataFile>> {
    private final DeltaStorage storage;
    private final String table;
    private final Schema schema;
    private transient Configuration conf;
    private transient ParquetRows.Writer writer;

    WriteFiles(DeltaStorage storage, String table, Schema schema) {
      this.storage = storage;
      this.table = table;
      this.schema = schema;
    }

    @Setup
    public void setup() {
      conf = storage.conf();
    }

    @ProcessElement
    public void process(@Element Row row) throws IOException {
      if (writer == null) {
        Path file = DataFile.newPath(storage.tablePath(table));
        writer = ParquetRows.Writer.create(conf, file, schema);
      }
      writer.write(row);
    }

    @FinishBundle
    public void finish(FinishBundleContext context) throws IOException {
      if (writer != null) {
        DataFile file = writer.finish();
        writer = null;
        context.output(KV.of(table, file), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    @Teardown
    public void abandon() throws IOException {
      if (writer != null) {
        writer.close(); // a failed bundle's file: written, never committed
      }
    }
  }

  /** Replaces every table by the files written for it (none: an empty table). */
  private static final class ReplaceTables extends DoFn<KV<String, Iterable<KV<String, DataFile>>>, Void> {
    private final DeltaStorage storage;
    private final String marker;
    private final Map<String, Schema> schemas;

    ReplaceTables(DeltaStorage storage, String marker, Map<String, Schema> schemas) {
      this.storage = storage;
      this.marker = marker;
      this.schemas = schemas;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, DataFile>>> all) throws IOException {
      Map<String, List<DataFile>> files = new HashMap<>();
      for (KV<String, DataFile> file : all.getValue()) {
        if (!file.getKey().equals(NO_TABLE)) {
          files.computeIfAbsent(file.getKey(), t -> new ArrayList<>()).add(file.getValue());
        }
      }
      replaceAndMark(storage, marker, schemas, files);
    }
  }

  /** Replaces each table by its files (none: empty), one commit each, then marks the run whole. */
  static void replaceAndMark(DeltaStorage storage, String marker, Map<String, Schema> schemas,
      Map<String, List<DataFile>> files) throws IOException {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (Map.Entry<String, Schema> table : schemas.entrySet()) {
      versions.put(table.getKey(), storage.table(table.getKey())
          .replace(table.getValue(), files.getOrDefault(table.getKey(), List.of()), null));
    }
    BatchRuns.mark(storage, marker, versions);
  }
}
