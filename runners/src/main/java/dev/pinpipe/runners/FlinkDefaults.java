package dev.pinpipe.runners;

import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.land.LakeSink;
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
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!given.gives("jobCheckIntervalInSecs")) {
      flink.setJobCheckIntervalInSecs(1);
    }
    if (!given.gives("disableMetrics")) {
      flink.setDisableMetrics(true);
    }
    if (!given.gives("objectReuse")) {
      flink.setObjectReuse(true);
    }
    if (!given.gives("parallelism")) {
      flink.setParallelism(landParallelism(Runtime.getRuntime().availableProcessors()));
    }
  }

  /**
   * One reader and writer per two cores: each keeps about two busy (the reader, its Kafka poll
   * thread, the writer), beside the broker on a laptop. On 2 cores, one of each landed 600,000
   * records at 166,000–233,000 records/s sustained against 142,000–155,000 for Flink's default
   * of one per core. Measured on 2 cores only.
   */
  static int landParallelism(int cores) {
    return Math.max(1, cores / 2);
  }
}
