package dev.pinpipe.pipelines.delta;

import java.util.Optional;

/**
 * Where a streamed record came from, as the {@code source} of its row: {@code
 * <topic>/<partition>@<offset>} for Kafka, {@code <stream>/<shard>@<sequence number>} for Kinesis.
 */
public final class SourcePosition {
  private SourcePosition() {}

  public static String of(String topicOrStream, String partitionOrShard, String offsetOrSequence) {
    return topicOrStream + "/" + partitionOrShard + "@" + offsetOrSequence;
  }

  /** A Kafka position: topic, partition and offset. */
  public static final class Offset {
    public final String topic;
    public final int partition;
    public final long offset;

    Offset(String topic, int partition, long offset) {
      this.topic = topic;
      this.partition = partition;
      this.offset = offset;
    }
  }

  /** The Kafka position a source names, or empty for any other source. */
  public static Optional<Offset> kafkaOffset(String source) {
    int at = source.lastIndexOf('@');
    int slash = source.lastIndexOf('/', at);
    if (at < 0 || slash < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Offset(source.substring(0, slash),
          Integer.parseInt(source.substring(slash + 1, at)), Long.parseLong(source.substring(at + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
