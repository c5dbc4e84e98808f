package dev.pinpipe.pipelines.generate;

import dev.pinpipe.pipelines.lake.LakeFiles;
import dev.pinpipe.pipelines.lake.LakeLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Appends JSON lines to one topic's partitions the way the Kafka Connect S3 sink lays them out:
 * each partition's records get consecutive offsets, and every {@code recordsPerFile} records
 * become one file named after its first offset.
 */
final class LakeWriter implements AutoCloseable {
  private final String root;
  private final String topic;
  private final int recordsPerFile;
  private final StringBuilder[] pending;
  private final int[] pendingCount;
  private final long[] nextOffset;
  private long filesWritten;

  LakeWriter(String root, String topic, int partitions, int recordsPerFile) {
    this.root = root;
    this.topic = topic;
    this.recordsPerFile = recordsPerFile;
    this.pending = new StringBuilder[partitions];
    this.pendingCount = new int[partitions];
    this.nextOffset = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      pending[p] = new StringBuilder();
    }
  }

  int partitions() {
    return pending.length;
  }

  void append(int partition, String line) throws IOException {
    pending[partition].append(line).append('\n');
    nextOffset[partition]++;
    if (++pendingCount[partition] == recordsPerFile) {
      flush(partition);
    }
  }

  long records() {
    long records = 0;
    for (long offset : nextOffset) {
      records += offset;
    }
    return records;
  }

  long files() {
    return filesWritten;
  }

  private void flush(int partition) throws IOException {
    if (pendingCount[partition] == 0) {
      return;
    }
    long startOffset = nextOffset[partition] - pendingCount[partition];
    String path = LakeLayout.file(root, topic, partition, startOffset);
    LakeFiles.write(path, pending[partition].toString().getBytes(StandardCharsets.UTF_8));
    pending[partition].setLength(0);
    pendingCount[partition] = 0;
    filesWritten++;
  }

  @Override
  public void close() throws IOException {
    for (int p = 0; p < pending.length; p++) {
      flush(p);
    }
  }
}
