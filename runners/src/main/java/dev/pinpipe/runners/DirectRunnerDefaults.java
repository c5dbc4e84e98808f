package dev.pinpipe.runners;

import dev.pinpipe.pipelines.batch.BatchPipeline;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/** The command line's DirectRunner settings, each measured; tests keep the runner's own. */
final class DirectRunnerDefaults {
  private DirectRunnerDefaults() {}

  /**
   * The DirectRunner checks every bundle for mutated and unencodable elements, walking the whole
   * pipeline graph each time; that more than doubles the batch job's time (50 s against 23 s for
   * 11,000 posts). Command-line runs turn them off unless asked for.
   */
  static void checksOffUnlessAsked(PipelineOptions options, GivenOptions given) {
    if (!Runners.runsOn(options, Runners.DIRECT)) {
      return;
    }
    DirectOptions direct = options.as(DirectOptions.class);
    if (!given.gives("enforceImmutability")) {
      direct.setEnforceImmutability(false);
    }
    if (!given.gives("enforceEncodability")) {
      direct.setEnforceEncodability(false);
    }
  }

  /** {@code batch} tuned for the DirectRunner ({@link BatchPipeline#tuneForOneMachine}); other runners keep the defaults. */
  static void batchTuning(BatchPipeline.Options options, GivenOptions given) {
    if (Runners.runsOn(options, Runners.DIRECT)) {
      BatchPipeline.tuneForOneMachine(options, given.gives("keyBuckets"));
    }
  }

  /** Bundles {@code land} runs at once on the DirectRunner unless {@code --targetParallelism} is given. */
  static final int LAND_PARALLELISM = 16;

  /**
   * The DirectRunner runs max(cores, 3) bundles at once. Landing Kafka, most of them wait (the
   * splittable read stops every 100 records and waits to be resumed) while the cores idle: 60,000
   * records took 58.6 s on 23 CPU-s. With 16 they took 24.7 s on 41 CPU-s, and 600,000 took
   * 69.3 s (bench/land.sh). {@code stream}, busy on its cores already, gained little (220 s against
   * 192 s for 60,000 records, with 1.1 GB more memory) and keeps the runner's default.
   */
  static void landParallelismUnlessAsked(PipelineOptions options, GivenOptions given) {
    if (Runners.runsOn(options, Runners.DIRECT)
        && !given.gives("targetParallelism")) {
      options.as(DirectOptions.class).setTargetParallelism(LAND_PARALLELISM);
    }
  }

  /**
   * On the DirectRunner, KafkaIO's legacy UnboundedSource read goes 10 records a bundle and is
   * reopened at random; its splittable-DoFn read lands 1.1 to 1.6x as fast (bench/land.sh: 786
   * against 703 and 988 against 636 records/s) on a third of the CPU. Other runners keep their
   * own choice.
   */
  static void sdfKafkaReadUnlessAsked(PipelineOptions options) {
    if (!Runners.runsOn(options, Runners.DIRECT)) {
      return;
    }
    ExperimentalOptions experiments = options.as(ExperimentalOptions.class);
    if (!ExperimentalOptions.hasExperiment(experiments, "use_deprecated_read")) {
      ExperimentalOptions.addExperiment(experiments, "use_sdf_read");
    }
  }
}
