package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code land} submitted from the bundled jar, as README runs it, to the local stack's Flink session
 * cluster (a JobManager and a TaskManager, each its own process) over its REST port: it runs in the
 * TaskManager with two readers and writers, and lands every record once. ({@code stream} on the
 * cluster: {@link FlinkStreamIT}.)
 */
@Timeout(600)
class FlinkClusterIT {
  @TempDir Path tmp;

  @Test
  void landOnTheClusterWithTwoReadersLandsEveryRecordOnce() throws Exception {
    String prefix = LocalStack.unique("it-cluster-land");
    String bucket = LocalStack.newBucket();
    TopicsAndLake.createTopics(prefix, 3);
    TopicsAndLake.produce(prefix, 0, 3_000, 3);
    String jobName = prefix + "-land";

    String out = PinPipeJar.run(tmp, List.of("land", "--flinkMaster=" + LocalStack.flinkMaster(),
        "--parallelism=2", "--jobName=" + jobName, "--kafkaBootstrapServers=" + LocalStack.kafka(),
        "--topicPrefix=" + prefix, "--lakeRoot=s3://" + bucket + "/" + prefix,
        "--endpoint=" + LocalStack.awsEndpoint(), "--awsRegion=us-east-1", "--s3PathStyle=true",
        "--flushSize=500", "--rotateIntervalSeconds=2", "--exitWhenCaughtUp=true"));

    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);
    JsonNode job = FlinkCluster.job(jobName);
    for (JsonNode step : job.get("vertices")) {
      assertEquals(2, step.get("parallelism").asInt(), "parallelism of " + step.get("name") + "; " + out);
    }
  }
}
