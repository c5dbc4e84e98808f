package dev.pinpipe.pipelines.delta;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.joda.time.Duration;

/**
 * The keys of a table that the stream's writer checks new rows against, each held for a horizon:
 * a file's keys are forgotten once the table holds a file whose records arrived {@code horizon}
 * after the file's newest record, and the writer has held them for {@code horizon} too. Memory
 * holds the keys of about one horizon of writing, however large the table grows.
 *
 * <p>Arrival time rather than the wall clock alone, so that a writer that starts after a long stop
 * holds the keys of the last horizon written; the wall clock as well, so that a start's first
 * commits, which may hold records that arrived much later than the last commit before the stop,
 * do not forget the keys that records read again after a crash are checked against.
 */
final class KeyHorizon {
  private static final Written FOR_GOOD = new Written(Long.MAX_VALUE, Long.MAX_VALUE, new Object[0]);
  private final long horizonMillis;
  private final LongSupplier clock;
  /** Each key, with the newest file that holds it (a key written again after its horizon is in two). */
  private final Map<Object, Written> keys = new HashMap<>();
  private final ArrayDeque<Written> files = new ArrayDeque<>();
  private long newest = Long.MIN_VALUE;

  /** The keys of one file, when its newest record arrived, and since when they are held. */
  private static final class Written {
    final long arrived;
    final long heldSince;
    final Object[] keys;

    Written(long arrived, long heldSince, Object[] keys) {
      this.arrived = arrived;
      this.heldSince = heldSince;
      this.keys = keys;
    }
  }

  /** {@code horizon}: null or zero for keys held for good. */
  KeyHorizon(Duration horizon, LongSupplier clock) {
    this.horizonMillis = horizon == null || horizon.getMillis() <= 0 ? Long.MAX_VALUE : horizon.getMillis();
    this.clock = clock;
  }

  /** Notes that the table has a file whose newest record arrived at {@code arrived}, before its keys are read. */
  void seen(long arrived) {
    newest = Math.max(newest, arrived);
  }

  /** Whether the keys of a file whose newest record arrived at {@code arrived} are to be held. */
  boolean within(long arrived) {
    return horizonMillis == Long.MAX_VALUE || arrived >= newest - horizonMillis;
  }

  boolean contains(Object key) {
    return keys.containsKey(key);
  }

  /** Adds the keys of a file whose newest record arrived at {@code arrived}, then forgets those past the horizon. */
  void add(long arrived, Collection<Object> fileKeys) {
    if (horizonMillis == Long.MAX_VALUE) {
      fileKeys.forEach(key -> keys.put(key, FOR_GOOD));
      return;
    }
    long now = clock.getAsLong();
    Written file = new Written(arrived, now, fileKeys.toArray());
    for (Object key : file.keys) {
      keys.put(key, file);
    }
    // Files come about in the order written; one that comes late waits behind a newer one, so it
    // is forgotten late, never early.
    files.addLast(file);
    seen(arrived);
    while (!files.isEmpty() && !within(files.peekFirst().arrived) && files.peekFirst().heldSince < now - horizonMillis) {
      Written old = files.removeFirst();
      for (Object key : old.keys) {
        keys.remove(key, old);
      }
    }
  }

  int size() {
    return keys.size();
  }
}
