package dev.pinpipe.runners;

import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/** Spark wiring for local runs: a local master binds to loopback only. */
final class LocalSpark {
  private LocalSpark() {}

  static boolean isSpark(PipelineOptions options) {
    return Runners.runsOn(options, Runners.SPARK);
  }

  /** Keeps a local Spark driver on 127.0.0.1 unless the user chose otherwise. */
  static void bindToLoopback(PipelineOptions options) {
    if (!isSpark(options) || ClusterSpark.onCluster()) {
      return;
    }
    String master = options.as(SparkPipelineOptions.class).getSparkMaster();
    if (master.startsWith("local")) {
      setIfAbsent("spark.driver.bindAddress", "127.0.0.1");
      setIfAbsent("spark.driver.host", "127.0.0.1");
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
