package dev.pinpipe.pipelines.land;

import dev.pinpipe.pipelines.lake.TopicsAndLake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** land from the local stack's Kafka broker to a lake on its S3 server. */
@Timeout(300)
public class LakeSinkIT {
  private static String bucket;

  @BeforeAll
  public static void createBucket() {
    bucket = LocalStack.newBucket();
  }

  public static LakeSink.Options landing(String prefix, String lakeRoot) {
    LakeSink.Options options = LocalStack.onLocalS3(PipelineOptionsFactory.as(LakeSink.Options.class));
    options.setKafkaBootstrapServers(LocalStack.kafka());
    options.setTopicPrefix(prefix);
    options.setLakeRoot(lakeRoot);
    options.setFlushSize(250);
    options.setRotateIntervalSeconds(2);
    options.setExitWhenCaughtUp(true);
    return options;
  }

  @Test
  void landsEveryRecordOnceAndResumesFromTheCommittedOffsets() throws Exception {
    String prefix = LocalStack.unique("it-land");
    TopicsAndLake.createTopics(prefix, 3);
    TopicsAndLake.produce(prefix, 0, 1_200, 1);

    LakeSink.Landing first = LakeSink.run(landing(prefix, "s3://" + bucket + "/" + prefix));
    assertEquals(PipelineResult.State.CANCELLED, first.result.getState());
    assertEquals(3 * 1_200 + 2, first.caughtUp.get().offsets);
    assertEquals(9, first.caughtUp.get().partitions);
    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);

    // More posts arrive; the next run lands only those, after the files already there.
    TopicsAndLake.produce(prefix, 1_200, 500, 2);
    LakeSink.Landing second = LakeSink.run(landing(prefix, "s3://" + bucket + "/" + prefix));
    assertEquals(3 * 500 + 2, second.caughtUp.get().offsets);
    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);
  }

  @Test
  void catchesUpWhenATransactionsCommitMarkerEndsThePartition() throws Exception {
    String prefix = LocalStack.unique("it-txn");
    TopicsAndLake.createTopics(prefix, 1);
    Properties config = new Properties();
    config.put("bootstrap.servers", LocalStack.kafka());
    config.put("transactional.id", prefix);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(prefix + ".pin", "{\"pin\":" + i + "}"));
      }
      producer.commitTransaction();
    }
    // Offsets 0-9 hold the records and 10 the commit marker, which is never committed past.
    LakeSink.Landing landing = LakeSink.run(landing(prefix, "s3://" + bucket + "/" + prefix));
    assertEquals(PipelineResult.State.CANCELLED, landing.result.getState());
    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);
  }

  @Test
  void recordsOfARolledBackTransactionNeverLand() throws Exception {
    String prefix = LocalStack.unique("it-abort");
    TopicsAndLake.createTopics(prefix, 2);
    List<ProducerRecord<String, String>> committed = new ArrayList<>();
    List<ProducerRecord<String, String>> rolledBack = new ArrayList<>();
    for (String kind : List.of("pin", "geo", "user")) {
      for (int i = 0; i < 50; i++) {
        committed.add(new ProducerRecord<>(prefix + "." + kind, "{\"" + kind + "\":" + i + "}"));
        rolledBack.add(new ProducerRecord<>(prefix + "." + kind, "{\"" + kind + "\":\"rolled back " + i + "\"}"));
      }
    }
    TopicsAndLake.produceInTransactions(prefix, List.of(
        Map.entry(true, committed.subList(0, 75)), Map.entry(false, rolledBack),
        Map.entry(true, committed.subList(75, 150))));

    LakeSink.Landing landing = LakeSink.run(landing(prefix, "s3://" + bucket + "/" + prefix));
    assertEquals(PipelineResult.State.CANCELLED, landing.result.getState());
    TopicsAndLake.assertLakeHoldsEveryRecordOnce(prefix, bucket, prefix);
    List<String> landed = new ArrayList<>();
    try (S3Client s3 = LocalStack.s3()) {
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix + "/")).contents()) {
        landed.addAll(List.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key()))
            .asString(StandardCharsets.UTF_8).split("\n")));
      }
    }
    assertEquals(3 * 50, landed.size(), "the committed records, each once");
    assertTrue(landed.stream().noneMatch(line -> line.contains("rolled back")), "a rolled-back record landed");
  }

  @Test
  void anUnreachableBrokerFailsFastWithOneLine() {
    LakeSink.Options options = landing("it-nobroker", "s3://" + bucket + "/nobroker");
    options.setKafkaBootstrapServers("127.0.0.1:1");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LakeSink.run(options));
    assertEquals("--kafkaBootstrapServers=127.0.0.1:1: no broker answered within 10 s", error.getMessage());
  }

  @Test
  void aPrefixWithoutTopicsFailsFastNamingTheOption() {
    String prefix = LocalStack.unique("it-none");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> LakeSink.run(landing(prefix, "s3://" + bucket + "/none")));
    assertEquals("--topicPrefix=" + prefix + ": no topics " + prefix + ".* on " + LocalStack.kafka()
        + "; run emulate first", error.getMessage());
  }

  @Test
  void aMissingBucketFailsFastNamingTheOption() {
    String missing = "s3://" + LocalStack.unique("no-such-bucket") + "/lake";
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> LakeSink.run(landing("it-nobucket", missing)));
    assertTrue(error.getMessage().startsWith("--lakeRoot=" + missing + ": cannot list it: "), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
  }
}
