package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A set of tables replaced one commit each, killed after any commit: the marker tells, and reads around it. */
class BatchRunsTest {
  private static final Schema SCHEMA = Schema.builder().addStringField("value").build();
  private static final List<String> TABLES = List.of("t_batch_a", "t_batch_b", "t_batch_c");
  private static final String MARKER = BatchRuns.table("t_batch");
  /** Commits allowed before the process "dies" at its next; below zero, no limit. */
  private static final AtomicInteger REPLACES_LEFT = new AtomicInteger(-1);

  @TempDir Path tmp;

  /** Tables whose replace throws, as a killed process stops, once {@link #REPLACES_LEFT} reaches zero. */
  private DeltaStorage dyingStorage() {
    return DeltaStorage.local(tmp.toString()).withOpener((conf, path) -> {
      DeltaTable real = StandaloneDeltaTable.at(conf, path);
      return (DeltaTable) java.lang.reflect.Proxy.newProxyInstance(DeltaTable.class.getClassLoader(),
          new Class<?>[] {DeltaTable.class}, (proxy, method, args) -> {
            if ((method.getName().equals("replace") || method.getName().equals("append"))
                && REPLACES_LEFT.getAndDecrement() == 0) {
              throw new IllegalStateException("killed");
            }
            try {
              return method.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    });
  }

  /** Writes one file per table holding {@code run}'s row for it, and replaces and marks them all. */
  private void runOnce(DeltaStorage storage, String run) throws IOException {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    Map<String, List<DataFile>> files = new LinkedHashMap<>();
    for (String table : TABLES) {
      schemas.put(table, SCHEMA);
      org.apache.hadoop.fs.Path file = DataFile.newPath(storage.tablePath(table));
      files.put(table, List.of(ParquetRows.write(storage.conf(), file, SCHEMA,
          List.of(Row.withSchema(SCHEMA).addValue(run + " " + table).build()))));
    }
    ReplaceDeltaTables.replaceAndMark(storage, MARKER, schemas, files);
  }

  private static List<String> values(DeltaStorage storage, String table, DeltaTable.TableFiles files) throws IOException {
    List<String> values = new ArrayList<>();
    for (String file : files.paths) {
      ParquetRows.read(storage.conf(), new org.apache.hadoop.fs.Path(file), SCHEMA).forEach(row -> values.add(row.getString(0)));
    }
    return values;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void aRunKilledAfterAnyCommitIsToldTornAndTheMarkedVersionsReadTheRunBeforeWhole(int commitsBeforeDying) throws Exception {
    DeltaStorage storage = dyingStorage();
    REPLACES_LEFT.set(-1);
    runOnce(storage, "first");
    BatchRuns.State whole = BatchRuns.read(storage, MARKER, TABLES);
    assertEquals(List.of(), whole.torn);
    assertTrue(whole.describe(MARKER).startsWith("whole: every table is from run "), whole.describe(MARKER));

    REPLACES_LEFT.set(commitsBeforeDying);
    assertThrows(IllegalStateException.class, () -> runOnce(storage, "second"));
    REPLACES_LEFT.set(-1);
    BatchRuns.State state = BatchRuns.read(storage, MARKER, TABLES);
    assertEquals(TABLES.subList(0, commitsBeforeDying), state.torn, "the tables the killed run replaced");
    assertEquals(whole.run, state.run);
    if (commitsBeforeDying > 0) {
      assertTrue(state.describe(MARKER).startsWith("torn: " + TABLES.get(0)), state.describe(MARKER));
    }
    for (String table : TABLES) {
      DeltaTable.TableFiles marked = storage.table(table).filesAt(state.versions.get(table)).orElseThrow();
      assertEquals(List.of("first " + table), values(storage, table, marked), table + " as of the marked version");
    }

    runOnce(storage, "second");
    BatchRuns.State again = BatchRuns.read(storage, MARKER, TABLES);
    assertEquals(List.of(), again.torn);
    for (String table : TABLES) {
      assertEquals(List.of("second " + table),
          values(storage, table, storage.table(table).filesAt(again.versions.get(table)).orElseThrow()));
    }
  }
}
