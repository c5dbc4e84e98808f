package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.land.LakeRecord;
import dev.pinpipe.pipelines.land.LakeSink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Fills topics on the local stack's broker and checks a lake on its S3 server against them: each
 * partition's files must chain from the partition's first offset, each file starting where the
 * one before ended, and hold the partition's records in offset order, each exactly once.
 */
public final class TopicsAndLake {
  private static final Pattern FILE =
      Pattern.compile(".*/topics/([^/]+)/partition=(\\d+)/\\1\\+\\2\\+(\\d{10})\\.json");

  private TopicsAndLake() {}

  /** Creates {@code <prefix>.pin/.geo/.user} with {@code partitions} partitions each. */
  public static void createTopics(String prefix, int partitions) throws Exception {
    try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
      List<NewTopic> topics = new ArrayList<>();
      for (String kind : List.of("pin", "geo", "user")) {
        topics.add(new NewTopic(prefix + "." + kind, Optional.of(partitions), Optional.empty()));
      }
      broker.createTopics(topics);
    }
  }

  /**
   * Sends {@code perTopic} JSON records to each topic, keyed at random, numbered from {@code
   * first}; the pin topic also gets a pretty-printed record and a tombstone.
   */
  public static void produce(String prefix, int first, int perTopic, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = producer()) {
      for (String kind : List.of("pin", "geo", "user")) {
        for (int i = first; i < first + perTopic; i++) {
          sent.add(producer.send(new ProducerRecord<>(prefix + "." + kind, "k" + random.nextInt(1_000),
              "{\"" + kind + "\":" + i + "}")));
        }
      }
      sent.add(producer.send(new ProducerRecord<>(prefix + ".pin", "pretty", "{\n  \"pin\": \"pretty\"\n}")));
      sent.add(producer.send(new ProducerRecord<>(prefix + ".pin", "gone", null)));
      producer.flush();
      for (Future<RecordMetadata> send : sent) {
        send.get(); // a record that was not written fails the test here, not later
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("producing test records failed", e);
    }
  }

  /**
   * Sends a transaction per entry of {@code transactions}: its records, committed when the entry's
   * key is true, rolled back when false.
   */
  public static void produceInTransactions(String prefix,
      List<Map.Entry<Boolean, List<ProducerRecord<String, String>>>> transactions) {
    Properties config = new Properties();
    config.put("bootstrap.servers", LocalStack.kafka());
    config.put("transactional.id", prefix + "-transactions");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      for (Map.Entry<Boolean, List<ProducerRecord<String, String>>> transaction : transactions) {
        producer.beginTransaction();
        transaction.getValue().forEach(producer::send);
        producer.flush();
        if (transaction.getKey()) {
          producer.commitTransaction();
        } else {
          producer.abortTransaction();
        }
      }
    }
  }

  /** A producer of string records to the local Kafka that keeps each partition's order and adds no duplicate. */
  public static KafkaProducer<String, String> producer() {
    Properties config = new Properties();
    config.put("bootstrap.servers", LocalStack.kafka());
    config.put("acks", "all");
    config.put("linger.ms", 5);
    // Not idempotent: on a just-created topic the one local broker answered NOT_LEADER, and the
    // idempotent producer's retries then met OUT_OF_ORDER_SEQUENCE_NUMBER until they expired
    // (seen once in CI under load). One request in flight keeps the order; on loopback a retry
    // follows a refusal, not a lost answer, so it adds no duplicate.
    config.put("enable.idempotence", false);
    config.put("max.in.flight.requests.per.connection", 1);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /**
   * Every record of the topics that a read_committed consumer sees, as the lake line it should
   * become, by topic-partition and offset.
   */
  static Map<TopicPartition, TreeMap<Long, String>> expectedLines(String prefix) {
    Map<TopicPartition, TreeMap<Long, String>> lines = new HashMap<>();
    Properties config = new Properties();
    config.put("bootstrap.servers", LocalStack.kafka());
    config.putAll(KafkaBroker.READ_COMMITTED); // rolled-back records are not data
    try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka());
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = broker.partitionsMatching(LakeSink.topicPattern(prefix));
      Map<TopicPartition, Long> ends = broker.offsets(partitions, OffsetSpec.latest());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 60_000;
      partitions.forEach(partition -> lines.put(partition, new TreeMap<>()));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          lines.get(new TopicPartition(record.topic(), record.partition()))
              .put(record.offset(), new String(LakeRecord.lineOf(record.value()), StandardCharsets.UTF_8));
        }
      }
    }
    return lines;
  }

  /** Checks that the lake under {@code s3://bucket/root} holds the topics' records exactly once. */
  public static void assertLakeHoldsEveryRecordOnce(String prefix, String bucket, String root) {
    Map<TopicPartition, TreeMap<Long, String>> expected = expectedLines(prefix);
    expected.values().removeIf(TreeMap::isEmpty);
    assertTrue(!expected.isEmpty(), "no records on the topics");
    Map<TopicPartition, TreeMap<Long, List<String>>> files = new HashMap<>();
    try (S3Client s3 = LocalStack.s3()) {
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(root + "/")).contents()) {
        Matcher name = FILE.matcher(object.key());
        assertTrue(name.matches(), "not a lake file: " + object.key());
        String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), object.key() + " does not end its last line");
        files.computeIfAbsent(new TopicPartition(name.group(1), Integer.parseInt(name.group(2))), k -> new TreeMap<>())
            .put(Long.parseLong(name.group(3)), List.of(text.substring(0, text.length() - 1).split("\n", -1)));
      }
    }
    assertEquals(expected.keySet(), files.keySet(), "partitions in the lake");
    for (Map.Entry<TopicPartition, TreeMap<Long, List<String>>> partition : files.entrySet()) {
      TreeMap<Long, String> records = expected.get(partition.getKey());
      List<String> landed = new ArrayList<>();
      Long next = records.firstKey();
      for (Map.Entry<Long, List<String>> file : partition.getValue().entrySet()) {
        // A file is named by its first record's offset and starts at the record after the one
        // before it ended with (offsets between hold no record: transaction markers).
        assertEquals(next, file.getKey(), partition.getKey() + ": a file starts where the one before ended");
        landed.addAll(file.getValue());
        Map.Entry<Long, String> last = records.floorEntry(file.getKey());
        for (int i = 1; i < file.getValue().size() && last != null; i++) {
          last = records.higherEntry(last.getKey());
        }
        next = last == null ? null : records.higherKey(last.getKey());
      }
      assertEquals(new ArrayList<>(records.values()), landed, partition.getKey() + ": records in offset order, each once");
    }
  }
}
