package dev.pinpipe.pipelines.common;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * Follows a running pipeline and says how far it got: every {@code every}, while it runs, one
 * line, when the line changed since the last. A run shorter than {@code every} prints nothing;
 * the command's own summary says how it ended.
 */
public final class Progress {
  /** How following ended. */
  public enum End {
    /** The pipeline ended DONE. */
    DONE,
    /** The pipeline ended in another terminal state. */
    FAILED,
    /** The stop condition held; the pipeline may still be running. */
    STOPPED
  }

  /** How often the commands print progress. */
  public static final Duration EVERY = Duration.standardSeconds(5);

  /** How often following looks at the pipeline and the stop condition. */
  private static final Duration POLL = Duration.standardSeconds(1);

  private Progress() {}

  /**
   * Follows {@code result} until it ends or {@code stopWhen} holds (both looked at every second),
   * printing {@code text} every {@code every} when it changed; with {@code done} (items handled so
   * far, or null), followed by their rate since following began, e.g. {@code "; 12,345 lines/s"}.
   */
  public static End follow(PipelineResult result, Duration every, Supplier<String> text,
      LongSupplier done, String unit, Consumer<String> print, BooleanSupplier stopWhen) {
    long start = System.nanoTime();
    long nextPrint = start + every.getMillis() * 1_000_000L;
    String last = "";
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(POLL.isShorterThan(every) ? POLL : every);
      if (state != null && state.isTerminal()) {
        return state == PipelineResult.State.DONE ? End.DONE : End.FAILED;
      }
      if (stopWhen.getAsBoolean()) {
        return End.STOPPED;
      }
      long now = System.nanoTime();
      if (now < nextPrint) {
        continue;
      }
      nextPrint = now + every.getMillis() * 1_000_000L;
      String line = text.get();
      if (!line.equals(last)) {
        print.accept(done == null ? line : String.format("%s; %,d %s/s", line,
            Math.round(done.getAsLong() / Math.max((now - start) / 1e9, 1e-3)), unit));
        last = line;
      }
    }
  }
}
