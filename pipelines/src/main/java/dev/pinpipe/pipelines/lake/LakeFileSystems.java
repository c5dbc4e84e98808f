package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.aws.PathStyleS3ClientBuilderFactory;
import dev.pinpipe.pipelines.common.OneLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/** The file systems a lake can live on: local folders and {@code s3://bucket/prefix}. */
public final class LakeFileSystems {
  private static final java.util.regex.Pattern PATTERN_CHARACTERS = java.util.regex.Pattern.compile("[*?\\[\\]{}\\\\]");

  private LakeFileSystems() {}

  /** Registers the file systems for these options, with S3 path style when asked for. */
  public static void configure(PipelineOptions options) {
    S3Options s3 = options.as(S3Options.class);
    if (s3.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class) {
      PathStyleS3ClientBuilderFactory.install(s3);
    }
    FileSystems.setDefaultPipelineOptions(options);
  }

  /**
   * Fails fast, naming the option, when {@code glob} cannot be listed: a missing bucket, no
   * access, an unreachable endpoint. An empty match is fine.
   */
  public static void requireListable(String option, String value, String glob) {
    MatchResult match;
    try {
      match = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    } catch (IOException e) {
      throw unreachable(option, value, e);
    }
    if (match.status() == MatchResult.Status.ERROR) {
      try {
        match.metadata();
      } catch (IOException e) {
        throw unreachable(option, value, e);
      }
    }
  }

  /**
   * Fails in one line naming {@code option} when {@code path} holds a character that file
   * patterns give a meaning (star, question mark, brackets, braces, backslash): pinpipe matches
   * files under the folders it is given, and such a folder would be read as a pattern, reaching
   * other folders.
   */
  public static void requirePlainPath(String option, String path) {
    if (path != null && PATTERN_CHARACTERS.matcher(path).find()) {
      throw new IllegalArgumentException(option + "=" + path + ": must be a plain path; '*', '?', '[', ']', '{', '}'"
          + " and '\\' would be read as a file pattern");
    }
  }

  /** The files matching {@code glob}; none when nothing matches. */
  public static List<ResourceId> files(String glob) throws IOException {
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata file : matches(glob)) {
      files.add(file.resourceId());
    }
    return files;
  }

  /** The files {@code glob} matches, with their sizes; none when it matches nothing. */
  public static List<MatchResult.Metadata> matches(String glob) {
    if (isLocal(glob)) {
      return LocalGlob.match(glob).files; // Beam's local match follows links round loops
    }
    try {
      MatchResult match = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
      return match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + glob, e);
    }
  }

  /** What a listing found: the files, and the links that lead back, which it did not follow. */
  public static final class Listing {
    public final List<MatchResult.Metadata> files;
    public final List<String> loopingLinks;

    Listing(List<MatchResult.Metadata> files, List<String> loopingLinks) {
      this.files = files;
      this.loopingLinks = loopingLinks;
    }
  }

  /** The files {@code glob} matches and, locally, the links that loop back (object stores have none). */
  public static Listing list(String glob) {
    if (isLocal(glob)) {
      LocalGlob.Listing local = LocalGlob.match(glob);
      return new Listing(local.files, local.skippedLinks);
    }
    return new Listing(matches(glob), List.of());
  }

  /** {@code path} without one trailing {@code /}, to append {@code /name} to. */
  public static String trimSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** True for a local path (plain or {@code file://}), false for {@code s3://} and the like. */
  public static boolean isLocal(String path) {
    return !path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || path.startsWith("file://");
  }

  /** A local path without its {@code file://}. */
  public static String localPath(String path) {
    return path.startsWith("file://") ? path.substring("file://".length()) : path;
  }

  private static IllegalArgumentException unreachable(String option, String value, Exception e) {
    return new IllegalArgumentException(
        option + "=" + value + ": cannot list it: " + OneLine.of(OneLine.rootCause(e).getMessage()));
  }
}
