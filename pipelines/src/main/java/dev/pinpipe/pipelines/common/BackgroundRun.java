package dev.pinpipe.pipelines.common;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The DirectRunner's {@code blockOnRun} and Flink's {@code attachedMode} options, seen without
 * depending on either runner: a pipeline that never ends by itself (the lake sink) must not
 * block in {@code run()}. Options share values by property name, so these are the very settings
 * the runners read.
 */
public interface BackgroundRun extends PipelineOptions {
  @Default.Boolean(true)
  @Description(
      "If the pipeline should block awaiting completion of the pipeline. If set to true, "
          + "a call to Pipeline#run() will block until all PTransforms are complete. Otherwise, "
          + "the Pipeline will execute asynchronously. If set to false, use "
          + "PipelineResult#waitUntilFinish() to block until the Pipeline is complete.")
  boolean isBlockOnRun();

  void setBlockOnRun(boolean value);

  @Default.Boolean(true)
  @Description("Specifies if the pipeline is submitted in attached or detached mode")
  boolean getAttachedMode();

  void setAttachedMode(boolean value);

  /** Makes {@code run()} return once the pipeline has started, on the DirectRunner and on Flink. */
  static void inBackground(PipelineOptions options) {
    BackgroundRun run = options.as(BackgroundRun.class);
    run.setBlockOnRun(false);
    run.setAttachedMode(false);
  }
}
