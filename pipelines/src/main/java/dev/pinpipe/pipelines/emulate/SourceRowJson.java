package dev.pinpipe.pipelines.emulate;

import dev.pinpipe.pipelines.generate.SourcePost;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.KV;

/**
 * One source row as the emulator posts it: a JSON object with the source column names and
 * {@code YYYY-MM-DD HH:MM:SS} datetimes, keyed by its {@code ind}.
 */
final class SourceRowJson implements JdbcIO.RowMapper<KV<String, String>> {
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Counter of source rows read to be posted, in namespace pinpipe. */
  static final String RECORDS = "emulate_records";

  private final RecordKind kind;
  private final Counter records = Metrics.counter(CleanRecords.METRICS_NAMESPACE, RECORDS);

  SourceRowJson(RecordKind kind) {
    this.kind = kind;
  }

  @Override
  public KV<String, String> mapRow(ResultSet row) throws SQLException {
    records.inc();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Schema.Field field : kind.rawSchema().getFields()) {
      String column = field.getName();
      Object value;
      switch (field.getType().getTypeName()) {
        case INT64:
          value = row.getLong(column);
          break;
        case INT32:
          value = row.getInt(column);
          break;
        case DOUBLE:
          value = row.getDouble(column);
          break;
        case DATETIME:
          LocalDateTime datetime = row.getObject(column, LocalDateTime.class);
          value = datetime == null ? null : DATETIME.format(datetime);
          break;
        default:
          value = row.getString(column);
      }
      values.put(column, row.wasNull() ? null : value);
    }
    return KV.of(String.valueOf(values.get(kind.rawKey())), SourcePost.toJson(values));
  }
}
