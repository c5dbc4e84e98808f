import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each record was posted: reads the topics <prefix>.pin/.geo/.user to their end and prints
 * "kind ind timestamp-ms" for the first record of each ind (a re-post is not a new row).
 * Usage: java -cp 'kafka-clients.jar:slf4j-api.jar' bench/TopicTimestamps.java servers prefix
 */
public class TopicTimestamps {
  private static final Pattern KEY = Pattern.compile("\"(?:ind|index)\"\\s*:\\s*(\\d+)");

  public static void main(String[] args) {
    Properties config = new Properties();
    config.put("bootstrap.servers", args[0]);
    config.put("enable.auto.commit", "false");
    config.put("key.deserializer", ByteArrayDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    Map<String, Long> first = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String kind : List.of("pin", "geo", "user")) {
        for (PartitionInfo p : consumer.partitionsFor(args[1] + "." + kind)) {
          partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          Matcher key = KEY.matcher(new String(record.value(), StandardCharsets.UTF_8));
          if (key.find()) {
            String kind = record.topic().substring(record.topic().lastIndexOf('.') + 1);
            first.merge(kind + " " + key.group(1), record.timestamp(), Math::min);
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    first.forEach((kindAndInd, timestamp) -> out.append(kindAndInd).append(' ').append(timestamp).append('\n'));
    System.out.print(out);
  }
}
