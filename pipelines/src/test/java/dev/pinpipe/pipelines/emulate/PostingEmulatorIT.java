package dev.pinpipe.pipelines.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.generate.PostGenerator;
import dev.pinpipe.pipelines.aws.Kinesis;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.seed.SeedDatabase;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.RecordParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** emulate from the local stack's MariaDB to its Kafka broker, read back with a plain consumer. */
@Timeout(300)
class PostingEmulatorIT {
  private static final int POSTS = 300;
  private static final long SEED = 17;

  @BeforeAll
  public static void seedMariaDb() throws Exception {
    SeedDatabase.Options seed = PipelineOptionsFactory.as(SeedDatabase.Options.class);
    configure(seed);
    seed.setPosts(POSTS);
    seed.setSeed(SEED);
    seed.setOverwrite(true);
    assertEquals(PipelineResult.State.DONE, SeedDatabase.run(seed).waitUntilFinish());
  }

  private static void configure(dev.pinpipe.pipelines.options.SourceDatabaseOptions options) throws Exception {
    LocalStack.onMariaDb(options);
  }

  private static PostingEmulator.Options emulator(String mode, String prefix) throws Exception {
    PostingEmulator.Options options = PipelineOptionsFactory.as(PostingEmulator.Options.class);
    configure(options);
    options.setMode(mode);
    options.setTopicPrefix(prefix);
    options.setKafkaBootstrapServers(System.getenv("PINPIPE_KAFKA"));
    return options;
  }

