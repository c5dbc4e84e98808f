package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.land.LakeSink;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import dev.pinpipe.transforms.join.JoinArrivingPosts;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** land runs on Flink unless told otherwise, with Flink's settings on Flink alone and never over an option given. */
class FlinkDefaultsTest {
  private static LakeSink.Options land(String... args) {
    LakeSink.Options options = PipelineOptionsFactory.fromArgs(args).as(LakeSink.Options.class);
    FlinkDefaults.landOnFlinkUnlessAsked(options, GivenOptions.of(args));
    FlinkDefaults.landSettingsUnlessAsked(options, GivenOptions.of(args));
    return options;
  }

  @Test
  void landRunsOnFlinkUnlessARunnerIsGiven() {
    assertEquals("FlinkRunner", land().getRunner().getSimpleName());
    assertEquals("DirectRunner", land("--runner=DirectRunner").getRunner().getSimpleName());
    assertEquals("SparkRunner", land("--runner=SparkRunner").getRunner().getSimpleName());
  }

  @Test
  void landFetchesMoreLooksEverySecondKeepsNoMetricsAndReusesElementsOnFlinkUnlessTold() {
    LakeSink.Options flink = land();
    assertEquals(FlinkDefaults.LAND_FETCH_BYTES, flink.getMaxPartitionFetchBytes());
    assertEquals(1, flink.as(FlinkPipelineOptions.class).getJobCheckIntervalInSecs());
    assertTrue(flink.as(FlinkPipelineOptions.class).getDisableMetrics());
    assertTrue(flink.as(FlinkPipelineOptions.class).getObjectReuse());
    assertEquals(FlinkDefaults.oneMachineParallelism(Runtime.getRuntime().availableProcessors()),
        flink.as(FlinkPipelineOptions.class).getParallelism());

    LakeSink.Options told = land("--maxPartitionFetchBytes=1048576", "--jobCheckIntervalInSecs=3",
        "--disableMetrics=false", "--objectReuse=false", "--parallelism=4");
    assertEquals(1048576, told.getMaxPartitionFetchBytes());
    assertEquals(3, told.as(FlinkPipelineOptions.class).getJobCheckIntervalInSecs());
    assertFalse(told.as(FlinkPipelineOptions.class).getDisableMetrics());
    assertFalse(told.as(FlinkPipelineOptions.class).getObjectReuse());
    assertEquals(4, told.as(FlinkPipelineOptions.class).getParallelism());
    assertEquals(-1, land("--runner=DirectRunner").as(FlinkPipelineOptions.class).getParallelism());

    assertNull(land("--runner=DirectRunner").getMaxPartitionFetchBytes(), "Kafka's own fetch size elsewhere");
  }

  private static StreamPipeline.Options stream(String... args) {
    StreamPipeline.Options options = PipelineOptionsFactory.fromArgs(args).as(StreamPipeline.Options.class);
    FlinkDefaults.streamSettingsUnlessAsked(options, GivenOptions.of(args));
    return options;
  }

  @Test
  void streamRunsOnFlinkUnlessARunnerIsGiven() {
    for (String[] args : new String[][] {{}, {"--runner=DirectRunner"}, {"--runner=SparkRunner"}}) {
      StreamPipeline.Options options = PipelineOptionsFactory.fromArgs(args).as(StreamPipeline.Options.class);
      FlinkDefaults.streamOnFlinkUnlessAsked(options, GivenOptions.of(args));
      assertEquals(args.length == 0 ? "FlinkRunner" : args[0].substring("--runner=".length()),
          options.getRunner().getSimpleName());
    }
  }

  @Test
  void streamOnFlinkLooksEverySecondKeepsNoMetricsReusesElementsAndKeysEachWaitingPostUnlessTold() {
    StreamPipeline.Options embedded = stream("--runner=FlinkRunner");
    FlinkPipelineOptions flink = embedded.as(FlinkPipelineOptions.class);
    assertEquals(1, flink.getJobCheckIntervalInSecs());
    assertTrue(flink.getDisableMetrics());
    assertTrue(flink.getObjectReuse());
    assertEquals(KeyBuckets.PER_KEY, embedded.getJoinKeyBuckets());
    assertEquals(FlinkDefaults.oneMachineParallelism(Runtime.getRuntime().availableProcessors()), flink.getParallelism());

    StreamPipeline.Options told = stream("--runner=FlinkRunner", "--jobCheckIntervalInSecs=3",
        "--disableMetrics=false", "--objectReuse=false", "--joinKeyBuckets=8", "--parallelism=4");
    FlinkPipelineOptions toldFlink = told.as(FlinkPipelineOptions.class);
    assertEquals(3, toldFlink.getJobCheckIntervalInSecs());
    assertFalse(toldFlink.getDisableMetrics());
    assertFalse(toldFlink.getObjectReuse());
    assertEquals(8, told.getJoinKeyBuckets());
    assertEquals(4, toldFlink.getParallelism());

    assertEquals(-1, stream("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:18081")
        .as(FlinkPipelineOptions.class).getParallelism(), "a cluster's own parallelism");
    StreamPipeline.Options direct = stream("--runner=DirectRunner");
    assertEquals(JoinArrivingPosts.BUCKETS, direct.getJoinKeyBuckets());
    assertFalse(direct.as(FlinkPipelineOptions.class).getObjectReuse());
  }

  @Test
  void landRunsOneReaderPerTwoCoresAndAtLeastOne() {
    assertEquals(1, FlinkDefaults.oneMachineParallelism(1));
    assertEquals(1, FlinkDefaults.oneMachineParallelism(2));
    assertEquals(4, FlinkDefaults.oneMachineParallelism(8));
  }

  @Test
  void aJobThatFailedOnFlinkPointsAtFlinksWarningNotAtTheStoppedCluster() {
    RuntimeException stopped = new RuntimeException("Failed to get Flink job state",
        new IllegalStateException("MiniCluster is not yet running or has already been shut down."));
    assertEquals("the job failed on Flink: the warning above from Flink's task says why",
        FlinkDefaults.explained(land(), stopped).getMessage());
    RuntimeException other = new IllegalStateException("land ended in state FAILED before catching up");
    assertSame(other, FlinkDefaults.explained(land(), other));
    assertSame(stopped, FlinkDefaults.explained(land("--runner=DirectRunner"), stopped));
  }
}
