package dev.pinpipe.pipelines.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The DirectRunner's {@code blockOnRun} option, seen without depending on the runner: a
 * pipeline that never ends by itself (the lake sink) must not block in {@code run()}. Options
 * share values by property name, so this is the very setting the DirectRunner reads.
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
}
