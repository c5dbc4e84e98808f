package dev.pinpipe.pipelines.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The local files a glob matches, found by a walk that goes only as deep as the glob can match
 * ({@code **} aside) and never round a loop: Beam's own local match walks every folder under the
 * glob's fixed part, following links blindly, so two links to {@code .} in one folder made a
 * listing of 2^40 paths that never ended. Links are followed (a lake may live behind one); a link
 * back to a folder above it is not, and is reported.
 */
final class LocalGlob {
  /** What a glob matched, and the links that loop back, which were not followed. */
  static final class Listing {
    final List<MatchResult.Metadata> files;
    final List<String> skippedLinks;

    Listing(List<MatchResult.Metadata> files, List<String> skippedLinks) {
      this.files = files;
      this.skippedLinks = skippedLinks;
    }
  }

  private LocalGlob() {}

  static Listing match(String glob) {
    Path pattern = Paths.get(LakeFileSystems.localPath(glob)).toAbsolutePath();
    String text = pattern.toString();
    int wild = firstWildcard(text);
    List<MatchResult.Metadata> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (wild < 0) {
      if (Files.isRegularFile(pattern)) {
        files.add(metadata(pattern));
      }
      return new Listing(files, skipped);
    }
    Path base = Paths.get(text.substring(0, text.lastIndexOf('/', wild) + 1));
    String rest = text.substring(text.lastIndexOf('/', wild) + 1);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
    PathMatcher matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + text);
    if (!Files.isDirectory(base)) {
      return new Listing(files, skipped);
    }
    try {
      Files.walkFileTree(base, Set.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && matcher.matches(file)) {
            files.add(metadata(file));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof FileSystemLoopException) {
            skipped.add(file.toString());
            return FileVisitResult.CONTINUE;
          }
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // gone while listed (a .tmp renamed, say)
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + glob, e);
    }
    files.sort(Comparator.comparing(file -> file.resourceId().toString()));
    skipped.sort(null);
    return new Listing(files, skipped);
  }

  private static int firstWildcard(String text) {
    for (int i = 0; i < text.length(); i++) {
      if ("*?[{".indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static MatchResult.Metadata metadata(Path file) {
    try {
      return MatchResult.Metadata.builder()
          .setResourceId(FileSystems.matchNewResource(file.toString(), false))
          .setIsReadSeekEfficient(true)
          .setSizeBytes(Files.size(file))
          .setLastModifiedMillis(Files.getLastModifiedTime(file).toMillis())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }
}
