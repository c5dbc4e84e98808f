package dev.pinpipe.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule land and stream commit by: how far written offsets run from the committed one. */
class ContiguousRunTest {
  /** A partition whose offsets 5 and 6 hold no record (a transaction's marker, say). */
  private static final OffsetCommitter BROKER = new OffsetCommitter() {
    @Override
    public void commit(String topic, int partition, long nextOffset) {}

    @Override
    public long nextRecord(String topic, int partition, long offset) {
      return offset == 5 || offset == 6 ? 7 : offset;
    }
  };

  private static void expect(int taken, long next, ContiguousRun.Run run) {
    assertEquals(taken, run.taken, "taken");
    assertEquals(next, run.next, "next");
  }

  @Test
  void takesTheOffsetsThatFollowWithoutAHole() {
    expect(3, 13, ContiguousRun.from(10, List.of(10L, 11L, 12L), ContiguousRun.AtHole.WAIT));
    expect(0, 10, ContiguousRun.from(10, List.of(), ContiguousRun.AtHole.WAIT));
  }

  @Test
  void waitsAtAHoleForTheRecordOnItsWay() {
    expect(2, 12, ContiguousRun.from(10, List.of(10L, 11L, 13L), ContiguousRun.AtHole.WAIT));
    expect(0, 10, ContiguousRun.from(10, List.of(12L), ContiguousRun.AtHole.WAIT));
  }

  @Test
  void stepsOverEveryHoleWhenTheInputIsOver() {
    expect(3, 21, ContiguousRun.from(10, List.of(10L, 15L, 20L), ContiguousRun.AtHole.STEP_OVER));
  }

  @Test
  void stepsOverOnlyTheOffsetsTheBrokerHoldsNoRecordIn() {
    ContiguousRun.AtHole lookUp = ContiguousRun.AtHole.lookUp(BROKER, "t", 0);
    expect(2, 8, ContiguousRun.from(4, List.of(4L, 7L), lookUp));
    // Offset 8 holds a record not written yet: the run stops there, before 9.
    expect(2, 8, ContiguousRun.from(4, List.of(4L, 7L, 9L), lookUp));
  }
}
