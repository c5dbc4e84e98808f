package dev.pinpipe.pipelines.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer group's run started on each partition, and how many offsets the group has
 * committed since: what the run handled durably, read from the broker, so it does not depend on
 * the runner reporting metrics while it runs (Flink reports none).
 */
public final class GroupCommits {
  final String bootstrapServers;
  final String group;
  final Map<TopicPartition, Long> start;

  GroupCommits(String bootstrapServers, String group, Map<TopicPartition, Long> start) {
    this.bootstrapServers = bootstrapServers;
    this.group = group;
    this.start = start;
  }

  /** Notes where {@code group} starts reading {@code partitions}, before its run starts. */
  public static GroupCommits atStart(KafkaBroker broker, String bootstrapServers, String group,
      List<TopicPartition> partitions) {
    // Reading resumes at the group's commit, or at the earliest offset if it has none or
    // retention has deleted what it points at.
    Map<TopicPartition, Long> start = broker.offsets(partitions, OffsetSpec.earliest());
    broker.committed(group).forEach((partition, offset) -> start.computeIfPresent(partition, (p, earliest) -> Math.max(earliest, offset)));
    return new GroupCommits(bootstrapServers, group, start);
  }

  /** Offsets committed since the start, from a new look at the broker. */
  public long sinceStart() {
    try (KafkaBroker broker = KafkaBroker.connect(bootstrapServers)) {
      return sinceStart(broker.committed(group));
    }
  }

  /** Offsets committed since the start, by these commits of the group. */
  long sinceStart(Map<TopicPartition, Long> committed) {
    long offsets = 0;
    for (Map.Entry<TopicPartition, Long> partition : start.entrySet()) {
      offsets += Math.max(0, committed.getOrDefault(partition.getKey(), partition.getValue()) - partition.getValue());
    }
    return offsets;
  }
}
