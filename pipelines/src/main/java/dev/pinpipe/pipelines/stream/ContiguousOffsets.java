package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.io.OffsetCommitter;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Per Kafka partition, the offsets written to Delta, and how far from the start of the run they
 * run without a hole: only that far may the consumer group's offset be committed. Records of one
 * partition reach the writer out of order (through different steps and bundles: a rejected record
 * takes a longer way than a clean one), so the highest offset written is not enough; committing
 * past a record still on its way would lose it if the stream then stopped.
 *
 * <p>A hole that is still there at the next flush is asked about: offsets that hold no record
 * (transaction markers, compacted or expired records) are stepped over.
 */
final class ContiguousOffsets implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final Map<TopicPartition, TreeSet<Long>> written = new HashMap<>();
  private final Map<TopicPartition, Long> holeSeenAt = new HashMap<>();

  /** The record at {@code offset} of {@code topic}'s {@code partition} is in Delta. */
  void written(String topic, int partition, long offset) {
    written.computeIfAbsent(new TopicPartition(topic, partition), k -> new TreeSet<>()).add(offset);
  }

  /**
   * Moves each partition's next offset over the written offsets that follow it without a hole,
   * and commits the partitions that moved; true when written offsets still wait behind a hole.
   */
  boolean advanceAndCommit(OffsetCommitter committer) {
    boolean holes = false;
    for (Map.Entry<TopicPartition, TreeSet<Long>> entry : written.entrySet()) {
      TopicPartition partition = entry.getKey();
      long before = next.computeIfAbsent(partition, p -> committer.start(p.topic(), p.partition()));
      long at = before;
      TreeSet<Long> offsets = entry.getValue();
      while (true) {
        offsets.headSet(at).clear(); // read again: in Delta already
        if (offsets.isEmpty()) {
          break;
        }
        if (offsets.first() == at) {
          offsets.pollFirst();
          at++;
          continue;
        }
        if (!Long.valueOf(at).equals(holeSeenAt.get(partition))) {
          holeSeenAt.put(partition, at); // likely a record on its way: look again at the next flush
          break;
        }
        long record = committer.nextRecord(partition.topic(), partition.partition(), at);
        if (record <= at) {
          break; // a record is there, still on its way
        }
        at = record;
      }
      if (at != before) {
        next.put(partition, at);
        committer.commit(partition.topic(), partition.partition(), at);
      }
      holes |= !offsets.isEmpty();
    }
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
