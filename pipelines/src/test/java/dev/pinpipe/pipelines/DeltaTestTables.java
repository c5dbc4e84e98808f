package dev.pinpipe.pipelines;

import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.ParquetRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** A Delta table's rows as the project reads them back, for tests. */
public final class DeltaTestTables {
  private DeltaTestTables() {}

  public static List<Row> rows(DeltaStorage storage, String table, Schema schema) throws IOException {
    List<Row> rows = new ArrayList<>();
    Configuration conf = storage.conf();
    DeltaTable delta = storage.table(table);
    for (String file : delta.filesAddedAfter(-1).paths) {
      rows.addAll(ParquetRows.read(conf, new Path(file), schema));
    }
    return rows;
  }
}
