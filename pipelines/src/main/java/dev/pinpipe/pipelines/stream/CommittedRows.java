package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.TableSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows and commits a stream has added to its tables since it started, read from the tables'
 * Delta logs (each data file's statistics hold its rows): what the run did durably, on any
 * runner, including one that reports no metrics while it runs (Flink).
 */
final class CommittedRows {
  private final DeltaStorage storage;
  /** Per table, the version last read: its version at start, or -1 if it did not exist. */
  private final Map<String, Long> versions = new LinkedHashMap<>();
  private long rows;
  private long commits;

  /** Notes, before the stream starts, where each of {@code tables} stands. */
  CommittedRows(DeltaStorage storage, List<TableSpec> tables) {
    this.storage = storage;
    for (TableSpec table : tables) {
      versions.put(table.name, versionNow(table.name));
    }
  }

  private long versionNow(String table) {
    try {
      DeltaTable delta = storage.table(table);
      return delta.schema().isPresent() ? delta.version() : -1;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read Delta table " + table + ": " + e.getMessage(), e);
    }
  }

  /** Reads what was added since the last look; a table that cannot be read now is read next time. */
  CommittedRows refresh() {
    for (Map.Entry<String, Long> table : versions.entrySet()) {
      try {
        DeltaTable delta = storage.table(table.getKey());
        if (delta.schema().isEmpty()) {
          continue;
        }
        DeltaTable.TableFiles added = delta.filesAddedAfter(table.getValue());
        rows += added.rows;
        commits += added.paths.size(); // the stream's writer adds one file per commit
        table.setValue(added.version);
      } catch (IOException | RuntimeException unreadable) {
        // storage away for now: the writer waits for it too
      }
    }
    return this;
  }

  long rows() {
    return rows;
  }

  long commits() {
    return commits;
  }
}
