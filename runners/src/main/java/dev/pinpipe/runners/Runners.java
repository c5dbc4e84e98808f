package dev.pinpipe.runners;

import org.apache.beam.sdk.options.PipelineOptions;

/** Which runner a run is on, for the settings chosen per runner, each measured where it is made. */
public final class Runners {
  public static final String DIRECT = "DirectRunner";
  public static final String SPARK = "SparkRunner";
  public static final String FLINK = "FlinkRunner";

  private Runners() {}

  /** Whether {@code options} run on {@code runner}, one of the names above. */
  public static boolean runsOn(PipelineOptions options, String runner) {
    return options.getRunner().getSimpleName().equals(runner);
  }
}
