import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Copies the topics <from>.pin/.geo/.user to <to>.pin/.geo/.user (same partitions, same order),
 * giving the records arrival times (their Kafka timestamps) spread evenly over the last N minutes,
 * as if they had been posted at a steady rate: a stream catching up on them then holds one
 * window's records at a time, not the whole replay's, which a replay at full speed puts in one or
 * two windows. Usage:
 * java -cp 'kafka-clients.jar:slf4j-api.jar' bench/SpreadArrivals.java servers from to minutes
 */
public class SpreadArrivals {
  public static void main(String[] args) throws Exception {
    String servers = args[0];
    String from = args[1];
    String to = args[2];
    long spanMillis = Long.parseLong(args[3]) * 60_000L;
    Properties read = new Properties();
    read.put("bootstrap.servers", servers);
    read.put("enable.auto.commit", "false");
    read.put("isolation.level", "read_committed");
    read.put("max.partition.fetch.bytes", 8 << 20);
    read.put("key.deserializer", ByteArrayDeserializer.class.getName());
    read.put("value.deserializer", ByteArrayDeserializer.class.getName());
    Properties write = new Properties();
    write.put("bootstrap.servers", servers);
    write.put("acks", "all");
    write.put("linger.ms", 20);
    write.put("batch.size", 1 << 20);
    write.put("key.serializer", ByteArraySerializer.class.getName());
    write.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(read);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(write)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String kind : List.of("pin", "geo", "user")) {
        for (PartitionInfo info : consumer.partitionsFor(from + "." + kind)) {
          partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
      }
      // The copies get the same number of partitions, so each record keeps its partition.
      List<NewTopic> copies = new ArrayList<>();
      for (String kind : List.of("pin", "geo", "user")) {
        copies.add(new NewTopic(to + "." + kind, consumer.partitionsFor(from + "." + kind).size(), (short) 1));
      }
      try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", servers))) {
        admin.createTopics(copies).all().get();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Each record's place in its partition, as a share of the partition, sets its time: every
      // partition (and so every kind) runs through the span at the same pace.
      java.util.Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long total = 0;
      for (long end : ends.values()) {
        total += end;
      }
      long start = System.currentTimeMillis() - spanMillis;
      long copied = 0;
      while (copied < total) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(5));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          long at = start + spanMillis * record.offset() / Math.max(1, ends.get(partition));
          String topic = to + record.topic().substring(from.length());
          producer.send(new ProducerRecord<>(topic, record.partition(), at, record.key(), record.value()));
          copied++;
        }
        if (records.isEmpty()) {
          break; // nothing more within 5 s: a transaction marker's offset, not a record
        }
      }
      producer.flush();
      System.out.printf("copied %,d records from %s.* to %s.*, arrivals spread over %d minutes%n",
          copied, from, to, spanMillis / 60_000);
    }
  }
}
