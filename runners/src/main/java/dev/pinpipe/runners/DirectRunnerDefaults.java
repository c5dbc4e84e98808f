package dev.pinpipe.runners;

import java.util.Arrays;
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
  static void checksOffUnlessAsked(PipelineOptions options, String[] args) {
    if (!options.getRunner().getSimpleName().equals("DirectRunner")) {
      return;
    }
    DirectOptions direct = options.as(DirectOptions.class);
    if (Arrays.stream(args).noneMatch(arg -> arg.startsWith("--enforceImmutability"))) {
      direct.setEnforceImmutability(false);
    }
    if (Arrays.stream(args).noneMatch(arg -> arg.startsWith("--enforceEncodability"))) {
      direct.setEnforceEncodability(false);
    }
  }

  /**
   * On the DirectRunner, KafkaIO's legacy UnboundedSource read goes 10 records a bundle and is
   * reopened at random; its splittable-DoFn read lands 1.1 to 1.6x as fast (bench/land.sh: 786
   * against 703 and 988 against 636 records/s) on a third of the CPU. Other runners keep their
   * own choice.
   */
  static void sdfKafkaReadUnlessAsked(PipelineOptions options) {
    if (!options.getRunner().getSimpleName().equals("DirectRunner")) {
      return;
    }
    ExperimentalOptions experiments = options.as(ExperimentalOptions.class);
    if (!ExperimentalOptions.hasExperiment(experiments, "use_deprecated_read")) {
      ExperimentalOptions.addExperiment(experiments, "use_sdf_read");
    }
  }
}
