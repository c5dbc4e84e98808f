package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.io.BackgroundRun;
import dev.pinpipe.pipelines.io.DeltaOptions;
import dev.pinpipe.pipelines.io.KafkaGroupCommitter;
import dev.pinpipe.pipelines.io.KafkaOptions;
import dev.pinpipe.pipelines.io.KinesisOptions;
import dev.pinpipe.pipelines.io.Names;
import dev.pinpipe.pipelines.io.OffsetCommitter;
import dev.pinpipe.pipelines.io.PipelineCounters;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.WithRejects;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * {@code stream}: reads the three record kinds from Kinesis or Kafka as they are posted, applies
 * the cleaning {@code batch} applies ({@link CleanRecords}, the same class), and appends the clean
 * records to the Delta tables {@code <prefix>_pin_table}, {@code _geo_table} and {@code
 * _user_table}, and every rejected record to {@code <prefix>_rejected}, each row exactly once (see
 * {@link WriteDeltaTables}).
 */
public final class StreamPipeline {
  /** Options of {@code stream}. */
  public interface Options extends DeltaOptions, KafkaOptions, KinesisOptions {
    @Description("kinesis: the streams streaming-<prefix>-pin, -geo and -user;"
        + " kafka: the topics <prefix>.pin, .geo and .user")
    @Default.String("kinesis")
    String getSource();

    void setSource(String value);

    @Description("Seconds between Delta commits; each commit holds every row that arrived since the last")
    @Default.Integer(10)
    int getCommitSeconds();

    void setCommitSeconds(int value);

    @Description("Kafka consumer group whose committed offsets say where the stream resumes"
        + " (default pinpipe-stream-<topicPrefix>)")
    String getGroupId();

    void setGroupId(String value);
  }

  /** Where the records come from. */
  public enum Source {
    KINESIS,
    KAFKA
  }

  /** Rows buffered before a commit that comes earlier than {@code --commitSeconds}. */
  static final int MAX_BUFFERED = 200_000;

  private StreamPipeline() {}

  static Source source(Options options) {
    try {
      return Source.valueOf(options.getSource().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--source=" + options.getSource() + ": must be kinesis or kafka");
    }
  }

  static String groupId(Options options) {
    String group = options.getGroupId();
    return group == null || group.isBlank() ? "pinpipe-stream-" + options.getTopicPrefix() : group;
  }

  /** The four tables of a prefix: one clean table per kind, keyed by ind, and the rejected lines, keyed by source. */
  public static List<TableSpec> tables(String prefix) {
    List<TableSpec> tables = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      tables.add(new TableSpec(Names.cleanTable(prefix, kind), kind.cleanSchema(), RecordKind.CLEAN_KEY));
    }
    tables.add(new TableSpec(Names.rejectedTable(prefix), RejectedRecord.SCHEMA, RejectedRecord.KEY));
    return tables;
  }

  /** Checks the options, the source and the tables, then starts the pipeline and returns it running. */
  public static PipelineResult run(Options options) {
    StreamChecks.require(options);
    options.as(BackgroundRun.class).setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    apply(pipeline, options);
    return pipeline.run();
  }

  /**
   * One line on how far a running stream has got, from its counters: rows committed (rejected
   * lines included), commits, duplicates dropped, lines rejected per kind, commit retries.
   */
  public static String progress(PipelineResult result) {
    String namespace = CleanRecords.METRICS_NAMESPACE;
    StringBuilder rejected = new StringBuilder();
    for (RecordKind kind : RecordKind.values()) {
      rejected.append(rejected.length() == 0 ? "" : " ").append(kind.label()).append('=')
          .append(PipelineCounters.attempted(result, namespace, CleanRecords.rejectedCounterName(kind)));
    }
    return String.format("%,d rows committed in %,d commits; %,d duplicates dropped; rejected %s; %,d commit retries",
        PipelineCounters.attempted(result, namespace, WriteDeltaTables.COMMITTED_ROWS),
        PipelineCounters.attempted(result, namespace, WriteDeltaTables.COMMITS),
        PipelineCounters.attempted(result, namespace, WriteDeltaTables.DUPLICATE_ROWS),
        rejected, PipelineCounters.attempted(result, namespace, WriteDeltaTables.RETRIES));
  }

