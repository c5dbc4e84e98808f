package dev.pinpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * batch's peer: the same contract as {@code pinpipe batch}, written as a Spark team without Beam
 * would, with the Dataset API. It reads the lake's lines, rejects with {@link PeerCleaning}, cleans,
 * keeps one row per {@code ind} (the one whose JSON form sorts first, as batch does), joins pins
 * with geo and with users on {@code ind}, and writes the clean tables, the rejected lines and the
 * nine results as JSON lines under the same folder names. Ties, lower medians (percentile_disc),
 * year ranges and age groups follow README's rules for batch.
 *
 * <p>Usage: {@code BatchPeer <lakeRoot> <topicPrefix> <outputDir>}. It also writes
 * {@code _schemas.json} (folder → Spark schema) for {@link CompareBatch}.
 */
public final class BatchPeer {
  public static void main(String[] args) throws Exception {
    String lake = args[0];
    String prefix = args[1];
    String out = args[2];
    SparkSession spark = PeerSession.create("batch-peer");
    Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
    StringBuilder schemas = new StringBuilder("{");
    Map<String, Dataset<Row>> clean = new LinkedHashMap<>();
    for (String kind : PeerCleaning.KINDS) {
      Dataset<Row> lines =
          spark.read().text(lake + "/topics/" + prefix + "." + kind + "/partition=*/*.json")
              .select(col("value").as("raw"), input_file_name().as("source"));
      Dataset<Row> parsed = PeerCleaning.parse(kind, lines).persist();
      write(parsed.filter(col("reason").isNotNull()).select(lit(kind).as("kind"), col("reason"), col("raw"), col("source")),
          out, "rejected/" + kind, schemas);
      Dataset<Row> table = firstInJsonOrder(PeerCleaning.clean(kind, parsed.filter(col("reason").isNull()))).persist();
      write(table, out, "clean/" + kind, schemas);
      parsed.unpersist();
      clean.put(kind, table);
    }
    // Each result reads one of these: joined once, narrowed to the columns the results read.
    Dataset<Row> pinsWithGeo =
        clean.get("pin").join(clean.get("geo"), "ind")
            .select("country", "category", "poster_name", "follower_count", "timestamp")
            .persist();
    Dataset<Row> pinsWithUsers =
        clean.get("pin").join(clean.get("user"), "ind")
            .select(col("category"), col("follower_count"), ageGroup(col("age")).as("age_group"),
                yearWithin(col("date_joined"), 2015, 2020).as("join_year"))
            .persist();
    Dataset<Row> topUsers =
        top(pinsWithGeo.select("country", "poster_name", "follower_count").na().drop(),
            List.of("country"), col("follower_count").desc(), col("poster_name").asc());
    outputs.put("popular_category_by_country",
        mostFrequent(pinsWithGeo.select("country", "category"), "country"));
    outputs.put("popular_category_by_year",
        mostFrequent(pinsWithGeo.select(yearWithin(col("timestamp"), 2018, 2022).as("post_year"), col("category")), "post_year"));
    outputs.put("top_user_by_country", topUsers);
    outputs.put("top_country_by_followers",
        top(topUsers.select("country", "follower_count"), List.of(), col("follower_count").desc(), col("country").asc()));
    outputs.put("popular_category_by_age_group",
        mostFrequent(pinsWithUsers.select("age_group", "category"), "age_group"));
    outputs.put("median_followers_by_age_group",
        lowerMedian(pinsWithUsers.select(col("age_group"), col("follower_count")), "age_group"));
    outputs.put("users_joined_by_year",
        clean.get("user")
            .select(yearWithin(col("date_joined"), 2015, 2020).as("post_year"), col("user_name"), col("age"), col("date_joined"))
            .na().drop()
            .groupBy("post_year")
            .agg(countDistinct("user_name", "age", "date_joined").as("number_users_joined")));
    outputs.put("median_followers_by_join_year",
        lowerMedian(pinsWithUsers.select(col("join_year").as("post_year"), col("follower_count")), "post_year"));
    outputs.put("median_followers_by_age_group_and_join_year",
        lowerMedian(pinsWithUsers.select(col("age_group"), col("join_year").as("post_year"), col("follower_count")),
            "age_group", "post_year"));

    for (Map.Entry<String, Dataset<Row>> output : outputs.entrySet()) {
      write(output.getValue(), out, output.getKey(), schemas);
    }
    Files.writeString(Path.of(out, "_schemas.json"), schemas.append('}').toString(), StandardCharsets.UTF_8);
    spark.stop();
  }

  /** Writes {@code rows} as JSON lines into {@code out/folder}, noting its schema for CompareBatch. */
  private static void write(Dataset<Row> rows, String out, String folder, StringBuilder schemas) {
    rows.write().mode("overwrite").json(out + "/" + folder);
    schemas.append(schemas.length() > 1 ? "," : "").append('"').append(folder).append("\":").append(rows.schema().json());
  }

  /** One row per ind: of rows that share it, the one whose JSON form sorts first (batch's rule). */
  private static Dataset<Row> firstInJsonOrder(Dataset<Row> table) {
    Column[] columns = Arrays.stream(table.columns()).map(functions::col).toArray(Column[]::new);
    return table.withColumn("r", struct(columns))
        .groupBy("ind")
        .agg(expr("min_by(r, to_json(r))").as("kept"))
        .select("kept.*");
  }

  /** Per group, the value in most rows and its count; ties to the smallest value. */
  private static Dataset<Row> mostFrequent(Dataset<Row> groupAndCategory, String group) {
    return top(groupAndCategory.na().drop().groupBy(group, "category").count().withColumnRenamed("count", "category_count"),
        List.of(group), col("category_count").desc(), col("category").asc());
  }

  /** Per group (or overall with no group), the first row in {@code order}. */
  private static Dataset<Row> top(Dataset<Row> rows, List<String> groups, Column... order) {
    if (groups.isEmpty()) {
      return rows.orderBy(order).limit(1);
    }
    Column[] partition = groups.stream().map(functions::col).toArray(Column[]::new);
    return rows.withColumn("rank", row_number().over(Window.partitionBy(partition).orderBy(order)))
        .filter(col("rank").equalTo(1))
        .drop("rank");
  }

  /** Per group, the lower median of follower_count: the element at ceil(n/2) of the sorted values. */
  private static Dataset<Row> lowerMedian(Dataset<Row> rows, String... groups) {
    return rows.na().drop()
        .groupBy(groups[0], Arrays.copyOfRange(groups, 1, groups.length))
        .agg(expr("percentile_disc(0.5) WITHIN GROUP (ORDER BY follower_count)").cast("bigint").as("median_follower_count"));
  }

  private static Column ageGroup(Column age) {
    return when(age.geq(51), "+50").when(age.geq(36), "36-50").when(age.geq(25), "25-35").when(age.geq(18), "18-24");
  }

  private static Column yearWithin(Column timestamp, int from, int to) {
    return when(year(timestamp).between(from, to), year(timestamp));
  }
}
