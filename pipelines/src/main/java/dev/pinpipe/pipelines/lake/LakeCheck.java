package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.LakeFileSystems;
import dev.pinpipe.schemas.RecordKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Looks at a lake before a run reads it: a topic with no lake files at all is an error (an empty
 * lake or a mistyped {@code --topicPrefix} would otherwise give nine empty results), and files
 * under a topic's folder that the lake glob does not read ({@code .JSON}, {@code .json.gz}, a
 * nested folder) are counted and named in one warning line per topic. {@code .tmp} files, which
 * {@code land} and the generator write before an atomic rename, are left out on purpose.
 */
public final class LakeCheck {
  private final String root;
  private final String topicPrefix;

  private LakeCheck(String root, String topicPrefix) {
    this.root = root;
    this.topicPrefix = topicPrefix;
  }

  public static LakeCheck of(String root, String topicPrefix) {
    return new LakeCheck(root, topicPrefix);
  }

  /**
   * Fails, naming the options and the glob, when a topic has no files, unless {@code allowEmpty};
   * returns the bytes of the files a run reads.
   */
  public long require(boolean allowEmpty, PrintStream log) {
    long bytes = 0;
    for (RecordKind kind : RecordKind.values()) {
      String glob = LakeLayout.glob(root, topicPrefix, kind);
      Set<String> read = new HashSet<>();
      for (MatchResult.Metadata file : LakeFileSystems.matches(glob)) {
        read.add(file.resourceId().toString());
        bytes += file.sizeBytes();
      }
      if (read.isEmpty() && !allowEmpty) {
        throw new IllegalArgumentException(String.format(
            "--lakeRoot=%s --topicPrefix=%s: no lake files match %s; check both options, or pass"
                + " --allowEmpty=true to accept an empty lake", root, topicPrefix, glob));
      }
      String folder = LakeLayout.topicFolder(root, topicPrefix, kind);
      List<String> unread = new ArrayList<>();
      for (String file : files(folder + "/**")) {
        if (!read.contains(file) && !file.endsWith(".tmp")) {
          unread.add(file);
        }
      }
      List<String> loops = LakeFileSystems.loopingLinks(folder + "/**");
      if (!loops.isEmpty()) {
        log.printf("warning: %,d links under %s lead back to a folder above them and are not followed, e.g. %s%n",
            loops.size(), folder, loops.get(0));
      }
      if (!unread.isEmpty()) {
        log.printf("warning: %,d files under %s are not read (only partition=*/*.json is), e.g. %s%n",
            unread.size(), folder, unread.get(0));
      }
    }
    return bytes;
  }

  private static List<String> files(String glob) {
    List<String> files = new ArrayList<>();
    for (MatchResult.Metadata file : LakeFileSystems.matches(glob)) {
      files.add(file.resourceId().toString());
    }
    return files;
  }
}
