package dev.pinpipe.pipelines.lake;

import dev.pinpipe.schemas.RecordKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.beam.sdk.io.FileSystems;
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
   * returns the files a run reads.
   */
  public List<MatchResult.Metadata> require(boolean allowEmpty, PrintStream log) {
    List<MatchResult.Metadata> lake = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      String glob = LakeLayout.glob(root, topicPrefix, kind);
      Set<String> read = new HashSet<>();
      for (MatchResult.Metadata file : LakeFileSystems.matches(glob)) {
        read.add(file.resourceId().toString());
        lake.add(file);
      }
      if (read.isEmpty() && !allowEmpty) {
        throw new IllegalArgumentException(String.format(
            "--lakeRoot=%s --topicPrefix=%s: no lake files match %s; check both options, or pass"
                + " --allowEmpty=true to accept an empty lake", root, topicPrefix, glob));
      }
      String folder = LakeLayout.topicFolder(root, topicPrefix, kind);
      LakeFileSystems.Listing all = LakeFileSystems.list(folder + "/**");
      List<String> unread = new ArrayList<>();
      for (MatchResult.Metadata file : all.files) {
        String name = file.resourceId().toString();
        if (!read.contains(name) && !name.endsWith(".tmp")) {
          unread.add(name);
        }
      }
      if (!all.loopingLinks.isEmpty()) {
        log.printf("warning: %,d links under %s lead back to a folder above them and are not followed, e.g. %s%n",
            all.loopingLinks.size(), folder, all.loopingLinks.get(0));
      }
      if (!unread.isEmpty()) {
        log.printf("warning: %,d files under %s are not read (only partition=*/*.json is), e.g. %s%n",
            unread.size(), folder, unread.get(0));
      }
    }
    return lake;
  }

  /**
   * The bytes a run reads of {@code files}, as read: a gzip file (known by its first bytes,
   * whatever its name, as {@link ReadLakeLines} reads it) counts what it expands to, so a small
   * file of many lines does not pass for small. Counting stops once past {@code limit}: the answer
   * is then just over it.
   */
  public static long bytesAsRead(List<MatchResult.Metadata> files, long limit) {
    long total = 0;
    for (MatchResult.Metadata file : files) {
      total += expanded(file, limit - total);
      if (total > limit) {
        return total;
      }
    }
    return total;
  }

  /** A file's size, or for a gzip file what it expands to, counted up to just past {@code limit}. */
  private static long expanded(MatchResult.Metadata file, long limit) {
    if (file.sizeBytes() > limit) {
      return file.sizeBytes();
    }
    try (InputStream in = ReadLakeLines.asRead(FileSystems.open(file.resourceId()))) {
      if (!(in instanceof GZIPInputStream)) {
        return file.sizeBytes();
      }
      byte[] buffer = new byte[1 << 16];
      long count = 0;
      try {
        for (int n = in.read(buffer); n >= 0 && count <= limit; n = in.read(buffer)) {
          count += n;
        }
      } catch (ZipException | EOFException broken) {
        // what it held before the break is what a run reads of it
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.resourceId(), e);
    }
  }

}
