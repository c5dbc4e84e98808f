package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.KafkaBroker;
import dev.pinpipe.pipelines.io.OneLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a landing run once its group has committed every offset that existed at start. What it
 * landed is read from the commits, not from the pipeline's counters: the counters of the bundle
 * that wrote the last files may not be reported yet when the pipeline is cancelled.
 */
public final class CatchUp {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  /** How many offsets before a partition's end are searched for its last record. */
  private static final int TAIL = 100;

  /** What a catch-up run landed. */
  public static final class Landed {
    /** Offsets committed by the run: its records, plus any transaction markers among them. */
    public final long offsets;
    public final int partitions;

    Landed(long offsets, int partitions) {
      this.offsets = offsets;
      this.partitions = partitions;
    }
  }

  private final String bootstrapServers;
  private final String group;
  private final Map<TopicPartition, Long> start;
  private final Map<TopicPartition, Long> target;

  private CatchUp(String bootstrapServers, String group, Map<TopicPartition, Long> start, Map<TopicPartition, Long> target) {
    this.bootstrapServers = bootstrapServers;
    this.group = group;
    this.start = start;
    this.target = target;
  }

  /** Notes, before landing starts, where each partition starts and where it must get to. */
  static CatchUp plan(KafkaBroker broker, LakeSink.Options options, List<TopicPartition> partitions) {
    String group = LakeSink.groupId(options);
    Map<TopicPartition, Long> ends = broker.offsets(partitions, OffsetSpec.latest());
    // Landing resumes at the group's commit, or at the earliest offset if it has none or
    // retention has deleted what it points at.
    Map<TopicPartition, Long> start = broker.offsets(partitions, OffsetSpec.earliest());
    broker.committed(group).forEach((partition, offset) -> start.computeIfPresent(partition, (p, earliest) -> Math.max(earliest, offset)));
    Map<TopicPartition, Long> target = afterLastRecords(options.getKafkaBootstrapServers(), start, ends);
    return new CatchUp(options.getKafkaBootstrapServers(), group, start, target);
  }

  /** Returns once every record on the topics at start has landed; throws if the pipeline ends first. */
  Landed await(PipelineResult result) {
    try (KafkaBroker broker = KafkaBroker.connect(bootstrapServers)) {
      while (true) {
        PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(1));
        if (state != null && state.isTerminal()) {
          throw new IllegalStateException("land ended in state " + state + " before catching up");
        }
        Map<TopicPartition, Long> committed = broker.committed(group);
        if (reached(committed, start, target)) {
          stop(result);
          long offsets = 0;
          for (Map.Entry<TopicPartition, Long> partition : start.entrySet()) {
            offsets += committed.getOrDefault(partition.getKey(), partition.getValue()) - partition.getValue();
          }
          return new Landed(offsets, start.size());
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
      String bootstrapServers, Map<TopicPartition, Long> start, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> target = new HashMap<>(start);
    List<TopicPartition> unlanded = new ArrayList<>();
    ends.forEach((partition, end) -> {
      if (end > start.get(partition)) {
        unlanded.add(partition);
      }
    });
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(unlanded);
      for (TopicPartition partition : unlanded) {
        consumer.seek(partition, Math.max(start.get(partition), ends.get(partition) - TAIL));
      }
      long deadline = System.currentTimeMillis() + 60_000;
      while (unlanded.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
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

  static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
      if (committed.getOrDefault(end.getKey(), start.get(end.getKey())) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
