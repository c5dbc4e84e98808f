package dev.pinpipe.runners;

import com.amazonaws.http.IdleConnectionReaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.fs.FileSystem;
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

  /**
   * Closes what this main opened before it returns to the cluster that runs it. The cluster's JVM
   * lives on and Flink closes the classes the main loaded: the AWS SDK's idle-connection reaper,
   * a thread started by the checks of tables on S3, then failed to load a class in a loop and
   * kept a core of the JobManager busy until it was stopped (found on the local stack after
   * ManagedFlinkIT). So the main closes its Hadoop file systems and stops the reaper.
   */
  static void releaseClients() {
    try {
      FileSystem.closeAll();
    } catch (IOException e) {
      throw new UncheckedIOException("the job is submitted, but closing its file systems failed", e);
    } finally {
      IdleConnectionReaper.shutdown();
    }
  }
}
