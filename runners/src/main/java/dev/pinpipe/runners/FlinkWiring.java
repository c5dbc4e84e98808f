package dev.pinpipe.runners;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where a FlinkRunner job runs from: a client beside the cluster, or a main the cluster runs. */
final class FlinkWiring {
  private FlinkWiring() {}

  /**
   * True when a Flink cluster runs this main itself, and Beam's runner (at its default
   * {@code --flinkMaster=[auto]}) submits to that cluster: Amazon Managed Service for Apache Flink,
   * {@code flink run}, the REST API's jar run. Flink then holds a context environment for the job.
   * Looked at only for FlinkRunner runs: the cluster jar holds no Flink.
   */
  static boolean mainRunsInCluster(PipelineOptions options) {
    return Runners.runsOn(options, Runners.FLINK)
        && StreamExecutionEnvironment.getExecutionEnvironment() instanceof StreamContextEnvironment;
  }
}
