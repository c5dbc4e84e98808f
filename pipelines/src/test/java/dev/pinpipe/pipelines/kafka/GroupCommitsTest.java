package dev.pinpipe.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What a run handled is what its group committed past where the run started, partition by partition. */
class GroupCommitsTest {
  private static final TopicPartition PIN = new TopicPartition("p.pin", 0);
  private static final TopicPartition GEO = new TopicPartition("p.geo", 1);
  private final GroupCommits commits = new GroupCommits("127.0.0.1:1", "g", Map.of(PIN, 100L, GEO, 0L));

  @Test
  void countsTheOffsetsCommittedPastEachPartitionsStart() {
    assertEquals(50 + 7, commits.sinceStart(Map.of(PIN, 150L, GEO, 7L)));
  }

  @Test
  void aPartitionWithoutANewCommitCountsNothing() {
    assertEquals(0, commits.sinceStart(Map.of()));
    assertEquals(7, commits.sinceStart(Map.of(PIN, 100L, GEO, 7L)));
  }

  @Test
  void aCommitBehindTheStartCountsNothing() {
    // Retention deleted the records before 100: the run starts there, not at the older commit.
    assertEquals(0, commits.sinceStart(Map.of(PIN, 40L)));
  }

  @Test
  void partitionsOutsideTheRunAreNotCounted() {
    assertEquals(0, commits.sinceStart(Map.of(new TopicPartition("other.pin", 0), 500L)));
  }
}
