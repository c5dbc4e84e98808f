package dev.pinpipe.pipelines.delta;

import dev.pinpipe.pipelines.kafka.ContiguousOffsets;
import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.join.PreferredRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The stream's one writer: buffers rows for every table and, once per {@code commitInterval}
 * (and when the input ends), appends to each table, in one Parquet file and one Delta commit,
 * the rows whose key the table does not hold yet; then, for a Kafka source, commits the consumer
 * group's offsets as far as every record before them is in Delta ({@link ContiguousOffsets}).
 *
 * <p>That order makes the tables exactly-once. A crash before the Delta commit loses nothing: the
 * offsets were not committed, so a restart reads the records again. A crash after it doubles
 * nothing: the records read again find their keys ({@code ind}, or a rejected line's source) in
 * the table and are dropped. A commit that failed yet happened (delta-standalone can throw after
 * it saved the commit) is recognised by its transaction id before any retry. Of two rows with one
 * key, the first committed stays; within one commit, {@link PreferredRecords#of} chooses.
 *
 * <p>The keys are held for a horizon of arrival time ({@link KeyHorizon}): a row is dropped when
 * its key arrived in the table less than {@code dedupeHorizon} before the newest row written, so
 * memory holds one horizon's keys however large the tables grow, and a start reads the keys of the
 * files of the last horizon only. Each file says when its newest record arrived (a Delta tag).
 */
public final class WriteDeltaTables extends DoFn<KV<Integer, TableRow>, Void> {
  private final DeltaStorage storage;
  private final Map<String, TableSpec> tables = new LinkedHashMap<>();
  private final Duration commitInterval;
  private final int maxBuffered;
  private final OffsetCommitter committer;
  private final CatchUpMark catchUp;
  private final Duration dedupeHorizon;

  public static final String COMMITTED_ROWS = "stream_committed_rows";
  public static final String DUPLICATE_ROWS = "stream_duplicate_rows";
  public static final String COMMITS = "stream_commits";
  public static final String RETRIES = "stream_commit_retries";

  private final Counter committedRows = Metrics.counter(CleanRecords.METRICS_NAMESPACE, COMMITTED_ROWS);
  private final Counter duplicateRows = Metrics.counter(CleanRecords.METRICS_NAMESPACE, DUPLICATE_ROWS);
  private final Counter commits = Metrics.counter(CleanRecords.METRICS_NAMESPACE, COMMITS);
  private final Counter retries = Metrics.counter(CleanRecords.METRICS_NAMESPACE, RETRIES);

  @StateId("buffer")
  private final StateSpec<BagState<TableRow>> bufferSpec = StateSpecs.bag();

  @StateId("buffered")
  private final StateSpec<ValueState<Integer>> bufferedSpec = StateSpecs.value();

  /** When the newest of the buffered records arrived: each file of the next commit says so. */
  @StateId("bufferedArrival")
  private final StateSpec<ValueState<Instant>> bufferedArrivalSpec = StateSpecs.value();

  /** Kafka offsets in Delta, and how far they run without a hole (see {@link ContiguousOffsets}). */
  @StateId("offsets")
  private final StateSpec<ValueState<ContiguousOffsets>> offsetsSpec =
      StateSpecs.value(SerializableCoder.of(ContiguousOffsets.class));

  @TimerId("commit")
  private final TimerSpec commitSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  // A bounded input ends before any commit timer fires; this commits what is left (a timer
  // rather than @OnWindowExpiration, which Spark's streaming runner rejects).
  @TimerId("endOfInput")
  private final TimerSpec endOfInputSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  // A catch-up run: once the input watermark passes the run's start, every record that arrived
  // before the start has been read; the writer commits them and marks the table (CatchUpMark).
  @TimerId("caughtUp")
  private final TimerSpec caughtUpSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private transient Configuration conf;
  private transient Map<String, TableKeys> keys;
  private transient String appId;
  private transient long transactions;
  private transient Instant latestArrival;

  /**
   * {@code dedupeHorizon}: how long (in arrival time) a key is held, or zero to hold keys for good;
   * {@code catchUp}: for a catch-up run that ends on the watermark, its mark; otherwise null.
   */
  public WriteDeltaTables(DeltaStorage storage, List<TableSpec> tables, Duration commitInterval, int maxBuffered,
      Duration dedupeHorizon, OffsetCommitter committer, CatchUpMark catchUp) {
    this.catchUp = catchUp;
    this.dedupeHorizon = dedupeHorizon;
    this.storage = storage;
    tables.forEach(table -> this.tables.put(table.name, table));
    this.commitInterval = commitInterval;
    this.maxBuffered = maxBuffered;
    this.committer = committer;
  }

  /** The keys a table holds within the horizon, as of the version last read. */
  private static final class TableKeys {
    final DeltaTable table;
    final KeyHorizon keys;
    long version = -1;

    TableKeys(DeltaTable table, Duration horizon) {
      this.table = table;
      this.keys = new KeyHorizon(horizon, System::currentTimeMillis);
    }
  }

  @Setup
  public void setUp() {
    conf = storage.conf();
    keys = new HashMap<>();
    for (TableSpec spec : tables.values()) {
      keys.put(spec.name, new TableKeys(storage.table(spec.name), dedupeHorizon));
    }
    // One application id per writer instance: its transaction numbers only grow.
    appId = "pinpipe-stream-" + UUID.randomUUID();
    transactions = 0;
  }

  @ProcessElement
  public void process(
      @Element KV<Integer, TableRow> element,
      @StateId("buffer") BagState<TableRow> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("bufferedArrival") ValueState<Instant> bufferedArrival,
      @StateId("offsets") ValueState<ContiguousOffsets> offsets,
      @TimerId("commit") Timer commit,
      @TimerId("endOfInput") Timer endOfInput,
      @TimerId("caughtUp") Timer caughtUpTimer,
      @Timestamp Instant arrival,
      BoundedWindow window)
      throws IOException, InterruptedException {
    if (element.getValue().isCatchUpMarker()) {
      if (catchUp != null) {
        caughtUpTimer.set(catchUp.start());
      }
      return;
    }
    if (catchUp != null && (latestArrival == null || arrival.isAfter(latestArrival))) {
      latestArrival = arrival;
    }
    buffer.add(element.getValue());
    Instant newest = bufferedArrival.read();
    if (newest == null || arrival.isAfter(newest)) {
      bufferedArrival.write(arrival);
    }
    Integer before = buffered.read();
    int waiting = before == null ? 1 : before + 1;
    if (waiting == 1) {
      commit.offset(commitInterval).setRelative();
      endOfInput.set(window.maxTimestamp());
    }
    if (waiting >= maxBuffered) {
      flush(buffer, buffered, bufferedArrival, offsets);
    } else {
      buffered.write(waiting);
    }
  }

  @OnTimer("commit")
  public void onCommit(@StateId("buffer") BagState<TableRow> buffer, @StateId("buffered") ValueState<Integer> buffered,
      @StateId("bufferedArrival") ValueState<Instant> bufferedArrival,
      @StateId("offsets") ValueState<ContiguousOffsets> offsets, @TimerId("commit") Timer commit)
      throws IOException, InterruptedException {
    if (flush(buffer, buffered, bufferedArrival, offsets)) {
      commit.offset(commitInterval).setRelative(); // look at the holes again, even if nothing more comes
    }
  }

  @OnTimer("endOfInput")
  public void onEndOfInput(
      @StateId("buffer") BagState<TableRow> buffer, @StateId("buffered") ValueState<Integer> buffered,
      @StateId("bufferedArrival") ValueState<Instant> bufferedArrival,
      @StateId("offsets") ValueState<ContiguousOffsets> offsets)
      throws IOException, InterruptedException {
    flush(buffer, buffered, bufferedArrival, offsets);
  }

  @OnTimer("caughtUp")
  public void onCaughtUp(
      @StateId("buffer") BagState<TableRow> buffer, @StateId("buffered") ValueState<Integer> buffered,
      @StateId("bufferedArrival") ValueState<Instant> bufferedArrival,
      @StateId("offsets") ValueState<ContiguousOffsets> offsets)
      throws IOException, InterruptedException {
    flush(buffer, buffered, bufferedArrival, offsets);
    DeltaTable marked = keys.get(catchUp.tableName()).table;
    Retrying.run("marking Delta table " + catchUp.tableName() + " caught up", retries,
        () -> catchUp.write(marked, Optional.ofNullable(latestArrival)), () -> catchUp.read().isPresent());
  }

  /** Appends what is buffered and commits offsets; true when some offsets wait behind a hole. */
  private boolean flush(BagState<TableRow> buffer, ValueState<Integer> buffered, ValueState<Instant> bufferedArrival,
      ValueState<ContiguousOffsets> offsets) throws IOException, InterruptedException {
    Instant arrived = bufferedArrival.read();
    long arrivedBy = arrived == null ? DataFile.UNKNOWN : arrived.getMillis();
    Map<String, List<Row>> byTable = new LinkedHashMap<>();
    ContiguousOffsets written = offsets.read() == null ? new ContiguousOffsets() : offsets.read();
    for (TableRow row : buffer.read()) {
      byTable.computeIfAbsent(row.table, t -> new ArrayList<>()).add(tables.get(row.table).decode(row.row));
      SourcePosition.kafkaOffset(row.source).ifPresent(position ->
          written.written(position.topic, position.partition, position.offset));
    }
    for (Map.Entry<String, List<Row>> table : byTable.entrySet()) {
      append(tables.get(table.getKey()), table.getValue(), arrivedBy);
    }
    boolean holes = written.advanceAndCommit(committer);
    offsets.write(written);
    buffer.clear();
    buffered.clear();
    bufferedArrival.clear();
    return holes;
  }

  /** Appends the rows whose key {@code spec}'s table does not hold yet, retrying a failed commit. */
  private void append(TableSpec spec, List<Row> rows, long arrivedBy) throws IOException, InterruptedException {
    long transaction = ++transactions;
    Retrying.run("committing to Delta table " + spec.name, retries, () -> {
      TableKeys held = refresh(spec);
      Map<Object, Row> fresh = new LinkedHashMap<>();
      for (Row row : rows) {
        Object key = row.getValue(spec.key);
        if (!held.keys.contains(key)) {
          fresh.merge(key, row, PreferredRecords::of);
        }
      }
      if (fresh.isEmpty()) {
        duplicateRows.inc(rows.size());
        return;
      }
      Path file = DataFile.newPath(held.table.path());
      DataFile written = ParquetRows.write(conf, file, spec.schema, new ArrayList<>(fresh.values()))
          .arrivedBy(arrivedBy);
      held.table.append(spec.schema, List.of(written), appId, transaction);
      committedRows.inc(fresh.size());
      duplicateRows.inc(rows.size() - fresh.size());
      commits.inc();
    }, () -> committedDespite(spec, transaction));
  }

  private boolean committedDespite(TableSpec spec, long transaction) {
    try {
      return keys.get(spec.name).table.transactionVersion(appId) >= transaction;
    } catch (IOException unreadable) {
      return false;
    }
  }

  /**
   * The table's keys, brought up to its latest version by reading the key column of the new files
   * within the horizon (at a start, of the files of the last horizon only), oldest first.
   */
  private TableKeys refresh(TableSpec spec) throws IOException {
    TableKeys held = keys.get(spec.name);
    if (held.version < 0) {
      TableCheck.requireSchema(held.table, spec);
    }
    DeltaTable.TableFiles added = held.table.filesAddedAfter(held.version);
    added.files.forEach(file -> held.keys.seen(file.latestArrival));
    List<DeltaTable.LiveFile> oldestFirst = new ArrayList<>(added.files);
    oldestFirst.sort(Comparator.comparingLong(file -> file.latestArrival));
    for (DeltaTable.LiveFile file : oldestFirst) {
      if (held.keys.within(file.latestArrival)) {
        List<Object> fileKeys = new ArrayList<>();
        for (Row row : ParquetRows.read(conf, new Path(file.path), spec.keySchema())) {
          fileKeys.add(row.getValue(0));
        }
        held.keys.add(file.latestArrival, fileKeys);
      }
    }
    held.version = added.version;
    return held;
  }

  @Teardown
  public void closeCommitter() {
    committer.close();
  }
}
