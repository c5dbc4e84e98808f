package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;

/** Runs a Delta commit again, with a doubling pause, when it fails with an IOException. */
public final class Retrying {
  /** Attempts of one commit; with the first pause of one second, the last comes about half a minute on. */
  public static final int ATTEMPTS = 6;
  private static final long FIRST_BACKOFF_MILLIS = 1_000;

  /** One attempt. */
  public interface Attempt {
    void run() throws IOException;
  }

  private Retrying() {}

  /** Runs {@code attempt} until it succeeds or {@link #ATTEMPTS} have failed; {@code what} names it in the error. */
  public static void run(String what, Counter retries, Attempt attempt) throws IOException, InterruptedException {
    run(what, retries, attempt, () -> false);
  }

  /** Whether a commit that failed happened all the same (delta-standalone can throw after it saved one). */
  public interface Happened {
    boolean check();
  }

  /** The same, asking {@code happened} after each failure before trying again. */
  public static void run(String what, Counter retries, Attempt attempt, Happened happened)
      throws IOException, InterruptedException {
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int n = 1; ; n++) {
      try {
        attempt.run();
        return;
      } catch (IOException e) {
        if (happened.check()) {
          return;
        }
        if (n == ATTEMPTS) {
          throw new IOException("gave up " + what + " after " + ATTEMPTS + " attempts: " + e.getMessage(), e);
        }
        retries.inc();
        Thread.sleep(backoff);
        backoff *= 2;
      }
    }
  }
}
