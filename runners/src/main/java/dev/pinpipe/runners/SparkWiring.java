package dev.pinpipe.runners;

import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.MicrobatchSource;
import org.apache.beam.runners.spark.translation.SparkContextFactory;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Everything the command line does to run a SparkRunner job, locally or on a cluster. On a cluster
 * (Databricks creates the SparkContext before it calls {@code main} and fails a job that makes
 * another; {@code spark-submit} sets {@code spark.master}) the job takes that context, hands it to
 * Beam as a provided context (which Beam never stops), and {@code main} returns rather than
 * exiting the JVM the cluster owns. Locally, a {@code local} master binds to loopback only.
 */
final class SparkWiring {
  private SparkWiring() {}

  static boolean isSpark(PipelineOptions options) {
    return Runners.runsOn(options, Runners.SPARK);
  }

  /** True when a Spark context already exists in this JVM or a launcher set {@code spark.master}. */
  static boolean onCluster() {
    // getActive is private[spark] in Scala, so public in bytecode, without a static forwarder.
    return SparkContext$.MODULE$.getActive().isDefined() || System.getProperty("spark.master") != null;
  }

  /** A SparkRunner job takes the cluster's context when there is one, else a loopback-bound local one. */
  static void wire(PipelineOptions options) {
    if (!isSpark(options)) {
      return;
    }
    if (onCluster()) {
      // Only the static hand-over survives: the options field is dropped when options are serialised.
      SparkContextFactory.setProvidedSparkContext(new JavaSparkContext(SparkContext.getOrCreate()));
      options.as(SparkPipelineOptions.class).setUsesProvidedSparkContext(true);
      return;
    }
    if (options.as(SparkPipelineOptions.class).getSparkMaster().startsWith("local")) {
      setIfAbsent("spark.driver.bindAddress", "127.0.0.1");
      setIfAbsent("spark.driver.host", "127.0.0.1");
    }
  }

  /**
   * Closes the unbounded-source readers Beam's Spark runner caches between micro-batches. It never
   * closes them when a stream stops, and KafkaIO's readers hold non-daemon threads, so the JVM a
   * {@code spark-submit} started would never end after a catch-up run, and a long-lived driver
   * would keep polling Kafka. Readers in executors' own JVMs end with them.
   */
  static void closeSourceReaders() {
    try {
      MicrobatchSource.clearCache();
    } catch (NullPointerException noReaderCache) {
      // No stream ran in this JVM, so there is no cache to clear.
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
