package dev.pinpipe.runners;

import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/** The command line's SparkRunner settings for {@code batch}, each measured; an option given wins. */
final class SparkDefaults {
  private SparkDefaults() {}

  /** Where {@code batch} keeps the collections it reads more than once, unless {@code --storageLevel} is given. */
  static final String BATCH_STORAGE_LEVEL = "DISK_ONLY";

  /**
   * The runner caches every collection read by more than one step, as Java objects by default
   * (MEMORY_ONLY). Spark then estimates the size of those objects as it stores them, walking their
   * graphs: a profile (JFR) of batch at 1M posts under -Xmx3g put 15% of its CPU there. Cached as
   * encoded bytes on local disk, the run took 114.5 s on 215 CPU-s against 127–133 s on 243–257;
   * MEMORY_AND_DISK_SER ran out of heap.
   */
  static void batchCacheOnDiskUnlessAsked(PipelineOptions options, GivenOptions given) {
    if (Runners.runsOn(options, Runners.SPARK)
        && !given.gives("storageLevel")) {
      options.as(SparkPipelineOptions.class).setStorageLevel(BATCH_STORAGE_LEVEL);
    }
  }
}
