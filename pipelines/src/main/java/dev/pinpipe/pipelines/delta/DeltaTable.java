package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The few things pinpipe asks of a Delta table's log, so that the library behind it can be
 * swapped (today delta-standalone, which writes the log only: the Parquet files are ours). Tables
 * are unpartitioned; rows are appended, or replaced a whole part at a time.
 */
public interface DeltaTable {
  /** The table's columns, or empty when no table exists at this path yet. */
  Optional<Schema> schema() throws IOException;

  /**
   * The data files of the table as of its latest version, or those added after {@code version}
   * with new rows (not those a {@link #rearrange} wrote: their rows were there before).
   */
  TableFiles filesAddedAfter(long version) throws IOException;

  /** The highest version recorded for {@code appId} by {@link #append}, or -1. */
  long transactionVersion(String appId) throws IOException;

  /**
   * Adds {@code files} (already written under {@link #path()}) in one commit, creating the table
   * with {@code schema} when there is none, and records {@code appId} at {@code transactionVersion}
   * in the same commit, so that a caller that retries can tell whether the commit happened.
   */
  void append(Schema schema, List<DataFile> files, String appId, long transactionVersion) throws IOException;

  /**
   * Replaces in one commit the files of {@code part} (those a previous replace added with that
   * part) or, with a null part, every file of the table, by {@code files}, which are tagged with
   * {@code part}. Creates the table with {@code schema} when there is none; a whole-table replace
   * also sets the schema. Readers see the old rows or the new ones, never a mix; a replace repeated
   * with the same files leaves the same rows. Returns the version it committed.
   */
  long replace(Schema schema, List<DataFile> files, String part) throws IOException;

  /** The data files of the table as of {@code version} (time travel), or empty when there is no such version. */
  Optional<TableFiles> filesAt(long version) throws IOException;

  /** The latest version, or -1 when no table exists at this path yet. */
  long version() throws IOException;

  /** When the latest version was committed, or empty when no table exists at this path yet. */
  Optional<Instant> lastCommit() throws IOException;

  /** Whether the latest version holds files a {@link #replace} added for {@code part}. */
  boolean hasPart(String part) throws IOException;

  /** The data files of the latest version, with their sizes and parts; empty when there is no table. */
  List<LiveFile> liveFiles() throws IOException;

  /**
   * Replaces {@code removed} (absolute paths of live files of one part, null for none) by
   * {@code added}, tagged with that part, in one commit that changes no rows (Delta's
   * {@code dataChange=false}, which streaming readers skip), as a compaction does. Fails with
   * {@link ChangedMeanwhile}, committing nothing, when another commit removed any of {@code removed}.
   */
  long rearrange(List<String> removed, List<DataFile> added, String part) throws IOException;

  /**
   * Absolute paths of the files some version committed at or after {@code since} may still read:
   * the latest version's, and those removed by commits after {@code since}. Empty when the table
   * has no commit at or before {@code since} (then every file may still be read).
   */
  Optional<Set<String>> filesReadableSince(Instant since) throws IOException;

  /** Where the table lives, as a Hadoop path; data files go directly under it. */
  String path();

  /**
   * A live data file: its absolute Hadoop path, size in bytes, rows, part (null for none), when it
   * was written, and when the newest record among its rows arrived (when it was written, for a
   * file that does not say).
   */
  final class LiveFile {
    public final String path;
    public final long size;
    public final long rows;
    public final String part;
    public final long modificationTime;
    public final long latestArrival;

    public LiveFile(String path, long size, long rows, String part, long modificationTime, long latestArrival) {
      this.path = path;
      this.size = size;
      this.rows = rows;
      this.part = part;
      this.modificationTime = modificationTime;
      this.latestArrival = latestArrival;
    }
  }

  /** A commit that lost to a concurrent one that conflicts with it (for instance, removed files it meant to remove). */
  final class ChangedMeanwhile extends IOException {
    private static final long serialVersionUID = 1L;

    public ChangedMeanwhile(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The data files of a version of a table: each file, their absolute Hadoop paths, and the rows they hold. */
  final class TableFiles {
    public final long version;
    public final List<LiveFile> files;
    public final List<String> paths;
    /** The rows of the files, as their statistics say. */
    public final long rows;

    public TableFiles(long version, List<LiveFile> files) {
      this.version = version;
      this.files = List.copyOf(files);
      this.paths = files.stream().map(file -> file.path).toList();
      this.rows = files.stream().mapToLong(file -> file.rows).sum();
    }
  }
}
