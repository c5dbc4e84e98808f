package dev.pinpipe.pipelines.batch;

import dev.pinpipe.pipelines.lake.OutputLock;
import dev.pinpipe.pipelines.lake.LastRun;
import dev.pinpipe.pipelines.lake.OutputLayout;
import static dev.pinpipe.pipelines.lake.LakeFileSystems.isLocal;
import static dev.pinpipe.pipelines.lake.LakeFileSystems.localPath;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinpipe.pipelines.delta.BatchRuns;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.ReplaceDeltaTables;
import dev.pinpipe.pipelines.common.BackgroundRun;
import dev.pinpipe.pipelines.options.DeltaOptions;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.options.LakeOptions;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.PipelineCounters;
import dev.pinpipe.pipelines.lake.LakeCheck;
import dev.pinpipe.pipelines.lake.LakeLayout;
import dev.pinpipe.pipelines.lake.ReadLakeLines;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.CleanAllKinds;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.CleanedKinds;
import dev.pinpipe.transforms.SourcedLine;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import dev.pinpipe.transforms.results.AnalyticsResults;
import dev.pinpipe.transforms.results.ComputeAnalytics;
import dev.pinpipe.transforms.join.DeduplicateAndJoinPosts;
import dev.pinpipe.transforms.join.DeduplicatedPosts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * {@code batch}: reads the raw lake, rejects bad lines, cleans and deduplicates the three tables,
 * and computes the nine analytics results. Output folders in the run's own folder under {@code
 * --outputDir} ({@link OutputLayout}: {@code runs/<run id>/}, named by {@code _last_run.json} once
 * whole): {@code clean/<kind>}, {@code rejected/<kind>} and one folder per result, each of JSON
 * lines; with
 * {@code --deltaRoot}, the same as Delta tables {@code <prefix>_batch_pin_table}, ...,
 * {@code <prefix>_batch_rejected} and {@code <prefix>_batch_<result folder>} too.
 */
public final class BatchPipeline {

  /** Options of {@code batch}. */
  public interface Options extends LakeOptions, DeltaOptions {
    @Description("Folder the clean tables, rejected lines and nine results are written to")
    @Default.String("pinterest-output")
    String getOutputDir();

    void setOutputDir(String value);

    @Description(
        "Succeed on a lake with no files for a topic (nine empty results) instead of failing;"
            + " for tests and first runs")
    @Default.Boolean(false)
    boolean getAllowEmpty();

    void setAllowEmpty(boolean value);

    @Description(
        "Hash buckets for the steps keyed by ind or by user (dedupe, joins, distinct users) and, on"
            + " the DirectRunner, for the nine results' groups. Default: 4 on the DirectRunner, 1024 on"
            + " other runners")
    @Default.Integer(KeyBuckets.MANY)
    Integer getKeyBuckets();

    void setKeyBuckets(Integer value);

    @Hidden
    @Description("Hash buckets for the nine results' groups; 0 for a group per key (tuning the command line picks)")
    @Default.Integer(KeyBuckets.PER_KEY)
    int getResultBuckets();

    void setResultBuckets(int value);

    @Hidden
    @Description("Files per clean or rejected table; 0 to let the runner choose (tuning the command line picks)")
    @Default.Integer(0)
    int getTableFiles();

    void setTableFiles(int value);

    @Hidden
    @Description("Refuse a lake whose records would not fit in the heap, for a runner that holds its"
        + " input in memory (tuning the command line picks)")
    @Default.Boolean(false)
    boolean getLakeMustFitHeap();

    void setLakeMustFitHeap(boolean value);
  }

  /** Files per clean or rejected table on one machine: about as many as the DirectRunner picks itself. */
  static final int ONE_MACHINE_TABLE_FILES = 3;

