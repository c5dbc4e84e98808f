package dev.pinpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The stream's peer: Kafka topics {@code <prefix>.pin/.geo/.user} → {@link PeerCleaning} → Delta
 * tables by delta-spark, the way a Spark team would write it: one Structured Streaming query, a
 * trigger every 10 s (pinpipe's --commitSeconds), and per micro-batch an insert-only MERGE on
 * {@code ind} per table (so each ind is in its table once) and an idempotent append of the rejected
 * lines.
 *
 * <p>Usage: {@code StreamPeer <bootstrap> <prefix> <deltaRoot> <checkpoint> catch-up|<seconds>
 * [trigger-seconds]}: catch-up reads what the topics hold and exits (Trigger.AvailableNow); a
 * number of seconds follows the topics that long, a micro-batch every trigger-seconds (default 10).
 */
public final class StreamPeer {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String prefix = args[1];
    String root = args[2];
    String checkpoint = args[3];
    boolean catchUp = args[4].equals("catch-up");
    long triggerSeconds = args.length > 5 ? Long.parseLong(args[5]) : 10;
    SparkSession spark = PeerSession.create("stream-peer");
    Dataset<Row> records =
        spark.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", prefix + ".pin," + prefix + ".geo," + prefix + ".user")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr(
                "substring_index(topic, '.', -1) AS kind",
                "CAST(value AS STRING) AS raw",
                "concat(topic, '/', partition, '@', offset) AS source",
                "timestamp AS arrived_at");
    VoidFunction2<Dataset<Row>, Long> write = (batch, id) -> writeBatch(spark, batch, id, root, prefix);
    StreamingQuery query =
        records.writeStream()
            .trigger(catchUp ? Trigger.AvailableNow() : Trigger.ProcessingTime(triggerSeconds, TimeUnit.SECONDS))
            .option("checkpointLocation", checkpoint)
            .foreachBatch(write)
            .start();
    if (catchUp) {
      query.awaitTermination();
    } else {
      query.awaitTermination(Long.parseLong(args[4]) * 1000);
      query.stop();
    }
    spark.stop();
  }

  private static void writeBatch(SparkSession spark, Dataset<Row> batch, long id, String root, String prefix) {
    batch.persist();
    for (String kind : PeerCleaning.KINDS) {
      Dataset<Row> parsed = PeerCleaning.parse(kind, batch.filter(col("kind").equalTo(kind))).persist();
      Dataset<Row> clean = PeerCleaning.clean(kind, parsed.filter(col("reason").isNull())).dropDuplicates("ind");
      String table = root + "/" + prefix + "_" + kind + "_table";
      if (DeltaTable.isDeltaTable(spark, table)) {
        DeltaTable.forPath(spark, table).as("t").merge(clean.as("s"), "t.ind = s.ind").whenNotMatched().insertAll().execute();
      } else {
        clean.write().format("delta").save(table);
      }
      parsed.filter(col("reason").isNotNull())
          .select(lit(kind).as("kind"), col("reason"), col("raw"), col("source"), col("arrived_at"), current_timestamp().as("rejected_at"))
          .write()
          .format("delta")
          .mode("append")
          .option("txnAppId", "stream-peer-" + prefix + "-" + kind)
          .option("txnVersion", id)
          .save(root + "/" + prefix + "_rejected");
      parsed.unpersist();
    }
    batch.unpersist();
  }
}
