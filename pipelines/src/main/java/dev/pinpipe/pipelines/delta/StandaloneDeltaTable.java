package dev.pinpipe.pipelines.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.VersionLog;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Format;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.actions.RemoveFile;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** {@link DeltaTable} on delta-standalone's log. */
public final class StandaloneDeltaTable implements DeltaTable {
  private static final Pattern NUM_RECORDS = Pattern.compile("numRecords\\\\?\"\\s*:\\s*(\\d+)");

  static final String ENGINE = "pinpipe";
  /** The tag on a data file that names the part a {@link #replace} wrote it for. */
  static final String PART_TAG = "pinpipe.part";
  /** When the newest record among a file's rows arrived, in epoch millis: the stream's dedupe horizon reads it. */
  static final String ARRIVAL_TAG = "pinpipe.latestArrival";

  private final String path;
  private final DeltaLog log;

  private StandaloneDeltaTable(String path, DeltaLog log) {
    this.path = path;
    this.log = log;
  }

  public static StandaloneDeltaTable at(Configuration conf, String path) {
    return new StandaloneDeltaTable(path, DeltaLog.forTable(conf, path));
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Optional<Schema> schema() throws IOException {
    Snapshot snapshot = latest();
    return snapshot.getVersion() < 0
        ? Optional.empty()
        : Optional.of(DeltaSchemas.beamSchema(snapshot.getMetadata().getSchema()));
  }

  @Override
  public TableFiles filesAddedAfter(long version) throws IOException {
    Snapshot snapshot = latest();
    if (version < 0) {
      return tableFiles(snapshot.getVersion(), snapshot.getAllFiles());
    }
    long newest = version;
    List<AddFile> added = new ArrayList<>();
    if (snapshot.getVersion() > version) {
      Iterator<VersionLog> changes = log.getChanges(version + 1, true);
      while (changes.hasNext()) {
        VersionLog change = changes.next();
        newest = Math.max(newest, change.getVersion());
        for (Action action : change.getActions()) {
          if (action instanceof AddFile && ((AddFile) action).isDataChange()) {
            added.add((AddFile) action);
          }
        }
      }
    }
    return tableFiles(newest, added);
  }

  @Override
  public long version() throws IOException {
    return latest().getVersion();
  }

  @Override
  public Optional<Instant> lastCommit() throws IOException {
    Snapshot snapshot = latest();
    return snapshot.getVersion() < 0
        ? Optional.empty()
        : Optional.of(log.getCommitInfoAt(snapshot.getVersion()).getTimestamp().toInstant());
  }

  @Override
  public long transactionVersion(String appId) throws IOException {
    latest();
    return log.startTransaction().txnVersion(appId);
  }

  @Override
  public void append(Schema schema, List<DataFile> files, String appId, long transactionVersion) throws IOException {
    commit(Operation.Name.STREAMING_UPDATE, transaction -> {
      createIfMissing(transaction, schema);
      List<Action> actions = new ArrayList<>();
      for (DataFile file : files) {
        actions.add(new AddFile(file.name, Map.of(), file.size, file.modificationTime, true, stats(file),
            tags(null, file)));
      }
      actions.add(new SetTransaction(appId, transactionVersion, Optional.of(System.currentTimeMillis())));
      return actions;
    });
  }

  @Override
  public long replace(Schema schema, List<DataFile> files, String part) throws IOException {
    // A compaction may rewrite the files this replace removes between its read and its commit:
    // then it reads again and removes what is live now (the same rows).
    for (int attempt = 1; ; attempt++) {
      try {
        return replaceOnce(schema, files, part);
      } catch (ChangedMeanwhile lost) {
        if (attempt == REPLACE_ATTEMPTS) {
          throw lost;
        }
      }
    }
  }

  private static final int REPLACE_ATTEMPTS = 5;

  private long replaceOnce(Schema schema, List<DataFile> files, String part) throws IOException {
    return commit(part == null ? Operation.Name.WRITE : Operation.Name.UPDATE, transaction -> {
      if (part == null && transaction.readVersion() >= 0) {
        transaction.updateMetadata(transaction.metadata().copyBuilder().schema(DeltaSchemas.deltaType(schema)).build());
      } else {
        createIfMissing(transaction, schema);
      }
      long now = System.currentTimeMillis();
      List<Action> actions = new ArrayList<>();
      if (transaction.readVersion() >= 0) {
        for (AddFile old : log.snapshot().getAllFiles()) {
          if (part == null || part.equals(part(old))) {
            actions.add(old.remove(now, true));
          }
        }
      }
      for (DataFile file : files) {
        actions.add(new AddFile(file.name, Map.of(), file.size, file.modificationTime, true, stats(file),
            tags(part, file)));
      }
      return actions;
    });
  }

  @Override
  public Optional<TableFiles> filesAt(long version) throws IOException {
    Snapshot latest = latest();
    if (version < 0 || version > latest.getVersion()) {
      return Optional.empty();
    }
    try {
      return Optional.of(tableFiles(version, log.getSnapshotForVersionAsOf(version).getAllFiles()));
    } catch (RuntimeException e) {
      throw new IOException("cannot read version " + version + " of " + path + ": " + e, e);
    }
  }

  @Override
  public boolean hasPart(String part) throws IOException {
    Snapshot snapshot = latest();
    if (snapshot.getVersion() < 0) {
      return false;
    }
    for (AddFile file : snapshot.getAllFiles()) {
      if (part.equals(part(file))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<LiveFile> liveFiles() throws IOException {
    Snapshot snapshot = latest();
    List<LiveFile> files = new ArrayList<>();
    if (snapshot.getVersion() >= 0) {
      for (AddFile file : snapshot.getAllFiles()) {
        files.add(liveFile(file));
      }
    }
    return files;
  }

  @Override
  public long rearrange(List<String> removed, List<DataFile> added, String part) throws IOException {
    return commit(Operation.Name.MANUAL_UPDATE, transaction -> {
      Set<String> removing = new HashSet<>(removed);
      long now = System.currentTimeMillis();
      List<Action> actions = new ArrayList<>();
      for (AddFile live : log.snapshot().getAllFiles()) {
        if (removing.remove(absolute(live.getPath()))) {
          actions.add(live.remove(now, false));
        }
      }
      if (!removing.isEmpty()) {
        throw new ChangedMeanwhile("no longer live in " + path + ": " + removing.iterator().next(), null);
      }
      for (DataFile file : added) {
        actions.add(new AddFile(file.name, Map.of(), file.size, file.modificationTime, false, stats(file),
            tags(part, file)));
      }
      return actions;
    });
  }

  @Override
  public Optional<Set<String>> filesReadableSince(Instant since) throws IOException {
    Snapshot snapshot = latest();
    long first;
    try {
      first = snapshot.getVersion() < 0 ? -1 : log.getVersionBeforeOrAtTimestamp(since.toEpochMilli());
    } catch (RuntimeException noCommitThatEarly) {
      first = -1;
    }
    if (first < 0) {
      return Optional.empty();
    }
    Set<String> readable = new HashSet<>();
    for (AddFile file : snapshot.getAllFiles()) {
      readable.add(absolute(file.getPath()));
    }
    Iterator<VersionLog> changes = log.getChanges(first + 1, false);
    while (changes.hasNext()) {
      for (Action action : changes.next().getActions()) {
        if (action instanceof RemoveFile) {
          readable.add(absolute(((RemoveFile) action).getPath()));
        }
      }
    }
    return Optional.of(readable);
  }

  private static String part(AddFile file) {
    return file.getTags() == null ? null : file.getTags().get(PART_TAG);
  }

  /** What a commit adds, given its transaction. */
  private interface Actions {
    List<Action> of(OptimisticTransaction transaction) throws IOException;
  }

  /** Commits, returning the version committed; {@link ChangedMeanwhile} when a concurrent commit won. */
  private long commit(Operation.Name operation, Actions actions) throws IOException {
    try {
      latest();
      OptimisticTransaction transaction = log.startTransaction();
      return transaction.commit(actions.of(transaction), new Operation(operation), ENGINE).getVersion();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (DeltaConcurrentModificationException lost) {
      throw new ChangedMeanwhile("Delta commit to " + path + " failed: " + lost, lost);
    } catch (RuntimeException | LinkageError e) {
      // delta-standalone throws unchecked errors for storage failures; the caller retries on IOException.
      throw new IOException("Delta commit to " + path + " failed: " + e, e);
    }
  }

  private static void createIfMissing(OptimisticTransaction transaction, Schema schema) {
    if (transaction.readVersion() < 0) {
      transaction.updateMetadata(Metadata.builder()
          .schema(DeltaSchemas.deltaType(schema))
          .format(new Format("parquet", Map.of()))
          .partitionColumns(List.of())
          .createdTime(System.currentTimeMillis())
          .build());
    }
  }

  /**
   * The file's statistics. Delta's protocol holds them as a JSON string inside the action;
   * delta-standalone writes this value into the log as it is, so it must be that string already
   * quoted (an object there breaks delta-standalone's next read and delta-rs).
   */
  static String stats(DataFile file) {
    return "\"{\\\"numRecords\\\":" + file.rows + "}\"";
  }

  /** {@code files} of {@code version}: their absolute paths and the rows their statistics give. */
  private TableFiles tableFiles(long version, List<AddFile> files) {
    List<LiveFile> live = new ArrayList<>();
    for (AddFile file : files) {
      live.add(liveFile(file));
    }
    return new TableFiles(version, live);
  }

  private LiveFile liveFile(AddFile file) {
    return new LiveFile(absolute(file.getPath()), file.getSize(), rows(file), part(file), file.getModificationTime(),
        latestArrival(file));
  }

  /** A file's tags: its part, if any, and when its newest record arrived, if known. */
  private static Map<String, String> tags(String part, DataFile file) {
    Map<String, String> tags = new HashMap<>();
    if (part != null) {
      tags.put(PART_TAG, part);
    }
    if (file.latestArrival != DataFile.UNKNOWN) {
      tags.put(ARRIVAL_TAG, Long.toString(file.latestArrival));
    }
    return tags.isEmpty() ? null : tags;
  }

  /** When the newest record among a file's rows arrived; when it was written, for a file without the tag. */
  static long latestArrival(AddFile file) {
    String tag = file.getTags() == null ? null : file.getTags().get(ARRIVAL_TAG);
    try {
      return tag == null ? file.getModificationTime() : Long.parseLong(tag);
    } catch (NumberFormatException notOurs) {
      return file.getModificationTime();
    }
  }

  /** The rows a file holds, from its statistics ({@link #stats}); 0 when it has none. */
  static long rows(AddFile file) {
    Matcher rows = file.getStats() == null ? null : NUM_RECORDS.matcher(file.getStats());
    return rows != null && rows.find() ? Long.parseLong(rows.group(1)) : 0;
  }

  private Snapshot latest() throws IOException {
    try {
      return log.update();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      throw new IOException("cannot read the Delta log of " + path + ": " + e, e);
    }
  }

  private String absolute(String file) {
    return file.contains(":/") ? file : new Path(path, file).toString();
  }
}
