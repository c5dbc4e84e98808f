package dev.pinpipe.pipelines.maintain;

import dev.pinpipe.pipelines.common.Required;
import dev.pinpipe.pipelines.delta.CompactTable;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.VacuumTable;
import dev.pinpipe.pipelines.options.DeltaOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code compact}: rewrites the small files of the Delta tables under {@code --deltaRoot} into
 * large ones ({@link CompactTable}), then deletes the files no version within the retention still
 * needs ({@link VacuumTable}). Safe beside a running {@code stream} or a {@code batch}: a
 * compaction changes no rows and commits beside appends, and a replace that removes the same
 * files wins over it.
 */
public final class CompactTables {
  /** Below this retention a vacuum could delete a file a writer has written and not yet committed. */
  static final double SAFE_RETAIN_HOURS = 1;

  /** Options of {@code compact}. */
  public interface Options extends DeltaOptions {
    @Description("Tables to compact, comma-separated (default: every Delta table under --deltaRoot)")
    String getTables();

    void setTables(String value);

    @Description("Size of the files a compaction writes, in MB; smaller files are rewritten into such files")
    @Default.Integer(128)
    int getTargetFileMB();

    void setTargetFileMB(int value);

    @Description("After compacting, delete the files no version committed within --retainHours can read")
    @Default.Boolean(true)
    boolean getVacuum();

    void setVacuum(boolean value);

    @Description("How long a removed file stays for readers of older versions, in hours (Delta's default: 7 days)")
    @Default.Double(168)
    double getRetainHours();

    void setRetainHours(double value);

    @Description("Refuse --retainHours below 1: a shorter one may delete a file a writer has not committed yet,"
        + " or one a long query still reads")
    @Default.Boolean(true)
    boolean getCheckRetention();

    void setCheckRetention(boolean value);
  }

  private CompactTables() {}

  /** Compacts, and vacuums unless told not to, each table; prints a line per table to {@code out}. */
  public static void run(Options options, PrintStream out) throws IOException {
    String root = Required.option(options.getDeltaRoot(), "--deltaRoot", "the folder or s3://bucket/prefix of the tables");
    if (options.getTargetFileMB() < 1) {
      throw new IllegalArgumentException("--targetFileMB=" + options.getTargetFileMB() + ": must be at least 1");
    }
    if (!(options.getRetainHours() >= 0)
        || options.getCheckRetention() && options.getRetainHours() < SAFE_RETAIN_HOURS) {
      throw new IllegalArgumentException("--retainHours=" + options.getRetainHours() + ": must be at least "
          + (int) SAFE_RETAIN_HOURS + " (a writer's files wait for their commit; a query reads an older version),"
          + " or give --checkRetention=false if nothing writes or reads the tables meanwhile");
    }
    DeltaStorage storage = DeltaStorage.of(options);
    CompactTable compaction = new CompactTable(storage.conf(), options.getTargetFileMB() * 1024L * 1024L);
    VacuumTable vacuum = new VacuumTable(storage.conf(),
        Duration.ofMillis(Math.round(options.getRetainHours() * 3_600_000)));
    List<String> tables = tables(storage, root, options.getTables());
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("--deltaRoot=" + root + ": no Delta tables there");
    }
    for (String name : tables) {
      DeltaTable table = storage.table(name);
      CompactTable.Outcome compacted = compaction.compact(table);
      String line = String.format("%s: %,d files, %,d rewritten into %,d (%s)", name, compacted.filesBefore,
          compacted.filesRewritten, compacted.filesWritten,
          megabytes(compacted.bytesRewritten));
      if (compacted.groupsSkipped > 0) {
        line += String.format("; %,d groups left as they were (another commit removed their files meanwhile)",
            compacted.groupsSkipped);
      }
      if (options.getVacuum()) {
        VacuumTable.Outcome vacuumed = vacuum.vacuum(table, Instant.now());
        line += String.format("; vacuum deleted %,d files (%s)", vacuumed.filesDeleted, megabytes(vacuumed.bytesDeleted));
      }
      out.println(line);
    }
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }

  /** The named tables, each required to exist, or every Delta table directly under the root. */
  private static List<String> tables(DeltaStorage storage, String root, String named) throws IOException {
    List<String> tables = new ArrayList<>();
    if (named != null && !named.isBlank()) {
      for (String name : Arrays.stream(named.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()) {
        if (storage.table(name).version() < 0) {
          throw new IllegalArgumentException("--tables: no Delta table " + name + " under --deltaRoot=" + root);
        }
        tables.add(name);
      }
      return tables;
    }
    Path folder = new Path(storage.tablePath(""));
    FileSystem fs = folder.getFileSystem(storage.conf());
    if (!fs.exists(folder)) {
      throw new IllegalArgumentException("--deltaRoot=" + root + ": no such folder");
    }
    for (FileStatus entry : fs.listStatus(folder)) {
      if (entry.isDirectory() && fs.exists(new Path(entry.getPath(), "_delta_log"))) {
        tables.add(entry.getPath().getName());
      }
    }
    tables.sort(null);
    return tables;
  }
}
