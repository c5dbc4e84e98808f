package dev.pinpipe.pipelines.io;

import org.apache.kafka.common.TopicPartition;

/** Commits offsets to a Kafka consumer group, synchronously. */
public final class KafkaGroupCommitter implements OffsetCommitter {
  private final String bootstrapServers;
  private final String group;
  private transient KafkaBroker broker;

  public KafkaGroupCommitter(String bootstrapServers, String group) {
    this.bootstrapServers = bootstrapServers;
    this.group = group;
  }

  @Override
  public void commit(String topic, int partition, long nextOffset) {
    if (broker == null) {
      broker = KafkaBroker.connect(bootstrapServers);
    }
    broker.commit(group, new TopicPartition(topic, partition), nextOffset);
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
