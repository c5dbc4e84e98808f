package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.KafkaBroker;
import org.apache.kafka.common.TopicPartition;

/** Commits landed offsets to a Kafka consumer group, synchronously. */
final class KafkaGroupCommitter implements OffsetCommitter {
  private final String bootstrapServers;
  private final String group;
  private transient KafkaBroker broker;

  KafkaGroupCommitter(String bootstrapServers, String group) {
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
