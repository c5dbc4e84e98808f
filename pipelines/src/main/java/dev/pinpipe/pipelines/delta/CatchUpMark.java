package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.joda.time.Instant;

/**
 * Where the stream's writer marks, in a Delta table's log, that a catch-up run has committed every
 * record that arrived before the run started, and when the latest of them arrived: a transaction
 * of its own (no data files) whose version is that arrival in epoch milliseconds, or 0 when no
 * record arrived; a table that does not exist yet is created empty. The run learns it is done
 * by reading the table, as it reads its progress: no runner metrics, which a running Flink job
 * does not report.
 */
public final class CatchUpMark implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long NOTHING_ARRIVED = 0;

  private final DeltaStorage storage;
  private final TableSpec table;
  private final Instant start;

  private CatchUpMark(DeltaStorage storage, TableSpec table, Instant start) {
    this.storage = storage;
    this.table = table;
    this.start = start;
  }

  /** The mark of a catch-up run started at {@code start}, kept in {@code table}. */
  public static CatchUpMark of(DeltaStorage storage, TableSpec table, Instant start) {
    return new CatchUpMark(storage, table, start);
  }

  /** The run's start: the writer marks once its input watermark passes it. */
  public Instant start() {
    return start;
  }

  /** The table the mark is kept in. */
  public String tableName() {
    return table.name;
  }

  private String appId() {
    return "pinpipe-catch-up-" + start.getMillis();
  }

  /** Marks the run caught up, after the Delta commits of every record it read; {@code latest}: when the latest arrived. */
  void write(DeltaTable delta, Optional<Instant> latest) throws IOException {
    delta.append(table.schema, List.of(), appId(), latest.map(Instant::getMillis).orElse(NOTHING_ARRIVED));
  }

  /**
   * Empty until the run is marked caught up; then when its latest record arrived (empty inside
   * when none did). A table that cannot be read now counts as not marked yet.
   */
  public Optional<Optional<Instant>> read() {
    try {
      DeltaTable delta = storage.table(table.name);
      if (delta.schema().isEmpty()) {
        return Optional.empty();
      }
      long version = delta.transactionVersion(appId());
      if (version < 0) {
        return Optional.empty();
      }
      return Optional.of(version == NOTHING_ARRIVED ? Optional.empty() : Optional.of(new Instant(version)));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
