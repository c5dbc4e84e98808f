package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Deletes the data files under a table's folder that no version committed within the retention
 * may read and that are older than the retention, as Delta's VACUUM does: files a compaction or a
 * replace removed longer ago than that, and files no commit ever took (a failed writer's). A file
 * a writer has written but not yet committed is younger than the retention, so it stays; so does
 * anything a reader of a version within the retention may open. The log and hidden files
 * ({@code _*}, {@code .*}) are never touched.
 */
public final class VacuumTable {
  /** What one vacuum did. */
  public static final class Outcome {
    public final int filesDeleted;
    public final long bytesDeleted;

    Outcome(int filesDeleted, long bytesDeleted) {
      this.filesDeleted = filesDeleted;
      this.bytesDeleted = bytesDeleted;
    }
  }

  private final Configuration conf;
  private final Duration retention;

  public VacuumTable(Configuration conf, Duration retention) {
    this.conf = conf;
    this.retention = retention;
  }

  /** Vacuums {@code table} as of {@code now}. */
  public Outcome vacuum(DeltaTable table, Instant now) throws IOException {
    Instant cutoff = now.minus(retention);
    Optional<Set<String>> readable = table.filesReadableSince(cutoff);
    if (readable.isEmpty()) {
      return new Outcome(0, 0); // the table is younger than the retention: any file may be read
    }
    // By name: the tables are unpartitioned, every data file directly under the folder, so a
    // name is unique, and no spelling of a path (file:/ or file:///) can make a live file look dead.
    Set<String> keep = new HashSet<>();
    readable.get().forEach(path -> keep.add(new Path(path).getName()));
    Path folder = new Path(table.path());
    FileSystem fs = folder.getFileSystem(conf);
    int deleted = 0;
    long bytes = 0;
    for (FileStatus file : fs.listStatus(folder)) {
      String name = file.getPath().getName();
      if (!file.isFile() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      boolean old = file.getModificationTime() < cutoff.toEpochMilli();
      if (old && !keep.contains(name) && fs.delete(file.getPath(), false)) {
        deleted++;
        bytes += file.getLen();
      }
    }
    return new Outcome(deleted, bytes);
  }
}
