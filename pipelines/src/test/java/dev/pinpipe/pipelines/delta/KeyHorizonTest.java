package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class KeyHorizonTest {
  private static final long MINUTE = 60_000;
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private KeyHorizon tenMinutes() {
    return new KeyHorizon(Duration.standardMinutes(10), clock::get);
  }

  @Test
  void aFilesKeysAreForgottenOnceTheTableAndTheClockAreBothAHorizonPastIt() {
    KeyHorizon horizon = tenMinutes();
    horizon.add(0, List.of(1L, 2L));
    clock.addAndGet(11 * MINUTE);
    horizon.add(5 * MINUTE, List.of(3L));
    assertTrue(horizon.contains(1L), "a file 5 minutes older than the newest is held");
    horizon.add(10 * MINUTE, List.of(4L));
    assertTrue(horizon.contains(1L), "exactly a horizon older: still held");
    horizon.add(10 * MINUTE + 1, List.of(5L));
    assertFalse(horizon.contains(1L));
    assertFalse(horizon.contains(2L));
    assertTrue(horizon.contains(3L));
    assertEquals(3, horizon.size());
  }

  @Test
  void keysAreHeldAHorizonOfTheClockEvenWhenArrivalsRaceAhead() {
    // A start after a stop: the first commits hold records that arrived long after the last
    // commit before the stop, whose keys records read again after a crash are checked against.
    KeyHorizon horizon = tenMinutes();
    horizon.add(0, List.of(1L));
    horizon.add(120 * MINUTE, List.of(2L));
    assertTrue(horizon.contains(1L));
    clock.addAndGet(10 * MINUTE + 1);
    horizon.add(121 * MINUTE, List.of(3L));
    assertFalse(horizon.contains(1L), "both past the horizon now");
    assertTrue(horizon.contains(2L));
  }

  @Test
  void aKeyWrittenAgainAfterItsHorizonStaysWithItsNewerFile() {
    KeyHorizon horizon = tenMinutes();
    horizon.add(0, List.of(1L));
    clock.addAndGet(20 * MINUTE);
    horizon.add(15 * MINUTE, List.of(1L, 2L)); // 1 again: the first file is forgotten as this one comes
    assertTrue(horizon.contains(1L), "the older file's going does not take the key the newer holds");
    assertTrue(horizon.contains(2L));
  }

  @Test
  void aStartReadsOnlyTheFilesWithinTheHorizonOfTheNewest() {
    KeyHorizon horizon = tenMinutes();
    horizon.seen(0);
    horizon.seen(60 * MINUTE);
    assertFalse(horizon.within(49 * MINUTE));
    assertTrue(horizon.within(50 * MINUTE));
  }

  @Test
  void aZeroHorizonHoldsKeysForGood() {
    KeyHorizon forGood = new KeyHorizon(Duration.ZERO, clock::get);
    forGood.add(0, List.of(1L));
    clock.addAndGet(1_000 * MINUTE);
    forGood.add(1_000 * MINUTE, List.of(2L));
    forGood.seen(2_000 * MINUTE);
    assertTrue(forGood.contains(1L));
    assertTrue(forGood.within(0));
  }
}
