package dev.pinpipe.pipelines.common;

/**
 * Options a command cannot run without. The shared option interfaces leave them optional, since
 * another command may do without, so each command checks its own here, first.
 */
public final class Required {
  private Required() {}

  /** {@code value}, or a one-line error naming the option and what it is for. */
  public static String option(String value, String option, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " is required: " + what);
    }
    return value;
  }
}
