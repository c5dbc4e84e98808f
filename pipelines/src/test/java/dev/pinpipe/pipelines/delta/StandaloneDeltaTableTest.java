package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.CleanSchemas;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written as Parquet and committed with delta-standalone read back the same, commit after commit. */
class StandaloneDeltaTableTest {
  @TempDir Path tmp;

  static Row geo(long ind) {
    return Row.withSchema(CleanSchemas.GEO)
        .addValues(ind, ind % 2 == 0 ? "Chad" : null, ind % 3 == 0 ? null : List.of(1.5, -ind / 7.0),
            ind % 5 == 0 ? null : new Instant(1_600_000_000_123L + ind))
        .build();
  }

  /** Rows of inds {@code from} to {@code to} - 1, in that order. */
  static List<Row> geos(long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long ind = from; ind < to; ind++) {
      rows.add(geo(ind));
    }
    return rows;
  }

  private static DataFile write(DeltaStorage storage, DeltaTable table, org.apache.beam.sdk.schemas.Schema schema,
      List<Row> rows) throws Exception {
    return ParquetRows.write(storage.conf(), DataFile.newPath(table.path()), schema, rows);
  }

  static List<Row> readAll(DeltaStorage storage, DeltaTable table, org.apache.beam.sdk.schemas.Schema schema)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    Configuration conf = storage.conf();
    for (String file : table.filesAddedAfter(-1).paths) {
      rows.addAll(ParquetRows.read(conf, new org.apache.hadoop.fs.Path(file), schema));
    }
    return rows;
  }

  @Test
  void appendsCommitAfterCommitPastACheckpointAndReadsBack() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_geo_table");
    assertEquals(Optional.empty(), table.schema());
    assertEquals(-1, table.transactionVersion("app"));
    List<Row> expected = new ArrayList<>();
    for (int commit = 0; commit < 12; commit++) { // delta-standalone checkpoints at version 10
      List<Row> rows = new ArrayList<>();
      for (long ind = commit * 10L; ind < commit * 10L + 10; ind++) {
        rows.add(geo(ind));
      }
      table.append(CleanSchemas.GEO, List.of(write(storage, table, CleanSchemas.GEO, rows)), "app", commit);
      expected.addAll(rows);
    }
    assertEquals(Optional.of(CleanSchemas.GEO), table.schema());
    assertEquals(11, table.transactionVersion("app"));
    assertEquals(-1, table.transactionVersion("other"));
    List<Row> read = readAll(storage, table, CleanSchemas.GEO);
    assertEquals(expected.size(), read.size());
    assertTrue(read.containsAll(expected) && expected.containsAll(read));
    assertTrue(tmp.resolve("t_geo_table/_delta_log/00000000000000000010.checkpoint.parquet").toFile().exists());

    DeltaTable.TableFiles after = table.filesAddedAfter(9);
    assertEquals(11, after.version);
    assertEquals(2, after.paths.size());
    assertEquals(20, after.rows, "the rows of the files added, from their statistics");
    assertEquals(120, table.filesAddedAfter(-1).rows);
  }

  @Test
  void replacesAPartOrTheWholeTableInOneCommit() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_results");
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, CleanSchemas.GEO, List.of(geo(1), geo(2)))), "a");
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, CleanSchemas.GEO, List.of(geo(3)))), "b");
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, CleanSchemas.GEO, List.of(geo(4)))), "a");
    assertEquals(List.of(geo(3), geo(4)), sortedByInd(readAll(storage, table, CleanSchemas.GEO)), "part a replaced, b kept");
    table.replace(CleanSchemas.GEO, List.of(), "b");
    assertEquals(List.of(geo(4)), readAll(storage, table, CleanSchemas.GEO), "part b emptied");
    table.replace(RejectedRecord.SCHEMA, List.of(), null);
    assertEquals(Optional.of(RejectedRecord.SCHEMA), table.schema(), "a whole-table replace sets the columns");
    assertEquals(List.of(), table.filesAddedAfter(-1).paths);
  }

  private static List<Row> sortedByInd(List<Row> rows) {
    rows.sort(java.util.Comparator.comparing(row -> row.getInt64("ind")));
    return rows;
  }

  @Test
  void everyRecordShapeRoundTrips() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    List<org.apache.beam.sdk.schemas.Schema> schemas = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      schemas.add(kind.cleanSchema());
    }
    schemas.add(RejectedRecord.SCHEMA);
    Row pin = Row.withSchema(CleanSchemas.PIN).addValues(7L, "u", "t", "d", 12000L, "p", "a,b", "image",
        "https://x", "/data/", "art", 1).build();
    Row user = Row.withSchema(CleanSchemas.USER).addValues(7L, "Ann Lee", 30, new Instant(0)).build();
    Row rejected = RejectedRecord.of(RecordKind.PIN, "not valid JSON", "nope", "p.pin/0@3", null, new Instant(5));
    List<Row> rows = List.of(pin, geo(7), user, rejected);
    for (int i = 0; i < rows.size(); i++) {
      DeltaTable table = storage.table("t" + i);
      table.append(schemas.get(i), List.of(write(storage, table, schemas.get(i), List.of(rows.get(i)))), "a", 0);
      assertEquals(List.of(rows.get(i)), readAll(storage, table, schemas.get(i)));
      assertEquals(Optional.of(schemas.get(i)), table.schema());
    }
  }
}
