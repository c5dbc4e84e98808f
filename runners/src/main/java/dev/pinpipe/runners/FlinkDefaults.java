package dev.pinpipe.runners;

import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.land.LakeSink;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/** The command line's Flink settings for {@code land}, each measured; an option given wins. */
final class FlinkDefaults {
  private FlinkDefaults() {}

  /**
   * The embedded Flink shuts down once its job has failed, and Beam's result then answers any
   * question about the job with "MiniCluster is not yet running or has already been shut down".
   * The failing step's cause is logged as Flink's task warning; this says to look there.
   */
  static RuntimeException explained(PipelineOptions options, RuntimeException error) {
    String root = String.valueOf(OneLine.rootCause(error).getMessage());
    if (Runners.runsOn(options, Runners.FLINK) && root.contains("MiniCluster is not yet running")) {
      return new IllegalStateException("the job failed on Flink: the warning above from Flink's task says why");
    }
    return error;
  }

  /** How much of a partition one Kafka fetch brings on Flink unless {@code --maxPartitionFetchBytes} is given. */
  static final int LAND_FETCH_BYTES = 8 << 20;

  /**
   * {@code land} runs on an embedded Flink unless {@code --runner} is given. Landing 600,000
   * records (bench/land.sh), the DirectRunner took 55–59 s, most of it the runner's own
   * bookkeeping per bundle; Flink, with the settings below, 14–18 s on 12–15 CPU-s, JVM and
   * Flink's start (about 5 s) and the last rotate interval (5 s) included.
   */
  static void landOnFlinkUnlessAsked(PipelineOptions options, GivenOptions given) {
    if (!given.gives("runner")) {
      options.setRunner(FlinkRunner.class);
    }
  }

  /**
   * {@code stream} runs on an embedded Flink unless {@code --runner} is given (or this jar holds
   * no Flink: the cluster jar). Catching up with the results per window, 30,000 records took
   * the DirectRunner 76 s on 137 CPU-s and Flink with the settings below 23 s on 38 CPU-s (90,000:
   * 245 s against 34.5 s), with the same rows; Flink passes every test the DirectRunner passes.
   */
  static void streamOnFlinkUnlessAsked(PipelineOptions options, GivenOptions given) {
    if (!given.gives("runner") && RunnerOptions.holds(Runners.FLINK)) {
      options.setRunner(FlinkRunner.class);
    }
  }

  /**
   * On Flink, KafkaIO keeps one consumer per reader, and with Kafka's 1 MiB per partition fetch
   * the pin topic (the largest records) trickled in last: 600,000 records took 39–43 s; with
   * 8 MiB, 22–29 s. The DirectRunner's splittable read reopens every 100 records, so larger fetches are
   * wasted there (171 s against 85 s) and it keeps Kafka's default. Flink also looks at a running
   * job every second, not every 5 s, so a catch-up run ends as soon as its commits are in. And it
   * keeps no Beam metrics: merging them after every bundle took 40% of the read threads' samples
   * in a profile (JFR), land reads its progress from its commits, and without them 600,000
   * records took 16.9–18.2 s on 22 CPU-s against 19.4–20.3 s on 28. Flink hands each element to
   * the next chained step as it is, not a copy made by encoding and decoding it (half of the read
   * thread's samples): Beam's elements are immutable, and land's steps change none. With that,
   * 600,000 records landed at 134,000–159,000 records/s sustained against 105,000–112,000.
   */
  static void landSettingsUnlessAsked(PipelineOptions options, GivenOptions given) {
    if (!Runners.runsOn(options, Runners.FLINK)) {
      return;
    }
    if (!given.gives("maxPartitionFetchBytes")) {
      options.as(LakeSink.Options.class).setMaxPartitionFetchBytes(LAND_FETCH_BYTES);
    }
    commonSettingsUnlessAsked(options.as(FlinkPipelineOptions.class), given);
    if (!given.gives("parallelism")) {
      options.as(FlinkPipelineOptions.class).setParallelism(oneMachineParallelism(Runtime.getRuntime().availableProcessors()));
    }
  }

  /**
   * {@code stream} on Flink: the settings {@code land} measured (its progress and summary also
   * come from its commits, not from metrics), and waiting posts keyed one per post in the join
   * ({@code --joinKeyBuckets=0}): Flink keeps each key's timers in a queue, while a bucket's timer
   * looked at every post waiting in it, 20% of a catch-up's samples in a profile (JFR). An
   * embedded Flink runs every step once: catching up on 300,000 records (bench/stream.sh) took
   * 35–40 s at parallelism 1 against 43 s at Flink's default of one per core. A cluster's
   * parallelism is the cluster's business (the service's application setting, {@code flink run -p}).
   */
  static void streamSettingsUnlessAsked(StreamPipeline.Options options, GivenOptions given) {
    if (!Runners.runsOn(options, Runners.FLINK)) {
      return;
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    commonSettingsUnlessAsked(flink, given);
    if (!given.gives("joinKeyBuckets")) {
      options.setJoinKeyBuckets(KeyBuckets.PER_KEY);
    }
    if (!given.gives("parallelism") && embedded(flink)) {
      flink.setParallelism(oneMachineParallelism(Runtime.getRuntime().availableProcessors()));
    }
  }

  /** A Flink started inside this JVM: no cluster named, none running this main. */
  private static boolean embedded(FlinkPipelineOptions flink) {
    String master = flink.getFlinkMaster();
    return ("[auto]".equals(master) || "[local]".equals(master)) && !FlinkWiring.mainRunsInCluster(flink);
  }

  /** Job checks every second, no Beam metrics, Flink's object reuse; see {@link #landSettingsUnlessAsked}. */
  private static void commonSettingsUnlessAsked(FlinkPipelineOptions flink, GivenOptions given) {
    if (!given.gives("jobCheckIntervalInSecs")) {
      flink.setJobCheckIntervalInSecs(1);
    }
    if (!given.gives("disableMetrics")) {
      flink.setDisableMetrics(true);
    }
    if (!given.gives("objectReuse")) {
      flink.setObjectReuse(true);
    }
  }

  /**
   * One reader and writer per two cores: each keeps about two busy (the reader, its Kafka poll
   * thread, the writer), beside the broker on a laptop; the stream's steps likewise. On 2 cores, one of each landed 600,000
   * records at 166,000–233,000 records/s sustained against 142,000–155,000 for Flink's default
   * of one per core. Measured on 2 cores only.
   */
  static int oneMachineParallelism(int cores) {
    return Math.max(1, cores / 2);
  }
}
