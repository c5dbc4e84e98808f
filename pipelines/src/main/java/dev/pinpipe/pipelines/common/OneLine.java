package dev.pinpipe.pipelines.common;

/** Turns exceptions into the one-line messages that configuration errors print. */
public final class OneLine {
  private OneLine() {}

  /**
   * The first line of {@code message} ({@code "null"} for none), its control characters escaped
   * (a message may quote the data: a file name, a value).
   */
  public static String of(String message) {
    return ConsoleText.of(String.valueOf(message).split("\n", 2)[0]);
  }

  /** The innermost cause of {@code error}, which usually says what really went wrong. */
  public static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