  /**
   * The tuning for a runner that runs the whole graph in this process, step by step, holding its
   * input in memory (the DirectRunner; the command line picks it there, tests pick it). Such a
   * runner evaluates every step after a grouping once per group, so few key buckets ({@link
   * KeyBuckets#DIRECT_RUNNER}), unless {@code keyBucketsGiven}, and the nine results' groups
   * combined in them too: the demo lake's 248 countries cost it 7,900 of 12,000 step evaluations.
   * Left to choose the number of files, it first counts the rows and hands the count to the writer
   * as a side input, and every step waiting on it runs again on each wait (1,500 of the demo lake's
   * 3,700 step evaluations), so each table goes to a fixed few files. And the lake must fit the
   * heap. Other runners keep the defaults: a group per key, files chosen by the runner.
   */
  public static void tuneForOneMachine(Options options, boolean keyBucketsGiven) {
    if (!keyBucketsGiven) {
      options.setKeyBuckets(KeyBuckets.DIRECT_RUNNER);
    }
    options.setResultBuckets(options.getKeyBuckets());
    options.setTableFiles(ONE_MACHINE_TABLE_FILES);
    options.setLakeMustFitHeap(true);
  }

  private BatchPipeline() {}

  /** Fails fast, naming the option, on a configuration that cannot run. */
  public static void validate(Options options) {
    String prefix = options.getTopicPrefix();
    Names.requireTopicPrefix(prefix);
    if (options.getKeyBuckets() < 1) {
      throw new IllegalArgumentException("--keyBuckets must be at least 1");
    }
    String outputDir = options.getOutputDir();
    if (outputDir == null || outputDir.isBlank()) {
      throw new IllegalArgumentException("--outputDir must name a folder");
    }
    LakeFileSystems.requirePlainPath("--outputDir", outputDir);
    LakeFileSystems.requirePlainPath("--lakeRoot", options.getLakeRoot());
    LakeFileSystems.requirePlainPath("--deltaRoot", options.getDeltaRoot());
    if (isLocal(outputDir) && Files.exists(Paths.get(localPath(outputDir)))
        && !Files.isDirectory(Paths.get(localPath(outputDir)))) {
      throw new IllegalArgumentException("--outputDir=" + outputDir + ": is a file, not a folder");
    }
    if (options.getDeltaRoot() != null) {
      DeltaStorage.of(options).requireWritable();
    }
    String lakeRoot = options.getLakeRoot();
    if (lakeRoot != null && isLocal(lakeRoot) && !Files.isDirectory(Paths.get(localPath(lakeRoot)))) {
      throw new IllegalArgumentException("--lakeRoot=" + lakeRoot + ": no such folder");
    }
    if (lakeRoot != null && !isLocal(lakeRoot)) {
      LakeFileSystems.configure(options);
      LakeFileSystems.requireListable(
          "--lakeRoot", lakeRoot, LakeLayout.glob(lakeRoot, prefix, RecordKind.PIN));
    }
  }

  /**
   * Validates, checks the lake, runs the pipeline into a folder of its own and waits for it; only
   * a run that ended DONE is published (see {@link OutputLayout}), so a failed or killed run leaves
   * the last good results as they were.
   */
  public static PipelineResult run(Options options, PrintStream log) throws IOException {
    return run(options, log, PipelineResult::waitUntilFinish);
  }

  /**
   * The same; {@code await} waits for the running pipeline (a command follows its progress
   * meanwhile) and returns the state it ended in.
   */
  public static PipelineResult run(Options options, PrintStream log,
      Function<PipelineResult, PipelineResult.State> await) throws IOException {
    return run(options, log, await, pipeline -> {}, step -> {});
  }

  /** The same, with {@code extra} steps added to the graph (tests inject failures with it). */
  static PipelineResult runWithExtraSteps(Options options, PrintStream log, Consumer<Pipeline> extra)
      throws IOException {
    return run(options, log, PipelineResult::waitUntilFinish, extra, step -> {});
  }

  /** The same, calling {@code reached} with each step of publishing as it is reached (tests stop there). */
  static PipelineResult runStoppingAt(Options options, PrintStream log, Consumer<Publishing> reached)
      throws IOException {
    return run(options, log, PipelineResult::waitUntilFinish, pipeline -> {}, reached);
  }

  /** The steps of publishing a run, in order; a kill at any of them leaves readers a whole run. */
  enum Publishing { WRITTEN, RECORDED, PUBLISHED, CLEANED }

