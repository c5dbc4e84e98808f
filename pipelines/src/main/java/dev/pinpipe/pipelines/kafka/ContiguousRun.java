package dev.pinpipe.pipelines.kafka;

import java.util.List;

/**
 * The one rule by which {@code land} and {@code stream} decide how far a partition is durably
 * written, so how far its consumer group's offset may be committed: from the committed offset,
 * over the offsets written since, as long as they follow each other without a hole. Records of a
 * partition reach a writer out of order, so a hole is most often a record still on its way; but
 * some offsets hold no record (transaction markers, compacted or expired records), and a hole that
 * stays is asked about, and stepped over when the broker has nothing there. What to do at a hole
 * is the caller's ({@link AtHole}); the walk is the same.
 */
public final class ContiguousRun {
  /** What a walk does at a hole: where to go on from {@code at}, or {@code at} itself to stop there. */
  public interface AtHole {
    /**
     * The offset the run goes on from, given that {@code at} was not written and {@code nextWritten}
     * is the next offset that was; {@code at} to stop at the hole.
     */
    long goOnFrom(long at, long nextWritten);

    /** Stops at every hole: the record is surely on its way. */
    AtHole WAIT = (at, nextWritten) -> at;

    /** Steps over every hole: the input is over, so nothing more comes. */
    AtHole STEP_OVER = (at, nextWritten) -> nextWritten;

    /** Steps over a hole the broker holds no record in, and stops at one it does. */
    static AtHole lookUp(OffsetCommitter broker, String topic, int partition) {
      return (at, nextWritten) -> broker.nextRecord(topic, partition, at);
    }
  }

  /** The end of a walk: how many of the written offsets it took, and the offset after them. */
  public static final class Run {
    public final int taken;
    public final long next;

    Run(int taken, long next) {
      this.taken = taken;
      this.next = next;
    }
  }

  private ContiguousRun() {}

  /**
   * Walks {@code written} (ascending, distinct, none below {@code from}) from {@code from}: takes
   * each offset that follows the run without a hole, and at a hole does what {@code atHole} says.
   */
  public static Run from(long from, List<Long> written, AtHole atHole) {
    long at = from;
    int taken = 0;
    while (taken < written.size()) {
      long offset = written.get(taken);
      if (offset == at) {
        taken++;
        at++;
        continue;
      }
      long next = Math.min(atHole.goOnFrom(at, offset), offset);
      if (next <= at) {
        break; // a record is there, still on its way
      }
      at = next;
    }
    return new Run(taken, at);
  }
}
