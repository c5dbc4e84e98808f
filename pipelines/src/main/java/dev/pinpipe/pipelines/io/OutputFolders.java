package dev.pinpipe.pipelines.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Empties the output folders a pipeline owns before it writes them again, so that a rerun with
 * fewer shards leaves no stale files behind. Only the named subfolders are touched.
 */
public final class OutputFolders {
  private OutputFolders() {}

  public static void clear(String outputDir, List<String> subfolders) {
    try {
      List<ResourceId> files = new ArrayList<>();
      for (String subfolder : subfolders) {
        MatchResult match =
            FileSystems.match(outputDir + "/" + subfolder + "/*", EmptyMatchTreatment.ALLOW);
        if (match.status() == MatchResult.Status.OK) {
          for (MatchResult.Metadata file : match.metadata()) {
            files.add(file.resourceId());
          }
        }
      }
      FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear output folder " + outputDir, e);
    }
  }
}