  private static PipelineResult run(Options options, PrintStream log, Function<PipelineResult,
      PipelineResult.State> await, Consumer<Pipeline> extra, Consumer<Publishing> reached) throws IOException {
    Instant started = Instant.now();
    LakeFileSystems.configure(options);
    validate(options);
    if (options.getLakeRoot() == null) {
      throw new IllegalArgumentException("--lakeRoot must name the raw lake");
    }
    List<MatchResult.Metadata> lake =
        LakeCheck.of(options.getLakeRoot(), options.getTopicPrefix()).require(options.getAllowEmpty(), log);
    if (options.getLakeMustFitHeap()) {
      long heap = Runtime.getRuntime().maxMemory();
      long asRead = LakeCheck.bytesAsRead(lake, heap / DirectRunnerMemory.HEAP_PER_LAKE_BYTE);
      DirectRunnerMemory.require(options.getLakeRoot(), asRead, heap);
    }
    if (options.getDeltaRoot() != null) {
      BatchRuns.State tables = deltaTablesState(options.getTopicPrefix(), DeltaStorage.of(options));
      if (!tables.torn.isEmpty()) {
        log.println("warning: batch's Delta tables are " + tables.describe(marker(options.getTopicPrefix())));
      }
    }
    String outputDir = options.getOutputDir();
    try (OutputLock lock = OutputLock.take(outputDir)) {
      String runId = OutputLayout.newRunId(started);
      String runFolder = OutputLayout.runFolder(outputDir, runId);
      boolean published = false;
      try {
        Pipeline pipeline = Pipeline.create(options);
        apply(pipeline, options, runFolder);
        extra.accept(pipeline);
        BackgroundRun.inBackground(options);
        PipelineResult result = pipeline.run();
        if (await.apply(result) != PipelineResult.State.DONE) {
          OutputLayout.delete(runFolder); // a failed run's partial output; readers never saw it
          return result;
        }
        reached.accept(Publishing.WRITTEN);
        Map<RecordKind, Long> rejected = rejectedCounts(result);
        JsonNode record = LastRun.of(runId, started, Instant.now(), options.getRunner().getSimpleName(),
            options.getLakeRoot(), linesRead(result, rejected), rejected);
        OutputLayout.record(outputDir, runId, record);
        reached.accept(Publishing.RECORDED);
        Optional<String> before = OutputLayout.lastRun(outputDir).filter(run -> run.hasNonNull("run"))
            .map(run -> OutputLayout.folderOf(outputDir, run));
        OutputLayout.publish(outputDir, record);
        published = true;
        reached.accept(Publishing.PUBLISHED);
        Set<String> keep = new HashSet<>(List.of(runFolder));
        before.ifPresent(keep::add); // a reader may still be reading the run published before
        OutputLayout.removeOldRuns(outputDir, keep, Instant.now());
        reached.accept(Publishing.CLEANED);
        return result;
      } catch (IOException | RuntimeException | Error e) {
        if (!published) {
          try {
            OutputLayout.delete(runFolder);
          } catch (IOException | RuntimeException cleanUp) {
            e.addSuppressed(cleanUp);
          }
        }
        throw e;
      }
    }
  }

