package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.CatchUpMark;
import dev.pinpipe.pipelines.delta.TableRow;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.delta.WriteDeltaTables;
import dev.pinpipe.pipelines.delta.WriteWindowResults;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.stream.sources.StreamSource;
import dev.pinpipe.pipelines.common.BackgroundRun;
import dev.pinpipe.pipelines.options.DeltaOptions;
import dev.pinpipe.pipelines.kafka.KafkaCatchUp;
import dev.pinpipe.pipelines.options.KafkaOptions;
import dev.pinpipe.pipelines.options.KinesisOptions;
import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import dev.pinpipe.pipelines.common.PipelineCounters;
import dev.pinpipe.pipelines.common.Progress;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.schemas.WindowSummary;
import dev.pinpipe.transforms.CleanAllKinds;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.CleanedKinds;
import dev.pinpipe.transforms.SourcedLine;
import dev.pinpipe.transforms.results.AnalyticsResults;
import dev.pinpipe.transforms.CleanTables;
import dev.pinpipe.transforms.results.ComputeAnalytics;
import dev.pinpipe.transforms.join.JoinArrivingPosts;
import dev.pinpipe.transforms.join.JoinedPosts;
import dev.pinpipe.transforms.results.SummariseWindows;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

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

    @Description("Minutes of arrival time a table's keys are held to drop duplicates: a record whose ind"
        + " arrived less than this before it is dropped, a later one is written again; memory holds"
        + " the keys of this long, and a start reads the files of this long only. 0 holds keys for good")
    @Default.Integer(60)
    int getDedupeHorizonMinutes();

    void setDedupeHorizonMinutes(int value);

    @Description("Kafka consumer group whose committed offsets say where the stream resumes"
        + " (default pinpipe-stream-<topicPrefix>)")
    String getGroupId();

    void setGroupId(String value);

    @Description("Stop once everything on the streams or topics at start is committed, and every window"
        + " of results its records fall in is written (a catch-up run,"
        + " as a scheduler runs it); otherwise run until stopped")
    @Default.Boolean(false)
    boolean getExitWhenCaughtUp();

    void setExitWhenCaughtUp(boolean value);

    @Description("Compute the nine results per window of arrival time into Delta tables <prefix>_<result>;"
        + " needs event-time timers, which Beam's Spark streaming runner lacks: false there")
    @Default.Boolean(true)
    boolean getWindowResults();

    void setWindowResults(boolean value);

    @Description("Seconds of arrival time per window of the nine results")
    @Default.Integer(60)
    int getWindowSeconds();

    void setWindowSeconds(int value);

    @Description("Seconds between the starts of result windows, for sliding windows"
        + " (default: --windowSeconds, windows that do not overlap)")
    Integer getWindowSlideSeconds();

    void setWindowSlideSeconds(Integer value);

    @Description("Seconds a window waits past its end for records that arrive late; its results are"
        + " written once, after that; records later still are counted as late and left out of them")
    @Default.Integer(10)
    int getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(int value);

    @Description("Seconds of arrival time a post's pin, geo and user records wait for each other to be"
        + " joined for the results")
    @Default.Integer(60)
    int getJoinWaitSeconds();

    void setJoinWaitSeconds(int value);

    @Description("Buckets of ind that posts waiting to be joined are keyed by, or 0 for a key per post;"
        + " speed only, never results (the command line chooses 0 on Flink)")
    @Default.Integer(JoinArrivingPosts.BUCKETS)
    int getJoinKeyBuckets();

    void setJoinKeyBuckets(int value);
  }

  /** Rows buffered before a commit that comes earlier than {@code --commitSeconds}. */
  static final int MAX_BUFFERED = 200_000;

  private StreamPipeline() {}

  /** The consumer group stream uses for {@code topicPrefix} unless --groupId names another. */
  public static String defaultGroupId(String topicPrefix) {
    return "pinpipe-stream-" + topicPrefix;
  }

  /** The four tables of a prefix: one clean table per kind, keyed by ind, and the rejected lines, keyed by source. */
  public static List<TableSpec> tables(String prefix) {
    List<TableSpec> tables = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      tables.add(TableSpec.clean(prefix, kind));
    }
    tables.add(TableSpec.rejected(prefix));
    return tables;
  }

  /** The Delta tables of the nine results per window, and of the summary of each window. */
  public static List<TableSpec> resultTables(String prefix) {
    List<TableSpec> tables = new ArrayList<>();
    for (AnalyticsResult result : AnalyticsResult.values()) {
      tables.add(TableSpec.result(prefix, result));
    }
    tables.add(TableSpec.summary(prefix));
    return tables;
  }

  /** How {@code stream} joins posts and windows them for the results, from its options. */
  static JoinArrivingPosts resultWindows(Options options) {
    Integer slide = options.getWindowSlideSeconds();
    return JoinArrivingPosts
        .inWindows(Duration.standardSeconds(options.getWindowSeconds()),
            Duration.standardSeconds(slide == null ? options.getWindowSeconds() : slide))
        .withAllowedLateness(Duration.standardSeconds(options.getAllowedLatenessSeconds()))
        .withJoinWait(Duration.standardSeconds(options.getJoinWaitSeconds()))
        .inBuckets(options.getJoinKeyBuckets());
  }

  /** A started stream: the pipeline, and for a catch-up run the test of having caught up. */
  public static final class Streaming {
    public final PipelineResult result;
    private final BooleanSupplier caughtUp;
    private final WindowSummaries windows;
    private final CommittedRows committed;

    Streaming(PipelineResult result, BooleanSupplier caughtUp, WindowSummaries windows, CommittedRows committed) {
      this.result = result;
      this.caughtUp = caughtUp;
      this.windows = windows;
      this.committed = committed;
    }

    /**
     * One line on how far the stream has got: the rows it committed (rejected lines included) and
     * its commits, read from the tables; then, where the runner reports metrics while it runs
     * (Flink does not), duplicates dropped, lines rejected per kind and commit retries.
     */
    public String progress() {
      committed.refresh();
      String tables = String.format("%,d rows committed in %,d commits", committed.rows(), committed.commits());
      return PipelineCounters.reported(result, CleanRecords.METRICS_NAMESPACE) ? tables + "; " + counters(result) : tables;
    }
  }

  /**
   * Checks the options, the source and the tables, then starts the pipeline and returns it
   * running. How a catch-up run knows it has committed what was on the source is its source's
   * business ({@link StreamSource#planCatchUp}); with results on, it then waits for the summary of
   * the last window its latest record fell in, which is committed after that window's results.
   */
  public static Streaming run(Options options) {
    StreamChecks.require(options);
    StreamSource source = StreamSource.of(options);
    CatchUpMark mark = catchUpMark(options, source);
    StreamSource.CatchUp catchUp = options.getExitWhenCaughtUp() ? source.planCatchUp(mark) : null;
    CommittedRows committed = new CommittedRows(DeltaStorage.of(options), tables(options.getTopicPrefix()));
    BackgroundRun.inBackground(options);
    Pipeline pipeline = Pipeline.create(options);
    apply(pipeline, options, source, mark);
    PipelineResult result = pipeline.run();
    WindowSummaries windows = new WindowSummaries(DeltaStorage.of(options), options.getTopicPrefix());
    SlidingWindows resultWindows = resultWindows(options).windows();
    BooleanSupplier caughtUp = () -> catchUp != null && catchUp.committed(result)
        && (!options.getWindowResults() || catchUp.latestArrival(result)
            .map(latest -> windows.writtenThrough(lastWindowEnd(resultWindows, latest)))
            .orElse(true));
    return new Streaming(result, caughtUp, windows, committed);
  }

  /** The end of the last of {@code windows} that {@code arrival} falls in. */
  static Instant lastWindowEnd(SlidingWindows windows, Instant arrival) {
    Instant end = arrival;
    for (IntervalWindow window : windows.assignWindows(arrival)) {
      end = window.end().isAfter(end) ? window.end() : end;
    }
    return end;
  }

  /** Duplicates dropped, lines rejected per kind and commit retries, from the runner's metrics. */
  static String counters(PipelineResult result) {
    String namespace = CleanRecords.METRICS_NAMESPACE;
    StringBuilder rejected = new StringBuilder();
    for (RecordKind kind : RecordKind.values()) {
      rejected.append(rejected.length() == 0 ? "" : " ").append(kind.label()).append('=')
          .append(PipelineCounters.attempted(result, namespace, CleanRecords.rejectedCounterName(kind)));
    }
    return String.format("%,d duplicates dropped; rejected %s; %,d commit retries",
        PipelineCounters.attempted(result, namespace, WriteDeltaTables.DUPLICATE_ROWS),
        rejected, PipelineCounters.attempted(result, namespace, WriteDeltaTables.RETRIES));
  }

  /** Builds the stream graph on {@code pipeline}; tests drive this very graph. */
  public static void apply(Pipeline pipeline, Options options) {
    StreamSource source = StreamSource.of(options);
    apply(pipeline, options, source, catchUpMark(options, source));
  }

  /**
   * For a catch-up run on a source that keeps no reader position, where the writer marks that it
   * read everything on the source at the run's start (now); otherwise null.
   */
  private static CatchUpMark catchUpMark(Options options, StreamSource source) {
    return options.getExitWhenCaughtUp() && source.catchesUpByWatermark()
        ? CatchUpMark.of(DeltaStorage.of(options), TableSpec.rejected(options.getTopicPrefix()), Instant.now())
        : null;
  }

  private static void apply(Pipeline pipeline, Options options, StreamSource source, CatchUpMark mark) {
    String prefix = options.getTopicPrefix();
    Map<RecordKind, PCollection<KV<String, byte[]>>> bodies = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      bodies.put(kind, pipeline.apply("Read" + kind.title(), source.read(kind)));
    }
    DeltaStorage storage = DeltaStorage.of(options);
    Cleaned clean = cleanIntoTables(bodies, storage, prefix, Duration.standardSeconds(options.getCommitSeconds()),
        Duration.standardMinutes(options.getDedupeHorizonMinutes()), source.committer(), mark);
    if (options.getWindowResults()) {
      computeResults(clean, resultWindows(options), storage, prefix);
    }
  }

  /**
   * The nine results per window: the clean records joined as they arrive ({@link
   * JoinArrivingPosts}), then batch's own {@link ComputeAnalytics}, each result replacing its
   * window's rows in its Delta table.
   */
  static void computeResults(Cleaned clean, JoinArrivingPosts join, DeltaStorage storage, String prefix) {
    JoinedPosts posts = clean.tables.apply("JoinArrivingPosts", join);
    AnalyticsResults results = posts.apply("ComputeAnalytics", ComputeAnalytics.create());
    List<PCollection<String>> written = new ArrayList<>();
    for (AnalyticsResult result : AnalyticsResult.values()) {
      written.add(results.get(result).apply("Write_" + result.folder(),
          WriteWindowResults.to(storage, TableSpec.result(prefix, result))));
    }
    List<PCollection<?>> records = List.of(clean.tables.pins(), clean.tables.geos(), clean.tables.users());
    posts.apply("SummariseWindows", SummariseWindows.counting(records, clean.rejected))
        .apply("AfterTheResults", AfterWindowsWritten.of(written))
        .apply("Write_" + WindowSummary.NAME, WriteWindowResults.to(storage, TableSpec.summary(prefix)));
  }

  /** The clean records of each kind and the rejected lines, in the global window, stamped with arrival. */
  static final class Cleaned {
    final CleanTables tables;
    final List<PCollection<?>> rejected;

    Cleaned(CleanTables tables, List<PCollection<?>> rejected) {
      this.tables = tables;
      this.rejected = rejected;
    }
  }

  /**
   * Follows a running stream, handing {@code progress} a line every {@code every} when it
   * changed, and {@code windows} the summary line of each window whose results were written
   * since (looked at as often). A catch-up run is cancelled once it has committed everything that
   * was on its source at start and the windows of results those records fall in (looked at every
   * second), and this returns true; otherwise this returns when the pipeline ends, true if it
   * ended DONE.
   */
  public static boolean follow(Streaming streaming, Duration every, Consumer<String> progress,
      Consumer<String> windows) {
    PipelineResult result = streaming.result;
    Progress.End end = Progress.follow(result, every, () -> {
      streaming.windows.newLines().forEach(windows);
      return streaming.progress();
    }, null, null, progress, streaming.caughtUp);
    streaming.windows.newLines().forEach(windows);
    if (end == Progress.End.STOPPED) {
      KafkaCatchUp.stop("stream", result);
    }
    return end != Progress.End.FAILED;
  }

  /**
   * The stream from record bodies on: decode, clean with the shared {@link CleanRecords}, and
   * append to the Delta tables through the one {@link WriteDeltaTables} writer; with {@code
   * catchUp}, the writer marks when everything that arrived before the run is committed. Returns the
   * clean records and the rejected lines, stamped with their arrival.
   */
  static Cleaned cleanIntoTables(Map<RecordKind, PCollection<KV<String, byte[]>>> bodies, DeltaStorage storage,
      String prefix, Duration commitInterval, Duration dedupeHorizon, OffsetCommitter committer, CatchUpMark catchUp) {
    List<PCollection<KV<Integer, TableRow>>> rows = new ArrayList<>();
    Pipeline pipeline = bodies.values().iterator().next().getPipeline();
    Map<RecordKind, PCollection<SourcedLine>> lines = new EnumMap<>(RecordKind.class);
    bodies.forEach((kind, records) -> lines.put(kind, records.apply("Decode" + kind.title(), new DecodeRecords())));
    CleanedKinds cleaned = CleanAllKinds.input(lines).apply("CleanAllKinds", CleanAllKinds.create());
    for (RecordKind kind : RecordKind.values()) {
      String name = kind.title();
      rows.add(cleaned.bySource(kind).apply("For" + name + "Table",
          toTable(TableSpec.clean(prefix, kind))).setCoder(rowsCoder(pipeline)));
      rows.add(cleaned.rejected(kind)
          .apply("BySource" + name, MapElements
              .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
              .via((Row row) -> KV.of(row.getString(RejectedRecord.KEY), row)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(RejectedRecord.SCHEMA)))
          .apply("ForRejected" + name + "Table", toTable(TableSpec.rejected(prefix))).setCoder(rowsCoder(pipeline)));
    }
    // Arms the catch-up check even when no record ever comes.
    rows.add(pipeline.apply("CatchUpMarker", Create.of(KV.of(0, TableRow.catchUpMarker())).withCoder(rowsCoder(pipeline))));
    PCollectionList.of(rows)
        .apply("AllRows", Flatten.pCollections())
        .apply("WriteDeltaTables", ParDo.of(
            new WriteDeltaTables(storage, tables(prefix), commitInterval, MAX_BUFFERED, dedupeHorizon, committer,
                catchUp)));
    return new Cleaned(cleaned.tables(), new ArrayList<>(cleaned.allRejected()));
  }

  private static KvCoder<Integer, TableRow> rowsCoder(Pipeline pipeline) {
    try {
      return KvCoder.of(VarIntCoder.of(), pipeline.getSchemaRegistry().getSchemaCoder(TableRow.class));
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("TableRow has a @DefaultSchema", e);
    }
  }

  /** Encodes rows for {@code table}, all under the writer's one key. */
  private static MapElements<KV<String, Row>, KV<Integer, TableRow>> toTable(TableSpec table) {
    return MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(TableRow.class)))
        .via((KV<String, Row> row) -> KV.of(0, new TableRow(table.name, row.getKey(), table.encode(row.getValue()))));
  }
}
