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

  /** Where a new data file of the table at {@code tablePath} goes: a name no other file has. */
  public static org.apache.hadoop.fs.Path newPath(String tablePath) {
    return new org.apache.hadoop.fs.Path(tablePath, "part-" + java.util.UUID.randomUUID() + ".snappy.parquet");
  }

  public DataFile(String name, long size, long rows, long modificationTime) {
    this.name = name;
    this.size = size;
    this.rows = rows;
    this.modificationTime = modificationTime;
  }
}
