package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.fs.Path;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * The run marker of a set of tables that a bounded run replaces one commit per table ({@code
 * batch --deltaRoot}): after its last table's commit, a run appends one row per table to {@code
 * <tables>_runs}, naming the version it committed. Delta has no commit across tables, so a run
 * killed between two commits leaves some tables new and the rest old; the marker is how readers
 * tell, and how they read one whole run anyway: each table as of the version the newest marked run
 * names ({@code VERSION AS OF} in Spark SQL, {@code DeltaTable(path, version=...)} in deltalake).
 */
public final class BatchRuns {
  public static final Schema SCHEMA = Schema.builder()
      .addStringField("run_id")
      .addStringField("table_name")
      .addInt64Field("table_version")
      .addDateTimeField("committed_at")
      .build();
  private static final String APP_ID = "pinpipe-batch-runs";

  private BatchRuns() {}

  /** The marker table of the tables named {@code <tables>_...}. */
  public static String table(String tables) {
    return tables + "_runs";
  }

  /** What the marker says of the tables now. */
  public static final class State {
    /** The newest whole run: its id and, per table, the version it committed; empty if none is marked. */
    public final Optional<String> run;
    public final Map<String, Long> versions;
    /** Tables committed again since that run by a run that never finished (or never marked): a torn set. */
    public final List<String> torn;

    State(Optional<String> run, Map<String, Long> versions, List<String> torn) {
      this.run = run;
      this.versions = versions;
      this.torn = torn;
    }

    /** One line for a person: the run readers should read, and what is torn. */
    public String describe(String markerTable) {
      if (torn.isEmpty()) {
        return run.map(id -> "whole: every table is from run " + id).orElse("no tables yet");
      }
      return "torn: " + String.join(", ", torn) + (run.isPresent()
          ? " were replaced by a run that did not finish; run " + run.get() + " is whole at the versions "
              + markerTable + " names"
          : " are marked by no whole run in " + markerTable + " (a run that did not finish, or one before"
              + " runs were marked)") + "; the next batch --deltaRoot run replaces them all";
    }
  }

  /** Commits a finished run's versions, one commit, after every table's commit. */
  public static void mark(DeltaStorage storage, String markerTable, Map<String, Long> versions) throws IOException {
    String runId = Instant.now() + "-" + UUID.randomUUID().toString().substring(0, 8);
    DateTime now = DateTime.now(DateTimeZone.UTC);
    List<Row> rows = new ArrayList<>();
    versions.forEach((name, version) ->
        rows.add(Row.withSchema(SCHEMA).addValues(runId, name, version, now).build()));
    Path file = DataFile.newPath(storage.tablePath(markerTable));
    DataFile written = ParquetRows.write(storage.conf(), file, SCHEMA, rows);
    storage.table(markerTable).append(SCHEMA, List.of(written), APP_ID, System.currentTimeMillis());
  }

  /** Reads the marker and each table's latest version: which run is whole, and which tables are torn. */
  public static State read(DeltaStorage storage, String markerTable, List<String> tables) throws IOException {
    DeltaTable marker = storage.table(markerTable);
    List<Row> rows = new ArrayList<>();
    if (marker.schema().isPresent()) {
      for (String file : marker.filesAddedAfter(-1).paths) {
        rows.addAll(ParquetRows.read(storage.conf(), new Path(file), SCHEMA));
      }
    }
    Optional<Row> newest = rows.stream().max(Comparator.comparing((Row row) -> row.getDateTime("committed_at"))
        .thenComparing(row -> row.getString("run_id")));
    Map<String, Long> versions = new LinkedHashMap<>();
    newest.ifPresent(last -> rows.stream().filter(row -> row.getString("run_id").equals(last.getString("run_id")))
        .forEach(row -> versions.put(row.getString("table_name"), row.getInt64("table_version"))));
    List<String> torn = new ArrayList<>();
    for (String table : tables) {
      DeltaTable delta = storage.table(table);
      long latest = delta.version();
      if (latest >= 0 && latest != versions.getOrDefault(table, -1L)) {
        torn.add(table);
      }
    }
    return new State(newest.map(row -> row.getString("run_id")), versions, torn);
  }
}
