package dev.pinpipe.pipelines.delta;

import java.io.Serializable;

/** A Parquet file written under a table's folder, ready to be committed. */
public final class DataFile implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file's name, relative to the table's folder. */
  public final String name;
  public final long size;
  public final long rows;
  public final long modificationTime;
  /** The arrival time of the newest record among its rows (epoch millis), or {@link #UNKNOWN}. */
  public final long latestArrival;

  public static final long UNKNOWN = Long.MIN_VALUE;

  /** Where a new data file of the table at {@code tablePath} goes: a name no other file has. */
  public static org.apache.hadoop.fs.Path newPath(String tablePath) {
    return new org.apache.hadoop.fs.Path(tablePath, "part-" + java.util.UUID.randomUUID() + ".snappy.parquet");
  }

  public DataFile(String name, long size, long rows, long modificationTime) {
    this(name, size, rows, modificationTime, UNKNOWN);
  }

  private DataFile(String name, long size, long rows, long modificationTime, long latestArrival) {
    this.name = name;
    this.size = size;
    this.rows = rows;
    this.modificationTime = modificationTime;
    this.latestArrival = latestArrival;
  }

  /** The same file, noting when the newest record among its rows arrived. */
  public DataFile arrivedBy(long latestArrival) {
    return new DataFile(name, size, rows, modificationTime, latestArrival);
  }
}