  /** Builds the stream graph on {@code pipeline}; tests drive this very graph. */
  public static void apply(Pipeline pipeline, Options options) {
    String prefix = options.getTopicPrefix();
    Source source = source(options);
    Map<RecordKind, PCollection<KV<String, byte[]>>> bodies = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      bodies.put(kind, pipeline.apply("Read" + kind.title(),
          source == Source.KAFKA
              ? ReadSource.kafka(options.getKafkaBootstrapServers(), prefix, kind, groupId(options))
              : ReadSource.kinesis(prefix, kind)));
    }
    OffsetCommitter committer = source == Source.KAFKA
        ? new KafkaGroupCommitter(options.getKafkaBootstrapServers(), groupId(options))
        : new OffsetCommitter() {
          @Override
          public void commit(String topic, int partition, long nextOffset) {}
        };
    cleanIntoTables(bodies, DeltaStorage.of(options), prefix,
        Duration.standardSeconds(options.getCommitSeconds()), committer);
  }

  /**
   * The stream from record bodies on: decode, clean with the shared {@link CleanRecords}, and
   * append to the Delta tables through the one {@link WriteDeltaTables} writer.
   */
  static void cleanIntoTables(Map<RecordKind, PCollection<KV<String, byte[]>>> bodies, DeltaStorage storage,
      String prefix, Duration commitInterval, OffsetCommitter committer) {
    List<PCollection<KV<Integer, TableRow>>> rows = new ArrayList<>();
    Pipeline pipeline = null;
    for (Map.Entry<RecordKind, PCollection<KV<String, byte[]>>> entry : bodies.entrySet()) {
      RecordKind kind = entry.getKey();
      String name = kind.title();
      pipeline = entry.getValue().getPipeline();
      WithRejects<KV<String, String>> lines = entry.getValue().apply("Decode" + name, new DecodeRecords(kind));
      WithRejects<KV<String, Row>> cleaned = lines.values().apply("Clean" + name, CleanRecords.of(kind));
      rows.add(cleaned.values().apply("For" + name + "Table",
          toTable(Names.cleanTable(prefix, kind), kind.cleanSchema())).setCoder(rowsCoder(pipeline)));
      PCollection<KV<String, Row>> rejected = PCollectionList.of(lines.rejected()).and(cleaned.rejected())
          .apply("AllRejected" + name, Flatten.pCollections())
          .apply("BySource" + name, MapElements
              .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
              .via((Row row) -> KV.of(row.getString(RejectedRecord.KEY), row)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(RejectedRecord.SCHEMA)));
      rows.add(rejected.apply("ForRejected" + name + "Table",
          toTable(Names.rejectedTable(prefix), RejectedRecord.SCHEMA)).setCoder(rowsCoder(pipeline)));
    }
    PCollectionList.of(rows)
        .apply("AllRows", Flatten.pCollections())
        .apply("WriteDeltaTables", ParDo.of(
            new WriteDeltaTables(storage, tables(prefix), commitInterval, MAX_BUFFERED, committer)));
  }

  private static KvCoder<Integer, TableRow> rowsCoder(Pipeline pipeline) {
    try {
      return KvCoder.of(VarIntCoder.of(), pipeline.getSchemaRegistry().getSchemaCoder(TableRow.class));
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("TableRow has a @DefaultSchema", e);
    }
  }

  /** Encodes rows of {@code schema} for {@code table}, all under the writer's one key. */
  private static MapElements<KV<String, Row>, KV<Integer, TableRow>> toTable(String table, Schema schema) {
    RowCoder coder = RowCoder.of(schema);
    return MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(TableRow.class)))
        .via((KV<String, Row> row) -> KV.of(0, new TableRow(table, row.getKey(), encode(coder, row.getValue()))));
  }

  private static byte[] encode(RowCoder coder, Row row) {
    try {
      return CoderUtils.encodeToByteArray(coder, row);
    } catch (org.apache.beam.sdk.coders.CoderException e) {
      throw new IllegalStateException("a row that does not fit its own schema: " + e.getMessage(), e);
    }
  }
}
