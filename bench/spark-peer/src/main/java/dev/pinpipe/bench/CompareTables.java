package dev.pinpipe.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads two sets of clean tables with Spark SQL and delta-spark (pinpipe's, written by
 * delta-standalone, and the peer's) and fails unless each pair holds the same rows.
 *
 * <p>Usage: {@code CompareTables <deltaRoot> <otherRoot> <prefix> <otherPrefix>}
 */
public final class CompareTables {
  public static void main(String[] args) {
    SparkSession spark = PeerSession.create("compare-tables");
    boolean same = true;
    for (String kind : new String[] {"pin", "geo", "user"}) {
      Dataset<Row> ours = spark.read().format("delta").load(args[0] + "/" + args[2] + "_" + kind + "_table");
      Dataset<Row> theirs = spark.read().format("delta").load(args[1] + "/" + args[3] + "_" + kind + "_table");
      long rows = ours.count();
      long onlyOurs = ours.exceptAll(theirs).count();
      long onlyTheirs = theirs.exceptAll(ours).count();
      System.out.printf("%s: %,d rows read by Spark SQL; %d only in the first, %d only in the second%n", kind, rows, onlyOurs, onlyTheirs);
      same &= onlyOurs == 0 && onlyTheirs == 0;
    }
    spark.stop();
    if (!same) {
      System.exit(1);
    }
  }
}
