package dev.pinpipe.pipelines.emulate;

import dev.pinpipe.schemas.RecordKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.KV;

/**
 * Reads the source row of each picked post by its key, one query per pick, on a connection and
 * statement kept between bundles (JdbcIO.readAll takes a connection per bundle).
 */
final class LookUpSourceRows extends SourceRowsFn<Long> {
  private final String key;
  private transient Connection connection;
  private transient PreparedStatement byKey;

  LookUpSourceRows(JdbcIO.DataSourceConfiguration source, RecordKind kind) {
    super(source, kind);
    this.key = kind.rawKey();
  }

  @ProcessElement
  public void process(@Element Long pick, OutputReceiver<KV<String, String>> out) throws SQLException {
    try {
      PreparedStatement statement = statement();
      statement.setLong(1, pick);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.output(json.mapRow(rows));
        }
      }
    } catch (SQLException e) {
      // The bundle fails; its retry (or the next bundle) starts on a new connection.
      close();
      throw e;
    }
  }

  private PreparedStatement statement() throws SQLException {
    if (byKey == null) {
      connection = dataSource.getConnection();
      byKey = connection.prepareStatement(select + " WHERE `" + key + "` = ?");
    }
    return byKey;
  }

  @Override
  public void teardown() throws Exception {
    close();
    super.teardown();
  }

  private void close() {
    try (Connection closing = connection) {
      // Closing the connection closes its statement.
    } catch (SQLException ignored) {
      // Nothing to keep from a connection being let go.
    } finally {
      connection = null;
      byKey = null;
    }
  }
}
