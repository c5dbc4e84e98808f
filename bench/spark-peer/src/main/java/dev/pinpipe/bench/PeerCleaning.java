package dev.pinpipe.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * pinpipe's parsing and cleaning rules written again in Spark SQL, as a team without Beam would.
 * It covers every cleaning rule and the rejection reasons for invalid JSON, a missing key and a
 * field that is not its type (checked in column order, as pinpipe does); pinpipe's finer checks
 * (duplicate keys, objects where text belongs, line and number length bounds) are left out.
 */
final class PeerCleaning {
  private static final String CORRUPT = "_corrupt_record";
  private static final String INTEGER = "^\\s*[+-]?[0-9]+(\\.0*)?\\s*$";

  private PeerCleaning() {}

  /** The record kinds, as the topics and folders name them. */
  static final List<String> KINDS = List.of("pin", "geo", "user");

  /** The source columns of each kind and their types, in the order pinpipe checks them. */
  static final Map<String, List<Map.Entry<String, DataType>>> RAW =
      Map.of(
          "pin",
          List.of(
              Map.entry("index", DataTypes.LongType),
              Map.entry("unique_id", DataTypes.StringType),
              Map.entry("title", DataTypes.StringType),
              Map.entry("description", DataTypes.StringType),
              Map.entry("poster_name", DataTypes.StringType),
              Map.entry("follower_count", DataTypes.StringType),
              Map.entry("tag_list", DataTypes.StringType),
              Map.entry("is_image_or_video", DataTypes.StringType),
              Map.entry("image_src", DataTypes.StringType),
              Map.entry("downloaded", DataTypes.IntegerType),
              Map.entry("save_location", DataTypes.StringType),
              Map.entry("category", DataTypes.StringType)),
          "geo",
          List.of(
              Map.entry("ind", DataTypes.LongType),
              Map.entry("timestamp", DataTypes.TimestampType),
              Map.entry("latitude", DataTypes.DoubleType),
              Map.entry("longitude", DataTypes.DoubleType),
              Map.entry("country", DataTypes.StringType)),
          "user",
          List.of(
              Map.entry("ind", DataTypes.LongType),
              Map.entry("first_name", DataTypes.StringType),
              Map.entry("last_name", DataTypes.StringType),
              Map.entry("age", DataTypes.IntegerType),
              Map.entry("date_joined", DataTypes.TimestampType)));

  /**
   * Lines ({@code raw}, plus any columns to keep) to the typed source columns and {@code reason},
   * null when the line is valid.
   */
  static Dataset<Row> parse(String kind, Dataset<Row> lines) {
    List<Map.Entry<String, DataType>> fields = RAW.get(kind);
    List<StructField> text = new ArrayList<>();
    for (Map.Entry<String, DataType> field : fields) {
      text.add(DataTypes.createStructField(field.getKey(), DataTypes.StringType, true));
    }
    text.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> json = lines.withColumn("j", from_json(col("raw"), new StructType(text.toArray(new StructField[0]))));

    List<Column> reasons = new ArrayList<>();
    reasons.add(when(col("j").isNull().or(col("j." + CORRUPT).isNotNull()), lit("not valid JSON")));
    Dataset<Row> typed = json;
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i).getKey();
      DataType type = fields.get(i).getValue();
      Column value = col("j.`" + name + "`");
      if (i == 0) {
        reasons.add(when(value.isNull(), lit("missing key " + name)));
      }
      if (type.equals(DataTypes.StringType)) {
        typed = typed.withColumn(name, value);
        continue;
      }
      boolean integral = type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType);
      Column cast = integral ? when(value.rlike(INTEGER), value.cast("decimal(38,0)").cast(type)) : value.cast(type);
      typed = typed.withColumn(name, cast);
      String what = integral ? "an integer" : type.equals(DataTypes.DoubleType) ? "a number" : "a datetime";
      reasons.add(when(value.isNotNull().and(cast.isNull()), lit(name + " is not " + what)));
    }
    return typed.withColumn("reason", coalesce(reasons.toArray(new Column[0]))).drop("j");
  }

  /** Valid parsed rows to pinpipe's clean columns, in its clean schema's order. */
  static Dataset<Row> clean(String kind, Dataset<Row> parsed) {
    switch (kind) {
      case "pin":
        return parsed.select(
            col("index").as("ind"),
            blankToNull(col("unique_id")).as("unique_id"),
            without(col("title"), "No Title Data Available").as("title"),
            without(col("description"), "No description available Story format", "No description available", "Untitled")
                .as("description"),
            followerCount(without(col("follower_count"), "User Info Error")).as("follower_count"),
            without(col("poster_name"), "User Info Error").as("poster_name"),
            without(col("tag_list"), "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e").as("tag_list"),
            blankToNull(col("is_image_or_video")).as("is_image_or_video"),
            without(col("image_src"), "Image src error.").as("image_src"),
            savePath(col("save_location")).as("save_location"),
            blankToNull(col("category")).as("category"),
            col("downloaded"));
      case "geo":
        return parsed.select(
            col("ind"),
            blankToNull(col("country")).as("country"),
            when(col("latitude").isNotNull().and(col("longitude").isNotNull()), array(col("latitude"), col("longitude")))
                .as("coordinates"),
            col("timestamp"));
      default:
        Column first = blankToNull(col("first_name"));
        Column last = blankToNull(col("last_name"));
        return parsed.select(
            col("ind"),
            when(first.isNull(), last).when(last.isNull(), first).otherwise(concat(first, lit(" "), last)).as("user_name"),
            col("age"),
            col("date_joined"));
    }
  }

  private static Column blankToNull(Column text) {
    return when(text.rlike("^\\s*$"), lit(null).cast("string")).otherwise(text);
  }

  private static Column without(Column text, String... placeholders) {
    return when(text.isin((Object[]) placeholders), lit(null).cast("string")).otherwise(blankToNull(text));
  }

  /** 718, 12k, 12.3k, 1M; anything else null. */
  private static Column followerCount(Column text) {
    String format = "^([0-9]+)(\\.[0-9]+)?([kM])?$";
    Column number = concat(regexp_extract(text, format, 1), regexp_extract(text, format, 2)).cast("decimal(38,10)");
    Column suffix = regexp_extract(text, format, 3);
    Column scaled = when(suffix.equalTo("k"), number.multiply(1_000)).when(suffix.equalTo("M"), number.multiply(1_000_000)).otherwise(number);
    Column plain = text.rlike(format).and(regexp_extract(text, format, 2).equalTo("").or(suffix.notEqual("")));
    return when(plain, scaled.cast("bigint"));
  }

  private static Column savePath(Column text) {
    Column path = blankToNull(text);
    return when(path.startsWith("Local save in "), blankToNull(path.substr(15, Integer.MAX_VALUE))).otherwise(path);
  }
}
