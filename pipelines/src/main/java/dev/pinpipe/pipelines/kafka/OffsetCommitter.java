package dev.pinpipe.pipelines.kafka;

import java.io.Serializable;

/**
 * Records how far a partition is durably written (landed, or committed to Delta): the Kafka
 * consumer group in production, so that a restart resumes there.
 */
public interface OffsetCommitter extends Serializable, AutoCloseable {
  /** Everything in {@code topic}'s {@code partition} before {@code nextOffset} is durable. */
  void commit(String topic, int partition, long nextOffset);

  /** Where a run starts reading {@code topic}'s {@code partition}: the committed offset, else the first. */
  default long start(String topic, int partition) {
    return 0;
  }

  /**
   * The offset of the first record at or after {@code offset} (past offsets that hold no record:
   * transaction markers, compacted or expired records), or the partition's end.
   */
  default long nextRecord(String topic, int partition, long offset) {
    return offset;
  }

  @Override
  default void close() {}
}
