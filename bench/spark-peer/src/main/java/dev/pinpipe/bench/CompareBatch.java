package dev.pinpipe.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks that {@code batch} and {@link BatchPeer} agree: the same rows in the three clean tables
 * and the nine results (read with the peer's schemas, so timestamps compare as instants), and the
 * same number of rejected lines per kind. Reasons are printed, not compared: the peer words a few
 * of them differently and leaves batch's finer checks out.
 *
 * <p>Usage: {@code CompareBatch <batchOutputDir> <peerOutputDir>}; exits 1 if they differ.
 */
public final class CompareBatch {
  public static void main(String[] args) throws Exception {
    String batch = args[0];
    String peer = args[1];
    JsonNode schemas = new ObjectMapper().readTree(Files.readString(Path.of(peer, "_schemas.json")));
    SparkSession spark = PeerSession.create("compare-batch");
    boolean same = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> folder = it.next();
      String name = folder.getKey();
      StructType schema = (StructType) DataType.fromJson(folder.getValue().toString());
      Dataset<Row> ours = spark.read().schema(schema).json(batch + "/" + name + "/*.json");
      Dataset<Row> theirs = spark.read().schema(schema).json(peer + "/" + name + "/*.json");
      long rows = ours.count();
      long peerRows = theirs.count();
      if (name.startsWith("rejected/")) {
        System.out.printf("%-45s batch %,d, peer %,d%n", name, rows, peerRows);
        ours.groupBy("reason").count().orderBy(col("count").desc()).show(20, false);
        theirs.groupBy("reason").count().orderBy(col("count").desc()).show(20, false);
        same &= rows == peerRows;
        continue;
      }
      long onlyOurs = ours.exceptAll(theirs).count();
      long onlyTheirs = theirs.exceptAll(ours).count();
      System.out.printf("%-45s %,d rows; %d only in batch's, %d only in the peer's%n", name, rows, onlyOurs, onlyTheirs);
      same &= onlyOurs == 0 && onlyTheirs == 0 && rows > 0;
    }
    spark.stop();
    System.out.println(same ? "batch and the peer agree" : "batch and the peer DIFFER");
    if (!same) {
      System.exit(1);
    }
  }
}
