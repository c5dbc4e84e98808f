package dev.pinpipe.pipelines.emulate;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.SourceTables;
import javax.sql.DataSource;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Reads rows of one source table as {@link SourceRowJson}, over JDBC from a pool made once per
 * worker. Not with JdbcIO: Beam 2.70's prints a stray line ("null") to standard output for each
 * query it runs (JdbcUtil.extractTableFromReadQuery), in random mode hundreds a second.
 */
abstract class SourceRowsFn<InputT> extends DoFn<InputT, KV<String, String>> {
  private final JdbcIO.DataSourceConfiguration source;
  protected final SourceRowJson json;
  protected final String select;
  protected transient DataSource dataSource;

  SourceRowsFn(JdbcIO.DataSourceConfiguration source, RecordKind kind) {
    this.source = source;
    this.json = new SourceRowJson(kind);
    this.select = "SELECT * FROM " + SourceTables.table(kind);
  }

  @Setup
  public void setup() {
    dataSource = source.buildDatasource();
  }

  @Teardown
  public void teardown() throws Exception {
    // JdbcIO's data sources are connection pools: closing one closes the connections it keeps.
    if (dataSource instanceof AutoCloseable) {
      ((AutoCloseable) dataSource).close();
    }
  }
}
