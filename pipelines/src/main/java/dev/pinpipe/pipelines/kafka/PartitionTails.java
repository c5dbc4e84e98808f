package dev.pinpipe.pipelines.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Instant;

/**
 * What a consumer group had to read when its run started: on each partition, the offset after its
 * last record then, and when the latest of those records arrived. Read from the last records
 * themselves, because transactional producers leave commit markers after them, which hold no
 * record and are never committed past.
 */
public final class PartitionTails {
  /** How many offsets before a partition's end are searched for its last record. */
  private static final int TAIL = 100;

  final GroupCommits commits;
  /** Per partition, the offset after its last record at start; its start offset if it had none to read. */
  final Map<TopicPartition, Long> afterLastRecords;
  /** Per partition, its end offset at start. */
  private final Map<TopicPartition, Long> ends;
  private final Instant latestArrival;

  PartitionTails(GroupCommits commits, Map<TopicPartition, Long> afterLastRecords, Map<TopicPartition, Long> ends,
      Instant latestArrival) {
    this.commits = commits;
    this.afterLastRecords = afterLastRecords;
    this.ends = ends;
    this.latestArrival = latestArrival;
  }

  /** Reads, now, the last records after where {@code commits} says the group starts. */
  public static PartitionTails atStart(KafkaBroker broker, GroupCommits commits) {
    Map<TopicPartition, Long> start = commits.start;
    Map<TopicPartition, Long> ends = broker.offsets(new ArrayList<>(start.keySet()), OffsetSpec.latest());
    Map<TopicPartition, Long> target = new HashMap<>(start);
    List<TopicPartition> unread = new ArrayList<>();
    ends.forEach((partition, end) -> {
      if (end > start.get(partition)) {
        unread.add(partition);
      }
    });
    Instant latest = null;
    Map<String, Object> config = new HashMap<>(KafkaBroker.READ_COMMITTED);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, commits.bootstrapServers);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(unread);
      for (TopicPartition partition : unread) {
        consumer.seek(partition, Math.max(start.get(partition), ends.get(partition) - TAIL));
      }
      long deadline = System.currentTimeMillis() + 60_000;
      while (unread.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("cannot read the topics' last records within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(500))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ends.get(partition)) {
            target.merge(partition, record.offset() + 1, Math::max);
            Instant arrival = new Instant(record.timestamp());
            latest = latest == null || arrival.isAfter(latest) ? arrival : latest;
          }
        }
      }
    }
    return new PartitionTails(commits, target, ends, latest);
  }

  /** The partitions that had no record to read at start. */
  public Set<TopicPartition> idleAtStart() {
    Set<TopicPartition> idle = new HashSet<>();
    afterLastRecords.forEach((partition, after) -> {
      if (after.equals(commits.start.get(partition))) {
        idle.add(partition);
      }
    });
    return idle;
  }

  /** Per partition, the offsets after its last record at start: transaction markers, never read. */
  public Map<TopicPartition, Long> trailingMarkers() {
    Map<TopicPartition, Long> markers = new HashMap<>();
    ends.forEach((partition, end) -> markers.put(partition, Math.max(0, end - afterLastRecords.get(partition))));
    return markers;
  }

  /**
   * When the latest record to read at start arrived (among each partition's last records, whose
   * arrival only grows unless producers' clocks disagree); empty when there was none to read.
   */
  public Optional<Instant> latestArrival() {
    return Optional.ofNullable(latestArrival);
  }
}
