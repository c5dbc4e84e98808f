package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** batch's SparkRunner settings apply to the SparkRunner alone, and never over an option given. */
class SparkDefaultsTest {
  private static String storageLevel(String... args) {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args).create();
    SparkDefaults.batchCacheOnDiskUnlessAsked(options, GivenOptions.of(args));
    return options.as(SparkPipelineOptions.class).getStorageLevel();
  }

  @Test
  void batchCachesOnDiskOnSparkUnlessTold() {
    assertEquals("DISK_ONLY", storageLevel("--runner=SparkRunner"));
    assertEquals("MEMORY_ONLY", storageLevel("--runner=SparkRunner", "--storageLevel=MEMORY_ONLY"));
    String runnersOwn = PipelineOptionsFactory.create().as(SparkPipelineOptions.class).getStorageLevel();
    assertEquals(runnersOwn, storageLevel("--runner=DirectRunner"));
  }
}
