package dev.pinpipe.pipelines.io;

import static dev.pinpipe.pipelines.io.LakeFileSystems.files;
import static dev.pinpipe.pipelines.io.LakeFileSystems.isLocal;
import static dev.pinpipe.pipelines.io.LakeFileSystems.localPath;
import static dev.pinpipe.pipelines.io.LakeFileSystems.trimSlash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The output folders a pipeline owns, written so that a failed run never touches the last good
 * results: a run writes into a staging folder beside the output ({@code <outputDir>.staging}),
 * and only once it succeeded are the owned subfolders' files replaced by the staged ones. Only
 * the named subfolders are touched. Works on local folders and on S3 alike.
 */
public final class OutputFolders {
  private static final String STAGING_SUFFIX = ".staging";

  private OutputFolders() {}

  /** Where a run into {@code outputDir} writes until it has succeeded. */
  public static String staging(String outputDir) {
    return trimSlash(outputDir) + STAGING_SUFFIX;
  }

  /** Empties the staging folder, which a run that failed or was killed may have left behind. */
  public static void clearStaging(String outputDir) {
    String staging = staging(outputDir);
    try {
      FileSystems.delete(files(staging + "/**"), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      deleteLocalFolders(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the staging folder " + staging, e);
    }
  }

  /**
   * Replaces the files of each subfolder of {@code outputDir} by the files staged for it: the new
   * files are moved in first (same names replace the old ones), then the old files that no new
   * file replaced are deleted, then the staging folder goes.
   */
  public static void publish(String outputDir, List<String> subfolders) {
    String staging = staging(outputDir);
    try {
      for (String subfolder : subfolders) {
        String target = trimSlash(outputDir) + "/" + subfolder;
        List<ResourceId> old = files(target + "/*");
        List<ResourceId> staged = files(staging + "/" + subfolder + "/*");
        List<ResourceId> destinations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ResourceId file : staged) {
          names.add(file.getFilename());
          destinations.add(FileSystems.matchNewResource(target + "/" + file.getFilename(), false));
        }
        FileSystems.rename(staged, destinations);
        old.removeIf(file -> names.contains(file.getFilename()));
        FileSystems.delete(old, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
        if (staged.isEmpty() && isLocal(target)) {
          Files.createDirectories(Paths.get(target)); // an empty result is still a folder
        }
      }
      clearStaging(outputDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the results from " + staging + " to " + outputDir, e);
    }
  }

  /** Local folders stay behind when their files are deleted; object stores have none. */
  private static void deleteLocalFolders(String folder) throws IOException {
    if (!isLocal(folder) || !Files.isDirectory(Paths.get(localPath(folder)))) {
      return;
    }
    try (Stream<Path> paths = Files.walk(Paths.get(localPath(folder)))) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
