package dev.pinpipe.pipelines.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes whole lake files so that a reader, or a restart after a crash, never sees half of one.
 */
public final class LakeFiles {
  private LakeFiles() {}

  /**
   * Writes {@code contents} to {@code path}, replacing any file there, and returns once it is
   * durable. Local files are written to a {@code .tmp} sibling (which the lake's {@code *.json}
   * glob skips), forced to disk and renamed atomically; on S3 an upload becomes visible whole,
   * when it completes.
   */
  public static void write(String path, byte[] contents) throws IOException {
    if (path.contains("://") && !path.startsWith("file://")) {
      try (OutputStream out =
          Channels.newOutputStream(
              FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT))) {
        out.write(contents);
      }
      return;
    }
    Path target = Paths.get(path.startsWith("file://") ? path.substring("file://".length()) : path);
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(contents);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
