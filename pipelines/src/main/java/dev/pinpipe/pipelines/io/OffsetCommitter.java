package dev.pinpipe.pipelines.io;

import java.io.Serializable;

/**
 * Records how far a partition is durably written (landed, or committed to Delta): the Kafka
 * consumer group in production, so that a restart resumes there.
 */
public interface OffsetCommitter extends Serializable, AutoCloseable {
  /** Everything in {@code topic}'s {@code partition} before {@code nextOffset} is durable. */
  void commit(String topic, int partition, long nextOffset);

  @Override
  default void close() {}
}
