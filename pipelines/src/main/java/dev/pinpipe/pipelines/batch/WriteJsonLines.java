package dev.pinpipe.pipelines.batch;

import dev.pinpipe.transforms.FormatJsonLines;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * The one output helper of every pipeline: rows as JSON lines in {@code <folder>/part-*.json}.
 * Small results are written as one file; large tables let the runner choose the sharding. On
 * unbounded input each window's panes are written as files of their own (the window and pane in
 * their names), in a fixed number of shards, as a streaming write needs.
 */
public final class WriteJsonLines extends PTransform<PCollection<Row>, PDone> {
  /** Files per window and pane of a table written from a stream. */
  static final int STREAMING_SHARDS = 2;

  /** Files of a bounded table: the runner's choice. */
  private static final int RUNNERS_CHOICE = 0;

  private final String folder;
  private final boolean singleFile;
  private final int files;

  private WriteJsonLines(String folder, boolean singleFile, int files) {
    this.folder = folder;
    this.singleFile = singleFile;
    this.files = files;
  }

  /** Writes a table to as many files as the runner likes. */
  public static WriteJsonLines to(String folder) {
    return new WriteJsonLines(folder, false, RUNNERS_CHOICE);
  }

  /** Writes a small result to a single file (per window and pane, on a stream). */
  public static WriteJsonLines toSingleFile(String folder) {
    return new WriteJsonLines(folder, true, 1);
  }

  /** The same, a bounded table in {@code files} files; a stream's keep their own count. */
  public WriteJsonLines inFiles(int files) {
    if (files < 1) {
      throw new IllegalArgumentException("a table needs at least 1 file, not " + files);
    }
    return new WriteJsonLines(folder, singleFile, files);
  }

  @Override
  public PDone expand(PCollection<Row> rows) {
    TextIO.Write write = TextIO.write().to(folder + "/part").withSuffix(".json");
    if (rows.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      write = write.withWindowedWrites().withNumShards(singleFile ? 1 : STREAMING_SHARDS);
    } else if (files != RUNNERS_CHOICE) {
      write = write.withNumShards(files);
    }
    return rows.apply("FormatJson", FormatJsonLines.create()).apply("WriteFiles", write);
  }
}
