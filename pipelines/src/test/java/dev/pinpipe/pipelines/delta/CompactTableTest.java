package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.CleanSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction rewrites small files into large ones without changing a table's rows, part by part. */
class CompactTableTest {
  private static final long MB = 1024 * 1024;

  @TempDir Path tmp;

  private static DataFile write(DeltaStorage storage, DeltaTable table, List<Row> rows) throws Exception {
    return ParquetRows.write(storage.conf(), DataFile.newPath(table.path()), CleanSchemas.GEO, rows);
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing((Row row) -> row.getInt64("ind")));
    return copy;
  }

  @Test
  void smallAppendsBecomeOneFileWithTheSameRowsThatReadersOfNewRowsSkip() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_geo_table");
    for (int commit = 0; commit < 12; commit++) { // past delta-standalone's checkpoint at version 10
      table.append(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(commit * 10L, commit * 10L + 10))
          .arrivedBy(1_000L * commit)), "app", commit);
    }
    long before = table.version();

    CompactTable.Outcome outcome = new CompactTable(storage.conf(), 128 * MB).compact(table);

    assertEquals(12, outcome.filesBefore);
    assertEquals(12, outcome.filesRewritten);
    assertEquals(1, outcome.filesWritten);
    assertEquals(1, outcome.filesAfter());
    assertEquals(1, table.liveFiles().size());
    assertEquals(120, table.liveFiles().get(0).rows, "the new file's statistics");
    assertEquals(11_000L, table.liveFiles().get(0).latestArrival, "the newest arrival of its rows, for the stream's dedupe horizon");
    assertEquals(StandaloneDeltaTableTest.geos(0, 120), StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO), "rows, in the order written");
    DeltaTable.TableFiles added = table.filesAddedAfter(before);
    assertEquals(List.of(), added.paths, "a compaction adds no rows for a reader of what is new");
    assertEquals(before + 1, added.version);
    assertEquals(11, table.transactionVersion("app"), "the writer's transactions stay");
    table.append(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(120, 125))), "app", 12);
    assertEquals(5, table.filesAddedAfter(before + 1).rows);
  }

  @Test
  void eachPartIsCompactedOnItsOwnAndAReplaceOfThePartStillReplacesItsRows() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_result");
    List<DataFile> first = new ArrayList<>();
    for (int file = 0; file < 3; file++) {
      first.add(write(storage, table, StandaloneDeltaTableTest.geos(file * 10L, file * 10L + 10)));
    }
    table.replace(CleanSchemas.GEO, first, "window-1");
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(100, 105)), write(storage, table, StandaloneDeltaTableTest.geos(105, 110))),
        "window-2");

    CompactTable.Outcome outcome = new CompactTable(storage.conf(), 128 * MB).compact(table);

    assertEquals(5, outcome.filesRewritten);
    assertEquals(2, outcome.filesWritten, "one file per part");
    assertTrue(table.hasPart("window-1") && table.hasPart("window-2"));
    List<Row> expected = new ArrayList<>(StandaloneDeltaTableTest.geos(0, 30));
    expected.addAll(StandaloneDeltaTableTest.geos(100, 110));
    assertEquals(sorted(expected), sorted(StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO)));

    table.replace(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(500, 502))), "window-1");
    List<Row> replaced = new ArrayList<>(StandaloneDeltaTableTest.geos(100, 110));
    replaced.addAll(StandaloneDeltaTableTest.geos(500, 502));
    assertEquals(sorted(replaced), sorted(StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO)));
  }

  @Test
  void filesAtTheTargetSizeStayAndALoneSmallFileIsNotRewritten() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_geo_table");
    table.append(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(0, 10))), "app", 0);
    table.append(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(10, 20))), "app", 1);
    long size = table.liveFiles().get(0).size;

    CompactTable.Outcome none = new CompactTable(storage.conf(), size / 2).compact(table);
    assertEquals(0, none.filesRewritten, "both files are at least the target");
    table.append(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(20, 200))), "app", 2);
    long large = table.liveFiles().stream().mapToLong(f -> f.size).max().getAsLong();
    CompactTable.Outcome two = new CompactTable(storage.conf(), large).compact(table);
    assertEquals(2, two.filesRewritten, "the two small files, not the large one");
    assertEquals(2, table.liveFiles().size());
    assertEquals(StandaloneDeltaTableTest.geos(0, 200), sorted(StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO)));
  }

  @Test
  void replacesAndCompactionsAtOnceNeitherFailNorMixRows() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_result");
    DeltaTable other = storage.table("t_result"); // as another process would open it
    List<Row> last = List.of();
    java.util.concurrent.atomic.AtomicBoolean replacing = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger compacted = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService compactor = java.util.concurrent.Executors.newSingleThreadExecutor();
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(0, 1))), "window-1");
    java.util.concurrent.Future<?> compactions = compactor.submit(() -> {
      CompactTable compaction = new CompactTable(storage.conf(), 128 * MB);
      while (replacing.get()) {
        compacted.addAndGet(compaction.compact(other).filesWritten);
      }
      return null;
    });
    for (int round = 0; round < 20; round++) {
      List<DataFile> files = new ArrayList<>();
      for (int file = 0; file < 3; file++) {
        files.add(write(storage, table, StandaloneDeltaTableTest.geos(round * 100L + file * 10, round * 100L + file * 10 + 10)));
      }
      table.replace(CleanSchemas.GEO, files, "window-1");
      last = StandaloneDeltaTableTest.geos(round * 100L, round * 100L + 30);
    }
    replacing.set(false);
    compactions.get();
    compactor.shutdown();
    assertTrue(compacted.get() > 0, "no compaction ran between the replaces");
    assertEquals(last, sorted(StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO)));
  }

  @Test
  void aRearrangementOfFilesAnotherCommitRemovedFailsAndCommitsNothing() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_result");
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(0, 10))), "window-1");
    String old = table.liveFiles().get(0).path;
    table.replace(CleanSchemas.GEO, List.of(write(storage, table, StandaloneDeltaTableTest.geos(10, 20))), "window-1");
    long version = table.version();

    DataFile compacted = write(storage, table, StandaloneDeltaTableTest.geos(0, 10));
    assertThrows(DeltaTable.ChangedMeanwhile.class, () -> table.rearrange(List.of(old), List.of(compacted), "window-1"));
    assertEquals(version, table.version());
    assertEquals(StandaloneDeltaTableTest.geos(10, 20), StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO));
  }
}
