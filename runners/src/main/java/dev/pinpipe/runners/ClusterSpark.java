package dev.pinpipe.runners;

import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.MicrobatchSource;
import org.apache.beam.runners.spark.translation.SparkContextFactory;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark wiring on a cluster. Databricks creates the SparkContext before it calls {@code main} and
 * fails a job that makes another; {@code spark-submit} sets {@code spark.master} for the
 * application to use. In both cases the job takes that context ({@code getOrCreate}), hands it to
 * Beam as a provided context (which Beam never stops), and {@code main} returns rather than
 * exiting the JVM the cluster owns.
 */
final class ClusterSpark {
  private ClusterSpark() {}

  /** True when a Spark context already exists in this JVM or a launcher set {@code spark.master}. */
  static boolean onCluster() {
    // getActive is private[spark] in Scala, so public in bytecode, without a static forwarder.
    return SparkContext$.MODULE$.getActive().isDefined() || System.getProperty("spark.master") != null;
  }

  /** On a cluster, makes a SparkRunner job run on the cluster's context; elsewhere, does nothing. */
  static void useProvidedContext(PipelineOptions options) {
    if (!LocalSpark.isSpark(options) || !onCluster()) {
      return;
    }
    // Only the static hand-over survives: the options field is dropped when options are serialised.
    SparkContextFactory.setProvidedSparkContext(new JavaSparkContext(SparkContext.getOrCreate()));
    options.as(SparkPipelineOptions.class).setUsesProvidedSparkContext(true);
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
}
