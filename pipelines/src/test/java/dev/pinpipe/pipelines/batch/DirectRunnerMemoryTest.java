package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DirectRunnerMemoryTest {
  private static final long MB = 1 << 20;

  @Test
  void aLakeTheHeapHoldsPasses() {
    DirectRunnerMemory.require("/lake", 200 * MB, 2048 * MB);
  }

  @Test
  void aLakeTooBigForTheHeapFailsInOneLineSayingWhatToDo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DirectRunnerMemory.require("/lake", 300 * MB, 2048 * MB));
    assertEquals("--lakeRoot=/lake: 300 MB of lake (as read: gzip files expanded) is too big for the DirectRunner"
        + " with a 2,048 MB heap (it holds"
        + " the whole run in memory, about 10 times the lake); run it on Spark with --runner=SparkRunner"
        + " --sparkMaster=local[2], or give Java at least 3,000 MB (PINPIPE_JAVA_OPTS=-Xmx...)", e.getMessage());
  }
}
