package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Rewrites a table's small files into files of about {@code targetBytes}, without changing its
 * rows: each part's files smaller than the target, in the order they were written, are packed into
 * groups of up to the target, and each group of two or more becomes one file, committed as a
 * rearrangement (Delta's {@code dataChange=false}: streaming readers skip it, and it commits beside
 * appends). A group whose files another commit removed meanwhile is left as it is, its new file
 * unreferenced until a vacuum removes it.
 */
public final class CompactTable {
  /** What one compaction did. */
  public static final class Outcome {
    public final int filesBefore;
    public final int filesRewritten;
    public final int filesWritten;
    public final long bytesRewritten;
    /** Groups left as they were because another commit removed some of their files meanwhile. */
    public final int groupsSkipped;

    Outcome(int filesBefore, int filesRewritten, int filesWritten, long bytesRewritten, int groupsSkipped) {
      this.filesBefore = filesBefore;
      this.filesRewritten = filesRewritten;
      this.filesWritten = filesWritten;
      this.bytesRewritten = bytesRewritten;
      this.groupsSkipped = groupsSkipped;
    }

    public int filesAfter() {
      return filesBefore - filesRewritten + filesWritten;
    }
  }

  private final Configuration conf;
  private final long targetBytes;

  public CompactTable(Configuration conf, long targetBytes) {
    this.conf = conf;
    this.targetBytes = targetBytes;
  }

  public Outcome compact(DeltaTable table) throws IOException {
    Schema schema = table.schema().orElse(null);
    List<DeltaTable.LiveFile> live = table.liveFiles();
    if (schema == null) {
      return new Outcome(0, 0, 0, 0, 0);
    }
    int rewritten = 0;
    int written = 0;
    int skipped = 0;
    long bytes = 0;
    for (List<DeltaTable.LiveFile> group : groups(live)) {
      DataFile file = rewrite(table, schema, group);
      try {
        table.rearrange(group.stream().map(f -> f.path).toList(), List.of(file), group.get(0).part);
        rewritten += group.size();
        written++;
        bytes += group.stream().mapToLong(f -> f.size).sum();
      } catch (DeltaTable.ChangedMeanwhile lost) {
        // Another commit (a replace of the part) removed some of the group: its rows are gone or
        // elsewhere, so the new file must not be added; it stays unreferenced, for the vacuum.
        skipped++;
      }
    }
    return new Outcome(live.size(), rewritten, written, bytes, skipped);
  }

  /** The groups worth rewriting: per part, small files in the order written, up to the target each. */
  List<List<DeltaTable.LiveFile>> groups(List<DeltaTable.LiveFile> live) {
    Map<String, List<DeltaTable.LiveFile>> byPart = new LinkedHashMap<>();
    List<DeltaTable.LiveFile> small = new ArrayList<>();
    for (DeltaTable.LiveFile file : live) {
      if (file.size < targetBytes) {
        small.add(file);
      }
    }
    small.sort(Comparator.comparingLong((DeltaTable.LiveFile f) -> f.modificationTime).thenComparing(f -> f.path));
    for (DeltaTable.LiveFile file : small) {
      byPart.computeIfAbsent(Objects.toString(file.part, ""), part -> new ArrayList<>()).add(file);
    }
    List<List<DeltaTable.LiveFile>> groups = new ArrayList<>();
    for (List<DeltaTable.LiveFile> files : byPart.values()) {
      List<DeltaTable.LiveFile> group = new ArrayList<>();
      long size = 0;
      for (DeltaTable.LiveFile file : files) {
        if (!group.isEmpty() && size + file.size > targetBytes) {
          addIfWorthIt(groups, group);
          group = new ArrayList<>();
          size = 0;
        }
        group.add(file);
        size += file.size;
      }
      addIfWorthIt(groups, group);
    }
    return groups;
  }

  private static void addIfWorthIt(List<List<DeltaTable.LiveFile>> groups, List<DeltaTable.LiveFile> group) {
    if (group.size() > 1) {
      groups.add(group);
    }
  }

  /**
   * One new file under the table holding the group's rows, one file read at a time. It keeps the
   * newest arrival of the group's rows, so the stream's dedupe horizon sees the rows as they were.
   */
  private DataFile rewrite(DeltaTable table, Schema schema, List<DeltaTable.LiveFile> group) throws IOException {
    try (ParquetRows.Writer writer = ParquetRows.Writer.create(conf, DataFile.newPath(table.path()), schema)) {
      for (DeltaTable.LiveFile file : group) {
        for (Row row : ParquetRows.read(conf, new Path(file.path), schema)) {
          writer.write(row);
        }
      }
      return writer.finish().arrivedBy(group.stream().mapToLong(file -> file.latestArrival).max().getAsLong());
    }
  }
}
