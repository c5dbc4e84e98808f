package dev.pinpipe.pipelines.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Stamps each Kafka record with its arrival (the record's timestamp: its create time, or the
 * broker's append time if the topic says so); a partition's watermark runs {@code delay} behind
 * the latest arrival read, and {@code delay} behind the clock while the partition has nothing
 * more to read.
 *
 * <p>Beam's own {@code withCreateTime} policy never moves the watermark of a partition it has read
 * no record from, so one partition with nothing new held every window of a restarted stream open
 * for ever. This one lets such a partition's watermark follow the clock, but only where the
 * partition is known to be read to its end: either it held nothing to read when the run started
 * ({@code idleAtStart}, from the broker), or a record has been read from it (until then the
 * reader's backlog is a guess of 0, and trusting it would make the whole backlog late).
 *
 * <p>Read to its end means a backlog no larger than the partition's trailing markers at start:
 * transactional producers leave a commit marker after their records, which takes an offset, is
 * never read, and so stays in the reader's backlog.
 */
public final class ArrivalTimePolicy extends TimestampPolicy<byte[], byte[]> {
  private final Duration delay;
  private final boolean idleAtStart;
  private final long markers;
  private Instant latestArrival = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant watermark;

  ArrivalTimePolicy(Duration delay, boolean idleAtStart, long markers, Optional<Instant> previousWatermark) {
    this.delay = delay;
    this.idleAtStart = idleAtStart;
    this.markers = markers;
    this.watermark = previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  /** The policy of each partition, from what it had to read at start. */
  public static TimestampPolicyFactory<byte[], byte[]> factory(Duration delay, PartitionTails atStart) {
    Set<TopicPartition> idle = atStart.idleAtStart();
    Map<TopicPartition, Long> markers = atStart.trailingMarkers();
    return (partition, previousWatermark) -> new ArrivalTimePolicy(
        delay, idle.contains(partition), markers.getOrDefault(partition, 0L), previousWatermark);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext context, KafkaRecord<byte[], byte[]> record) {
    Instant arrival = new Instant(record.getTimestamp());
    if (arrival.isAfter(latestArrival)) {
      latestArrival = arrival;
    }
    return arrival;
  }

  @Override
  public Instant getWatermark(PartitionContext context) {
    // A policy is made anew each time the reader resumes a partition: a watermark above the
    // minimum was earned by reading it (or by its having been idle at start) earlier.
    boolean readToItsEnd = idleAtStart || latestArrival.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)
        || watermark.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE);
    Instant next = context.getMessageBacklog() <= markers && readToItsEnd
        ? context.getBacklogCheckTime().minus(delay)
        : latestArrival.minus(delay);
    if (next.isAfter(watermark)) {
      watermark = next;
    }
    return watermark;
  }
}
