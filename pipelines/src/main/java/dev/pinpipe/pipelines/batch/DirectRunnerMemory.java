package dev.pinpipe.pipelines.batch;

/**
 * The DirectRunner keeps a whole bounded run in memory: the lake's lines and every step's output
 * until the steps after it have read them. {@code batch} refuses, before it reads anything, a lake
 * too big for the heap it has, rather than failing with an OutOfMemoryError deep in the run.
 */
final class DirectRunnerMemory {
  /**
   * Heap per byte of lake that a run needs to go at full speed (measured: 100,000 posts, 92 MB,
   * take 35 s with a 1 GB heap and 102 s with 512 MB; 600,000 posts, 552 MB, take 244 s with the
   * default 6 GB heap, all of which they use).
   */
  static final long HEAP_PER_LAKE_BYTE = 10;

  private DirectRunnerMemory() {}

  /** Fails in one line naming {@code --lakeRoot} when {@code lakeBytes} need more than {@code maxHeap}. */
  static void require(String lakeRoot, long lakeBytes, long maxHeap) {
    if (lakeBytes * HEAP_PER_LAKE_BYTE > maxHeap) {
      throw new IllegalArgumentException(String.format(
          "--lakeRoot=%s: %,d MB of lake (as read: gzip files expanded) is too big for the DirectRunner"
              + " with a %,d MB heap (it holds the"
              + " whole run in memory, about %d times the lake); run it on Spark with --runner=SparkRunner"
              + " --sparkMaster=local[2], or give Java at least %,d MB (PINPIPE_JAVA_OPTS=-Xmx...)",
          lakeRoot, megabytes(lakeBytes), megabytes(maxHeap), HEAP_PER_LAKE_BYTE,
          megabytes(lakeBytes * HEAP_PER_LAKE_BYTE)));
    }
  }

  private static long megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
