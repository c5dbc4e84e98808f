import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The benchmark peer of `land`: one plain KafkaConsumer, no Beam, writing each partition's
 * records to files of flushSize lines in the same layout, until the end offsets at start.
 * It neither commits offsets nor makes files durable, so it is a ceiling, not a sink.
 * Usage: java -cp 'kafka-clients.jar:slf4j-api.jar' bench/PlainKafkaToFiles.java servers prefix root flushSize
 */
public class PlainKafkaToFiles {
  public static void main(String[] args) throws Exception {
    String servers = args[0], prefix = args[1], root = args[2];
    int flushSize = Integer.parseInt(args[3]);
    Properties config = new Properties();
    config.put("bootstrap.servers", servers);
    // The fetch size land uses on Flink: with Kafka's 1 MiB, this consumer too sometimes got empty
    // fetches for seconds on end from the local broker (22 s instead of 4 s for 600,000 records).
    config.put("max.partition.fetch.bytes", 8 << 20);
    config.put("isolation.level", "read_committed"); // as land reads
    Map<TopicPartition, Long> ends = new HashMap<>();
    try (Admin admin = Admin.create(config)) {
      List<String> topics = admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(prefix + ".")).collect(Collectors.toList());
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
          .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    }
    Map<TopicPartition, StringBuilder> pending = new HashMap<>();
    Map<TopicPartition, Long> firstOffset = new HashMap<>();
    Map<TopicPartition, Integer> count = new HashMap<>();
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      while (ends.keySet().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          firstOffset.putIfAbsent(tp, record.offset());
          pending.computeIfAbsent(tp, k -> new StringBuilder())
              .append(record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8)).append('\n');
          records++;
          if (count.merge(tp, 1, Integer::sum) == flushSize) {
            write(root, tp, firstOffset.remove(tp), pending.remove(tp));
            count.remove(tp);
          }
        }
      }
    }
    for (TopicPartition tp : pending.keySet()) {
      write(root, tp, firstOffset.get(tp), pending.get(tp));
    }
    System.out.println(records + " records");
  }

  private static void write(String root, TopicPartition tp, long first, StringBuilder lines) throws Exception {
    Path file = Path.of(root, "topics", tp.topic(), "partition=" + tp.partition(),
        String.format("%s+%d+%010d.json", tp.topic(), tp.partition(), first));
    Files.createDirectories(file.getParent());
    Files.writeString(file, lines);
  }
}