  /** Builds the batch graph on {@code pipeline}, writing under {@code out}; tests drive this very graph. */
  public static void apply(Pipeline pipeline, Options options, String out) {
    String tables = Names.batchTables(options.getTopicPrefix());
    Map<RecordKind, PCollection<SourcedLine>> lines = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      lines.put(kind, pipeline.apply("Read" + kind.title() + "Lake",
          ReadLakeLines.of(LakeLayout.glob(options.getLakeRoot(), options.getTopicPrefix(), kind))));
    }
    CleanedKinds cleaned = CleanAllKinds.input(lines).apply("CleanAllKinds", CleanAllKinds.create());
    for (RecordKind kind : RecordKind.values()) {
      cleaned.rejected(kind).apply("WriteRejected" + kind.title(), writeTable(options, OutputLayout.rejected(out, kind)));
    }
    Map<String, PCollection<Row>> deltaTables = new LinkedHashMap<>();
    // Batch keeps one record per ind over the whole lake (see PreferredRecords for which).
    DeduplicatedPosts posts = cleaned.tables()
        .apply("DeduplicateAndJoin", DeduplicateAndJoinPosts.create().inBuckets(options.getKeyBuckets()));
    for (RecordKind kind : RecordKind.values()) {
      PCollection<Row> table = posts.tables().of(kind);
      table.apply("WriteClean" + kind.title(), writeTable(options, OutputLayout.clean(out, kind)));
      deltaTables.put(Names.cleanTable(tables, kind), table);
    }
    AnalyticsResults results = posts.joined().apply("ComputeAnalytics", analytics(options));
    for (Map.Entry<AnalyticsResult, PCollection<Row>> result : results.all().entrySet()) {
      result.getValue().apply(
          "Write_" + result.getKey().folder(),
          WriteJsonLines.toSingleFile(OutputLayout.result(out, result.getKey())));
      deltaTables.put(Names.resultTable(tables, result.getKey().folder()), result.getValue());
    }
    if (options.getDeltaRoot() != null) {
      deltaTables.put(Names.rejectedTable(tables), PCollectionList.of(cleaned.allRejected())
          .apply("AllRejected", Flatten.pCollections()).setRowSchema(RejectedRecord.SCHEMA));
      ReplaceDeltaTables delta = ReplaceDeltaTables.in(DeltaStorage.of(options), marker(options.getTopicPrefix()));
      for (Map.Entry<String, PCollection<Row>> table : deltaTables.entrySet()) {
        delta = delta.with(table.getKey(), table.getValue());
      }
      pipeline.apply("ReplaceDeltaTables", delta);
    }
  }

  /** The nine results, their groups in the buckets the tuning says ({@link #tuneForOneMachine}). */
  static ComputeAnalytics analytics(Options options) {
    return options.getResultBuckets() == KeyBuckets.PER_KEY
        ? ComputeAnalytics.create()
        : ComputeAnalytics.create().inBuckets(options.getResultBuckets());
  }

  /** A clean or rejected table's writer, in as many files as the tuning says ({@link #tuneForOneMachine}). */
  static WriteJsonLines writeTable(Options options, String folder) {
    WriteJsonLines write = WriteJsonLines.to(folder);
    return options.getTableFiles() > 0 ? write.inFiles(options.getTableFiles()) : write;
  }

  /** The Delta tables batch replaces, {@code <prefix>_batch_...}, in the order it commits them. */
  public static List<String> deltaTables(String topicPrefix) {
    String tables = Names.batchTables(topicPrefix);
    List<String> names = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      names.add(Names.cleanTable(tables, kind));
    }
    for (AnalyticsResult result : AnalyticsResult.values()) {
      names.add(Names.resultTable(tables, result.folder()));
    }
    names.add(Names.rejectedTable(tables));
    return names;
  }

  /** The table that marks each batch run whose Delta tables were all replaced. */
  public static String marker(String topicPrefix) {
    return BatchRuns.table(Names.batchTables(topicPrefix));
  }

  /** Whether batch's Delta tables under {@code storage} are one run's, and which. */
  public static BatchRuns.State deltaTablesState(String topicPrefix, DeltaStorage storage) throws IOException {
    return BatchRuns.read(storage, marker(topicPrefix), deltaTables(topicPrefix));
  }

  /** Lines rejected per record kind, from the pipeline's metrics. */
  public static Map<RecordKind, Long> rejectedCounts(PipelineResult result) {
    Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      long count = PipelineCounters.attempted(
          result, CleanRecords.METRICS_NAMESPACE, CleanRecords.rejectedCounterName(kind));
      counts.put(kind, count);
    }
    return counts;
  }

  /** Lines read so far, per kind: each came out clean or was rejected. */
  public static Map<RecordKind, Long> linesRead(PipelineResult result) {
    return linesRead(result, rejectedCounts(result));
  }

  private static Map<RecordKind, Long> linesRead(PipelineResult result, Map<RecordKind, Long> rejected) {
    Map<RecordKind, Long> read = new EnumMap<>(rejected);
    read.replaceAll((kind, rejectedLines) -> rejectedLines
        + PipelineCounters.attempted(result, CleanRecords.METRICS_NAMESPACE, CleanRecords.cleanCounterName(kind)));
    return read;
  }

  /** One line on how far a running batch has got: lines read and rejected, per kind. */
  public static String progress(PipelineResult result) {
    Map<RecordKind, Long> rejected = rejectedCounts(result);
    Map<RecordKind, Long> read = linesRead(result, rejected);
    return String.format("%,d lines read (pin=%,d geo=%,d user=%,d), %,d rejected",
        read.values().stream().mapToLong(Long::longValue).sum(),
        read.get(RecordKind.PIN), read.get(RecordKind.GEO), read.get(RecordKind.USER),
        rejected.values().stream().mapToLong(Long::longValue).sum());
  }
}
