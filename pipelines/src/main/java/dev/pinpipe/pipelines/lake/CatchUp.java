package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.KafkaBroker;
import dev.pinpipe.pipelines.io.OneLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a landing run once its group has committed every offset that existed at start. */
final class CatchUp {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  private CatchUp() {}

  /** Returns once every record on the topics at start has landed; throws if the pipeline ends first. */
  static PipelineResult await(PipelineResult result, LakeSink.Options options, Map<TopicPartition, Long> ends) {
    String group = LakeSink.groupId(options);
    try (KafkaBroker broker = KafkaBroker.connect(options.getKafkaBootstrapServers())) {
      // A partition the group never committed starts at its earliest offset.
      Map<TopicPartition, Long> earliest = broker.offsets(ends.keySet(), OffsetSpec.earliest());
      Map<TopicPartition, Long> target = afterLastRecords(options.getKafkaBootstrapServers(), earliest, ends);
      while (true) {
        PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(1));
        if (state != null && state.isTerminal()) {
          throw new IllegalStateException("land ended in state " + state + " before catching up");
        }
        if (reached(broker.committed(group), earliest, target)) {
          stop(result);
          return result;
        }
      }
    }
  }

  /**
   * Cancels a pipeline whose work is done: every record it was to land is durable and committed,
   * so an error while stopping (Spark's streaming context may be interrupted mid-microbatch) loses
   * nothing; it is logged, not thrown.
   */
  private static void stop(PipelineResult result) {
    try {
      result.cancel();
    } catch (Exception | LinkageError e) {
      LOG.warn("land caught up; stopping the pipeline then raised {}", OneLine.of(String.valueOf(e)));
    }
  }

  /**
   * Where each partition's commits end once its records up to {@code ends} have landed: after its
   * last record. That is the end offset itself unless transactional producers left commit markers
   * at the end, which hold no record and are never committed past.
   */
  static Map<TopicPartition, Long> afterLastRecords(
      String bootstrapServers, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> target = new HashMap<>(earliest);
    List<TopicPartition> nonEmpty = new ArrayList<>();
    ends.forEach((partition, end) -> {
      if (end > earliest.get(partition)) {
        nonEmpty.add(partition);
      }
    });
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(nonEmpty);
      for (TopicPartition partition : nonEmpty) {
        consumer.seek(partition, Math.max(earliest.get(partition), ends.get(partition) - TAIL));
      }
      long deadline = System.currentTimeMillis() + 60_000;
      while (nonEmpty.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("cannot read the topics' last records within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(500))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ends.get(partition)) {
            target.merge(partition, record.offset() + 1, Math::max);
          }
        }
      }
    }
    return target;
  }

  /** How many offsets before a partition's end are searched for its last record. */
  private static final int TAIL = 100;

  static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
      long landed = committed.getOrDefault(end.getKey(), earliest.get(end.getKey()));
      if (landed < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
