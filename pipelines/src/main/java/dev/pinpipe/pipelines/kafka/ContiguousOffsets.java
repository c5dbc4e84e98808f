package dev.pinpipe.pipelines.kafka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import org.apache.kafka.common.TopicPartition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Per Kafka partition, the offsets written to Delta, and how far from the start of the run they
 * run without a hole: only that far may the consumer group's offset be committed. Records of one
 * partition reach the writer out of order (through different steps and bundles: a rejected record
 * takes a longer way than a clean one), so the highest offset written is not enough; committing
 * past a record still on its way would lose it if the stream then stopped.
 *
 * <p>A hole that is still there at the next flush is asked about: offsets that hold no record
 * (transaction markers, compacted or expired records) are stepped over ({@link ContiguousRun}, the
 * rule {@code land} follows too).
 */
public final class ContiguousOffsets implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final Map<TopicPartition, TreeSet<Long>> written = new HashMap<>();
  private final Map<TopicPartition, Long> holeSeenAt = new HashMap<>();

  /** The record at {@code offset} of {@code topic}'s {@code partition} is in Delta. */
  public void written(String topic, int partition, long offset) {
    written.computeIfAbsent(new TopicPartition(topic, partition), k -> new TreeSet<>()).add(offset);
  }

  /**
   * Moves each partition's next offset over the written offsets that follow it without a hole,
   * and commits the partitions that moved; true when written offsets still wait behind a hole.
   */
  public boolean advanceAndCommit(OffsetCommitter committer) {
    boolean holes = false;
    Map<TopicPartition, Long> moved = new LinkedHashMap<>();
    for (Map.Entry<TopicPartition, TreeSet<Long>> partition : written.entrySet()) {
      TopicPartition key = partition.getKey();
      String topic = key.topic();
      int number = key.partition();
      long before = next.computeIfAbsent(key, k -> committer.start(topic, number));
      TreeSet<Long> offsets = partition.getValue();
      offsets.headSet(before).clear(); // read again: in Delta already
      // A hole is likely a record on its way: looked at again at the next flush, and only then asked about.
      ContiguousRun.AtHole lookUp = ContiguousRun.AtHole.lookUp(committer, topic, number);
      ContiguousRun.Run run = ContiguousRun.from(before, new ArrayList<>(offsets), (at, nextWritten) -> {
        if (Long.valueOf(at).equals(holeSeenAt.get(key))) {
          return lookUp.goOnFrom(at, nextWritten);
        }
        holeSeenAt.put(key, at);
        return at;
      });
      long at = run.next;
      offsets.headSet(at).clear();
      if (at != before) {
        next.put(key, at);
        moved.put(key, at);
      }
      holes |= !offsets.isEmpty();
    }
    moved.forEach((key, at) -> committer.commit(key.topic(), key.partition(), at));
    return holes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContiguousOffsets && next.equals(((ContiguousOffsets) other).next)
        && written.equals(((ContiguousOffsets) other).written)
        && holeSeenAt.equals(((ContiguousOffsets) other).holeSeenAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(next, written, holeSeenAt);
  }
}
