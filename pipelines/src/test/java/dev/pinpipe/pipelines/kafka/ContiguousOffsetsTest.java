package dev.pinpipe.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Offsets are committed only as far as every record before them is written. */
class ContiguousOffsetsTest {
  /** A partition "t" 0 whose run starts at {@code start}; offsets in {@code noRecord} hold none. */
  private static final class Partition implements OffsetCommitter {
    final long start;
    final Set<Long> noRecord;
    final List<Long> commits = new ArrayList<>();
    int lookups;

    Partition(long start, Set<Long> noRecord) {
      this.start = start;
      this.noRecord = noRecord;
    }

    @Override
    public void commit(String topic, int partition, long nextOffset) {
      commits.add(nextOffset);
    }

    @Override
    public long start(String topic, int partition) {
      return start;
    }

    @Override
    public long nextRecord(String topic, int partition, long offset) {
      lookups++;
      while (noRecord.contains(offset)) {
        offset++;
      }
      return offset;
    }
  }

  @Test
  void aRecordStillOnItsWayHoldsTheCommitBack() {
    Partition partition = new Partition(10, Set.of());
    ContiguousOffsets offsets = new ContiguousOffsets();
    for (long offset : new long[] {10, 11, 13, 14}) { // 12 is a rejected record, still on its way
      offsets.written("t", 0, offset);
    }
    assertTrue(offsets.advanceAndCommit(partition));
    assertEquals(List.of(12L), partition.commits);
    assertTrue(offsets.advanceAndCommit(partition), "the record is there: wait");
    assertEquals(1, partition.lookups);
    offsets.written("t", 0, 12);
    offsets.written("t", 0, 11); // read again after a restart: in Delta already
    assertFalse(offsets.advanceAndCommit(partition));
    assertEquals(List.of(12L, 15L), partition.commits);
  }

  @Test
  void offsetsWithoutARecordAreSteppedOverOnceTheHoleStays() {
    Partition partition = new Partition(0, Set.of(2L, 3L)); // a transaction's markers, say
    ContiguousOffsets offsets = new ContiguousOffsets();
    for (long offset : new long[] {0, 1, 4}) {
      offsets.written("t", 0, offset);
    }
    assertTrue(offsets.advanceAndCommit(partition));
    assertEquals(0, partition.lookups, "a new hole is first waited for");
    assertFalse(offsets.advanceAndCommit(partition));
    assertEquals(List.of(2L, 5L), partition.commits);
  }

  @Test
  void nothingWrittenCommitsNothing() {
    Partition partition = new Partition(7, Set.of());
    assertFalse(new ContiguousOffsets().advanceAndCommit(partition));
    assertEquals(List.of(), partition.commits);
  }
}
