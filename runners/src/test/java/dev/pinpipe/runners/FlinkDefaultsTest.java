package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.land.LakeSink;
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
    assertEquals(FlinkDefaults.landParallelism(Runtime.getRuntime().availableProcessors()),
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

  @Test
  void landRunsOneReaderPerTwoCoresAndAtLeastOne() {
    assertEquals(1, FlinkDefaults.landParallelism(1));
    assertEquals(1, FlinkDefaults.landParallelism(2));
    assertEquals(4, FlinkDefaults.landParallelism(8));
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
