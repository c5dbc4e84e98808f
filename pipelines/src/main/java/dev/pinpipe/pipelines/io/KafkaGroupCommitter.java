package dev.pinpipe.pipelines.io;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Commits offsets to a Kafka consumer group, synchronously, and looks up where records are. */
public final class KafkaGroupCommitter implements OffsetCommitter {
  private final String bootstrapServers;
  private final String group;
  private static final long LOOKUP_MILLIS = 5_000;
  private transient KafkaBroker broker;
  private transient KafkaConsumer<byte[], byte[]> consumer;

  public KafkaGroupCommitter(String bootstrapServers, String group) {
    this.bootstrapServers = bootstrapServers;
    this.group = group;
  }

  @Override
  public void commit(String topic, int partition, long nextOffset) {
    broker().commit(group, new TopicPartition(topic, partition), nextOffset);
  }

  @Override
  public long start(String topic, int partition) {
    TopicPartition key = new TopicPartition(topic, partition);
    Long committed = broker().committed(group).get(key);
    return committed != null ? committed : broker().offsets(List.of(key), OffsetSpec.earliest()).get(key);
  }

  @Override
  public long nextRecord(String topic, int partition, long offset) {
    if (consumer == null) {
      // Read committed: a rolled-back record is no record, so the hole it leaves is stepped over.
      Map<String, Object> config = new java.util.HashMap<>(KafkaBroker.READ_COMMITTED);
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
      consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    TopicPartition key = new TopicPartition(topic, partition);
    consumer.assign(List.of(key));
    consumer.seek(key, offset);
    long deadline = System.currentTimeMillis() + LOOKUP_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(200)).records(key);
      if (!records.isEmpty()) {
        return records.get(0).offset();
      }
      long position = consumer.position(key);
      if (position > offset) {
        return position; // past markers or compacted records to the end
      }
    }
    return offset; // no answer: assume a record is there, and wait
  }

  private KafkaBroker broker() {
    if (broker == null) {
      broker = KafkaBroker.connect(bootstrapServers);
    }
    return broker;
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
