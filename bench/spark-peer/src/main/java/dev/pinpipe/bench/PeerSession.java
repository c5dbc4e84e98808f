package dev.pinpipe.bench;

import org.apache.spark.sql.SparkSession;

/** A local Spark session with Delta, tuned as one would for two cores (2 shuffle partitions, not 200, unless
 * -Dspark.sql.shuffle.partitions says otherwise). */
final class PeerSession {
  private PeerSession() {}

  static SparkSession create(String name) {
    return SparkSession.builder()
        .appName(name)
        .master(System.getProperty("spark.master", "local[2]"))
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", System.getProperty("spark.sql.shuffle.partitions", "2"))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
  }
}
