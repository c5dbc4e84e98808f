package dev.pinpipe.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class ArrivalTimePolicyTest {
  private static final Duration DELAY = Duration.standardSeconds(5);
  private static final TopicPartition IDLE = new TopicPartition("t", 0);
  private static final TopicPartition BUSY = new TopicPartition("t", 1);
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  /**
   * At start: nothing to read on IDLE but the commit marker of a transaction read before; 100
   * records to read on BUSY, then its commit marker.
   */
  private static final PartitionTails AT_START = new PartitionTails(
      new GroupCommits("kafka:9092", "group", Map.of(IDLE, 50L, BUSY, 0L)),
      Map.of(IDLE, 50L, BUSY, 100L), Map.of(IDLE, 51L, BUSY, 101L), NOW.minus(Duration.standardMinutes(10)));

  private static TimestampPolicy<byte[], byte[]> policy(TopicPartition partition, Optional<Instant> previous) {
    return ArrivalTimePolicy.factory(DELAY, AT_START).createTimestampPolicy(partition, previous);
  }

  private static TimestampPolicy.PartitionContext backlog(long records) {
    return new TimestampPolicy.PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return records;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return NOW;
      }
    };
  }

  private static KafkaRecord<byte[], byte[]> arrivedAt(Instant arrival) {
    return new KafkaRecord<>("t", 1, 0, arrival.getMillis(), KafkaTimestampType.CREATE_TIME, null, null, new byte[0]);
  }

  @Test
  void aPartitionWithNothingToReadAtStartFollowsTheClockPastItsTrailingMarker() {
    assertEquals(NOW.minus(DELAY), policy(IDLE, Optional.empty()).getWatermark(backlog(1)));
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, policy(IDLE, Optional.empty()).getWatermark(backlog(2)),
        "a record more than the markers at start is something to read");
  }

  @Test
  void aPartitionWithRecordsToReadDoesNotTrustABacklogOfZeroBeforeItsFirstRecord() {
    // Before its first fetch the reader guesses a backlog of 0; the records behind it would all be late.
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, policy(BUSY, Optional.empty()).getWatermark(backlog(0)));
  }

  @Test
  void theMarkersAtStartComeFromTheOffsetsAfterEachPartitionsLastRecord() {
    assertEquals(Map.of(IDLE, 1L, BUSY, 1L), AT_START.trailingMarkers());
    assertEquals(Set.of(IDLE), AT_START.idleAtStart());
  }

  @Test
  void aPartitionBeingReadTrailsItsLatestRecordThenTheClockOnceReadToItsEnd() {
    TimestampPolicy<byte[], byte[]> policy = policy(BUSY, Optional.empty());
    Instant arrival = NOW.minus(Duration.standardMinutes(10));
    assertEquals(arrival, policy.getTimestampForRecord(backlog(100), arrivedAt(arrival)));
    assertEquals(arrival.minus(DELAY), policy.getWatermark(backlog(100)));
    // An earlier arrival does not move the watermark back.
    policy.getTimestampForRecord(backlog(99), arrivedAt(arrival.minus(Duration.standardMinutes(1))));
    assertEquals(arrival.minus(DELAY), policy.getWatermark(backlog(99)));
    assertEquals(NOW.minus(DELAY), policy.getWatermark(backlog(1)), "only the commit marker is left");
  }

  @Test
  void aResumedPartitionKeepsTheWatermarkItEarned() {
    Instant earned = NOW.minus(Duration.standardMinutes(1));
    assertEquals(earned, policy(BUSY, Optional.of(earned)).getWatermark(backlog(10)));
    assertEquals(NOW.minus(DELAY), policy(BUSY, Optional.of(earned)).getWatermark(backlog(0)));
  }
}
