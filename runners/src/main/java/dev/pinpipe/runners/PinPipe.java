package dev.pinpipe.runners;

import dev.pinpipe.pipelines.batch.BatchPipeline;
import dev.pinpipe.pipelines.lake.OutputLayout;
import dev.pinpipe.pipelines.batch.ResultTables;
import dev.pinpipe.pipelines.emulate.PostingEmulator;
import dev.pinpipe.pipelines.maintain.CompactTables;
import dev.pinpipe.pipelines.generate.GenerateLake;
import dev.pinpipe.pipelines.common.BackgroundRun;
import dev.pinpipe.pipelines.kafka.KafkaCatchUp;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.options.LakeS3Options;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.common.Progress;
import dev.pinpipe.pipelines.common.Secrets;
import dev.pinpipe.pipelines.sourcedb.SourceDatabase;
import dev.pinpipe.pipelines.land.LakeSink;
import dev.pinpipe.pipelines.seed.SeedDatabase;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.pipelines.stream.sources.StreamSource;
import dev.pinpipe.runners.dashboard.Dashboard;
import io.javalin.Javalin;
import dev.pinpipe.schemas.RecordKind;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line: {@code pinpipe <command> [--option=value ...]}. Options are Beam pipeline
 * options, so any runner option ({@code --runner=SparkRunner --sparkMaster=local[2]}) works too.
 * Exit codes: 0 done, 1 the job failed, 2 bad command or configuration.
 */
public final class PinPipe {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      String.join(
          "\n",
          "usage: pinpipe <command> [--option=value ...]",
          "",
          "commands:",
          "  demo       batch on a demo lake it generates (seed 42): the first look, no setup",
          "  batch      clean the raw lake (--lakeRoot) and compute the nine analytics results",
          "  generate   write a realistic dirty raw lake (--lakeRoot required)",
          "  seed-db    fill the source database's tables with generated posts",
          "             (default: an embedded H2 database in ./pinterest-db)",
          "  emulate    post the source tables' rows to Kafka topics <prefix>.pin/.geo/.user",
          "  land       land Kafka topics <prefix>.* in the lake as JSON-lines files (local or s3://)",
          "  stream     clean Kinesis streams or Kafka topics into Delta tables as records arrive",
          "  compact    rewrite the Delta tables' small files into large ones, then vacuum what no version needs",
          "  dashboard  the results as charts, the stream's windows live, and the pipeline's health,",
          "             on http://127.0.0.1:8080 (--export=report.html writes the results page to a file)",
          "  help       this text; 'pinpipe <command> --help' lists a command's options and defaults",
          "",
          "runners: --runner=DirectRunner (default; land and stream default to an embedded --runner=FlinkRunner),",
          "         --runner=FlinkRunner --flinkMaster=host:port (a Flink cluster)",
          "         or --runner=SparkRunner --sparkMaster=local[2]");

  private PinPipe() {}

