package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.CleanSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vacuum deletes only the files no version within the retention can read, and only old ones. */
class VacuumTableTest {
  @TempDir Path tmp;

  private static DataFile append(DeltaStorage storage, DeltaTable table, long from, long to, long transaction)
      throws Exception {
    DataFile file = ParquetRows.write(storage.conf(), DataFile.newPath(table.path()), CleanSchemas.GEO, StandaloneDeltaTableTest.geos(from, to));
    table.append(CleanSchemas.GEO, List.of(file), "app", transaction);
    return file;
  }

  private static Set<String> dataFiles(DeltaTable table) throws Exception {
    try (Stream<Path> files = Files.list(Paths.get(java.net.URI.create(table.path())))) {
      return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".parquet") && !name.startsWith("."))
          .collect(Collectors.toSet());
    }
  }

  private static Set<String> live(DeltaTable table) throws Exception {
    return table.liveFiles().stream().map(file -> new org.apache.hadoop.fs.Path(file.path).getName())
        .collect(Collectors.toSet());
  }

  @Test
  void onlyFilesRemovedBeforeTheRetentionOrTakenByNoCommitAndOlderThanItGo() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    DeltaTable table = storage.table("t_geo_table");
    for (int commit = 0; commit < 4; commit++) {
      append(storage, table, commit * 10L, commit * 10L + 10, commit);
    }
    new CompactTable(storage.conf(), 1 << 27).compact(table); // removes the four, adds one
    Set<String> firstCompaction = live(table);
    Thread.sleep(1_500);
    append(storage, table, 40, 50, 4);
    Instant betweenCompactions = Instant.now();
    Thread.sleep(1_500);
    new CompactTable(storage.conf(), 1 << 27).compact(table); // removes the first compaction's file and the fifth
    DataFile orphan = ParquetRows.write(storage.conf(), DataFile.newPath(table.path()), CleanSchemas.GEO, StandaloneDeltaTableTest.geos(0, 1));
    Files.writeString(Paths.get(java.net.URI.create(table.path())).resolve(".hidden.parquet"), "x");
    assertEquals(4 + 1 + 1 + 1 + 1, dataFiles(table).size(), "four appends, two compactions, the fifth, the orphan");

    VacuumTable.Outcome young = new VacuumTable(storage.conf(), Duration.ofHours(1)).vacuum(table, Instant.now());
    assertEquals(0, young.filesDeleted, "the table is younger than the retention");

    // A retention that ends between the two compactions: the first one's removals are past it.
    Instant now = Instant.now().plusSeconds(3_600);
    VacuumTable.Outcome outcome =
        new VacuumTable(storage.conf(), Duration.between(betweenCompactions, now)).vacuum(table, now);
    Set<String> left = dataFiles(table);
    assertEquals(4, outcome.filesDeleted, "the four files the first compaction removed");
    assertTrue(left.containsAll(live(table)), "the live file stays");
    assertTrue(left.containsAll(firstCompaction), "removed within the retention: a reader of that version needs it");
    assertTrue(left.contains(orphan.name), "written after the retention's start: it may be a commit's to come");
    assertEquals(4, left.size(), "the live file, the first compaction's, the fifth append's, the orphan; " + left);
    assertTrue(Files.exists(Paths.get(java.net.URI.create(table.path())).resolve(".hidden.parquet")), "hidden files stay");
    assertEquals(StandaloneDeltaTableTest.geos(0, 50), StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO));

    VacuumTable.Outcome later = new VacuumTable(storage.conf(), Duration.ofHours(1)).vacuum(table, now.plusSeconds(7_200));
    assertEquals(3, later.filesDeleted, "past every removal and the orphan's age, only the live file stays");
    assertEquals(live(table), dataFiles(table));
    assertEquals(StandaloneDeltaTableTest.geos(0, 50), StandaloneDeltaTableTest.readAll(storage, table, CleanSchemas.GEO));
  }
}
