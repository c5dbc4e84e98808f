package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinpipe.pipelines.DeltaTestTables;
import java.nio.file.Path;
import java.util.Optional;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catch-up run's mark, read back from the Delta log by the run's own start, whatever else the table holds. */
class CatchUpMarkTest {
  @TempDir Path tmp;

  @Test
  void aRunIsMarkedOnceItsWriterSaysSoWithItsLatestArrivalOrNone() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    TableSpec rejected = TableSpec.rejected("t");
    CatchUpMark first = CatchUpMark.of(storage, rejected, Instant.parse("2026-12-07T10:00:00Z"));
    CatchUpMark second = CatchUpMark.of(storage, rejected, Instant.parse("2026-12-07T10:05:00Z"));
    assertEquals(Optional.empty(), first.read(), "no table yet");

    Instant latest = Instant.parse("2026-12-07T09:59:58.123Z");
    first.write(storage.table(rejected.name), Optional.of(latest));
    assertEquals(Optional.of(Optional.of(latest)), first.read());
    assertEquals(Optional.empty(), second.read(), "another run's mark");

    second.write(storage.table(rejected.name), Optional.empty());
    assertEquals(Optional.of(Optional.empty()), second.read(), "caught up on nothing");
    assertEquals(Optional.of(Optional.of(latest)), first.read());
    assertEquals(0, DeltaTestTables.rows(storage, rejected.name, rejected.schema).size(), "marks add no rows");
  }
}
