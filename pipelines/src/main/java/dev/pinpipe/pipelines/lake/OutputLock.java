package dev.pinpipe.pipelines.lake;

import static dev.pinpipe.pipelines.lake.LakeFileSystems.isLocal;
import static dev.pinpipe.pipelines.lake.LakeFileSystems.localPath;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One {@code batch} run at a time per local output folder: a second run fails at once, naming the
 * run that holds the folder. The lock is the operating system's on {@value #FILE}, so a run that
 * is killed lets go of it with its process and never leaves it stuck. An output on S3 has no such
 * lock; there runs still write folders of their own, and the last to finish is published whole.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = ".pinpipe-batch.lock";
  private static final OutputLock NONE = new OutputLock(null, null);

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the output folder, or fails in one line naming {@code --outputDir} when a run holds it. */
  public static OutputLock take(String outputDir) throws IOException {
    if (!isLocal(outputDir)) {
      return NONE;
    }
    Path folder = Paths.get(localPath(outputDir));
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      throw new IllegalArgumentException("--outputDir=" + outputDir + ": in use by another batch run"
          + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to end, or choose another folder");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now())
        .getBytes(StandardCharsets.UTF_8)), 0);
    return new OutputLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.truncate(0);
      lock.release();
      channel.close();
    }
  }
}
