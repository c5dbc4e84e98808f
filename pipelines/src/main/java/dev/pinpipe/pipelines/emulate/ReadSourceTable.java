package dev.pinpipe.pipelines.emulate;

import dev.pinpipe.schemas.RecordKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.KV;

/** Reads every row of a source table in one query fetched in pages, as JdbcIO.read does. */
final class ReadSourceTable extends SourceRowsFn<byte[]> {
  /** Rows a page: MariaDB's driver streams them; MySQL's reads the table whole unless told to use a cursor. */
  private static final int FETCH_SIZE = 50_000;

  ReadSourceTable(JdbcIO.DataSourceConfiguration source, RecordKind kind) {
    super(source, kind);
  }

  @ProcessElement
  public void process(OutputReceiver<KV<String, String>> out) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement everyRow = connection.prepareStatement(select)) {
      everyRow.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = everyRow.executeQuery()) {
        while (rows.next()) {
          out.output(json.mapRow(rows));
        }
      }
    }
  }
}
