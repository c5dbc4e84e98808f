package dev.pinpipe.pipelines.io;

import dev.pinpipe.transforms.FormatJsonLines;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * The one output helper of every pipeline: rows as JSON lines in {@code <folder>/part-*.json}.
 * Small results are written as one file; large tables let the runner choose the sharding.
 */
public final class WriteJsonLines extends PTransform<PCollection<Row>, PDone> {
  private final String folder;
  private final boolean singleFile;

  private WriteJsonLines(String folder, boolean singleFile) {
    this.folder = folder;
    this.singleFile = singleFile;
  }

  /** Writes a table to as many files as the runner likes. */
  public static WriteJsonLines to(String folder) {
    return new WriteJsonLines(folder, false);
  }

  /** Writes a small result to a single file. */
  public static WriteJsonLines toSingleFile(String folder) {
    return new WriteJsonLines(folder, true);
  }

  @Override
  public PDone expand(PCollection<Row> rows) {
    TextIO.Write write = TextIO.write().to(folder + "/part").withSuffix(".json");
    return rows.apply("FormatJson", FormatJsonLines.create())
        .apply("WriteFiles", singleFile ? write.withNumShards(1) : write);
  }
}