  public static void main(String[] args) {
    // Everything this process prints, its libraries' logs included, goes out redacted.
    Secrets secrets = Secrets.fromCommandLine(args, SourceDatabase.PASSWORD_VARIABLE);
    // On a cluster keep the streams it gave us (Databricks captures them into the driver log).
    boolean onCluster = SparkWiring.onCluster();
    System.setOut(secrets.redacting(onCluster ? System.out : new FileOutputStream(FileDescriptor.out)));
    System.setErr(secrets.redacting(onCluster ? System.err : new FileOutputStream(FileDescriptor.err)));
    int code = runRedacted(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    if (onCluster) {
      // The cluster owns this JVM (Databricks forbids System.exit): fail by throwing, end by returning.
      SparkWiring.closeSourceReaders();
      if (code != OK) {
        // Only a named command can fail (no arguments prints the usage and ends OK).
        throw new IllegalStateException("pinpipe " + args[0] + " ended with exit code " + code
            + " (see the error line above)");
      }
      return;
    }
    // Spark leaves non-daemon threads behind that would keep the JVM up for half a minute.
    System.exit(code);
  }

  /** Runs a command, printing to {@code out} and {@code err} redacted; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Secrets secrets = Secrets.fromCommandLine(args, SourceDatabase.PASSWORD_VARIABLE);
    PrintStream redactedOut = secrets.redacting(out);
    PrintStream redactedErr = secrets.redacting(err);
    try {
      return runRedacted(args, redactedOut, redactedErr);
    } finally {
      redactedOut.flush();
      redactedErr.flush();
    }
  }

  private static int runRedacted(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || Arrays.asList("help", "--help", "-h").contains(args[0])) {
      out.println(USAGE_TEXT);
      return OK;
    }
    String command = args[0];
    // The arguments are read once, here; every setting picked per runner asks this.
    GivenOptions given = GivenOptions.of(Arrays.copyOfRange(args, 1, args.length));
    try {
      switch (command) {
        case "demo":
          return wantsHelp(given) ? help(out, DemoLake.Options.class) : demo(given, out, err);
        case "batch":
          return wantsHelp(given) ? help(out, BatchPipeline.Options.class) : batch(given, out, err);
        case "generate":
          return wantsHelp(given) ? help(out, GenerateLake.Options.class) : generate(given, out, err);
        case "seed-db":
          return wantsHelp(given) ? help(out, SeedDatabase.Options.class) : seedDb(given, out, err);
        case "emulate":
          return wantsHelp(given) ? help(out, PostingEmulator.Options.class) : emulate(given, out, err);
        case "land":
          return wantsHelp(given) ? help(out, LakeSink.Options.class) : land(given, out, err);
        case "stream":
          return wantsHelp(given) ? help(out, StreamPipeline.Options.class) : stream(given, out, err);
        case "dashboard":
          return wantsHelp(given) ? help(out, Dashboard.Options.class) : dashboard(given, out);
        case "compact":
          return wantsHelp(given) ? help(out, CompactTables.Options.class) : compact(given, out);
        default:
          err.println("error: unknown command '" + command + "'\n" + USAGE_TEXT);
          return USAGE;
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + firstLine(e.getMessage()));
      return USAGE;
    } catch (Exception e) {
      err.println("error: " + command + " failed: " + firstLine(OneLine.rootCause(e).toString()));
      return FAILED;
    }
  }

  /** {@code batch} on the demo lake, made when it is not there yet. */
  private static int demo(GivenOptions given, PrintStream out, PrintStream err) throws Exception {
    DemoLake.Options options = parse(given, DemoLake.Options.class);
    if (options.getLakeRoot() != null) {
      throw new IllegalArgumentException("--lakeRoot=" + options.getLakeRoot()
          + ": demo runs on the demo lake it makes; to run on a lake, use ./pinpipe batch --lakeRoot=...");
    }
    return runBatch(options, given, out, err, () -> DemoLake.use(options, err));
  }

  private static int batch(GivenOptions given, PrintStream out, PrintStream err) throws Exception {
    BatchPipeline.Options options = parse(given, BatchPipeline.Options.class);
    if (options.getLakeRoot() == null) {
      // Never fake data by accident: a schedule missing its lake must fail, not publish a demo.
      throw new IllegalArgumentException("--lakeRoot is required: the folder or s3://bucket/prefix of the raw lake"
          + " (for a first look on generated data, run ./pinpipe demo)");
    }
    return runBatch(options, given, out, err, () -> {});
  }

  /** What may fail before a run: making the demo lake, say. */
  private interface Before {
    void run() throws Exception;
  }

  private static int runBatch(BatchPipeline.Options options, GivenOptions given, PrintStream out, PrintStream err,
      Before before) throws Exception {
    SparkWiring.wire(options);
    DirectRunnerDefaults.checksOffUnlessAsked(options, given);
    DirectRunnerDefaults.batchTuning(options, given);
    SparkDefaults.batchCacheOnDiskUnlessAsked(options, given);
    long start = System.nanoTime();
    before.run();
    PipelineResult result = BatchPipeline.run(options, err, running -> follow("batch", running, err,
        () -> BatchPipeline.progress(running),
        () -> BatchPipeline.linesRead(running).values().stream().mapToLong(Long::longValue).sum(), "lines"));
    if (!ended("batch", result, err)) {
      return FAILED;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ResultTables.print(options.getOutputDir(), out);
    Map<RecordKind, Long> rejected = BatchPipeline.rejectedCounts(result);
    String run = OutputLayout.current(options.getOutputDir()).orElse(options.getOutputDir());
    String shown = LakeFileSystems.isLocal(run)
        ? Paths.get(LakeFileSystems.localPath(run)).toAbsolutePath().normalize().toString() : run;
    out.printf(
        "%nRejected lines: pin=%d geo=%d user=%d (with reasons in %s/rejected)%n",
        rejected.get(RecordKind.PIN), rejected.get(RecordKind.GEO), rejected.get(RecordKind.USER), shown);
    out.printf("Output: %s (clean/, rejected/ and one folder per result, JSON lines; %s names the latest run)%n",
        shown, OutputLayout.pointer(options.getOutputDir()));
    out.printf("batch finished in %.1f s on %s%n", seconds, options.getRunner().getSimpleName());
    return OK;
  }

  private static int dashboard(GivenOptions given, PrintStream out) throws Exception {
    Dashboard.Options options = parse(given, Dashboard.Options.class);
    Dashboard dashboard = Dashboard.of(options);
    if (options.getExport() != null) {
      Path file = Paths.get(options.getExport()).toAbsolutePath();
      dashboard.export(file);
      out.println("Wrote the results page to " + file + " (one file: opens with no server or network)");
      return OK;
    }
    Javalin server = dashboard.serve(options.getHost(), options.getPort());
    out.printf("dashboard on http://%s:%d (read-only; Ctrl-C to stop)%n", options.getHost(), server.port());
    out.flush();
    new CountDownLatch(1).await(); // the server's threads serve until the process is stopped
    return OK;
  }

  private static int compact(GivenOptions given, PrintStream out) throws Exception {
    CompactTables.Options options = parse(given, CompactTables.Options.class);
    long start = System.nanoTime();
    CompactTables.run(options, out);
    out.printf("Compacted the tables under %s in %.1f s%n", options.getDeltaRoot(), (System.nanoTime() - start) / 1e9);
    return OK;
  }

  private static int generate(GivenOptions given, PrintStream out, PrintStream err) throws Exception {
    GenerateLake.Options options = parse(given, GenerateLake.Options.class);
    long start = System.nanoTime();
    GenerateLake.Summary summary = GenerateLake.run(options, err);
    out.printf(
        "Wrote %s%nLake: %s (topics %s.pin, .geo, .user) in %.1f s%n",
        summary, options.getLakeRoot(), options.getTopicPrefix(), (System.nanoTime() - start) / 1e9);
    return OK;
  }

  private static int seedDb(GivenOptions given, PrintStream out, PrintStream err) {
    SeedDatabase.Options options = parse(given, SeedDatabase.Options.class);
    DirectRunnerDefaults.checksOffUnlessAsked(options, given);
    long start = System.nanoTime();
    BackgroundRun.inBackground(options);
    PipelineResult result = SeedDatabase.run(options);
    if (!finished("seed-db", result, err, () -> SeedDatabase.progress(result, options),
        () -> SeedDatabase.rowsMade(result), "rows")) {
      return FAILED;
    }
    long rows = SeedDatabase.rowsMade(result); // what was written, now that the run is DONE
    out.printf("Seeded %,d posts (%,d rows) into pinterest_data, geolocation_data and user_data in %.1f s%n",
        rows / RecordKind.values().length, rows, (System.nanoTime() - start) / 1e9);
    return OK;
  }

  private static int emulate(GivenOptions given, PrintStream out, PrintStream err) {
    PostingEmulator.Options options = parse(given, PostingEmulator.Options.class);
    if (given.gives("runner") && !Runners.DIRECT.equals(options.getRunner().getSimpleName())) {
      // Its progress and summary are the runner's metrics: an embedded Flink's are gone once the
      // job ends (the run failed after sending everything), and nothing else was ever tried.
      throw new IllegalArgumentException("--runner=" + given.value("runner").orElse("")
          + ": emulate runs on the DirectRunner only (its default)");
    }
    DirectRunnerDefaults.checksOffUnlessAsked(options, given);
    long start = System.nanoTime();
    BackgroundRun.inBackground(options);
    PipelineResult result = PostingEmulator.run(options);
    if (!finished("emulate", result, err,
        () -> String.format("%,d records read from the source and sent", PostingEmulator.recordsRead(result)),
        () -> PostingEmulator.recordsRead(result), "records")) {
      return FAILED;
    }
    long records = PostingEmulator.recordsRead(result); // each read record was sent, now that the run is DONE
    out.printf("Posted %,d %sposts (%,d records) for prefix %s to%s%s in %.1f s%n",
        records / RecordKind.values().length,
        options.getMode().toLowerCase(java.util.Locale.ROOT).equals("replay") ? "" : "random ", records,
        options.getTopicPrefix(),
        options.getKafkaBootstrapServers() == null ? "" : " Kafka " + options.getKafkaBootstrapServers(),
        options.getKinesis() ? " Kinesis streams streaming-" + options.getTopicPrefix() + "-*" : "",
        (System.nanoTime() - start) / 1e9);
    return OK;
  }

  private static int land(GivenOptions given, PrintStream out, PrintStream err) {
    LakeSink.Options options = parse(given, LakeSink.Options.class);
    FlinkDefaults.landOnFlinkUnlessAsked(options, given);
    FlinkDefaults.landSettingsUnlessAsked(options, given);
    SparkWiring.wire(options);
    DirectRunnerDefaults.checksOffUnlessAsked(options, given);
    DirectRunnerDefaults.sdfKafkaReadUnlessAsked(options);
    DirectRunnerDefaults.landParallelismUnlessAsked(options, given);
    long start = System.nanoTime();
    LakeSink.Landing landing;
    try {
      landing = LakeSink.run(options, line -> err.println("land: " + line));
      if (landing.caughtUp.isEmpty()) {
        err.printf("land: landing topics %s.* in %s until stopped%n", options.getTopicPrefix(), options.getLakeRoot());
        return finished("land", landing.result, err, landing::progress, landing::recordsLanded, "records") ? OK : FAILED;
      }
    } catch (RuntimeException e) {
      throw FlinkDefaults.explained(options, e);
    }
    KafkaCatchUp.Landed landed = landing.caughtUp.get();
    out.printf("Landed %,d records from %d partitions of topics %s.* to %s in %.1f s%n",
        landed.offsets, landed.partitions, options.getTopicPrefix(), options.getLakeRoot(),
        (System.nanoTime() - start) / 1e9);
    return OK;
  }

  private static int stream(GivenOptions given, PrintStream out, PrintStream err) {
    StreamPipeline.Options options = parse(given, StreamPipeline.Options.class);
    FlinkDefaults.streamOnFlinkUnlessAsked(options, given);
    if (SparkWiring.isSpark(options) && options.getExitWhenCaughtUp() && StreamSource.of(options).catchesUpByWatermark()) {
      // A catch-up run on Kinesis learns it is done when the writer's event-time watermark passes
      // the run's start, which Beam's Spark runner does not move reliably (apache/beam#23129): the
      // run would never end. Kafka's ends on committed offsets.
      throw new IllegalArgumentException("--exitWhenCaughtUp=true: a catch-up run on Kinesis does not end on Spark;"
          + " catch up from Kafka (--source=kafka), or run it on Flink or the DirectRunner");
    }
    if (SparkWiring.isSpark(options) && options.getWindowResults()) {
      // Beam's Spark streaming runner refuses stateful steps with event-time timers, which the
      // per-window join needs ("EVENT_TIME not yet supported in streaming mode").
      throw new IllegalArgumentException("--windowResults=true: the results per window need event-time timers,"
          + " which Beam's Spark streaming runner does not support; on Spark add --windowResults=false");
    }
    FlinkDefaults.streamSettingsUnlessAsked(options, given);
    boolean inCluster = FlinkWiring.mainRunsInCluster(options);
    if (inCluster && options.getExitWhenCaughtUp()) {
      throw new IllegalArgumentException("--exitWhenCaughtUp=true: this main runs inside a Flink cluster, which"
          + " follows the job; catch up from the command line with --flinkMaster=host:port instead");
    }
    SparkWiring.wire(options);
    DirectRunnerDefaults.checksOffUnlessAsked(options, given);
    // Not the splittable Kafka read that land uses: with three topics its restrictions kept the
    // DirectRunner's few threads busy polling, and the writer did not run for minutes.
    long start = System.nanoTime();
    StreamPipeline.Streaming streaming = StreamPipeline.run(options);
    boolean catchUp = options.getExitWhenCaughtUp();
    err.printf("stream: %s of prefix %s into Delta tables %s_*_table and %s_rejected%s in %s, %s%n",
        options.getSource(), options.getTopicPrefix(), options.getTopicPrefix(), options.getTopicPrefix(),
        options.getWindowResults() ? String.format(", and results per %d s window,", options.getWindowSeconds()) : ",",
        options.getDeltaRoot(), catchUp ? "until caught up" : "until stopped");
    if (inCluster) {
      // Managed Flink, flink run, a REST jar run: the cluster follows and restarts the job; this
      // main must return for the cluster to carry on.
      out.println("stream: submitted to the Flink cluster this runs in");
      FlinkWiring.releaseClients();
      return OK;
    }
    if (!StreamPipeline.follow(streaming, Progress.EVERY, line -> err.println("stream: " + line), out::println)) {
      err.println("error: stream ended in state " + streaming.result.getState());
      return FAILED;
    }
    out.printf("%s: %s, in %.1f s%n", catchUp ? "Caught up" : "Stream ended",
        streaming.progress(), (System.nanoTime() - start) / 1e9);
    return OK;
  }

  /**
   * Waits for the pipeline, with a progress line on standard error every few seconds while it
   * runs ({@code progress}, then {@code done} {@code unit} per second); says so unless it ended DONE.
   */
  private static boolean finished(String command, PipelineResult result, PrintStream err,
      Supplier<String> progress, LongSupplier done, String unit) {
    follow(command, result, err, progress, done, unit);
    return ended(command, result, err);
  }

  /** Waits for the pipeline with progress lines as {@link #finished} does; returns its end state. */
  private static PipelineResult.State follow(String command, PipelineResult result, PrintStream err,
      Supplier<String> progress, LongSupplier done, String unit) {
    Progress.follow(result, Progress.EVERY, progress, done, unit, line -> err.println(command + ": " + line),
        () -> false);
    return result.getState();
  }

  /** True if the pipeline, which has ended, ended DONE; otherwise says so on standard error. */
  private static boolean ended(String command, PipelineResult result, PrintStream err) {
    if (result.getState() != PipelineResult.State.DONE) {
      err.println("error: " + command + " ended in state " + result.getState());
      return false;
    }
    return true;
  }

  private static <T extends PipelineOptions> T parse(GivenOptions given, Class<T> type) {
    RunnerOptions.registerFor(type, given);
    PipelineOptionsFactory.register(type);
    PipelineOptionsFactory.register(LakeS3Options.class);
    String[] args = given.args();
    try {
      T options = PipelineOptionsFactory.fromArgs(args).withValidation().as(type);
      AwsDefaults.regionUnlessAwsIsUsed(options, given);
      return options;
    } catch (IllegalArgumentException e) {
      // Beam's message may not say which option it could not read: find it, and name it.
      for (String arg : args) {
        try {
          PipelineOptionsFactory.fromArgs(arg).as(type);
        } catch (IllegalArgumentException alone) {
          throw new IllegalArgumentException(
              arg + ": " + OneLine.of(alone.getMessage()) + RunnerOptions.hint(arg, given), e);
        }
      }
      throw e;
    }
  }

  private static boolean wantsHelp(GivenOptions options) {
    return options.gives("help");
  }

  private static int help(PrintStream out, Class<? extends PipelineOptions> type) {
    PipelineOptionsFactory.printHelp(out, type);
    return OK;
  }

  private static String firstLine(String message) {
    return message == null ? "(no message)" : OneLine.of(message);
  }
}