  /** A topic prefix no other test or run uses. */
  private static String newPrefix() {
    return "it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Random mode: {@code count} posts at {@code perSecond}. */
  private static PostingEmulator.Options randomMode(String prefix, int count, int perSecond) throws Exception {
    PostingEmulator.Options options = emulator("random", prefix);
    options.setCount(count);
    options.setRatePerSecond(perSecond);
    return options;
  }

  /** Every record on the three topics, read until {@code expected} arrived or 60 s passed. */
  private static Map<RecordKind, List<ConsumerRecord<String, String>>> readBack(String prefix, int expected) {
    Properties config = new Properties();
    config.put("bootstrap.servers", System.getenv("PINPIPE_KAFKA"));
    config.put("group.id", "it-" + prefix);
    config.put("auto.offset.reset", "earliest");
    config.putAll(dev.pinpipe.pipelines.kafka.KafkaBroker.READ_COMMITTED);
    Map<RecordKind, List<ConsumerRecord<String, String>>> records = new EnumMap<>(RecordKind.class);
    Map<String, RecordKind> byTopic = new HashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      records.put(kind, new ArrayList<>());
      byTopic.put(prefix + "." + kind.label(), kind);
    }
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(byTopic.keySet());
      long deadline = System.currentTimeMillis() + 60_000;
      int received = 0;
      while (received < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          records.get(byTopic.get(record.topic())).add(record);
          received++;
        }
      }
    }
    return records;
  }

  /**
   * Runs to the end; nothing may reach standard output but the command's own lines (Beam 2.70's
   * JdbcIO printed a line "null" for each query, so once for every pick in random mode).
   */
  private static void runPrintingNothing(PostingEmulator.Options options) {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertEquals(PipelineResult.State.DONE, PostingEmulator.run(options).waitUntilFinish());
    } finally {
      System.setOut(console);
    }
    assertEquals(0, printed.toString(StandardCharsets.UTF_8).lines().filter("null"::equals).count(),
        "stray lines \"null\" on standard output");
  }

  @Test
  void replaySendsEveryPostsThreeRecordsAsTheSourceHoldsThem() throws Exception {
    String prefix = newPrefix();
    runPrintingNothing(emulator("replay", prefix));
    Map<RecordKind, List<ConsumerRecord<String, String>>> received = readBack(prefix, 3 * POSTS);
    PostGenerator generator = PostGenerator.create(POSTS, SEED);
    for (RecordKind kind : RecordKind.values()) {
      List<ConsumerRecord<String, String>> records = received.get(kind);
      assertEquals(POSTS, records.size(), kind + " records");
      for (ConsumerRecord<String, String> record : records) {
        Row sent = RecordParser.parse(kind, record.value());
        long ind = sent.getInt64(kind.rawKey());
        assertEquals(String.valueOf(ind), record.key(), record.value());
        assertTrue(record.value().matches(".*\"(timestamp|date_joined)\":\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\".*") || kind == RecordKind.PIN, record.value());
        assertEquals(RecordParser.parse(kind, generator.post((int) ind).json(kind)), sent, record.value());
      }
    }
  }

  @Test
  void randomModeSendsCountPostsWithReplacementAtItsRate() throws Exception {
    String prefix = newPrefix();
    runPrintingNothing(randomMode(prefix, 60, 20));
    Map<RecordKind, List<ConsumerRecord<String, String>>> received = readBack(prefix, 180);
    Map<String, Integer> postsPerKind = new HashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(60, received.get(kind).size(), kind + " records");
      for (ConsumerRecord<String, String> record : received.get(kind)) {
        long ind = Long.parseLong(record.key());
        assertTrue(ind >= 0 && ind < POSTS, record.key());
        postsPerKind.merge(kind.label() + ":" + ind, 1, Integer::sum);
      }
    }
    // 60 posts at 20 a second take 3 s: posted as they fall due, not all together at the end.
    LongSummaryStatistics sent = received.get(RecordKind.PIN).stream().mapToLong(ConsumerRecord::timestamp).summaryStatistics();
    assertTrue(sent.getMax() - sent.getMin() >= 2_000, "pins posted over " + (sent.getMax() - sent.getMin()) + " ms");
    // The same picks go to all three topics: each post's pin, geo and user were sent equally often.
    for (Map.Entry<String, Integer> entry : postsPerKind.entrySet()) {
      String ind = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
      assertEquals(entry.getValue(), postsPerKind.get("geo:" + ind), entry.getKey());
      assertEquals(entry.getValue(), postsPerKind.get("user:" + ind), entry.getKey());
    }
  }

  /**
   * The broker killed (SIGKILL) and started again while random mode posts: the producer holds
   * what it cannot send and sends it once the broker is back, so every post arrives, once.
   */
  @Test
  void aBrokerRestartWhilePostingDelaysRecordsAndLosesOrDoublesNone() throws Exception {
    String prefix = newPrefix();
    PostingEmulator.Options options = randomMode(prefix, 300, 30);
    ExecutorService running = Executors.newSingleThreadExecutor();
    try {
      Future<PipelineResult.State> emulate = running.submit(() -> PostingEmulator.run(options).waitUntilFinish());
      Thread.sleep(4_000);
      LocalStack.stack("kill", "kafka");
      Thread.sleep(8_000);
      LocalStack.stack("start", "kafka");
      assertEquals(PipelineResult.State.DONE, emulate.get(200, TimeUnit.SECONDS));
    } finally {
      running.shutdownNow();
      LocalStack.stack("start", "kafka"); // whatever happened, the next tests have their broker
    }
    Map<RecordKind, List<ConsumerRecord<String, String>>> received = readBack(prefix, 3 * 300);
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(300, received.get(kind).size(), kind + " records");
    }
  }

  private static PostingEmulator.Options toKinesis(String prefix) throws Exception {
    PostingEmulator.Options options = emulator("replay", prefix);
    options.setKafkaBootstrapServers(null);
    options.setKinesis(true);
    AwsOptions aws = options.as(AwsOptions.class);
    aws.setEndpoint(URI.create(System.getenv("PINPIPE_AWS_ENDPOINT")));
    aws.setAwsRegion(Region.US_EAST_1);
    return options;
  }

  /** Every record of a stream, from the start of each shard. */
  private static List<software.amazon.awssdk.services.kinesis.model.Record> readStream(KinesisClient kinesis, String stream) {
    List<software.amazon.awssdk.services.kinesis.model.Record> records = new ArrayList<>();
    for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
        records.addAll(page.records());
        iterator = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return records;
  }

  @Test
  void replayToKinesisSendsEveryRecordOnceKeyedByInd() throws Exception {
    String prefix = newPrefix();
    PostingEmulator.Options options = toKinesis(prefix);
    options.setCreateStreams(true);
    assertEquals(PipelineResult.State.DONE, PostingEmulator.run(options).waitUntilFinish());
    PostGenerator generator = PostGenerator.create(POSTS, SEED);
    try (KinesisClient kinesis = Kinesis.client(options)) {
      for (RecordKind kind : RecordKind.values()) {
        List<software.amazon.awssdk.services.kinesis.model.Record> records =
            readStream(kinesis, Names.stream(prefix, kind));
        assertEquals(POSTS, records.size(), kind + " records");
        for (software.amazon.awssdk.services.kinesis.model.Record record : records) {
          String json = record.data().asUtf8String();
          Row sent = RecordParser.parse(kind, json);
          long ind = sent.getInt64(kind.rawKey());
          assertEquals(String.valueOf(ind), record.partitionKey(), json);
          assertEquals(RecordParser.parse(kind, generator.post((int) ind).json(kind)), sent, json);
        }
      }
    }
  }

  @Test
  void aMissingStreamFailsFastUnlessAskedToCreateIt() throws Exception {
    PostingEmulator.Options options = toKinesis("it-missing-" + UUID.randomUUID().toString().substring(0, 8));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PostingEmulator.run(options));
    assertTrue(error.getMessage().startsWith("--kinesis: stream streaming-it-missing-"), error.getMessage());
    assertTrue(error.getMessage().endsWith("pass --createStreams=true to create it"), error.getMessage());
  }

  @Test
  void aPrefixKafkaCannotNameTopicsWithFailsNamingTheOption() throws Exception {
    PostingEmulator.Options options = emulator("replay", "bad prefix");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PostingEmulator.run(options));
    assertEquals("--topicPrefix=bad prefix: use 1 to 244 letters, digits, '.', '_' or '-' (not '.' or '..' alone)",
        error.getMessage());
  }

  @Test
  void anUnreachableBrokerFailsFastWithOneLine() throws Exception {
    PostingEmulator.Options options = emulator("REPLAY", "it-nobroker");
    options.setKafkaBootstrapServers("127.0.0.1:1");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PostingEmulator.run(options));
    assertEquals("--kafkaBootstrapServers=127.0.0.1:1: no broker answered within 10 s", error.getMessage());
  }
}
